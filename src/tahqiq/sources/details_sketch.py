"""Order-free reuse of specific details: rare words shared within a bounded window.

An outlet that rewrites a short agency passage swaps verbs and common nouns
for synonyms, drops the source clause and puts the phrases in another order,
so few word bigrams survive and alignment (:mod:`.align`) finds nothing.  What
survives are the *specific details*: names, rare words, the items of a list,
in any order.  This module finds them.

- **Rare tokens** (:func:`rare_positions`): words of Arabic letters (no Latin,
  no digits: every number has one id in the search normalization) that no
  word of wordfreq's Arabic list at or above :attr:`DetailParams.common_zipf`
  folds to (:func:`common_ids`), that are no date or time word
  (:data:`DATE_WORDS`), and that few documents of the corpus hold
  (:class:`TokenDf`; :func:`with_corpus`): a site's template words (menus,
  datelines, its stock phrases) are on every one of its pages, a detail of a
  story on few.
- **Sketch** (:func:`detail_signatures`): windows of ``window`` consecutive
  rare tokens every ``stride`` rare tokens, each signed by the MinHash of its
  *set* of rare tokens, so the order inside a window does not matter.  The
  windows join the word windows of :func:`.lsh.sketch` (their band keys never
  meet a word window's).
- **Verification** (:func:`shared_details`): the pair's shared rare tokens;
  the best pair of windows of ``span`` tokens, one on each side, holding the
  most shared tokens; kept when they hold at least ``min_shared`` of them and
  these are at least ``min_share`` of the rare tokens in the tighter of the
  two ranges they cover, and the two ranges share ``min_bigrams`` word bigrams
  (anywhere in them: topic siblings share names, rewrites keep some phrases).  Up to ``max_passages`` disjoint window pairs are
  reported as :class:`.align.Passage` s.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache

import numpy as np

from .align import Passage
from .shingles import NUMBER_ID, is_letters, mix64, ngram_hashes


@dataclass(frozen=True, slots=True)
class DetailParams:
    """Thresholds of the details path (see the module docstring and docs/sources.md)."""

    #: Words at or above this Zipf frequency are common (not details).
    common_zipf: float = 5.0
    #: Rare tokens per sketched window, and the step between windows.
    window: int = 10
    stride: int = 5
    #: A document with fewer rare tokens than this has no details window.
    min_window: int = 5
    #: Verification: tokens a window spans on each side.
    span: int = 45
    #: Shared rare tokens a window pair needs, and their share of the rare tokens there.
    min_shared: int = 6
    min_share: float = 0.7
    #: Distinct word bigrams the two ranges must share as well (in any order): topic
    #: siblings share names but rarely phrases.
    min_bigrams: int = 6
    #: Tokens the shared details must spread over on each side: a rewritten passage
    #: keeps its details across a sentence, while a shared name chain ("وزير الخارجية
    #: أحمد عطاف") or a stock phrase packs them into a few words.
    min_span: int = 12
    max_passages: int = 4
    #: While the corpus holds at most this many documents, every pair gets the details
    #: check, not only the pairs whose details windows met in the LSH step (which
    #: misses a reworded passage whose windows agree on less than half their bytes).
    every_pair_below: int = 100
    #: A token held by more documents of the corpus than ``max(max_doc_df,
    #: max_doc_share * documents)`` is no detail (:class:`TokenDf`).  The floor is
    #: small so that a young corpus (few documents, where a story's names and words
    #: are on a large share of them) does not count a story's words as details: in a
    #: corpus of 36 articles a floor of 10 let same-story articles link by shared names.
    max_doc_df: int = 3
    max_doc_share: float = 0.1
    #: A details window whose band keys more documents hold than this (median) is
    #: a template: details passages that touch it are dropped.
    template_df: float = 6
    #: Sorted ids that are never details (:func:`with_corpus`); ``None``: wordfreq's
    #: common words and the date words only.
    common: np.ndarray | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, object]:
        """The parameters as recorded in the reuse index manifest."""
        return {"common_zipf": self.common_zipf, "window": self.window, "stride": self.stride,
                "min_window": self.min_window, "span": self.span, "min_shared": self.min_shared,
                "min_share": self.min_share, "min_bigrams": self.min_bigrams,
                "min_span": self.min_span,
                "max_passages": self.max_passages, "max_doc_df": self.max_doc_df,
                "every_pair_below": self.every_pair_below,
                "max_doc_share": self.max_doc_share, "template_df": self.template_df,
                "date_words": len(DATE_WORDS.split()), "wordlist": _wordlist_version()}

    def doc_limit(self, documents: int) -> float:
        """The most documents a detail may be held by, in a corpus of ``documents``."""
        return max(self.max_doc_df, self.max_doc_share * documents)


#: Date and time words (months in both calendars' names, weekdays, Hijri months,
#: clock words): a page's dateline is no detail of its story.
DATE_WORDS = (
    "يناير فبراير مارس أبريل ابريل مايو يونيو يوليو يوليوز أغسطس اغسطس غشت سبتمبر شتنبر "
    "أكتوبر اكتوبر نوفمبر نونبر ديسمبر دجنبر كانون شباط آذار نيسان أيار حزيران تموز آب "
    "أيلول تشرين السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة محرم صفر "
    "ربيع جمادى رجب شعبان شوال القعدة الحجة هجري هجرية ميلادي ميلادية غرينتش جرينتش "
    "غرينيتش توقيت بتوقيت صباحا مساء الساعة ساعة دقيقة دقائق ثانية")


def _wordlist_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"wordfreq {version('wordfreq')}"
    except PackageNotFoundError:  # pragma: no cover - wordfreq is a dependency
        return "wordfreq unknown"


@cache
def common_ids(zipf: float) -> np.ndarray:
    """Sorted term ids of the words of wordfreq's Arabic list at or above Zipf ``zipf``."""
    import math

    from wordfreq import get_frequency_dict

    from .shingles import term_ids, token_spans

    words = [w for w, f in get_frequency_dict("ar").items() if math.log10(f) + 9 >= zipf]
    terms = [t for word in words for t in token_spans(word).terms]
    return np.unique(term_ids(terms))


