"""Fetched answers and their archived captures, and stories (part of :mod:`tahqiq.core.types`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

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
