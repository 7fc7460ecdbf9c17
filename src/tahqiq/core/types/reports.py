"""A claim check's report: article verdicts, evidence units, the timeline and the tally (part of :mod:`tahqiq.core.types`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from .judgements import Evidence  # noqa: F401 - named in annotations
from .news import Capture  # noqa: F401 - named in annotations

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