@cache
def base_common(zipf: float) -> np.ndarray:
    """Sorted ids that are never details in any corpus: :func:`common_ids` and date words."""
    from .shingles import term_ids, token_spans

    dates = term_ids(token_spans(DATE_WORDS).terms)
    return np.union1d(common_ids(zipf), dates)


def rare_positions(ids: np.ndarray, params: DetailParams) -> np.ndarray:
    """Positions of the rare tokens of a term-id sequence (``int64``, ascending)."""
    if not len(ids):
        return np.zeros(0, dtype=np.int64)
    common = params.common if params.common is not None else base_common(params.common_zipf)
    at = np.minimum(np.searchsorted(common, ids), len(common) - 1)
    rare = (common[at] != ids) & (ids != np.uint64(NUMBER_ID)) & is_letters(ids)
    return np.flatnonzero(rare).astype(np.int64)


class TokenDf:
    """How many documents hold each token: sorted ids and their counts, grown by :meth:`add`."""

    def __init__(self, ids: np.ndarray | None = None, counts: np.ndarray | None = None,
                 documents: int = 0) -> None:
        self.ids = np.zeros(0, np.uint64) if ids is None else ids
        self.counts = np.zeros(0, np.int64) if counts is None else counts
        self.documents = documents

    def add(self, docs: Iterable[np.ndarray]) -> None:
        """Count the distinct tokens of each document (term-id arrays) once."""
        parts = [np.unique(ids) for ids in docs]
        if not parts:
            return
        self.documents += len(parts)
        ids, counts = np.unique(np.concatenate([self.ids, *parts]), return_counts=True)
        # every id of the table appears once more in the concatenation: take it back off
        counts = counts.astype(np.int64)
        at = np.searchsorted(ids, self.ids)
        counts[at] += self.counts - 1
        self.ids, self.counts = ids, counts

    def count(self, ids: np.ndarray) -> np.ndarray:
        """Documents holding each of ``ids`` (0 for ids never seen)."""
        if not len(self.ids):
            return np.zeros(len(ids), np.int64)
        at = np.minimum(np.searchsorted(self.ids, ids), len(self.ids) - 1)
        return np.where(self.ids[at] == ids, self.counts[at], 0)

    def frequent(self, limit: float) -> np.ndarray:
        """Sorted ids held by more than ``limit`` documents."""
        return self.ids[self.counts > limit]


