"""Choose the verdict thresholds by claim-level cross-validation.

    python bench/verdict_cv.py          # first: judged articles per claim, CV stance models
    python bench/verdict_policy.py      # then: nested CV over the verdict thresholds
    python bench/verdict_policy.py --once   # the same, each unit counting once (shipped rule)
    python bench/verdict_policy.py --once --voices   # also how strongly voices weigh

With ``--voices`` (rows saved with each unit's voice), the voice weights of the
shipped policy are raised to a power ``alpha`` searched with the other thresholds:
0 counts every voice alike, 1 is the shipped weights, 2 doubles their spread.

Reads bench/out/verdict_cv_rows.json (each Baly claim's judged articles and
evidence units, every
stance from a model that never saw that claim).  For each fold, picks the
policy with the best verdict macro-F1 on the other three folds and scores it on
the held-out fold; the pooled result is the nested-CV figure.  The contested
share is fixed (a product choice, see tahqiq/verify/verdict.py); the credibility
bar and the weight of denials are searched.  Also prints the default policy's
figures over all folds.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
ROWS = REPO / "bench" / "out" / (ARGS[0] if ARGS else "verdict_cv_rows.json")
#: ``--once``: search only policies where an evidence unit counts once (unit_growth 0).
ONCE = "--once" in sys.argv
#: ``--voices``: also search how strongly the voice behind a unit weighs (see above).
VOICES = "--voices" in sys.argv
ALPHAS = (0.0, 0.5, 1.0, 1.5, 2.0) if VOICES else (None,)
FOLDS = REPO.parent / "shared" / "data" / "baly2018" / "folds.txt"
ANSWER = {"supported": "true", "refuted": "false"}


def _judgements(row: dict, judgement: type, policy) -> tuple:
    """``(judgements, policy, weights)`` for decide: the claim's evidence units (plus its
    unrelated articles), or, for rows saved before units existed, its articles."""
    if "units" not in row:
        return [judgement(a["stance"], a["confidence"], {}) for a in row["articles"]], policy, None
    sizes = Counter(a["evidence_unit"] for a in row["articles"] if a["evidence_unit"])
    unrelated = [a for a in row["articles"] if a["stance"] == "unrelated"]
    found = [judgement(u["stance"], u["confidence"], {}) for u in row["units"]] + \
        [judgement(a["stance"], a["confidence"], {}) for a in unrelated]
    weights = [policy.unit_weight(sizes[i + 1]) * policy.voice_weight(u.get("voice", ""))
               for i, u in enumerate(row["units"])] + [1.0] * len(unrelated)
    return found, policy, weights


def main() -> int:
    if not ROWS.is_file() or not FOLDS.is_file():
        print(f"skipped: run bench/verdict_cv.py first ({ROWS}) with ../shared/data present")
        return 0
    from tahqiq.evaluation.metrics import classification_report
    from tahqiq.stance.data import read_folds
    from tahqiq.types import Judgement
    from tahqiq.verify.verdict import VerdictPolicy, decide

    rows = json.loads(ROWS.read_text(encoding="utf-8"))
    folds = read_folds(FOLDS)

    def verdicts(subset: list, policy: VerdictPolicy) -> list[str]:
        return [decide(*_judgements(r, Judgement, policy))[0]
                for r in subset]

    def score(subset: list, policy: VerdictPolicy) -> dict:
        predicted = [ANSWER.get(v, "none") for v in verdicts(subset, policy)]
        return classification_report([r["gold"] for r in subset], predicted, ("true", "false"))

    default = VerdictPolicy()
    def voiced(alpha: float | None) -> tuple[tuple[str, float], ...]:
        if alpha is None:  # rows without voices: every unit weighs 1
            return ()
        return tuple((v, w ** alpha) for v, w in default.voice_weights)

    grid = [VerdictPolicy(c, default.contested_share, w, g, voiced(a))
            for c in (0.3, 0.4, 0.5, 0.6, 0.7) for w in (1.0, 1.25, 1.5, 2.0)
            for g in ((0.0,) if ONCE else (0.0, 0.5, 1.0)) for a in ALPHAS]
    chosen, pooled = [], []
    for fold in sorted(set(folds.values())):
        train = [r for r in rows if folds[r["claim_id"]] != fold]
        test = [r for r in rows if folds[r["claim_id"]] == fold]
        best = max(grid, key=lambda p: score(train, p)["macro_f1"])
        chosen.append({"fold": fold, "credible": best.credible, "disagree_weight": best.disagree_weight,
                       "unit_growth": best.unit_growth, "voice_weights": dict(best.voice_weights),
                       "test_macro_f1": score(test, best)["macro_f1"]})
        pooled += [(r["gold"], ANSWER.get(v, "none")) for r, v in zip(test, verdicts(test, best), strict=True)]
    nested = classification_report([g for g, _ in pooled], [p for _, p in pooled], ("true", "false"))
    full = score(rows, default)
    extra = {}
    if VOICES:
        from dataclasses import replace

        extra["default_by_alpha"] = {str(a): score(rows, replace(default, voice_weights=voiced(a)))["macro_f1"]
                                     for a in ALPHAS}
        extra["units_by_voice"] = dict(Counter(f"{u.get('voice')}/{u['stance']}/{r['gold']}"
                                               for r in rows for u in r.get("units", ())
                                               if u["stance"] in ("agree", "disagree")).most_common())
    spread = Counter(f"{r['gold']}->{v}" for r, v in zip(rows, verdicts(rows, default), strict=True))
    print(json.dumps({"nested_cv": {"macro_f1": nested["macro_f1"], "accuracy": nested["accuracy"],
                                    "confusion": nested["confusion"], "chosen": chosen},
                      "default_policy": {"policy": repr(default), "macro_f1": full["macro_f1"],
                                         "accuracy": full["accuracy"], "per_class": full["per_class"],
                                         "verdicts_by_gold": dict(sorted(spread.items()))}, **extra},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
