"""Claim-sentence and claim-article features.

Unit features say how much one sentence speaks to the claim (word, bigram,
character and number overlap, weighted by how rare each word is) and how it
speaks (denial, negation, hedging, confirmation, reported speech, questions,
and whether a denial or negation sits next to the claim's words).  Article
features aggregate them, led by the sentences most relevant to the claim.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from .cues import CATEGORIES, cue_positions
from .decide import Decision
from .relation import OPERATOR_KINDS, RELATIONS, Relation, relation_vector
from .units import ClaimView, Unit, _stem, char4

#: Weight of a stem unknown to the term-weight table (rarest).
MAX_WEIGHT = 8.0
#: Tokens around a claim word within which a denial counts as "near".
NEAR_DENY = 8
#: Tokens before a claim word within which a negation counts as "near".
NEAR_NEG = 3

UNIT_FEATURES = (
    "cov", "wcov", "jaccard", "bigram", "char4", "num_match", "num_clash",
    *(f"cue_{c}" for c in CATEGORIES), "deny_near", "neg_near", "log_len", "position", "semantic",
    *(f"rel_{r}" for r in RELATIONS), "rel_address", "rel_negative", "rel_clash",
    *(f"op_{k}" for k in OPERATOR_KINDS),
)
#: Unit features that come from the relation layer (appended by :func:`relation_columns`).
N_RELATION = len(RELATIONS) + 3 + len(OPERATOR_KINDS)
_CUE0 = UNIT_FEATURES.index("cue_deny")


def weight(stem: str, weights: Mapping[str, float]) -> float:
    """How informative a stem is: 8 - its Zipf frequency, clipped to [1, 8]."""
    return weights.get(stem, MAX_WEIGHT)


def _bigrams(stems: Sequence[str]) -> set[tuple[str, str]]:
    return set(zip(stems, stems[1:], strict=False))


class ClaimContext:
    """Everything about a claim that every unit compares against (computed once)."""

    def __init__(self, claim: ClaimView, weights: Mapping[str, float]) -> None:
        self.claim = claim
        self.weights = weights
        self.total = sum(weight(s, weights) for s in claim.stems) or 1.0
        self.bigrams = _bigrams(claim.stem_list)
        self.char4 = char4(" ".join(claim.tokens))
        cues = cue_positions(list(claim.tokens))
        self.claim_deny = float(bool(cues["deny"]))
        self.claim_neg = float(bool(cues["negation"]))


def unit_vector(ctx: ClaimContext, unit: Unit, position: float, semantic: float = 0.0) -> list[float]:
    """The :data:`UNIT_FEATURES` of one unit against the claim."""
    claim = ctx.claim
    shared = claim.stems & unit.stems
    n = len(claim.stems) or 1
    union = len(claim.stems | unit.stems) or 1
    bigram = len(ctx.bigrams & _bigrams(unit.stem_list)) / (len(ctx.bigrams) or 1)
    char_overlap = len(ctx.char4 & unit.char4) / (len(ctx.char4) or 1)
    cues = unit.cues
    near = [i for i, tok in enumerate(unit.tokens) if tok in claim.tokens or _stem(tok) in shared]
    deny_near = float(any(abs(i - j) <= NEAR_DENY for i in cues["deny"] for j in near))
    neg_near = float(any(0 < j - i <= NEAR_NEG for i in cues["negation"] for j in near))
    return [
        len(shared) / n,
        sum(weight(s, ctx.weights) for s in shared) / ctx.total,
        len(shared) / union,
        bigram,
        char_overlap,
        float(bool(claim.numbers & unit.numbers)),
        float(bool(claim.numbers) and bool(unit.numbers) and not claim.numbers & unit.numbers),
        *(min(len(cues[c]), 3) for c in CATEGORIES),
        deny_near,
        neg_near,
        math.log1p(len(unit.tokens)),
        position,
        semantic,
    ]


def unit_matrix(ctx: ClaimContext, units: Sequence[Unit], relations: Sequence[Relation],
                semantic: Sequence[float] | None = None) -> np.ndarray:
    """Unit features for every unit, one row each (zero rows for no units)."""
    if not units:
        return np.zeros((0, len(UNIT_FEATURES)), dtype=np.float32)
    last = max(len(units) - 1, 1)
    sem = semantic if semantic is not None else [0.0] * len(units)
    rows = [unit_vector(ctx, u, i / last, sem[i]) + relation_vector(r)
            for i, (u, r) in enumerate(zip(units, relations, strict=True))]
    return np.asarray(rows, dtype=np.float32)


ARTICLE_FEATURES = (
    *(f"max_{f}" for f in UNIT_FEATURES[:5]),
    *(f"top3_{f}" for f in UNIT_FEATURES[:5]),
    "doc_cov", "doc_wcov", "first_wcov", "log_units", "share_relevant", "max_relevance", "top3_relevance",
    *(f"rate_{c}" for c in CATEGORIES),
    *(f"top_{c}" for c in CATEGORIES),
    "top_deny_near", "top_neg_near", "top_num_clash", "top_semantic", "max_semantic", "short_semantic",
    "sent_agree", "sent_disagree", "sent_discuss", "max_sent_disagree",
    "claim_deny", "claim_neg", "claim_len",
    "rel_max_address", *(f"rel_decides_{lab}" for lab in ("agree", "disagree", "discuss", "unrelated")),
    "rel_decisive_address", "rel_share_entails", "rel_share_contradicts", "rel_share_neutral",
    "rel_points_back", "rel_claim_negative",
)
#: Article features from the relation layer (the last ones of :data:`ARTICLE_FEATURES`).
N_ARTICLE_RELATION = 11


def relation_summary(relations: Sequence[Relation], decision: Decision, points_back: bool,
                     claim_negative: bool) -> list[float]:
    """The article features of the relation layer: best address, the transparent
    decision and its sentence's address, and the shares of addressing sentences
    that entail, contradict or leave the claim open."""
    addressed = [r for r in relations if r.label != "unaddressed"]
    n = len(addressed) or 1
    decisive = relations[decision.unit].address if decision.unit is not None else 0.0
    return [
        max((r.address for r in relations), default=0.0),
        *(float(decision.label == lab) for lab in ("agree", "disagree", "discuss", "unrelated")),
        decisive,
        *(sum(r.label == rel for r in addressed) / n for rel in ("entails", "contradicts", "neutral")),
        float(points_back), float(claim_negative),
    ]


def article_vector(
    ctx: ClaimContext,
    units: Sequence[Unit],
    matrix: np.ndarray,
    relevance: np.ndarray,
    sentence_proba: np.ndarray,
    short_semantic: float = 0.0,
    relation: Sequence[float] = (),
) -> np.ndarray:
    """Article features from unit features, unit relevance and unit stance.

    ``relevance`` holds one score per unit in [0, 1]; ``sentence_proba`` one
    (agree, disagree, discuss) row per unit.  The top units are the three most
    relevant, and their cues and stances are weighted by relevance.
    ``short_semantic`` is the whole-text cosine of a headline pair (0 otherwise).
    """
    claim_side = [ctx.claim_deny, ctx.claim_neg, math.log1p(len(ctx.claim.tokens))]
    relation = list(relation) or [0.0] * N_ARTICLE_RELATION
    if len(units) == 0:
        out = np.zeros(len(ARTICLE_FEATURES), dtype=np.float32)
        out[-3 - N_ARTICLE_RELATION :] = claim_side + relation
        return out
    order = np.argsort(-relevance, kind="stable")
    top = order[:3]
    w = relevance[top] / (relevance[top].sum() or 1.0)
    core = matrix[:, :5]
    all_stems = frozenset().union(*(u.stems for u in units))
    shared = ctx.claim.stems & all_stems
    cue_cols = matrix[:, _CUE0 : _CUE0 + len(CATEGORIES)]
    col = UNIT_FEATURES.index
    feats = [
        *core.max(axis=0),
        *core[top].mean(axis=0),
        len(shared) / (len(ctx.claim.stems) or 1),
        sum(weight(s, ctx.weights) for s in shared) / ctx.total,
        matrix[0, col("wcov")],
        math.log1p(len(units)),
        float((matrix[:, col("wcov")] >= 0.5).mean()),
        float(relevance.max()),
        float(relevance[top].mean()),
        *(cue_cols > 0).mean(axis=0),
        *(w @ cue_cols[top]),
        float(w @ matrix[top, col("deny_near")]),
        float(w @ matrix[top, col("neg_near")]),
        float(w @ matrix[top, col("num_clash")]),
        float(w @ matrix[top, col("semantic")]),
        float(matrix[:, col("semantic")].max()),
        short_semantic,
        *(w @ sentence_proba[top]),
        float(sentence_proba[order[:5], 1].max()),
        *claim_side,
        *relation,
    ]
    return np.asarray(feats, dtype=np.float32)
