"""Assemble a :class:`~tahqiq.types.Report`: articles, evidence units, verdict, timeline.

The verdict weighs independent evidence units, not raw articles
(:mod:`tahqiq.verify.units`): each unit counts once, with its stance and the
highest confidence among its members of that stance.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from ..core.types import (
    ArticleVerdict,
    Capture,
    Document,
    EvidenceUnit,
    Judgement,
    Report,
    ReuseLink,
    SourceReport,
    Span,
    Tally,
    TallyItem,
    TimelineEntry,
)
from .units import backing, evidence_passages, group_units, source_windows
from .verdict import RELATED, VerdictPolicy, counts, decide, shares, side_sums

#: Characters of context shown each side of an evidence sentence.
CONTEXT_CHARS = 240


def build_report(claim: str, judged: Sequence[tuple[Document, float, Judgement]],
                 policy: VerdictPolicy, include_unrelated: bool = False,
                 warnings: Sequence[str] = (), links: Sequence[ReuseLink] = (),
                 captures: Mapping[str, Capture] | None = None,
                 later: Mapping[str, tuple[str, str]] | None = None) -> Report:
    """A report from judged articles and the reuse links among them; ``captures`` gives
    the archived answer each fetched article was first read from (cited in the report),
    ``later`` the newer version of each article whose page changed since (flagged)."""
    judgements = [j for _, _, j in judged]
    captures, later = captures or {}, later or {}
    articles = [replace(_article(doc, score, j, captures.get(doc.doc_id)),
                        changed_later=later.get(doc.doc_id)) for doc, score, j in judged]
    related = [a for a in articles if a.stance in RELATED]
    texts = {doc.doc_id: doc.text for doc, _, _ in judged}
    backings = {a.doc_id: backing(texts[a.doc_id], a, line_sources(texts[a.doc_id], a), claim)
                for a in related}
    numbers, units = group_units(related, backings, links)
    origins = {d: u.origin for u in units for d in u.doc_ids}
    articles = [replace(a, evidence_unit=numbers.get(a.doc_id, 0), origin=origins.get(a.doc_id))
                for a in articles]
    unrelated = [j for j in judgements if j.stance not in RELATED]
    weights = [policy.unit_weight(len(u.doc_ids)) * policy.voice_weight(u.voice) for u in units]
    per_unit = unit_judgements(units, articles)
    verdict, confidence = decide(per_unit + unrelated, policy, weights + [1.0] * len(unrelated))
    shown = sorted((a for a in articles if a.stance in RELATED), key=lambda a: -a.confidence)
    if include_unrelated:
        shown += sorted((a for a in articles if a.stance not in RELATED),
                        key=lambda a: -a.retrieval_score)
    independent = {label: sum(u.stance == label for u in units) for label in RELATED}
    return Report(claim, verdict, confidence, counts(judgements), tuple(shown),
                  timeline(articles, units, links), tuple(warnings), independent, units,
                  tally_of(units, per_unit, weights, policy))


def tally_of(units: Sequence[EvidenceUnit], judgements: Sequence[Judgement],
             weights: Sequence[float], policy: VerdictPolicy) -> Tally:
    """The verdict's sums unit by unit (:class:`~tahqiq.types.Tally`)."""
    added = shares(judgements, policy, weights)
    items = tuple(TallyItem(u.unit, j.stance, round(j.confidence, 4), round(w, 4),
                            a > 0, round(a, 4), u.voice, policy.voice_weight(u.voice))
                  for u, j, w, a in zip(units, judgements, weights, added, strict=True))
    support, refute = side_sums(judgements, added)
    return Tally(round(support, 4), round(refute, 4), policy.disagree_weight, policy.credible, items,
                 policy.voice_weights)


def unit_judgements(units: Sequence[EvidenceUnit], articles: Sequence[ArticleVerdict]
                    ) -> list[Judgement]:
    """One judgement per unit: its stance, at its best member's confidence."""
    by_id = {a.doc_id: a for a in articles}
    out = []
    for unit in units:
        members = [by_id[d] for d in unit.doc_ids if by_id[d].stance == unit.stance]
        best = max(members, key=lambda a: a.confidence)
        out.append(Judgement(unit.stance, best.confidence, {unit.stance: best.confidence}))
    return out


def timeline(articles: Sequence[ArticleVerdict], units: Sequence[EvidenceUnit],
             links: Sequence[ReuseLink]) -> tuple[TimelineEntry, ...]:
    """Dated related articles, oldest first, marking the first report, copies and denials."""
    dated = sorted((a for a in articles if a.stance in RELATED and a.published),
                   key=lambda a: (a.published, a.doc_id))
    when = {a.doc_id: (a.published, a.doc_id) for a in dated}
    linked: dict[str, set[str]] = {}
    for link in links:
        linked.setdefault(link.a, set()).add(link.b)
        linked.setdefault(link.b, set()).add(link.a)
    entries = []
    for n, article in enumerate(dated):
        earlier = sorted((when[o], o) for o in linked.get(article.doc_id, ())
                         if o in when and when[o] < when[article.doc_id])
        copy_of = earlier[0][1] if earlier else None
        marks = (("first_report",) if n == 0 else ()) + (("copy",) if copy_of else ()) + \
            (("denial",) if article.stance == "disagree" else ())
        entries.append(TimelineEntry(article.published or "", article.doc_id, article.stance,
                                     article.evidence_unit, marks, copy_of))
    return tuple(entries)


def line_sources(text: str, article: ArticleVerdict) -> dict[Span, SourceReport]:
    """Sources of the lead and of each evidence sentence with its lead-in (keyed by window).

    Only these short stretches are read, so a check costs a few extractions
    per article, not a whole article's.
    """
    from ..sources.attribution import extract_sources

    windows = source_windows(text, evidence_passages(text, article))
    return {w: extract_sources(article.doc_id, text[w[0]:w[1]]) for w in dict.fromkeys(windows)}


def _article(doc: Document, score: float, judgement: Judgement,
             captured: Capture | None = None) -> ArticleVerdict:
    lines = doc.text.split("\n")
    contexts = tuple(_context(lines[e.line] if 0 <= e.line < len(lines) else e.sentence, e.sentence)
                     for e in judgement.evidence)
    return ArticleVerdict(doc.doc_id, doc.title, doc.source, doc.url, doc.source_path, doc.published,
                          judgement.stance, judgement.confidence, judgement.evidence,
                          round(float(score), 4), contexts, captured=captured)


def _context(line: str, sentence: str, reach: int = CONTEXT_CHARS) -> str:
    """The part of ``line`` around ``sentence``, at most ``reach`` characters each side."""
    at = line.find(sentence)
    if at < 0:
        return sentence
    start, end = max(0, at - reach), min(len(line), at + len(sentence) + reach)
    if start:  # cut at a word boundary, never inside a word ("…بعاء" for الأربعاء)
        space = line.find(" ", start, at)
        start = space + 1 if space >= 0 else at
    if end < len(line):
        space = line.rfind(" ", at + len(sentence), end)
        end = space if space >= 0 else at + len(sentence)
    return ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")


__all__ = ["build_report", "line_sources", "timeline", "unit_judgements"]
