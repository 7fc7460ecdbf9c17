"""Independent evidence units: articles that copy each other or rest on one source count once.

Two related articles share an *evidence unit* when they take the same
stance and

- **reuse**: a reuse link joins them and its aligned spans overlap an
  evidence sentence in *both* articles; or
- **outlet**: their evidence rests on the same cited outlet (canonical
  name): the outlet is cited in an evidence sentence or just before it, or
  in the article's lead (its first 300 characters), which is where Arabic
  news attributes a whole report ("نقلت صحيفة ... أن"); or
- **speaker**: their evidence sentences report the same *named* speaker (a
  person, an office or an outlet).  Unnamed sources ("مصدر أمني") never join units: two
  anonymous sources are not known to be one; or
- **details**: their evidence passages share the same specific details -- rare
  words, names, numbers -- beyond the claim's own words, even when reworded
  (:mod:`tahqiq.verify.details`).

Units are the connected components of these relations.  A unit's stance is
the stance with the largest summed confidence among its members; its
*origin* is the cited outlet when all members rest on one, else the
earliest article (by date, then by retrieval order).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from ..core.types import ArticleVerdict, Evidence, EvidenceUnit, ReuseLink, SourceReport, Span
from ..sources.outlets import display_name
from .credibility import VOICES, is_opinion, negated, placed, voice
from .details import details, same_details

#: Speaker kinds that may join units (named people and offices).
NAMED = ("person", "office", "outlet")
#: Between the search forms of shared details in a ``details:`` basis item.
DETAIL_SEPARATOR = "|"


@dataclass(frozen=True, slots=True)
class Backing:
    """What one article's evidence rests on: passages, outlets and named speakers."""

    passages: tuple[Span, ...]
    outlets: frozenset[str]
    speakers: frozenset[str]
    #: Each speaker key as the article wrote the name (for readers; keys are folded).
    speaker_names: tuple[tuple[str, str], ...] = ()
    #: The specific details of the evidence passages: (search form, as written).
    details: tuple[tuple[str, str], ...] = ()
    #: Who stands behind the evidence (:data:`tahqiq.verify.credibility.VOICES`) and, for a
    #: speaker, the name as written.
    voice: str = "unattributed"
    voice_name: str = ""


#: Characters read before an evidence sentence for its attribution ("نقلت وكالة X عن ... أن").
LEAD_IN = 300
#: A source found this close before the sentence (or inside it) backs the sentence.
REACH = 150
#: The article's lead: a source cited in its first characters backs the whole report.
LEAD = 300


def evidence_passages(text: str, article: ArticleVerdict, decisive: bool = False) -> tuple[Span, ...]:
    """Character spans of the article's evidence sentences in ``text`` (with ``decisive``,
    of the sentences that decided its label, or else of those of its stance)."""
    chosen = _decisive(article) if decisive else article.evidence
    return tuple(sorted({span for span in _evidence_spans(text, chosen) if span}))


def _decisive(article: ArticleVerdict) -> tuple[Evidence, ...]:
    """The evidence that decided the article's label (else the evidence of its stance)."""
    return tuple(e for e in article.evidence if e.decisive) or \
        tuple(e for e in article.evidence if e.stance == article.stance)


def _evidence_spans(text: str, evidence: Sequence[Evidence]) -> list[Span | None]:
    """Where each evidence sentence stands in ``text`` (``None``: not found); the text is
    split into lines once."""
    starts, offset = [], 0
    lines = text.split("\n")
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    spans: list[Span | None] = []
    for item in evidence:
        at = -1
        if 0 <= item.line < len(lines):
            found = lines[item.line].find(item.sentence)
            at = starts[item.line] + found if found >= 0 else -1
        if at < 0:
            at = text.find(item.sentence)
        spans.append((at, at + len(item.sentence)) if at >= 0 else None)
    return spans


def source_windows(text: str, passages: Sequence[Span]) -> list[Span]:
    """The stretches of text to read sources from: the lead and each passage with its lead-in."""
    windows = [(0, min(len(text), LEAD))]
    windows += [(max(0, start - LEAD_IN), end) for start, end in passages]
    return windows


