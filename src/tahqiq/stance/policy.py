"""How the article label follows its sentences: the trees' probabilities and
the transparent relation decision (:mod:`tahqiq.stance.decide`), joined by an
explicit rule.

The shipped rule, ``"demote"``: the sentences decide, and the trees may only
weaken what they say, never strengthen or reverse it.

- no sentence addresses the claim's event -> **unrelated**;
- a sentence contradicts the claim -> **disagree**, or **unrelated** when the
  trees find the article unrelated;
- a sentence entails it -> **agree**, or the trees' **discuss** or **unrelated**;
- the best addressing sentences leave it open -> **discuss**, or the trees'
  **unrelated**;
- a headline (one sentence of at most 20 words) is left to the trees: two headlines
  contradict each other by their facts far more often than by a denial,
  which the operators cannot see.

``"trees"`` (the learned decision alone), ``"rules"`` (the sentence decision
alone), ``"follow"`` and ``"guard"`` are kept for measurement
(``bench/stance_judgement.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .features import ARTICLE_FEATURES
from .labels import LABELS
from .units import Unit

POLICIES = ("trees", "rules", "follow", "guard", "demote")
#: What the trees may weaken a sentence decision to ("demote"): never a stronger or opposite label.
WEAKER = {"agree": ("discuss", "unrelated"), "disagree": ("unrelated",), "discuss": ("unrelated",),
          "unrelated": ()}
_DEC = [ARTICLE_FEATURES.index(f"rel_decides_{lab}") for lab in LABELS]
_UNRELATED = LABELS.index("unrelated")


def final_label(proba: np.ndarray, rule: str, policy: str = "demote",
                short: bool = False) -> tuple[str, str]:
    """The article label and who decided it (``"trees"`` or ``"sentences"``),
    from the trees' probabilities and the relation decision ``rule``.

    A headline-length text (``short``) is left to the trees: two headlines
    contradict each other by their facts far more often than by a denial, which
    the operators cannot see.
    """
    trees = LABELS[int(np.argmax(proba))]
    if policy == "trees" or short and policy != "rules":
        return trees, "trees"
    if policy == "demote":
        return (trees, "trees") if trees in WEAKER[rule] else (rule, "sentences")
    if policy == "rules" or rule in ("unrelated", "disagree"):
        return rule, "sentences"
    p = np.asarray(proba, dtype=float)
    if policy == "guard":
        return _guard(p, trees, rule)
    related = p[0] + p[1] + p[2]
    if p[_UNRELATED] > related:
        return "unrelated", "trees"
    return rule, "sentences"


def confidence(proba: np.ndarray, label: str, strength: float) -> float:
    """The confidence of a final label: the trees' probability for it, or the
    address of the sentence that decided it when that is higher."""
    return round(float(max(proba[LABELS.index(label)], min(strength, 0.99))), 4)


def final_labels(probas: np.ndarray, vectors: np.ndarray, policy: str = "demote",
                 short: Sequence[bool] | None = None) -> list[str]:
    """:func:`final_label` for each row of tree probabilities and article vectors
    (``short``: which texts are headlines, see :func:`is_headline`)."""
    short = short if short is not None else [False] * len(probas)
    return [final_label(p, LABELS[int(np.argmax(v[_DEC]))], policy, bool(h))[0]
            for p, v, h in zip(probas, vectors, short, strict=True)]


#: A one-sentence text of at most this many words is a headline (ANS's are at most 16).
HEADLINE_TOKENS = 20


def is_headline(units: Sequence[Unit]) -> bool:
    """Whether a text is a single headline-length sentence, left to the trees."""
    return len(units) == 1 and len(units[0].tokens) <= HEADLINE_TOKENS


def _guard(p: np.ndarray, trees: str, rule: str) -> tuple[str, str]:
    """The trees decide, within what the sentences allow (rule is agree or discuss here)."""
    if trees == "disagree":
        q = p.copy()
        q[LABELS.index("disagree")] = 0.0
        trees = LABELS[int(np.argmax(q))]
    if rule == "discuss" and trees == "agree":
        return "discuss", "sentences"
    return trees, "trees"
