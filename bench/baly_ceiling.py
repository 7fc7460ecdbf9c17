"""What Baly et al.'s own labels allow: the verdict its gold stances give, and
how often its labels call a restatement unrelated.

    python bench/baly_ceiling.py            # needs ../shared/data

1. **Verdict ceiling.**  Every claim's labelled articles, with their gold
   stances at confidence 1.0 and each article its own evidence unit, go
   through the shipped verdict rule (``tahqiq.verify.verdict.decide``, default
   policy).  This is the verdict of a stance model that is right on every
   labelled article; a verdict macro-F1 above it comes from stances that are
   wrong in the verdict's favour.
2. **Restatements by gold label.**  For every labelled article, the relation
   layer's best sentence (``tahqiq.stance.relation``, no model): how many
   articles carry a sentence holding at least 95% of the claim's weighted
   words, with no operator that flips it, and how Baly labels them.

Prints one JSON object.  Reads the data from ../shared/data; copies nothing.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"
#: Share of the claim's weighted words from which a sentence is a restatement here.
RESTATES = 0.95


def verdict_ceiling(pairs: list, facts: dict) -> dict:
    """Verdict macro-F1 of the gold stances (see the module docstring)."""
    from tahqiq.evaluation.metrics import classification_report
    from tahqiq.types import Judgement
    from tahqiq.verify.verdict import VerdictPolicy, decide

    stances: dict[str, list[str]] = {}
    for p in pairs:
        stances.setdefault(p.claim_id, []).append("discuss" if p.stance == "other" else p.stance)
    answer = {"supported": "true", "refuted": "false"}
    gold, predicted, spread = [], [], Counter()
    for claim_id, found in sorted(stances.items()):
        verdict, _ = decide([Judgement(s, 1.0, {}) for s in found], VerdictPolicy())
        truth = facts[claim_id][1]
        gold.append(truth)
        predicted.append(answer.get(verdict, "none"))
        spread[f"{truth}->{verdict}"] += 1
    report = classification_report(gold, predicted, ("true", "false"))
    return {"macro_f1": report["macro_f1"],
            "f1": {k: v["f1"] for k, v in report["per_class"].items()},
            "verdicts_by_gold": dict(sorted(spread.items()))}


def restatements(pairs: list) -> dict:
    """Articles carrying a near-verbatim, unflipped restatement, by gold label."""
    from tahqiq.stance.relation import claim_frame, relate_units
    from tahqiq.stance.units import article_units
    from tahqiq.stance.weights import build_weights

    weights = build_weights()
    frames: dict[str, object] = {}
    by_gold: Counter = Counter()
    for p in pairs:
        frame = frames.setdefault(p.claim, claim_frame(p.claim, weights))
        units = article_units(p.text)
        if any(r.address >= RESTATES and r.label == "entails" for r in relate_units(frame, units)):
            by_gold["discuss" if p.stance == "other" else p.stance] += 1
    total = sum(by_gold.values())
    return {"articles": total, "by_gold_label": dict(sorted(by_gold.items())),
            "labelled_unrelated_or_discuss": round((by_gold["unrelated"] + by_gold["discuss"])
                                                   / (total or 1), 3)}


def main() -> int:
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.stance.data import read_baly, read_baly_facts

    pairs, facts = read_baly(DATA), read_baly_facts(DATA)
    print(json.dumps({"pairs": len(pairs), "claims": len(facts),
                      "verdict_of_gold_stances": verdict_ceiling(pairs, facts),
                      "restatements": restatements(pairs)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