def with_corpus(params: DetailParams, df: TokenDf) -> DetailParams:
    """``params`` whose rare tokens also leave out the tokens the corpus holds often."""
    common = np.union1d(base_common(params.common_zipf), df.frequent(params.doc_limit(df.documents)))
    return replace(params, common=common)


@cache
def _seeds(perms: int) -> np.ndarray:
    rng = np.random.default_rng(0xD37A)
    return rng.integers(1, 2**63, size=perms, dtype=np.uint64) | np.uint64(1)


def detail_signatures(ids: np.ndarray, params: DetailParams, perms: int) -> np.ndarray:
    """``(windows, perms)`` min-hashes of the sets of rare tokens in each window."""
    rare = ids[rare_positions(ids, params)]
    n = len(rare)
    if n < params.min_window:
        return np.zeros((0, perms), dtype=np.uint64)
    hashed = mix64(rare[None, :] ^ _seeds(perms)[:, None])  # (perms, n)
    blocks = np.minimum.reduceat(hashed, np.arange(0, n, params.stride), axis=1)
    per_window = max(1, params.window // params.stride)
    count = max(1, blocks.shape[1] - per_window + 1)
    out = blocks[:, :count].copy()
    for offset in range(1, min(per_window, blocks.shape[1])):
        np.minimum(out, blocks[:, offset: offset + count], out=out)
    return out.T


def details_window_count(rare: int, params: DetailParams) -> int:
    """Details windows :func:`detail_signatures` makes of ``rare`` rare tokens."""
    if rare < params.min_window:
        return 0
    blocks = -(-rare // params.stride)
    return max(1, blocks - max(1, params.window // params.stride) + 1)


def details_templates(rare_pos: np.ndarray, window_df: np.ndarray, params: DetailParams
                      ) -> np.ndarray:
    """``(k, 2)`` first and last token of each details window that is a template.

    ``rare_pos``: the document's :func:`rare_positions` as sketched;
    ``window_df``: how many other documents hold each of its details windows
    (median over bands, :class:`.lsh.Candidates`).  A window held by
    :attr:`DetailParams.template_df` documents or more is a template.
    """
    count = min(len(window_df), details_window_count(len(rare_pos), params))
    hot = np.flatnonzero(window_df[:count] >= params.template_df)
    if not len(hot):
        return np.zeros((0, 2), dtype=np.int64)
    first = hot * params.stride
    last = np.minimum(first + params.window, len(rare_pos)) - 1
    return np.stack([rare_pos[first], rare_pos[last]], axis=1)


def shared_details(ids_a: np.ndarray, ids_b: np.ndarray, params: DetailParams,
                   pos_a: np.ndarray | None = None, pos_b: np.ndarray | None = None
                   ) -> list[Passage]:
    """Window pairs sharing enough rare tokens, in any order (see the module docstring).

    ``pos_a`` / ``pos_b``: the sides' :func:`rare_positions`, when already known.
    """
    pos_a = rare_positions(ids_a, params) if pos_a is None else pos_a
    pos_b = rare_positions(ids_b, params) if pos_b is None else pos_b
    shared = np.intersect1d(ids_a[pos_a], ids_b[pos_b])
    if len(shared) < params.min_shared:
        return []
    in_a, in_b = _windows(ids_a, pos_a, shared, params), _windows(ids_b, pos_b, shared, params)
    counts = in_a[2] @ in_b[2].T  # shared ids present in both windows, per window pair
    out: list[Passage] = []
    while len(out) < params.max_passages and counts.size and counts.max() >= params.min_shared:
        i, k = np.unravel_index(int(np.argmax(counts)), counts.shape)
        both = in_a[2][i] & in_b[2][k]
        found = _passage(both, (in_a, i, ids_a[pos_a], pos_a), (in_b, k, ids_b[pos_b], pos_b),
                         params)
        counts[i, k] = 0
        if found is None or _bigrams(ids_a, ids_b, found) < params.min_bigrams:
            continue
        out.append(found)
        counts[_overlapping(in_a, found.a_first, found.a_last, params.span)] = 0
        counts[:, _overlapping(in_b, found.b_first, found.b_last, params.span)] = 0
    return sorted(out, key=lambda p: p.a_first)


def _windows(ids: np.ndarray, pos: np.ndarray, shared: np.ndarray, params: DetailParams
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Window starts (every ``span // 3`` tokens), the shared tokens' positions and ids
    (index into ``shared``), and which shared ids each window holds (``(windows, S)``)."""
    hit = pos[np.isin(ids[pos], shared)]
    which = np.searchsorted(shared, ids[hit])
    step = max(1, params.span // 3)
    starts = np.arange(0, max(1, int(hit[-1]) + 1 if len(hit) else 1), step)
    holds = np.zeros((len(starts), len(shared)), dtype=np.int32)
    for offset in range(params.span // step):  # the windows that start up to span before it
        row = hit // step - offset
        ok = row >= 0
        holds[row[ok], which[ok]] = 1
    return starts, np.stack([hit, which]), holds


def _passage(both: np.ndarray, side_a: tuple, side_b: tuple, params: DetailParams
             ) -> Passage | None:
    """The passage of one window pair, or ``None`` when its details are too diluted.

    ``side_*``: the side's windows, the window, and its rare ids and their positions.
    """
    ranges, rare = [], []
    for windows, at, rare_ids, pos in (side_a, side_b):
        first, last = _range(windows, at, both, params.span)
        ranges.append((first, last))
        rare.append(len(np.unique(rare_ids[(pos >= first) & (pos <= last)])))
    n = int(both.sum())
    if n < params.min_shared or n < params.min_share * min(rare):
        return None
    if min(last - first + 1 for first, last in ranges) < params.min_span:
        return None
    return Passage(ranges[0][0], ranges[0][1], ranges[1][0], ranges[1][1], n)


def _bigrams(ids_a: np.ndarray, ids_b: np.ndarray, p: Passage) -> int:
    """Distinct word bigrams the passage's two ranges share."""
    a = ngram_hashes(ids_a[p.a_first: p.a_last + 1], 2)
    b = ngram_hashes(ids_b[p.b_first: p.b_last + 1], 2)
    return len(np.intersect1d(a, b))


def _range(side: tuple, anchor: int, both: np.ndarray, span: int) -> tuple[int, int]:
    """First and last position of the window's tokens whose ids are in ``both``."""
    starts, (hit, which), _ = side
    start = starts[anchor]
    inside = (hit >= start) & (hit < start + span) & (both[which] > 0)
    return int(hit[inside].min()), int(hit[inside].max())


def _overlapping(side: tuple, first: int, last: int, span: int) -> np.ndarray:
    """Windows that overlap tokens ``first..last``."""
    starts = side[0]
    return (starts <= last) & (starts + span > first)


__all__ = ["DATE_WORDS", "DetailParams", "TokenDf", "base_common", "common_ids",
           "detail_signatures", "details_templates", "details_window_count", "rare_positions", "shared_details",
           "with_corpus"]
