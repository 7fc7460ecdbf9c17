"""Text reuse between documents: pure functions from texts to :class:`~tahqiq.types.ReuseLink`.

The pipeline, per pair of documents:

1. **Sketch** (:func:`sketch_text`): search tokens of the display text, MinHash
   signatures of overlapping windows, LSH band keys (:mod:`.minhash`, :mod:`.lsh`).
2. **Candidates**: documents sharing a band key whose windows also agree on
   their other min-hashes (:meth:`.lsh.LshTable.candidates`).
3. **Alignment** (:func:`link_documents`): seed-and-chain alignment of the two
   token sequences (:mod:`.align`); passages become character spans in the
   display texts.  A link needs ``min_link_tokens`` matched tokens, or one
   exact run of ``short_link_tokens`` holding ``short_link_rare`` rare tokens.
   When alignment finds too little, **shared details** (:mod:`.details_sketch`:
   rare words shared within a bounded window on both sides, in any order)
   can make the link instead; that is how short rewritten passages are found.
4. **Direction**: the earlier published document is the source; without two
   dates, a document that cites the other's outlet by name is the copy;
   otherwise ``"unknown"``.

Everything here is a pure function of its inputs, so the in-process path and
the Dask path (``tahqiq.scale``) give identical links.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..core.types import Direction, ReuseLink
from .align import AlignParams, Passage, PreparedNgrams, align, prepare
from .details_sketch import (
    DetailParams,
    details_templates,
    details_window_count,
    rare_positions,
    shared_details,
)
from .minhash import LshParams
from .shingles import Tokens, term_ids, text_ids, token_spans

#: Bump when sketches, alignment or links change for the same text.
REUSE_FORMAT = 6


@dataclass(frozen=True, slots=True)
class ReuseParams:
    """Every threshold of reuse detection (see docs/sources.md for how they were chosen)."""

    lsh: LshParams = field(default_factory=lambda: LshParams(16, 8, 10, 2))
    align: AlignParams = field(default_factory=AlignParams)
    #: Matched tokens (over all passages) a link needs.
    min_link_tokens: int = 20
    #: Band keys held by more documents than this are ignored.
    max_df: int = 30
    #: Share of equal signature bytes a colliding window pair needs.
    min_agreement: float = 0.3
    #: A passage whose windows are held by this many other documents (median) is a
    #: site template (menus, login boxes, comment rules), unless it is more than
    #: ``template_max_fraction`` of *both* documents (one story syndicated widely).
    template_df: float = 6
    template_max_fraction: float = 0.5
    #: A single exact run this long links when it holds ``short_link_rare`` rare tokens.
    short_link_tokens: int = 16
    short_link_rare: int = 3
    #: The order-free details path (``None``: off), and the share of equal signature
    #: bytes a colliding pair of details windows needs.  On by default since its
    #: passages must spread over ``min_span`` tokens: before that rule, at 100k
    #: generated articles it added 4,668 links outside any injected copy family,
    #: all short chains of rare words (docs/benchmarks.md, "Text reuse").
    details: DetailParams | None = field(default_factory=DetailParams)
    details_agreement: float = 0.5
    #: What makes a token rare for the short-run rule (and the details path's defaults).
    rare: DetailParams = field(default_factory=DetailParams)

    def to_json(self) -> dict[str, object]:
        """The parameters as recorded in the reuse index manifest."""
        lsh, al = self.lsh, self.align
        return {"window": lsh.window, "stride": lsh.stride, "bands": lsh.bands, "rows": lsh.rows,
                "shingle": lsh.shingle, "seed": al.seed, "gap": al.gap, "drift": al.drift,
                "min_tokens": al.min_tokens, "min_density": al.min_density,
                "min_link_tokens": self.min_link_tokens, "max_df": self.max_df,
                "min_agreement": self.min_agreement, "template_df": self.template_df,
                "template_max_fraction": self.template_max_fraction,
                "short_link_tokens": self.short_link_tokens,
                "short_link_rare": self.short_link_rare, "rare_zipf": self.rare.common_zipf,
                "details": self.details.to_json() if self.details else None,
                "details_agreement": self.details_agreement,
                "format": REUSE_FORMAT}


@dataclass(frozen=True, slots=True)
class LinkSide:
    """What linking needs of one document.

    ``ids`` are the term ids of its display text (from :func:`body_ids` of the
    stored search text, which is cheaper than tokenizing again); when absent
    they are computed from ``text``.
    """

    doc_id: str
    text: str
    published: str | None = None
    source: str | None = None
    ids: np.ndarray | None = None
    prepared: PreparedNgrams | None = None
    rare: np.ndarray | None = None

    def term_ids(self) -> np.ndarray:
        """Term ids of the display text."""
        return self.ids if self.ids is not None else term_ids(token_spans(self.text).terms)

    def prepare(self, n: int) -> PreparedNgrams:
        """The side's n-grams prepared for alignment."""
        return self.prepared if self.prepared is not None else prepare(self.term_ids(), n)

    def rare_positions(self, details: DetailParams) -> np.ndarray:
        """Positions of the rare tokens of the display text (:mod:`.details_sketch`)."""
        return self.rare if self.rare is not None else rare_positions(self.term_ids(), details)


