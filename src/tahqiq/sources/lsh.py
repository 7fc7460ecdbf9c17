"""The LSH table of window sketches: postings by band key, and the windows' short signatures.

A :class:`Segment` is an immutable, sorted block: for every band key of
every window of its documents, one posting ``(key, doc, window)``, plus each
window's 8-bit signature (the low byte of each min-hash) for verification.
A :class:`LshTable` is a list of segments (new documents arrive as a new
small segment; :meth:`LshTable.compact` merges them), in the style of a
log-structured index.  Everything is numpy arrays, so a segment saves to and
loads from ``.npy`` files (no pickle) and maps the same on every machine.

Verification: two windows that share a band key by chance agree on few of
their other min-hashes; windows of a copied passage agree on many.  A
candidate window pair is kept when the share of equal signature bytes
reaches ``min_agreement``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .details_sketch import DetailParams, detail_signatures
from .minhash import LshParams, band_keys, window_signatures


@dataclass(frozen=True, slots=True)
class Sketch:
    """One document's windows: band keys ``(windows, bands)`` and signatures ``(windows, perms)``."""

    doc: int
    keys: np.ndarray
    sigs: np.ndarray
    #: The first ``word_windows`` windows are word windows; the rest are details
    #: windows (:mod:`.details_sketch`), which have no template df.
    word_windows: int = -1

    @property
    def windows(self) -> int:
        """Number of windows."""
        return len(self.sigs)


def sketch(doc: int, ids: np.ndarray, params: LshParams,
           details: DetailParams | None = None) -> Sketch:
    """The :class:`Sketch` of a document's term ids (a pure function).

    With ``details``, the windows of rare tokens follow the word windows.
    """
    signatures = window_signatures(ids, params)
    words = len(signatures)
    if details is not None:
        signatures = np.concatenate([signatures, detail_signatures(ids, details, params.perms)])
    keys = band_keys(signatures, params).view(np.uint64).astype(np.uint32)  # low 32 bits
    return Sketch(doc, keys, (signatures & np.uint64(0xFF)).astype(np.uint8), words)


@dataclass(frozen=True, slots=True)
class KeyIndex:
    """Where each band key's postings start in a segment, found without a binary search.

    ``distinct`` are the segment's distinct keys (sorted), ``starts`` where each
    one's postings start (and the end), ``buckets`` where each bucket of distinct
    keys sharing their top bits starts.  A lookup reads a key's bucket, then scans
    its eight or so keys: one or two cache lines per key instead of a binary search
    over millions of postings (4x faster at 10M keys, for about 9 bytes per
    distinct key).
    """

    distinct: np.ndarray
    starts: np.ndarray
    buckets: np.ndarray
    shift: int

    @classmethod
    def of(cls, keys: np.ndarray) -> KeyIndex:
        """The index of sorted ``keys``."""
        index = np.int32 if len(keys) < 2**31 else np.int64
        if len(keys):
            first = np.flatnonzero(keys[1:] != keys[:-1]).astype(index)
            first += 1
            first = np.concatenate([np.zeros(1, index), first])
        else:
            first = np.zeros(0, index)
        distinct = keys[first].astype(np.uint32)
        bits = min(30, max(1, int(np.ceil(np.log2(max(2, len(distinct))))) - 3))
        shift = 32 - bits
        sizes = np.bincount((distinct >> np.uint32(shift)).astype(np.int64), minlength=1 << bits)
        return cls(distinct, np.concatenate([first, np.array([len(keys)], index)]),
                   np.concatenate([[0], np.cumsum(sizes)]).astype(index), shift)

    def positions(self, keys: np.ndarray) -> np.ndarray:
        """Index of each key in :attr:`distinct`, or -1 when absent."""
        keys = keys.astype(np.uint32, copy=False)
        bucket = (keys >> np.uint32(self.shift)).astype(np.int64)
        low, high = self.buckets[bucket].astype(np.int64), self.buckets[bucket + 1]
        out = np.full(len(keys), -1, dtype=np.int64)
        pending = np.arange(len(keys))
        step = 0
        while len(pending):
            pos = low[pending] + step
            alive = pos < high[pending]
            pending, pos = pending[alive], pos[alive]
            value = self.distinct[pos]
            equal = value == keys[pending]
            out[pending[equal]] = pos[equal]
            pending = pending[~equal & (value < keys[pending])]  # buckets are sorted
            step += 1
        return out


