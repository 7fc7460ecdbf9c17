"""Frozen dataclasses passed between tahqiq's pipeline stages.

Every stage speaks in these types and nothing else:

``ingest`` yields :class:`RawDocument` (or :class:`IngestFailure`),
``text`` turns a raw document into a :class:`Document`,
``store`` persists documents and reports :class:`DocumentStatus`,
``index`` answers queries with :class:`SearchHit`.

Fields may be added over time; they are never renamed, because the JSON
contract of the CLI is derived from them.
"""

from __future__ import annotations

from collections.abc import Iterator
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


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that bears on a claim, and how.

    ``sentence_index`` is the sentence's 0-based position among the article's
    sentences, ``line`` the 0-based line of the article text it came from,
    ``stance`` the sentence's own stance (agree, disagree or discuss) and
    ``score`` its relevance to the claim in [0, 1].  It unpacks as the tuple
    ``(sentence_index, sentence, stance, score)``.
    """

    sentence_index: int
    sentence: str
    stance: str
    score: float
    line: int = -1
    #: How the sentence stands toward the claim's event: ``entails``, ``contradicts``,
    #: ``neutral`` or ``unaddressed`` ("" when not computed).
    relation: str = ""
    #: Why: the claim words it carries by element (``matched``), the operators that
    #: govern them (``operators``: kind and cue as written), a mismatched value
    #: (``clash``), and the claim-sentence similarity when meaning was compared.
    reasons: dict[str, Any] | None = None
    #: Whether this sentence decided the article's label.
    decisive: bool = False

    def __iter__(self) -> Iterator[Any]:
        """Unpack as ``(sentence_index, sentence, stance, score)``."""
        return iter((self.sentence_index, self.sentence, self.stance, self.score))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"sentence_index": self.sentence_index, "sentence": self.sentence,
                "stance": self.stance, "score": self.score, "line": self.line,
                "relation": self.relation, "decisive": self.decisive,
                "reasons": dict(self.reasons) if self.reasons else {}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        """The evidence :meth:`to_json` gave."""
        return cls(int(data["sentence_index"]), data["sentence"], data["stance"],
                   float(data["score"]), int(data.get("line", -1)), data.get("relation", ""),
                   data.get("reasons") or None, bool(data.get("decisive", False)))


@dataclass(frozen=True, slots=True)
class Judgement:
    """An article's stance toward a claim, with the sentences that decide it.

    ``probabilities`` maps every label to its probability; ``confidence`` is
    the probability of ``stance``; ``evidence`` is ranked by score, best first.
    """

    stance: str
    confidence: float
    probabilities: dict[str, float]
    evidence: tuple[Evidence, ...] = ()
    #: Why the label: ``no_sentence_addresses``, ``contradicts``, ``denies_reports``,
    #: ``entails``, ``neutral``, ``trees`` (the learned decision, within what the
    #: sentences allow) or a bad-input code.
    reason: str = ""
    #: Problems with the input that shaped the label (``claim_too_short``,
    #: ``claim_truncated``, ``no_sentences``, ``not_arabic``).
    warnings: tuple[str, ...] = ()

    @property
    def decisive(self) -> Evidence | None:
        """The evidence sentence that decided the label, if one did."""
        return next((e for e in self.evidence if e.decisive), None)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; evidence items carry their line, relation and reasons too."""
        return {"stance": self.stance, "confidence": self.confidence,
                "probabilities": dict(self.probabilities), "reason": self.reason,
                "warnings": list(self.warnings),
                "evidence": [e.to_json() for e in self.evidence]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Judgement:
        """The judgement :meth:`to_json` gave (a stored judgement of a watched claim)."""
        return cls(data["stance"], float(data["confidence"]), dict(data["probabilities"]),
                   tuple(Evidence.from_json(e) for e in data.get("evidence", ())),
                   data.get("reason", ""), tuple(data.get("warnings", ())))


#: A character span ``(start, end)`` in a document's display text (``Document.text``).
Span = tuple[int, int]

#: What kind of speaker an attribution names.
SpeakerKind = Literal["person", "office", "unnamed", "outlet", "other"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Reported speech: who said what, with which verb, and where in the text.

    ``speaker`` is the speaker as written (``"مصدر أمني"``, ``"وزير الخارجية
    الروسي سيرغي لافروف"``) -- for a person named again by a surname
    (``"لافروف"``, ``"الوزير لافروف"``), the fullest form the article used before,
    while ``speaker_span`` still marks the words of this sentence; ``cue`` the reporting verb as written (``"قال"``,
    ``"نفى"``); ``content`` the quoted or reported content and ``span`` its
    character span in the document's display text.  ``speaker_span`` and
    ``cue_span`` locate the other two parts (``(-1, -1)`` when implicit,
    e.g. a speaker carried over from the previous sentence).
    """

    speaker: str
    cue: str
    content: str
    span: Span
    speaker_kind: SpeakerKind = "other"
    speaker_span: Span = (-1, -1)
    cue_span: Span = (-1, -1)
    #: ``verb`` (a reporting verb or participle), ``prep`` (بحسب، وفقا لـ، نقلا عن), ``idiom``
    #: (على حد قوله), ``noun`` (بالقول) or ``nominal`` (speech reported by a noun: تصريحات X
    #: بأن، رغم نفي X، جدد X نفي).
    cue_kind: str = "verb"

    def to_json(self) -> dict[str, Any]:
        """One entry of ``attributions`` in ``tahqiq sources --json``."""
        return {"speaker": self.speaker, "cue": self.cue, "content": self.content,
                "span": list(self.span), "speaker_kind": self.speaker_kind,
                "speaker_span": list(self.speaker_span), "cue_span": list(self.cue_span),
                "cue_kind": self.cue_kind}


@dataclass(frozen=True, slots=True)
class CitedOutlet:
    """A news outlet or agency a document cites, resolved through the gazetteer.

    ``name`` is the outlet as written, ``canonical`` its gazetteer name (the
    written name when the gazetteer does not know it) and ``span`` where the
    name stands in the document's display text.
    """

    name: str
    canonical: str
    span: Span
    known: bool = True
    #: The outlet's name for readers (Arabic when the gazetteer has one).
    display: str = ""

    def to_json(self) -> dict[str, Any]:
        """One entry of ``cited_outlets`` in ``tahqiq sources --json``."""
        return {"name": self.name, "canonical": self.canonical, "span": list(self.span),
                "known": self.known, "display": self.display or self.canonical}


@dataclass(frozen=True, slots=True)
class SourceReport:
    """Who said what in one document, and which outlets it cites."""

    doc_id: str
    attributions: tuple[Attribution, ...] = ()
    cited_outlets: tuple[CitedOutlet, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``tahqiq sources --json``."""
        return {"doc_id": self.doc_id,
                "attributions": [a.to_json() for a in self.attributions],
                "cited_outlets": [c.to_json() for c in self.cited_outlets]}


#: Which way text was copied between two documents of a reuse link.
Direction = Literal["a->b", "b->a", "unknown"]


@dataclass(frozen=True, slots=True)
class ReuseLink:
    """A passage shared by two documents.

    ``spans_a`` / ``spans_b`` are the aligned character spans in each
    document's display text (pairwise: ``spans_a[i]`` matches
    ``spans_b[i]``); ``shared_fraction`` is the share of the shorter
    document's words inside the aligned spans.  ``direction`` is ``"a->b"``
    when ``a`` is the source; ``direction_basis`` says why (``"date"``,
    ``"citation"`` or ``None``), and ``reason`` explains the link in words.
    """

    a: str
    b: str
    spans_a: tuple[Span, ...]
    spans_b: tuple[Span, ...]
    shared_fraction: float
    direction: Direction = "unknown"
    direction_basis: str | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """One entry of ``links`` in ``tahqiq reuse --json``."""
        return {"a": self.a, "b": self.b, "spans_a": [list(s) for s in self.spans_a],
                "spans_b": [list(s) for s in self.spans_b],
                "shared_fraction": self.shared_fraction, "direction": self.direction,
                "direction_basis": self.direction_basis, "reason": self.reason}


#: Verdicts of a claim check.
Verdict = Literal["supported", "refuted", "contested", "unverified"]


@dataclass(frozen=True, slots=True)
class ArticleVerdict:
    """One article's stance toward a checked claim, with where it came from."""

    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    source_path: str | None
    published: str | None
    stance: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    retrieval_score: float = 0.0
    #: For each evidence sentence, the passage of the article around it (for display).
    contexts: tuple[str, ...] = ()
    #: The independent evidence unit the article belongs to (0: not grouped, e.g. unrelated).
    evidence_unit: int = 0
    #: Where the unit's evidence comes from: the earliest article's id or a cited outlet.
    origin: str | None = None
    #: The archived answer the article was first read from (fetched articles only).
    captured: Capture | None = None
    #: ``(doc_id, read at)`` of a later version of the same page with other words: the
    #: article changed after it was read (a claim removed, a denial added...).
    changed_later: tuple[str, str] | None = None

    def evidence_contexts(self) -> tuple[str, ...]:
        """The passage around each evidence sentence (the sentence itself when unknown)."""
        if len(self.contexts) == len(self.evidence):
            return self.contexts
        return tuple(e.sentence for e in self.evidence)

    def to_json(self) -> dict[str, Any]:
        """One entry of ``articles`` in the report JSON (``context``: the passage around
        each evidence sentence)."""
        return {"doc_id": self.doc_id, "title": self.title, "source": self.source, "url": self.url,
                "source_path": self.source_path, "published": self.published,
                "stance": self.stance, "confidence": self.confidence,
                "evidence": [{"sentence": e.sentence, "stance": e.stance, "score": e.score,
                              "context": context, "relation": e.relation, "decisive": e.decisive,
                              "reasons": dict(e.reasons) if e.reasons else {}}
                             for e, context in zip(self.evidence, self.evidence_contexts(), strict=True)],
                "evidence_unit": self.evidence_unit, "origin": self.origin,
                **({"captured": {"fetched_at": self.captured.fetched_at, "url": self.captured.url,
                                 "status": self.captured.status, "sha256": self.captured.sha256,
                                 "warc_file": self.captured.warc_file,
                                 "offset": self.captured.offset}} if self.captured else {}),
                **({"changed_later": {"doc_id": self.changed_later[0],
                                      "read_at": self.changed_later[1]}}
                   if self.changed_later else {})}


@dataclass(frozen=True, slots=True)
class EvidenceUnit:
    """Articles that count as one piece of evidence: copies, or reports resting on one source.

    ``origin`` is the cited outlet they rest on (``origin_kind == "outlet"``)
    or the earliest article's id (``"article"``); ``basis`` says why members
    were joined (``"reuse"``, ``"outlet:<name>"``, ``"speaker:<name>"``).
    """

    unit: int
    stance: str
    origin: str
    origin_kind: str
    doc_ids: tuple[str, ...]
    basis: tuple[str, ...] = ()
    #: ``origin`` for readers: an outlet's Arabic name (else ``origin``).
    origin_display: str = ""
    #: ``basis`` for readers, item by item (outlets by their Arabic names).
    basis_display: tuple[str, ...] = ()
    #: Who stands behind the unit's evidence: ``party`` (the party the claim concerns, on
    #: record), ``named``, ``outlet``, ``unattributed``, ``anonymous`` or ``opinion``.
    voice: str = "unattributed"
    #: The speaker behind it, as an article wrote the name ("" when none is named).
    voice_name: str = ""

    def to_json(self) -> dict[str, Any]:
        """One entry of ``evidence_units`` in the report JSON."""
        return {"unit": self.unit, "stance": self.stance, "origin": self.origin,
                "origin_kind": self.origin_kind, "doc_ids": list(self.doc_ids),
                "basis": list(self.basis), "origin_display": self.origin_display or self.origin,
                "basis_display": list(self.basis_display or self.basis),
                "voice": self.voice, "voice_name": self.voice_name}


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """A dated article in a report's timeline.

    ``marks`` flags the ``"first_report"`` (the earliest related article),
    each ``"copy"`` (an article of a unit that an earlier member started;
    ``copy_of`` names that member) and each ``"denial"``.
    """

    date: str
    doc_id: str
    stance: str
    evidence_unit: int = 0
    marks: tuple[str, ...] = ()
    copy_of: str | None = None

    def to_json(self) -> dict[str, Any]:
        """One entry of ``timeline`` in the report JSON."""
        return {"date": self.date, "doc_id": self.doc_id, "stance": self.stance,
                "evidence_unit": self.evidence_unit, "marks": list(self.marks),
                "copy_of": self.copy_of}


@dataclass(frozen=True, slots=True)
class TallyItem:
    """What one evidence unit adds to the verdict's sums: ``confidence × weight`` when it
    takes a side credibly (``counted``), else nothing.  ``weight`` is the weight of the
    ``voice`` behind the unit (``voice_weight``) times what its size adds (1.0 when a
    unit counts once)."""

    unit: int
    stance: str
    confidence: float
    weight: float
    counted: bool
    adds: float
    voice: str = "unattributed"
    voice_weight: float = 1.0

    def to_json(self) -> dict[str, Any]:
        """One entry of ``tally.units`` in ``tahqiq check --json``."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Tally:
    """The verdict's sums, so a reader can redo them: support ``S`` (agreeing units),
    refutation ``R`` (disagreeing units, times ``disagree_weight``), each unit's share."""

    support: float
    refute: float
    disagree_weight: float
    credible: float
    units: tuple[TallyItem, ...] = ()
    #: The weight of each voice under the policy that made the verdict, most credible first.
    voice_weights: tuple[tuple[str, float], ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``tally`` in ``tahqiq check --json``."""
        return {"support": self.support, "refute": self.refute,
                "disagree_weight": self.disagree_weight, "credible": self.credible,
                "voice_weights": dict(self.voice_weights),
                "units": [u.to_json() for u in self.units]}


@dataclass(frozen=True, slots=True)
class Report:
    """What the corpus says about a claim: a verdict, the articles and a timeline.

    ``articles`` lists related articles first (then unrelated ones, when
    asked for); ``counts`` counts related articles by stance and
    ``independent_counts`` counts their evidence units (copies and reports
    resting on one source count once); ``warnings`` explains anything
    unusual about the claim or the corpus.
    """

    claim: str
    verdict: Verdict
    confidence: float
    counts: dict[str, int]
    articles: tuple[ArticleVerdict, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    warnings: tuple[str, ...] = ()
    independent_counts: dict[str, int] = field(default_factory=dict)
    units: tuple[EvidenceUnit, ...] = ()
    tally: Tally | None = None
    #: What produced the verdict, so two reports can be compared: the normalizer, the
    #: attribution tables, the credibility and vocabulary tables and the stance model.
    versions: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The report as ``tahqiq check --json`` prints it."""
        out: dict[str, Any] = {
            "claim": self.claim, "verdict": self.verdict, "confidence": self.confidence,
            "counts": dict(self.counts),
            "independent_counts": dict(self.independent_counts or self.counts),
            "articles": [a.to_json() for a in self.articles],
            "evidence_units": [u.to_json() for u in self.units],
            "timeline": [t.to_json() for t in self.timeline],
        }
        if self.tally is not None:
            out["tally"] = self.tally.to_json()
        if self.versions:
            out["versions"] = dict(self.versions)
        if self.warnings:
            out["warnings"] = list(self.warnings)
        return out


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


# -- fetching the news (tahqiq.fetch) ---------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One HTTP response as tahqiq read it, within its limits.

    ``body`` is the entity after any content encoding was undone (at most the fetch
    size limit); ``sha256`` is its hex digest.  ``redirects`` lists the URLs that
    answered with a redirect, in order; ``final_url`` is the one that answered.  A
    ``304 Not Modified`` answer to a conditional request has ``not_modified`` set and
    an empty body.  ``headers`` are the response headers in the order received.
    """

    url: str
    final_url: str
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes
    content_type: str
    fetched_at: str
    sha256: str
    redirects: tuple[str, ...] = ()
    not_modified: bool = False
    #: The peer address the response came from (after the SSRF guard checked it).
    peer: str = ""

    def header(self, name: str) -> str | None:
        """The first header ``name`` (case-insensitive), or ``None``."""
        lowered = name.lower()
        return next((v for k, v in self.headers if k.lower() == lowered), None)


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """A fetch that gave nothing to ingest, and why (one line, for people)."""

    url: str
    reason: str
    at: str
    #: The HTTP status when a server answered, else ``None``.
    status: int | None = None

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"url": self.url, "reason": self.reason, "at": self.at, "status": self.status}


@dataclass(frozen=True, slots=True)
class Capture:
    """Where one fetched response is archived: a record of a WARC file."""

    url: str
    fetched_at: str
    status: int
    sha256: str
    #: The WARC file's name (within the desk's archive folder), the record's byte
    #: offset in it and the record's length on disk (compressed).
    warc_file: str
    offset: int
    length: int
    content_type: str = ""

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


# -- stories (tahqiq.stories) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryVector:
    """What story clustering reads of one stored document (:func:`tahqiq.stories.story_vector`).

    ``terms`` are its content terms (search form, stopwords out) with their counts,
    sorted by term; ``lead`` the distinct terms of its title and first lines; ``entities``
    the places, organizations and people it names; ``time`` its publication time in hours since 1970 (UTC), or
    ``None`` when the article carries no date.
    """

    rowid: int
    terms: tuple[tuple[str, int], ...]
    lead: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    time: float | None = None


@dataclass(frozen=True, slots=True)
class StoryAssignment:
    """Where one document went: its story, and the join probability that put it there
    (``score``; for a document that opened a new story, the best probability it had of
    joining an existing one, 0 when there was no candidate)."""

    rowid: int
    story: int
    score: float
    new: bool


@dataclass(frozen=True, slots=True)
class StoryArticle:
    """One article of a story's timeline."""

    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    added_at: str
    #: The evidence unit the article belongs to within the story (articles linked as
    #: copies share one), and the doc_id of the article it copies, if it is a copy.
    unit: int
    copy_of: str | None = None
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return asdict(self)


@dataclass(frozen=True, slots=True)
class StorySummary:
    """One story as ``tahqiq stories`` lists it.

    ``first`` is its first report (earliest dated article, else the first to arrive);
    ``units`` counts independent units (articles linked as copies count once) and
    ``copies`` the articles that copy another; ``recent`` and ``before`` count the
    articles dated in the last ``window_hours`` and the window before it, and
    ``breaking`` marks a story that grows fast now.
    """

    id: int
    title: str | None
    size: int
    outlets: tuple[str, ...]
    first: StoryArticle | None
    first_time: str | None
    last_time: str | None
    units: int
    copies: int
    recent: int
    before: int
    breaking: bool
    undated: int = 0

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (``tahqiq stories --json``)."""
        out = asdict(self)
        out["outlets"] = list(self.outlets)
        out["first"] = self.first.to_json() if self.first else None
        return out


@dataclass(frozen=True, slots=True)
class Story:
    """A story with its timeline (``tahqiq story ID``): articles in date order, undated
    ones last; ``truncated`` says how many more articles the story holds than shown."""

    summary: StorySummary
    articles: tuple[StoryArticle, ...]
    truncated: int = 0

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (``tahqiq story ID --json``)."""
        return {**self.summary.to_json(), "articles": [a.to_json() for a in self.articles],
                "truncated": self.truncated}