#: ``cites(text, outlet) -> bool``: does ``text`` cite the outlet named ``outlet``?
Cites = Callable[[str, str], bool]


def body_ids(search_text: str) -> np.ndarray:
    """Term ids of a stored document's body from its ``search_text`` (title line dropped).

    ``search_text`` is ``"<title tokens>\\n<body tokens>"`` (or the body alone),
    and the body tokens are exactly the tokens of the display text.
    """
    body = search_text.split("\n", 1)[-1] if "\n" in search_text else search_text
    return text_ids(body)


def link_documents(a: LinkSide, b: LinkSide, params: ReuseParams | None = None,
                   cites: Cites | None = None, b_window_df: np.ndarray | None = None,
                   *, details: bool = True) -> ReuseLink | None:
    """The reuse link between two documents, or ``None`` when they share too little.

    ``details=False`` skips the details path (:mod:`.details_sketch`) even when it
    is on: the pair was found by word windows only.

    ``b_window_df`` (how many other documents hold each window of ``b``: its
    word windows, then its details windows when the details path is on)
    marks template passages, which are left out unless the documents share
    most of their text.
    """
    params = params or ReuseParams()
    pa, pb = a.prepare(params.align.seed), b.prepare(params.align.seed)
    n = params.align.seed - 1
    len_a, len_b = pa.length + n, pb.length + n
    passages = align(pa, pb, params.align)
    df, details_df = _split_df(b, b_window_df, params.details)
    if df is not None:
        passages = _drop_templates(passages, df, len_a, len_b, params)
    kind = _enough(passages, a.term_ids(), params, df)
    if kind is None and details and params.details is not None:
        passages = _details(a, b, params, df, details_df, (len_a, len_b))
        kind = "details" if passages else None
    if kind is None:
        return None
    tokens_a, tokens_b = token_spans(a.text), token_spans(b.text)
    if len(tokens_a) != len_a or len(tokens_b) != len_b:  # stale search text: use the display's
        return link_documents(_fresh(a, tokens_a), _fresh(b, tokens_b), params, cites, None,
                              details=details)
    spans_a = tuple(sorted(tokens_a.span(p.a_first, p.a_last) for p in passages))
    spans_b = tuple(sorted(tokens_b.span(p.b_first, p.b_last) for p in passages))
    fraction = _shared_fraction(passages, len(tokens_a), len(tokens_b))
    direction, basis = direction_of(a, b, cites)
    reason = _reason(passages, kind, fraction, a, b, basis)
    return ReuseLink(a.doc_id, b.doc_id, spans_a, spans_b, fraction, direction, basis, reason)


def _split_df(b: LinkSide, window_df: np.ndarray | None, details: DetailParams | None
              ) -> tuple[np.ndarray | None, np.ndarray | None]:
    """The df of ``b``'s word windows and of its details windows (``None``: unknown)."""
    if window_df is None or not len(window_df):
        return None, None
    if details is None:
        return window_df, None
    count = details_window_count(len(b.rare_positions(details)), details)
    words = max(0, len(window_df) - count)
    return (window_df[:words] if words else None), window_df[words:]


def _details(a: LinkSide, b: LinkSide, params: ReuseParams, df: np.ndarray | None,
             details_df: np.ndarray | None, lengths: tuple[int, int]) -> list[Passage]:
    """Passages of shared details, without template text near them (word or details windows)."""
    details = params.details
    assert details is not None
    rare_b = b.rare_positions(details)
    passages = shared_details(a.term_ids(), b.term_ids(), details,
                              a.rare_positions(details), rare_b)
    if passages and df is not None:  # stricter: any template window near the details drops them
        passages = _drop_templates(passages, df, *lengths, params, strict=True)
    if passages and details_df is not None and len(details_df):
        hot = details_templates(rare_b, details_df, details)
        passages = [p for p in passages
                    if not ((hot[:, 0] <= p.b_last) & (hot[:, 1] >= p.b_first)).any()]
    return passages


