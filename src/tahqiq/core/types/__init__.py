"""Frozen dataclasses passed between tahqiq's pipeline stages.

Every stage speaks in these types and nothing else:

``ingest`` yields :class:`RawDocument` (or :class:`IngestFailure`),
``text`` turns a raw document into a :class:`Document`,
``store`` persists documents and reports :class:`DocumentStatus`,
``index`` answers queries with :class:`SearchHit`.

Fields may be added over time; they are never renamed, because the JSON
contract of the CLI is derived from them.

This is one namespace: import every type from ``tahqiq.core.types``.  The types are
written in four files so that none grows past a few hundred lines: ``documents``
(documents, ingest and search results, store rows), ``judgements`` (stance, speech,
cited outlets, reuse links), ``reports`` (a check's report) and ``news`` (fetched
answers, captures, stories).
"""

from __future__ import annotations

from .documents import (  # noqa: F401
    Document,
    DocumentStatus,
    IngestFailure,
    IngestReport,
    IngestStatus,
    LinkRow,
    QueryTerm,
    RawDocument,
    ReindexReport,
    SearchHit,
    SearchRow,
    Sentence,
    SourceFormat,
    StoredDocument,
    StoreStats,
)
from .judgements import (  # noqa: F401
    Attribution,
    CitedOutlet,
    Direction,
    Evidence,
    Judgement,
    ReuseLink,
    SourceReport,
    Span,
    SpeakerKind,
)
from .news import (  # noqa: F401
    Capture,
    FetchFailure,
    FetchResult,
    Story,
    StoryArticle,
    StoryAssignment,
    StorySummary,
    StoryVector,
)
from .reports import (  # noqa: F401
    ArticleVerdict,
    EvidenceUnit,
    Report,
    Tally,
    TallyItem,
    TimelineEntry,
    Verdict,
)

__all__ = ["ArticleVerdict", "Attribution", "Capture", "CitedOutlet", "Direction", "Document", "DocumentStatus", "Evidence", "EvidenceUnit", "FetchFailure", "FetchResult", "IngestFailure", "IngestReport", "IngestStatus", "Judgement", "LinkRow", "QueryTerm", "RawDocument", "ReindexReport", "Report", "ReuseLink", "SearchHit", "SearchRow", "Sentence", "SourceFormat", "SourceReport", "Span", "SpeakerKind", "StoreStats", "StoredDocument", "Story", "StoryArticle", "StoryAssignment", "StorySummary", "StoryVector", "Tally", "TallyItem", "TimelineEntry", "Verdict"]