def backing(text: str, article: ArticleVerdict,
            sources: Mapping[Span, SourceReport], claim: str = "") -> Backing:
    """An article's :class:`Backing`.

    ``sources`` maps each window of :func:`source_windows` to the sources
    extracted from that stretch of text (spans relative to the window).  A
    cited outlet backs the evidence when it stands in the lead, or in an
    evidence sentence or just before it; a named speaker when the reported
    content overlaps an evidence sentence.  ``claim`` words are never details.
    """
    spans = _evidence_spans(text, article.evidence)  # one pass for all, then the decisive
    passages = tuple(sorted({span for span in spans if span}))
    chosen = _decisive(article)
    decisive = tuple(sorted({span for e, span in zip(article.evidence, spans, strict=True)
                             if span and any(e is c for c in chosen)}))
    outlets, speakers, names, voiced = set(), set(), {}, []
    for (offset, _), report in sources.items():
        for outlet in report.cited_outlets:
            at = offset + outlet.span[0]
            if outlet.known and (at < LEAD or _near(at, passages)):
                outlets.add(outlet.canonical)
        for item in report.attributions:
            start, end = offset + item.span[0], offset + item.span[1]
            if not any(start < pe and ps < end for ps, pe in passages):
                continue
            if _overlaps([(start, end)], decisive) and \
                    (item.cue_span[0] < 0 or not negated(text, offset + item.cue_span[0])):
                tail = placed(text, offset + item.speaker_span[1]) if item.speaker_span[0] >= 0 else ""
                voiced.append(replace(item, speaker=item.speaker + tail) if tail else item)
            if item.speaker_kind in NAMED and item.speaker and item.speaker_span[0] >= 0:
                key = _speaker_key(item.speaker)
                speakers.add(key)
                names.setdefault(key, " ".join(item.speaker.split()))
    found = details((text[start:end] for start, end in passages), claim)
    who, name = voice(voiced, outlets, claim, is_opinion(article.title, text))
    return Backing(passages, frozenset(outlets), frozenset(s for s in speakers if s),
                   tuple(sorted((k, v) for k, v in names.items() if k)), tuple(sorted(found.items())),
                   who, name)


def _near(at: int, passages: Sequence[Span]) -> bool:
    return any(start - REACH <= at < end for start, end in passages)


def _speaker_key(name: str) -> str:
    from ..text.charmap import fold

    return " ".join(fold(name).split())


def group_units(articles: Sequence[ArticleVerdict], backings: Mapping[str, Backing],
                links: Sequence[ReuseLink]) -> tuple[dict[str, int], tuple[EvidenceUnit, ...]]:
    """Union related articles into units; ``(doc_id -> unit number, units)``.

    Units are numbered from 1 in order of their earliest member.
    """
    ids = [a.doc_id for a in articles]
    parent = {d: d for d in ids}
    why: dict[str, set[str]] = defaultdict(set)

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    stance = {a.doc_id: a.stance for a in articles}

    def union(x: str, y: str, reason: str) -> None:
        if stance[x] != stance[y]:  # a copy that turns a report into a denial is new evidence
            return
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[ry] = rx
        why[x].add(reason)
        why[y].add(reason)

    for link in links:
        if link.a in parent and link.b in parent and _evidence_linked(link, backings):
            union(link.a, link.b, "reuse")
    for key, reason in (("outlets", "outlet"), ("speakers", "speaker")):
        first: dict[tuple[str, str], str] = {}
        for doc_id in ids:
            for value in getattr(backings[doc_id], key):
                seen = first.setdefault((stance[doc_id], value), doc_id)
                if seen != doc_id:
                    union(seen, doc_id, f"{reason}:{value}")
    for n, x in enumerate(ids):
        for y in ids[n + 1:]:
            shared = stance[x] == stance[y] and same_details(
                dict(backings[x].details), dict(backings[y].details))
            if shared:
                union(x, y, "details:" + DETAIL_SEPARATOR.join(shared))
    return _number(articles, find, why, backings)


