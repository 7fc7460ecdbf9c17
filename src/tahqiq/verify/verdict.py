"""From article stances to a verdict on the claim.

The rule (documented in ``docs/verify.md``):

1. Related articles are those whose stance is not ``unrelated``.  With none,
   the verdict is ``unverified``.
2. An agreeing or disagreeing article is *credible* when its stance
   confidence reaches ``policy.credible``.  Support ``S`` is the sum of the
   confidences of credible agreeing articles, refutation ``R`` the same for
   credible disagreeing ones, times ``policy.disagree_weight``.
3. With ``S = R = 0`` (related articles only discuss the claim, or take a side
   without confidence) the verdict is ``unverified``.
4. When both sides are credible and the smaller side holds at least
   ``policy.contested_share`` of ``S + R``, the verdict is ``contested``.
5. Otherwise the larger side wins: ``supported`` or ``refuted``.

The defaults were chosen by claim-level cross-validation on Baly et al.
(``bench/verdict_policy.py``; figures in ``docs/benchmarks.md``).

Confidence is in [0, 1].  For supported and refuted it is the winning
margin ``|S - R| / (S + R)`` times the evidence strength ``1 - exp(-(S + R))``
(one credible article at 0.8 gives 0.55, three give 0.91).  For contested it
is how balanced the sides are, ``min(S, R) / max(S, R)`` times the strength.
For unverified it is the mean probability that the retrieved articles are
unrelated (1.0 when nothing was retrieved).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Judgement, Verdict

RELATED = ("agree", "disagree", "discuss")


@dataclass(frozen=True, slots=True)
class VerdictPolicy:
    """Thresholds of the verdict rule (see the module docstring)."""

    #: Stance confidence from which an agreeing or disagreeing article counts
    #: (0.3 leaves out only near-ties: four labels put the floor at 0.25).
    credible: float = 0.3
    #: Share of the weaker side from which a claim is contested (a product
    #: choice: within 40/60 the evidence is called a contest).
    contested_share: float = 0.4
    #: How much a credible disagreeing article weighs against an agreeing one
    #: (denials are rarer than reports, and reports are copied).
    disagree_weight: float = 1.5

    def __post_init__(self) -> None:
        if not 0.0 <= self.credible <= 1.0 or not 0.0 < self.contested_share <= 0.5:
            raise ValueError("credible must be in [0, 1] and contested_share in (0, 0.5]")
        if self.disagree_weight <= 0:
            raise ValueError("disagree_weight must be positive")


def counts(judgements: Sequence[Judgement]) -> dict[str, int]:
    """Related articles by stance (every key present)."""
    return {label: sum(j.stance == label for j in judgements) for label in RELATED}


def decide(judgements: Sequence[Judgement], policy: VerdictPolicy = VerdictPolicy()) -> tuple[Verdict, float]:
    """The verdict and its confidence for the judged articles of one claim."""
    if not any(j.stance in RELATED for j in judgements):
        return "unverified", _unrelated_confidence(judgements)
    support = sum(j.confidence for j in judgements if j.stance == "agree" and j.confidence >= policy.credible)
    refute = policy.disagree_weight * sum(
        j.confidence for j in judgements if j.stance == "disagree" and j.confidence >= policy.credible)
    total = support + refute
    if total == 0:
        return "unverified", _unrelated_confidence(judgements)
    strength = 1.0 - math.exp(-total)
    if min(support, refute) >= policy.contested_share * total:
        return "contested", round(min(support, refute) / max(support, refute) * strength, 4)
    verdict: Verdict = "supported" if support > refute else "refuted"
    return verdict, round(abs(support - refute) / total * strength, 4)


def _unrelated_confidence(judgements: Sequence[Judgement]) -> float:
    if not judgements:
        return 1.0
    return round(sum(j.probabilities.get("unrelated", 0.0) for j in judgements) / len(judgements), 4)


__all__ = ["RELATED", "VerdictPolicy", "counts", "decide"]
