"""Text reuse between documents: pure functions from texts to :class:`~tahqiq.types.ReuseLink`.

The pipeline, per pair of documents:

1. **Sketch** (:func:`sketch_text`): search tokens of the display text, MinHash
   signatures of overlapping windows, LSH band keys (:mod:`.minhash`, :mod:`.lsh`).
2. **Candidates**: documents sharing a band key whose windows also agree on
   their other min-hashes (:meth:`.lsh.LshTable.candidates`).
3. **Alignment** (:func:`link_documents`): seed-and-chain alignment of the two
   token sequences (:mod:`.align`); passages become character spans in the
   display texts.  A link needs ``min_link_tokens`` matched tokens.
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

from ..types import Direction, ReuseLink
from .align import AlignParams, Passage, Prepared, align, prepare
from .minhash import LshParams
from .shingles import term_ids, text_ids, token_spans

#: Bump when sketches, alignment or links change for the same text.
REUSE_FORMAT = 2


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

    def to_json(self) -> dict[str, object]:
        """The parameters as recorded in the reuse index manifest."""
        lsh, al = self.lsh, self.align
        return {"window": lsh.window, "stride": lsh.stride, "bands": lsh.bands, "rows": lsh.rows,
                "shingle": lsh.shingle, "seed": al.seed, "gap": al.gap, "drift": al.drift,
                "min_tokens": al.min_tokens, "min_density": al.min_density,
                "min_link_tokens": self.min_link_tokens, "max_df": self.max_df,
                "min_agreement": self.min_agreement, "template_df": self.template_df,
                "template_max_fraction": self.template_max_fraction, "format": REUSE_FORMAT}


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
    prepared: Prepared | None = None

    def term_ids(self) -> np.ndarray:
        """Term ids of the display text."""
        return self.ids if self.ids is not None else term_ids(token_spans(self.text).terms)

    def prepare(self, n: int) -> Prepared:
        """The side's n-grams prepared for alignment."""
        return self.prepared if self.prepared is not None else prepare(self.term_ids(), n)


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
                   cites: Cites | None = None, b_window_df: np.ndarray | None = None
                   ) -> ReuseLink | None:
    """The reuse link between two documents, or ``None`` when they share too little.

    ``b_window_df`` (how many other documents hold each window of ``b``)
    marks template passages, which are left out unless the documents share
    most of their text.
    """
    params = params or ReuseParams()
    pa, pb = a.prepare(params.align.seed), b.prepare(params.align.seed)
    passages = align(pa, pb, params.align)
    n = params.align.seed - 1
    if b_window_df is not None and len(b_window_df):
        passages = _drop_templates(passages, b_window_df, pa.length + n, pb.length + n, params)
    if sum(p.matched for p in passages) < params.min_link_tokens:
        return None
    tokens_a, tokens_b = token_spans(a.text), token_spans(b.text)
    if len(tokens_a) != pa.length + n or len(tokens_b) != pb.length + n:  # stale search text
        passages = align(term_ids(tokens_a.terms), term_ids(tokens_b.terms), params.align)
    matched = sum(p.matched for p in passages)
    if matched < params.min_link_tokens:
        return None
    spans_a = tuple(sorted(tokens_a.span(p.a_first, p.a_last) for p in passages))
    spans_b = tuple(sorted(tokens_b.span(p.b_first, p.b_last) for p in passages))
    fraction = _shared_fraction(passages, len(tokens_a), len(tokens_b))
    direction, basis = direction_of(a, b, cites)
    reason = _reason(passages, matched, fraction, a, b, basis)
    return ReuseLink(a.doc_id, b.doc_id, spans_a, spans_b, fraction, direction, basis, reason)


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
                    params: ReuseParams) -> list[Passage]:
    covered_a, covered_b = sum(p.length_a for p in passages), sum(p.length_b for p in passages)
    if min(covered_a / max(1, len_a), covered_b / max(1, len_b)) > params.template_max_fraction:
        return passages
    return [p for p in passages
            if _passage_df(p.b_first, p.b_last, window_df, params.lsh) < params.template_df]


def _passage_df(first: int, last: int, window_df: np.ndarray, lsh: LshParams) -> float:
    """Median window df over the windows inside tokens ``first..last`` (the nearest one if none)."""
    starts = np.arange(len(window_df)) * lsh.stride
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


def _reason(passages: Sequence[Passage], matched: int, fraction: float, a: LinkSide, b: LinkSide,
            basis: str | None) -> str:
    spanned = sum(p.length_a for p in passages)
    text = (f"{len(passages)} aligned passage{'s' if len(passages) != 1 else ''}: "
            f"{matched} of {spanned} tokens match in the search normalization; "
            f"{fraction:.0%} of the shorter document")
    if basis == "date":
        text += f"; published {a.published} and {b.published}"
    elif basis == "citation":
        text += "; one cites the other's outlet"
    return text


__all__ = ["REUSE_FORMAT", "LinkSide", "ReuseParams", "body_ids", "direction_of", "link_documents"]
