"""Batch reuse detection: the pure functions that both the store sync and ``tahqiq.scale`` map.

:func:`sketch_batch` sketches documents, :func:`candidate_pairs` finds the
pairs worth aligning (each new document against the table and against the
new documents before it), :func:`link_pairs` aligns them.
:func:`find_links` chains the three over documents held in memory.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np

from ..core.parallel import Mapper, as_mapper
from ..core.types import LinkRow, ReuseLink
from .details_sketch import DetailParams, TokenDf, with_corpus
from .lsh import LshTable, Segment, Sketch, sketch
from .reuse import Cites, LinkSide, ReuseParams, body_ids, link_documents


def sketch_batch(items: Iterable[tuple[int, np.ndarray]], params: ReuseParams) -> list[Sketch]:
    """Sketches of ``(doc number, term ids)`` items."""
    return [sketch(doc, ids, params.lsh, params.details) for doc, ids in items]


def new_table(params: ReuseParams, segments: Sequence[Segment] = ()) -> LshTable:
    """An empty (or pre-filled) LSH table with the thresholds of ``params``."""
    return LshTable(params.lsh, max_df=params.max_df, min_agreement=params.min_agreement,
                    segments=segments, details_agreement=params.details_agreement)


def query_sketches(state: tuple[LshTable, Segment], queries: Sequence[Sketch]
                   ) -> list[tuple[int, list[int], np.ndarray, list[int]]]:
    """``(doc, candidate docs, window df, docs met by a details window)`` per query,
    against the table and the batch segment."""
    table, batch = state
    out = []
    for query in queries:
        found = table.candidates(query, extra=(batch,))
        df = found.window_df if found.details_df is None else \
            np.concatenate([found.window_df, found.details_df])  # split in link_documents
        out.append((query.doc, list(found.docs), df, sorted(found.via_details)))
    return out


def sketch_rows(params: ReuseParams, rows: Sequence[tuple[int, str]]) -> list[Sketch]:
    """Sketches of ``(doc number, search text)`` rows (a :class:`Mapper` batch function)."""
    return [sketch(doc, body_ids(search_text), params.lsh, params.details)
            for doc, search_text in rows]


def candidate_pairs(new: Sequence[Sketch], table: LshTable, workers: int | Mapper = 1,
                    *, every_pair_below: int = 0
                    ) -> tuple[list[tuple[int, int, bool]], dict[int, np.ndarray]]:
    """``(older, newer, details)`` document pairs to align, each once, and each new
    document's window df.

    Every new sketch is compared with the table's documents and with the
    other new sketches.  ``details`` says that a details window met (only such
    pairs get the details check).  The window dfs (how many other documents
    hold each window, :class:`~tahqiq.sources.lsh.Candidates`) let alignment
    tell site templates from copying.  While the table and the batch hold at most
    ``every_pair_below`` documents, every pair is a details pair.
    """
    batch = Segment.build(new, table.params.perms)
    table.ready(extra=(batch,))
    pairs: dict[tuple[int, int], bool] = {}
    window_df: dict[int, np.ndarray] = {}
    for doc, found, df, via in as_mapper(workers).map(query_sketches, list(new), (table, batch)):
        window_df[doc] = df
        for other in found:
            pairs.setdefault((min(other, doc), max(other, doc)), False)
        for other in via:
            pairs[(min(other, doc), max(other, doc))] = True
    _every_pair(pairs, new, table, every_pair_below)
    return [(a, b, details) for (a, b), details in sorted(pairs.items())], window_df


def _every_pair(pairs: dict[tuple[int, int], bool], new: Sequence[Sketch], table: LshTable,
                limit: int) -> None:
    """Mark every pair of a small corpus (at most ``limit`` documents) a details pair."""
    docs = sorted({int(d) for seg in table.segments for d in seg.sig_docs} | {s.doc for s in new})
    if not limit or len(docs) > limit:
        return
    for doc in (s.doc for s in new):
        pairs.update(((min(doc, other), max(doc, other)), True) for other in docs if other != doc)


def link_pairs(pairs: Sequence[tuple[int, int, bool]], side: Callable[[int], LinkSide],
               params: ReuseParams, cites: Cites | None = None,
               window_df: dict[int, np.ndarray] | None = None,
               workers: int | Mapper = 1) -> list[tuple[int, int, ReuseLink]]:
    """Align each pair; ``(a, b, link)`` for the pairs that share a passage, in pair order.

    ``pairs`` are :func:`candidate_pairs`' triples: the details check runs on a
    pair only when its third item is true.

    ``window_df`` (from :func:`candidate_pairs`) holds the newer document's
    window frequencies, used to leave out passages that are site templates.
    With ``workers > 1`` the pairs are split over forked processes; with a
    distributed :class:`Mapper`, over its workers (``side`` must then pickle,
    e.g. a :class:`SideTable`).
    """
    return as_mapper(workers).map(_link_chunk, list(pairs), (side, params, cites, window_df))


def _link_chunk(state: tuple, pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int, ReuseLink]]:
    side, params, cites, window_df = state
    out = []
    window_df = window_df or {}
    prepared = _PreparedCache(side, params.align.seed, details=params.details)
    for a, b, details in pairs:
        link = link_documents(prepared(a), prepared(b), params, cites, window_df.get(b),
                              details=details)
        if link is not None:
            out.append((a, b, link))
    return out


class _PreparedCache:
    """Sides with their n-grams prepared, the last few thousand kept."""

    def __init__(self, side: Callable[[int], LinkSide], n: int, size: int = 2048,
                 details: DetailParams | None = None) -> None:
        self.side, self.n, self.size, self.details = side, n, size, details
        self.cache: OrderedDict[int, LinkSide] = OrderedDict()

    def __call__(self, doc: int) -> LinkSide:
        if doc in self.cache:
            self.cache.move_to_end(doc)
            return self.cache[doc]
        side = self.side(doc)
        if side.prepared is None:
            side = replace(side, prepared=side.prepare(self.n))
        if side.rare is None and self.details is not None:
            side = replace(side, rare=side.rare_positions(self.details))
        self.cache[doc] = side
        if len(self.cache) > self.size:
            self.cache.popitem(last=False)
        return side


class SideTable:
    """Stored :class:`~tahqiq.types.LinkRow` rows, by rowid, as link sides.

    A ``side(doc)`` for :func:`link_pairs`.  Without ``ids`` it pickles: it
    travels to cluster workers with the rows it holds and computes term ids
    where it runs; ``ids(rowid, search_text)`` supplies them instead (the
    reuse index's cache of recently sketched documents).
    """

    def __init__(self, rows: dict[int, LinkRow],
                 ids: Callable[[int, str], np.ndarray] | None = None) -> None:
        self.rows = rows
        self.ids = ids

    def __call__(self, doc: int) -> LinkSide:
        row = self.rows[doc]
        term_ids = self.ids(row.rowid, row.search_text) if self.ids else body_ids(row.search_text)
        return LinkSide(row.doc_id, row.text, row.published, row.source, term_ids)


def find_links(sides: Sequence[LinkSide], params: ReuseParams | None = None,
               cites: Cites | None = None, workers: int = 1) -> list[ReuseLink]:
    """Every reuse link among ``sides`` (documents numbered by position)."""
    params = params or ReuseParams()
    sides = [s if s.ids is not None else _with_ids(s) for s in sides]
    if params.details is not None:  # rarity by this corpus's document frequency
        df = TokenDf()
        df.add(s.term_ids() for s in sides)
        params = replace(params, details=with_corpus(params.details, df))
    sketches = sketch_batch(((i, s.term_ids()) for i, s in enumerate(sides)), params)
    pairs, window_df = candidate_pairs(sketches, new_table(params), workers,
                                       every_pair_below=every_pair_limit(params))
    found = link_pairs(pairs, sides.__getitem__, params, cites, window_df, workers)
    return [link for _, _, link in found]


def every_pair_limit(params: ReuseParams) -> int:
    """Below how many documents every pair gets the details check (0: never)."""
    return params.details.every_pair_below if params.details is not None else 0


def _with_ids(side: LinkSide) -> LinkSide:
    return LinkSide(side.doc_id, side.text, side.published, side.source, side.term_ids())


__all__ = ["SideTable", "candidate_pairs", "every_pair_limit", "find_links", "link_pairs", "new_table",
           "sketch_batch", "sketch_rows"]