def _fresh(side: LinkSide, tokens: Tokens) -> LinkSide:
    """``side`` with term ids from its display text's tokens."""
    return LinkSide(side.doc_id, side.text, side.published, side.source, term_ids(tokens.terms))


def _enough(passages: Sequence[Passage], ids_a: np.ndarray, params: ReuseParams,
            df: np.ndarray | None = None) -> str | None:
    """``"aligned"`` when the passages make a link, ``"run"`` for one short exact run
    with enough rare tokens and no template window near it (``df``), else ``None``."""
    if sum(p.matched for p in passages) >= params.min_link_tokens:
        return "aligned"
    for p in passages:
        if p.matched == p.length_a == p.length_b >= params.short_link_tokens and (
                df is None or _passage_df(p.b_first, p.b_last, df, params.lsh, True)
                < params.template_df):
            run = ids_a[p.a_first: p.a_last + 1]
            if len(np.unique(run[rare_positions(run, params.rare)])) >= params.short_link_rare:
                return "run"
    return None


def direction_of(a: LinkSide, b: LinkSide, cites: Cites | None = None) -> tuple[Direction, str | None]:
    """``("a->b", "date")`` when a was published first, and so on (see the module docstring)."""
    if a.published and b.published and a.published[:10] != b.published[:10]:
        return ("a->b" if a.published < b.published else "b->a"), "date"
    if cites is not None:
        a_cites_b = bool(b.source) and cites(a.text, b.source or "")
        b_cites_a = bool(a.source) and cites(b.text, a.source or "")
        if a_cites_b != b_cites_a:
            return ("b->a" if a_cites_b else "a->b"), "citation"
    if a.published and b.published and a.published != b.published:
        return ("a->b" if a.published < b.published else "b->a"), "date"
    return "unknown", None


def _drop_templates(passages: list[Passage], window_df: np.ndarray, len_a: int, len_b: int,
                    params: ReuseParams, strict: bool = False) -> list[Passage]:
    covered_a, covered_b = sum(p.length_a for p in passages), sum(p.length_b for p in passages)
    if min(covered_a / max(1, len_a), covered_b / max(1, len_b)) > params.template_max_fraction:
        return passages
    return [p for p in passages
            if _passage_df(p.b_first, p.b_last, window_df, params.lsh, strict) < params.template_df]


def _passage_df(first: int, last: int, window_df: np.ndarray, lsh: LshParams,
                strict: bool = False) -> float:
    """Median window df over the windows inside tokens ``first..last`` (the nearest one if
    none); ``strict``: the highest df of the windows that overlap them."""
    starts = np.arange(len(window_df)) * lsh.stride
    if strict:
        near = (starts <= last) & (starts + lsh.window > first)
        return float(window_df[near].max()) if near.any() else 0.0
    inside = (starts >= first) & (starts + lsh.window <= last + 1)
    if not inside.any():
        inside = np.zeros(len(window_df), dtype=bool)
        inside[min(len(window_df) - 1, max(0, (first + last) // 2 // lsh.stride))] = True
    return float(np.median(window_df[inside]))


def _shared_fraction(passages: Sequence[Passage], len_a: int, len_b: int) -> float:
    """Share of the shorter document's tokens inside aligned passages."""
    if len_a <= len_b:
        covered, total = sum(p.length_a for p in passages), len_a
    else:
        covered, total = sum(p.length_b for p in passages), len_b
    return round(min(1.0, covered / max(1, total)), 4)


def _reason(passages: Sequence[Passage], kind: str, fraction: float, a: LinkSide, b: LinkSide,
            basis: str | None) -> str:
    matched = sum(p.matched for p in passages)
    plural = "s" if len(passages) != 1 else ""
    if kind == "details":
        text = (f"{len(passages)} passage{plural} sharing {matched} rare words in any order "
                f"(names, rare words; rewritten text); {fraction:.0%} of the shorter document")
    else:
        spanned = sum(p.length_a for p in passages)
        text = (f"{len(passages)} aligned passage{plural}: "
                f"{matched} of {spanned} tokens match in the search normalization; "
                f"{fraction:.0%} of the shorter document")
    if basis == "date":
        text += f"; published {a.published} and {b.published}"
    elif basis == "citation":
        text += "; one cites the other's outlet"
    return text


__all__ = ["REUSE_FORMAT", "LinkSide", "ReuseParams", "body_ids", "direction_of", "link_documents"]
