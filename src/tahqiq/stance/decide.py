"""The article's stance from its sentences' relations, transparently.

An article is **unrelated** when no sentence addresses the claim's event;
otherwise the sentences that address it best decide: one that contradicts the
claim makes it **disagree**, else one that entails it makes it **agree**, else
it only **discusses** it.  A denial that points back at reports the article
has named ("الأخبار المتداولة عارية عن الصحة") contradicts the claim once some
sentence addresses it.  The decision names the sentence and the reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .relation import Operator, Relation

#: Sentences within this much address of the best one take part in the decision.
DECISION_BAND = 0.3
#: Relation -> article label, in the order they win.
_PRIORITY = (("contradicts", "disagree"), ("entails", "agree"), ("neutral", "discuss"))


@dataclass(frozen=True, slots=True)
class Decision:
    """An article label, the sentence (unit index) that decided it, and why.

    ``reason`` is a code: ``no_sentence_addresses``, ``contradicts``,
    ``denies_reports``, ``entails`` or ``neutral``.
    """

    label: str
    unit: int | None
    reason: str


def decide(relations: Sequence[Relation], denials: Sequence[Operator | None] = (),
           band: float = DECISION_BAND) -> Decision:
    """Aggregate sentence relations (and anaphoric denials, per sentence) into a label."""
    addressed = [i for i, r in enumerate(relations) if r.label != "unaddressed"]
    if not addressed:
        best = max(range(len(relations)), key=lambda i: relations[i].address, default=None)
        return Decision("unrelated", best, "no_sentence_addresses")
    top = max(relations[i].address for i in addressed)
    strong = [i for i in addressed if relations[i].address >= top - band]
    for relation, label in _PRIORITY:
        hits = [i for i in strong if relations[i].label == relation]
        if relation == "contradicts" and not hits:
            pointing = [i for i, d in enumerate(denials) if d is not None]
            if pointing:
                return Decision("disagree", pointing[0], "denies_reports")
        if hits:
            best = max(hits, key=lambda i: relations[i].address)
            return Decision(label, best, relation)
    return Decision("discuss", strong[0], "neutral")