@dataclass(frozen=True, slots=True)
class Segment:
    """Sorted postings and window signatures of a set of documents."""

    keys: np.ndarray       # uint32 [P], sorted
    docs: np.ndarray       # int64 [P]
    wins: np.ndarray       # int32 [P]
    sig_docs: np.ndarray   # int64 [D], sorted document numbers
    sig_start: np.ndarray  # int64 [D + 1], offsets into sigs
    sigs: np.ndarray       # uint8 [W, perms]
    #: Derived on the first lookup, not saved (:class:`KeyIndex`).
    _index: KeyIndex | None = field(default=None, init=False, repr=False, compare=False)

    #: Array names, in the order they are saved.
    FIELDS = ("keys", "docs", "wins", "sig_docs", "sig_start", "sigs")

    def key_index(self) -> KeyIndex:
        """The segment's :class:`KeyIndex`, built on first use (a merge that is merged
        again never builds one)."""
        if self._index is None:
            object.__setattr__(self, "_index", KeyIndex.of(self.keys))
        assert self._index is not None
        return self._index

    @classmethod
    def build(cls, sketches: Sequence[Sketch], perms: int) -> Segment:
        """A segment holding ``sketches`` (one per document)."""
        ordered = sorted(sketches, key=lambda s: s.doc)
        keys, docs, wins = [], [], []
        for s in ordered:
            unique, first = np.unique(s.keys.ravel(), return_index=True)
            keys.append(unique)
            docs.append(np.full(len(unique), s.doc, dtype=np.int64))
            wins.append((first // max(1, s.keys.shape[1])).astype(np.int32))
        all_keys = np.concatenate(keys) if keys else np.zeros(0, np.uint32)
        order = np.argsort(all_keys, kind="stable")
        sizes = np.array([s.windows for s in ordered], dtype=np.int64)
        sigs = [s.sigs for s in ordered if s.windows]
        return cls(
            all_keys[order].astype(np.uint32),
            (np.concatenate(docs) if docs else np.zeros(0, np.int64))[order],
            (np.concatenate(wins) if wins else np.zeros(0, np.int32))[order],
            np.array([s.doc for s in ordered], dtype=np.int64),
            np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
            np.concatenate(sigs) if sigs else np.zeros((0, perms), np.uint8),
        )

    @classmethod
    def merge(cls, segments: Sequence[Segment], perms: int) -> Segment:
        """One segment with the documents of all ``segments`` (which hold distinct documents)."""
        segs = [seg for seg in segments if seg.doc_count]
        if not segs:
            return cls.build([], perms)
        keys = np.concatenate([seg.keys for seg in segs])
        order = np.argsort(keys, kind="stable")
        docs = np.concatenate([seg.docs for seg in segs])[order]
        wins = np.concatenate([seg.wins for seg in segs])[order]
        blocks = sorted(((doc, sigs) for seg in segs for doc, sigs in seg.iter_docs()),
                        key=lambda item: item[0])
        sizes = np.array([len(b) for _, b in blocks], dtype=np.int64)
        return cls(keys[order], docs, wins,
                   np.array([doc for doc, _ in blocks], dtype=np.int64),
                   np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64),
                   np.concatenate([b for _, b in blocks]))

    def iter_docs(self) -> Iterable[tuple[int, np.ndarray]]:
        """``(doc, signatures)`` of every document of the segment."""
        for i, doc in enumerate(self.sig_docs.tolist()):
            yield doc, self.sigs[self.sig_start[i]: self.sig_start[i + 1]]

    def signatures(self, doc: int) -> np.ndarray | None:
        """The window signatures of ``doc`` (``None`` when not in this segment)."""
        i = int(np.searchsorted(self.sig_docs, doc))
        if i >= len(self.sig_docs) or self.sig_docs[i] != doc:
            return None
        return self.sigs[self.sig_start[i]: self.sig_start[i + 1]]

    def lookup(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Postings matching ``keys``: ``(index into keys, doc, window)`` arrays."""
        index = self.key_index()
        at = index.positions(keys)
        found = at >= 0
        left = index.starts[np.where(found, at, 0)].astype(np.int64)
        counts = np.where(found, index.starts[np.where(found, at + 1, 0)] - left, 0)
        hit = np.nonzero(counts)[0]
        if not len(hit):
            empty = np.zeros(0, np.int64)
            return empty, empty, empty
        reps = counts[hit]
        which = np.repeat(hit, reps)
        offsets = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
        at = np.repeat(left[hit], reps) + offsets
        return which, self.docs[at], self.wins[at].astype(np.int64)

    @property
    def doc_count(self) -> int:
        """Documents in the segment."""
        return len(self.sig_docs)


@dataclass(frozen=True, slots=True)
class Candidates:
    """What a query finds: verified documents (doc -> best window agreement) and, per
    query window, how many other documents hold its band keys (median over bands)."""

    docs: dict[int, float]
    window_df: np.ndarray
    #: The same for the query's details windows (:mod:`.details_sketch`), if any.
    details_df: np.ndarray | None = None
    #: The documents that a details window of the query verified against: only these
    #: pairs are worth the details check (a pair found by word windows alone that
    #: does not align shares no passage of details either, or its details windows
    #: would have met).
    via_details: frozenset[int] = frozenset()


class LshTable:
    """Segments of sketches, queried together.

    ``max_df``: a band key held by more documents than this is ignored
    (site boilerplate and stock phrases, not copying); ``min_agreement``: the
    share of equal signature bytes a colliding window pair needs
    (``details_agreement`` for the details windows of a sketch).
    """

    def __init__(self, params: LshParams, *, max_df: int = 30, min_agreement: float = 0.2,
                 segments: Sequence[Segment] = (), details_agreement: float | None = None) -> None:
        self.params = params
        self.max_df = max_df
        self.min_agreement = min_agreement
        #: The share details windows (after a sketch's word windows) need; default as words.
        self.details_agreement = min_agreement if details_agreement is None else details_agreement
        self.segments: list[Segment] = list(segments)

    @property
    def doc_count(self) -> int:
        """Documents in all segments."""
        return sum(seg.doc_count for seg in self.segments)

    def add(self, sketches: Sequence[Sketch], max_segments: int = 8) -> Segment:
        """Add documents as a new segment (and return it), merging when there are too many."""
        segment = Segment.build(sketches, self.params.perms)
        if segment.doc_count:
            self.segments.append(segment)
            if len(self.segments) > max_segments:
                self.compact()
        return segment

    def compact(self) -> None:
        """Merge segments, log-structured: the small ones together, everything when they grow.

        The largest segment is kept and the others merged into one; once that
        one outgrows half of the largest, all are merged.  Each posting is so
        rewritten O(log n) times over a long ingest.
        """
        if len(self.segments) < 2:
            return
        largest = max(self.segments, key=lambda seg: seg.doc_count)
        rest = [seg for seg in self.segments if seg is not largest]
        merged = Segment.merge(rest, self.params.perms)
        if merged.doc_count * 2 > largest.doc_count:
            self.segments = [Segment.merge([largest, merged], self.params.perms)]
        else:
            self.segments = [largest, merged]

    def ready(self, extra: Sequence[Segment] = ()) -> None:
        """Build every segment's key index now (before forking workers, which would
        each build their own)."""
        for seg in [*self.segments, *extra]:
            seg.key_index()

    def candidates(self, query: Sketch, extra: Sequence[Segment] = ()) -> Candidates:
        """Documents whose windows verify against ``query``'s, and how common each window is.

        ``extra`` segments (e.g. the other documents of the batch being
        added) are searched as well.  The query document itself is skipped.
        """
        if not query.windows:
            return Candidates({}, np.zeros(0))
        flat = query.keys.ravel()
        keys, first, inverse = np.unique(flat, return_index=True, return_inverse=True)
        hits = [(seg, *seg.lookup(keys)) for seg in [*self.segments, *extra]]
        df = np.zeros(len(keys), dtype=np.int64)
        for _, which, docs, _ in hits:
            df += np.bincount(which[docs != query.doc], minlength=len(keys))
        best: dict[int, float] = {}
        via_details: set[int] = set()
        bands = query.keys.shape[1]
        has_details = 0 <= query.word_windows < query.windows
        for seg, which, docs, wins in hits:
            keep = (docs != query.doc) & (df[which] <= self.max_df)
            if not keep.any():
                continue
            qwin = first[which[keep]] // bands
            agreement = self._agreement(seg, query, qwin, docs[keep], wins[keep])
            need = self.min_agreement
            if has_details:
                need = np.where(qwin < query.word_windows, need, self.details_agreement)
            good = agreement >= need
            if has_details:
                via_details.update(docs[keep][good & (qwin >= query.word_windows)].tolist())
            for doc, score in zip(docs[keep][good].tolist(), agreement[good].tolist(), strict=True):
                if score > best.get(doc, -1.0):
                    best[doc] = score
        df = np.median(df[inverse.ravel()].reshape(-1, bands), axis=1)
        if query.word_windows < 0:
            return Candidates(best, df)
        return Candidates(best, df[: query.word_windows], df[query.word_windows:],
                          frozenset(via_details))

    @staticmethod
    def _agreement(seg: Segment, query: Sketch, qwin: np.ndarray, docs: np.ndarray,
                   wins: np.ndarray) -> np.ndarray:
        rows = seg.sig_start[np.searchsorted(seg.sig_docs, docs)] + wins
        return (seg.sigs[rows] == query.sigs[qwin]).mean(axis=1)


__all__ = ["Candidates", "KeyIndex", "LshTable", "Segment", "Sketch", "sketch"]