def _evidence_linked(link: ReuseLink, backings: Mapping[str, Backing]) -> bool:
    return _overlaps(link.spans_a, backings[link.a].passages) and \
        _overlaps(link.spans_b, backings[link.b].passages)


def _overlaps(spans: Sequence[Span], passages: Sequence[Span]) -> bool:
    return any(s < pe and ps < e for s, e in spans for ps, pe in passages)


def _number(articles: Sequence[ArticleVerdict], find, why, backings
            ) -> tuple[dict[str, int], tuple[EvidenceUnit, ...]]:
    members: dict[str, list[ArticleVerdict]] = defaultdict(list)
    for article in articles:
        members[find(article.doc_id)].append(article)
    ordered = sorted(members.values(), key=lambda group: _order_key(earliest(group), articles))
    numbers, units = {}, []
    for number, group in enumerate(ordered, 1):
        for article in group:
            numbers[article.doc_id] = number
        origin, kind = _origin(group, backings)
        basis = sorted({r for a in group for r in why.get(a.doc_id, ())}) if len(group) > 1 else []
        written: dict[str, str] = {}  # as the earliest article wrote each name and detail
        for a in sorted(group, key=lambda a: _order_key(a, articles)):
            for key, name in (*backings[a.doc_id].speaker_names, *backings[a.doc_id].details):
                written.setdefault(key, name)
        stance = unit_stance(group)
        units.append(EvidenceUnit(number, stance, origin, kind,
                                  tuple(a.doc_id for a in group), tuple(basis),
                                  display_name(origin) if kind == "outlet" else origin,
                                  tuple(_shown_basis(b, written) for b in basis),
                                  *unit_voice([a for a in group if a.stance == stance], backings)))
    return numbers, tuple(units)


def unit_voice(members: Sequence[ArticleVerdict], backings: Mapping[str, Backing]) -> tuple[str, str]:
    """The most credible voice behind a unit's members (:data:`~tahqiq.verify.credibility.VOICES`
    order) and its speaker as the earliest of them wrote it."""
    ranked = sorted(members, key=lambda a: (VOICES.index(backings[a.doc_id].voice),
                                            a.published is None, a.published or ""))
    best = backings[ranked[0].doc_id]
    return best.voice, best.voice_name


def _shown_basis(item: str, written: Mapping[str, str]) -> str:
    """A basis item for readers: an outlet by its Arabic name (``outlet:Reuters`` ->
    ``outlet:رويترز``), a speaker and details as an article wrote them (not their folded
    or stemmed keys: ``details:الزواري، ١٠٠``)."""
    kind, _, value = item.partition(":")
    if kind == "outlet":
        return f"{kind}:{display_name(value)}"
    if kind == "details":
        return f"{kind}:" + "، ".join(written.get(k, k) for k in value.split(DETAIL_SEPARATOR))
    return f"{kind}:{written.get(value, value)}" if kind == "speaker" else item


def earliest(group: Sequence[ArticleVerdict]) -> ArticleVerdict:
    """The first published member (undated members count as latest)."""
    return min(group, key=lambda a: (a.published is None, a.published or ""))


def _order_key(article: ArticleVerdict, articles: Sequence[ArticleVerdict]) -> tuple:
    return (article.published is None, article.published or "", articles.index(article))


def _origin(group: Sequence[ArticleVerdict], backings: Mapping[str, Backing]) -> tuple[str, str]:
    shared = frozenset.intersection(*(backings[a.doc_id].outlets for a in group))
    if shared and len(group) > 1:
        return sorted(shared)[0], "outlet"
    return earliest(group).doc_id, "article"


def unit_stance(group: Sequence[ArticleVerdict]) -> str:
    """The stance with the largest summed confidence in the group."""
    weight: dict[str, float] = defaultdict(float)
    for article in group:
        weight[article.stance] += article.confidence
    return max(weight, key=lambda s: (weight[s], s == "disagree"))


__all__ = ["Backing", "backing", "earliest", "evidence_passages", "group_units", "source_windows",
           "unit_stance"]
