"""Reuse quality: injected copies of real articles (:mod:`.reuse_levels`), linked
by tahqiq or a MinHash baseline, scored for recall per level and precision.

- Recall, per level: a copy counts as found when a link joins it to its source
  and the link's spans in the source cover at least half of the passage the
  copy was made from.
- Precision: over links that involve a copy.  A link is right when its other
  document is the copy's source or host, another copy of the same source or
  host, or an article linked to the source or host in the background (links
  among the original articles, which are real reuse: agency text, site
  boilerplate).  ``precision_verified`` also counts a link as right when its
  other document shares at least 20 aligned tokens with the copy's source or
  host by direct alignment (no LSH, no template filter): the copy then really
  does share that text with it, through its origin.
- Baseline: datasketch MinHash (128 permutations) over each whole document's
  word 3-grams in the same search normalization, MinHashLSH at a threshold;
  every LSH candidate pair is taken as a link (it has no spans).

Documents are numbered: the original articles ``0 .. base-1``, then the copies
in order.  ``bench/reuse_bench.py`` is the command line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .metrics import Span, span_overlap
from .reuse_levels import Copy

if TYPE_CHECKING:  # pragma: no cover
    from ..sources.reuse import ReuseParams

#: ``spans_of((a, b), doc)``: the spans a link between documents a < b found in ``doc``.
SpansOf = Callable[[tuple[int, int], int], Sequence[Span]]
#: ``shares(x, y)``: do documents x and y really share text?
Shares = Callable[[int, int], bool]


def load_texts(directory: Path) -> list[str]:
    """Display texts of the distinct articles of Baly-format claim files, in a fixed order."""
    from ..core.types import RawDocument
    from ..stance.data import read_baly
    from ..text import build_document

    seen, texts = set(), []
    for pair in read_baly(directory):
        if pair.text in seen or not pair.text.strip():
            continue
        seen.add(pair.text)
        try:
            texts.append(build_document(RawDocument(text=pair.text, fmt="txt")).text)
        except Exception:  # noqa: BLE001 - an empty or unreadable article is skipped
            continue
    return sorted(set(texts))


def covered(spans: Sequence[Span], target: Span) -> int:
    """Characters of ``target`` that ``spans`` (disjoint) cover."""
    return sum(span_overlap(span, target) for span in spans)


def _background(linked: Collection[tuple[int, int]], base: int) -> dict[int, set[int]]:
    """Original document -> the originals it is linked to."""
    background: dict[int, set[int]] = defaultdict(set)
    for (a, b) in linked:
        if a < base and b < base:
            background[a].add(b)
            background[b].add(a)
    return background


def level_recall(copies: Sequence[Copy], base: int, linked: Collection[tuple[int, int]],
                 spans_of: SpansOf | None) -> dict[str, float]:
    """Per level, the share of copies linked to their source (over half the passage
    covered when ``spans_of`` gives the link's spans)."""
    found: dict[str, list[bool]] = defaultdict(list)
    for i, c in enumerate(copies):
        key = (c.source, base + i)
        ok = key in linked
        if ok and spans_of is not None:
            found_spans = spans_of(key, c.source)
            need = sum(e - s for s, e in c.source_parts) / 2
            ok = sum(covered(found_spans, part) for part in c.source_parts) >= need
        found[c.level].append(ok)
    return {lvl: round(sum(v) / len(v), 3) for lvl, v in found.items()}


def _copy_links(copies: Sequence[Copy], base: int, linked: Collection[tuple[int, int]],
                background: Mapping[int, set[int]], shares: Shares | None) -> tuple[int, int, int]:
    """``(right, wrong, verified)`` over links that involve a copy."""
    by_origin: dict[int, set[int]] = defaultdict(set)
    for i, c in enumerate(copies):
        by_origin[c.source].add(base + i)
        by_origin[c.host].add(base + i)
    right = wrong = verified = 0
    for (a, b) in linked:
        for x, y in ((a, b), (b, a)):
            if x < base:
                continue
            c = copies[x - base]
            origin = {c.source, c.host}
            good = y in origin or y in by_origin[c.source] | by_origin[c.host] or \
                any(y in background[o] for o in origin)
            right, wrong = right + good, wrong + (not good)
            verified += good or (shares is not None and any(shares(y, o) for o in origin))
            break
    return right, wrong, verified


def score(copies: Sequence[Copy], base: int, linked: Collection[tuple[int, int]],
          spans_of: SpansOf | None, shares: Shares | None = None) -> dict[str, Any]:
    """Recall per level and precision over copy links (see the module docstring).

    ``linked`` holds ``(a, b)`` document pairs with ``a < b``; ``spans_of`` is
    ``None`` for a baseline without spans, and ``shares`` (when given) adds
    ``precision_verified``.
    """
    background = _background(linked, base)
    recall = level_recall(copies, base, linked, spans_of)
    right, wrong, verified = _copy_links(copies, base, linked, background, shares)
    out = {"recall": recall, "precision": round(right / max(1, right + wrong), 3),
           "copy_links": right + wrong, "background_links": sum(map(len, background.values())) // 2}
    if shares is not None:
        out["precision_verified"] = round(verified / max(1, right + wrong), 3)
    return out


def min_recall(recall: Mapping[str, float], levels: Sequence[str]) -> float | None:
    """The lowest recall over those of ``levels`` that were run (``None`` if none was)."""
    got = [recall[lvl] for lvl in levels if lvl in recall]
    return min(got) if got else None


def display_texts(texts: Sequence[str], copies: Sequence[Copy]) -> list[str]:
    """The originals, then each copy's display text as tahqiq stores it."""
    from ..core.types import RawDocument
    from ..text import build_document

    return list(texts) + [build_document(RawDocument(text=c.text, fmt="txt")).text for c in copies]


def link_tahqiq(all_texts: Sequence[str], params: ReuseParams | None = None
                ) -> tuple[dict[tuple[int, int], Any], SpansOf]:
    """tahqiq's batch reuse links among ``all_texts``: ``{(a, b): ReuseLink}`` with
    ``a < b``, and the ``spans_of`` that reads their spans."""
    from ..sources.batch import find_links
    from ..sources.reuse import LinkSide

    links = find_links([LinkSide(str(i), t) for i, t in enumerate(all_texts)], params)
    linked = {}
    for link in links:
        a, b = int(link.a), int(link.b)
        linked[(min(a, b), max(a, b))] = link

    def spans_of(key: tuple[int, int], doc: int) -> Sequence[Span]:
        link = linked[key]
        return link.spans_a if int(link.a) == doc else link.spans_b
    return linked, spans_of


def aligned_shares(texts: Sequence[str], least: int = 20) -> Shares:
    """``shares(x, y)``: do texts x and y share ``least`` aligned tokens (direct alignment)?"""
    from ..sources.align import align
    from ..sources.shingles import term_ids, token_spans

    def shares(x: int, y: int) -> bool:
        a, b = term_ids(token_spans(texts[x]).terms), term_ids(token_spans(texts[y]).terms)
        return sum(p.matched for p in align(a, b)) >= least
    return shares


def link_minhash(all_texts: Sequence[str], threshold: float) -> dict[tuple[int, int], bool]:
    """The baseline's links: every datasketch MinHashLSH candidate pair at ``threshold``."""
    from datasketch import MinHash, MinHashLSH

    from ..text import tokenize

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = []
    for i, text in enumerate(all_texts):
        toks = tokenize(text)
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([" ".join(toks[j:j + 3]).encode() for j in range(max(1, len(toks) - 2))])
        lsh.insert(str(i), m)
        hashes.append(m)
    linked = {}
    for i, m in enumerate(hashes):
        for other in lsh.query(m):
            j = int(other)
            if j != i:
                linked[(min(i, j), max(i, j))] = True
    return linked


def reuse_params(details: str) -> ReuseParams:
    """ReuseParams with the details path as shipped (``default``), ``on`` or ``off``."""
    from dataclasses import replace

    from ..sources.details_sketch import DetailParams
    from ..sources.reuse import ReuseParams

    shipped = ReuseParams()
    if details == "default":
        return shipped
    return replace(shipped, details=DetailParams() if details == "on" else None)


def injected_recall(injected: Sequence[tuple[int, int, str]], ids: Sequence[str],
                    linked: Collection[frozenset[str]]) -> dict[str, float]:
    """Per kind, the share of injected ``(source, copy, kind)`` article pairs (indices
    into ``ids``) that ``linked`` (pairs of doc ids) joins; pairs that fall outside
    ``ids`` or on one stored document are left out."""
    found: dict[str, list[bool]] = {}
    for src, dst, kind in injected:
        if src < len(ids) and dst < len(ids) and ids[src] != ids[dst]:
            found.setdefault(kind, []).append(frozenset((ids[src], ids[dst])) in linked)
    return {kind: round(sum(v) / len(v), 3) for kind, v in found.items()}


__all__ = ["Shares", "SpansOf", "aligned_shares", "covered", "display_texts", "injected_recall",
           "level_recall", "link_minhash", "link_tahqiq", "load_texts", "min_recall",
           "reuse_params", "score"]
