"""A judgement that says why: the deciding sentence, each evidence sentence's
relation to the claim, and the warnings that bad input earns.

Bad input gets a defined label, never a traceback: an empty or one-word claim,
an article with no sentences, or a text with no Arabic in it is
**unrelated** with a warning; a claim over :data:`MAX_CLAIM_CHARS` characters
is judged on its first :data:`MAX_CLAIM_CHARS` with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..core.types import Evidence, Judgement
from .labels import LABELS
from .policy import confidence, final_label, is_headline
from .relation import Relation

if TYPE_CHECKING:
    from .model import PreparedPair

#: Longest claim compared, in characters.
MAX_CLAIM_CHARS = 1000
_ARABIC = re.compile(r"[\u0621-\u064a]")
_WORD = re.compile(r"[^\W_]{2,}")
#: Sentence relation -> the stance it lends an evidence sentence.
RELATION_STANCE = {"entails": "agree", "contradicts": "disagree", "neutral": "discuss",
                   "unaddressed": "unrelated"}


def screen(claim: str, text: str) -> tuple[str, tuple[str, ...], str | None]:
    """The claim to compare, warnings, and the reason to stop early (else ``None``)."""
    warnings: list[str] = []
    if len(claim) > MAX_CLAIM_CHARS:
        claim = claim[:MAX_CLAIM_CHARS]
        warnings.append("claim_truncated")
    if len(_WORD.findall(claim)) < 2:
        return claim, (*warnings, "claim_too_short"), "claim_too_short"
    if not text.strip():
        return claim, (*warnings, "no_sentences"), "no_sentences"
    if not _ARABIC.search(text):
        return claim, (*warnings, "not_arabic"), "not_arabic"
    return claim, tuple(warnings), None


def early(reason: str, warnings: tuple[str, ...]) -> Judgement:
    """The defined judgement of input that cannot be compared."""
    probabilities = {lab: float(lab == "unrelated") for lab in LABELS}
    return Judgement("unrelated", 1.0, probabilities, (), reason, warnings)


def judgement(prep: PreparedPair, proba: np.ndarray, relevance: np.ndarray, k: int, policy: str,
              warnings: tuple[str, ...] = ()) -> Judgement:
    """The article's label from its sentences and the trees, with ``k`` evidence sentences,
    the deciding one first."""
    if not prep.units:
        return early("no_sentences", (*warnings, "no_sentences"))
    decision = prep.decision
    label, by = final_label(proba, decision.label, policy, short=is_headline(prep.units))
    unit = decision.unit if by == "sentences" else _best_for(label, prep.relations, relevance)
    strength = prep.relations[unit].address if unit is not None and by == "sentences" else 0.0
    order = [int(i) for i in np.argsort(-relevance, kind="stable") if i != unit]
    chosen = ([unit] if unit is not None else []) + order[: k - (unit is not None)]
    evidence = tuple(_evidence(prep, i, relevance, bool(i == unit)) for i in chosen)
    reason = decision.reason if by == "sentences" else "trees"
    return Judgement(label, confidence(proba, label, strength),
                     {lab: round(float(p), 4) for lab, p in zip(LABELS, proba, strict=True)},
                     evidence, reason, warnings)


def _best_for(label: str, relations: Sequence[Relation], relevance: np.ndarray) -> int | None:
    """The sentence that best supports a label the trees chose: the most relevant one
    whose relation lends it that stance, else the most relevant one."""
    if not relations:
        return None
    fitting = [i for i, r in enumerate(relations) if RELATION_STANCE[r.label] == label]
    pool = fitting or list(range(len(relations)))
    return max(pool, key=lambda i: float(relevance[i]))


def _evidence(prep: PreparedPair, i: int, relevance: np.ndarray, decisive: bool) -> Evidence:
    rel = prep.relations[i]
    stance = RELATION_STANCE[rel.label]
    if rel.label == "unaddressed" and prep.denials[i] is not None and decisive:
        stance = "disagree"
    reasons = rel.to_json()
    if prep.denials[i] is not None:
        reasons["denies_reports"] = prep.denials[i].cue
    del reasons["relation"]
    return Evidence(int(i), prep.units[i].text, stance, round(float(relevance[i]), 4),
                    prep.units[i].line, rel.label, reasons, decisive)


__all__ = ["MAX_CLAIM_CHARS", "RELATION_STANCE", "early", "judgement", "screen"]
