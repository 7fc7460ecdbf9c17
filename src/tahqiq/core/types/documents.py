"""Documents and what ingest, the store and search report about them (part of :mod:`tahqiq.core.types`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, NamedTuple

#: How a raw document was read.
SourceFormat = Literal["txt", "html", "json", "jsonl", "rss", "atom"]

#: What ingest did with one document.
IngestStatus = Literal["added", "duplicate"]


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from disk, before any cleaning.

    ``text`` is the original text: for HTML pages it is the main text that the
    extractor found, for feeds the item's description or content, for JSON the
    ``text`` field, for plain text the file body (without a title line that
    was recognised as a title).  ``published`` is the raw date string as found;
    the text stage parses it.
    """

    text: str
    fmt: SourceFormat
    title: str | None = None
    url: str | None = None
    source: str | None = None
    source_path: str | None = None
    published: str | None = None
    #: Position of the record inside its file (JSONL line, feed item), 0-based.
    record: int | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document's display text, with its character span."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """A cleaned, normalized article ready for storage and search.

    ``doc_id`` is derived from ``search_text`` (see
    :func:`tahqiq.text.document_id`), so the same content ingested twice is one
    document.  ``text`` is the cleaned display text; it is never the normalized
    ``search_text``.  Sentence spans index into ``text``.
    """

    doc_id: str
    original: str
    text: str
    search_text: str
    sentences: tuple[Sentence, ...]
    lang: str
    normalizer_version: str
    fmt: SourceFormat
    title: str | None = None
    source: str | None = None
    url: str | None = None
    source_path: str | None = None
    #: ISO 8601 date (``YYYY-MM-DD``) or datetime, or ``None`` when unknown.
    published: str | None = None

    def summary(self) -> dict[str, Any]:
        """The listing fields of the JSON contract (``tahqiq list --json``)."""
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "source_path": self.source_path,
            "url": self.url,
            "published": self.published,
            "lang": self.lang,
        }

    def to_json(self) -> dict[str, Any]:
        """The fields of the JSON contract of ``tahqiq show --json``."""
        data = self.summary()
        data["text"] = self.text
        data["sentences"] = [s.text for s in self.sentences]
        return data


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """A file or record that could not be ingested, and why."""

    path: str
    error: str

    def to_json(self) -> dict[str, str]:
        """``{"path", "error"}`` as in ``tahqiq ingest --json``."""
        return {"path": self.path, "error": self.error}


@dataclass(frozen=True, slots=True)
class ReindexReport:
    """The outcome of :meth:`tahqiq.Corpus.reindex`."""

    normalizer_version: str
    rebuilt: int = 0
    changed: int = 0
    kept: tuple[IngestFailure, ...] = ()
    relinked: int = 0

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``tahqiq reindex --json``."""
        return {"normalizer_version": self.normalizer_version, "rebuilt": self.rebuilt,
                "changed": self.changed, "kept": [f.to_json() for f in self.kept],
                "relinked": self.relinked}


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """What ingest did with one document."""

    doc_id: str
    status: IngestStatus
    source_path: str | None = None
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        """One entry of ``documents`` in ``tahqiq ingest --json``."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class IngestReport:
    """The outcome of one ingest run."""

    documents: tuple[DocumentStatus, ...] = ()
    failed: tuple[IngestFailure, ...] = ()

    @property
    def added(self) -> int:
        """How many new documents were stored."""
        return sum(1 for d in self.documents if d.status == "added")

    @property
    def duplicates(self) -> int:
        """How many documents were already stored (same normalized content)."""
        return sum(1 for d in self.documents if d.status == "duplicate")

    def to_json(self) -> dict[str, Any]:
        """The JSON contract of ``tahqiq ingest --json``."""
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "failed": [f.to_json() for f in self.failed],
            "documents": [d.to_json() for d in self.documents],
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked search result."""

    doc_id: str
    score: float
    title: str | None = None
    source: str | None = None
    source_path: str | None = None
    snippet: str = ""
    #: The article's publication date (ISO 8601), when known.
    published: str | None = None

    def to_json(self) -> dict[str, Any]:
        """One entry of ``results`` in ``tahqiq search --json``."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One weighted search term of an expanded query.

    ``origin`` is the claim term it stands for; ``kind`` says why it is in
    the query: ``"claim"`` (the claim's own word), ``"clitic"`` (the word
    glued to a prefix such as ب or ل) or ``"spelling"`` (a transliteration
    or long-vowel variant found in the index).
    """

    term: str
    weight: float
    origin: str
    kind: Literal["claim", "clitic", "spelling"] = "claim"


@dataclass(frozen=True, slots=True)
class StoreStats:
    """What the store holds."""

    documents: int
    sentences: int
    by_lang: dict[str, int] = field(default_factory=dict)
    by_source: dict[str, int] = field(default_factory=dict)
    by_format: dict[str, int] = field(default_factory=dict)
    first_published: str | None = None
    last_published: str | None = None
    schema_version: int = 0
    normalizer_version: str | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return asdict(self)




# -- rows the store hands to other stages ------------------------------------------
# Named tuples: still tuples (positional unpacking works), with named fields.


class SearchRow(NamedTuple):
    """One stored document as the search index takes it (``Store.iter_search_rows``)."""

    rowid: int
    doc_id: str
    search_text: str


class LinkRow(NamedTuple):
    """One stored document as reuse linking reads it (``LinkTable.iter_rows``)."""

    rowid: int
    doc_id: str
    text: str
    published: str | None
    source: str | None
    search_text: str


class StoredDocument(NamedTuple):
    """A stored document with its store rowid (``Store.stale_documents``, ``replace_texts``)."""

    rowid: int
    document: Document
