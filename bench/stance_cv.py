"""Claim-level cross-validation of the stance classifier on Baly et al. (2018),
plus ANS dev; prints a JSON line per configuration.

    python bench/stance_cv.py                      # default configuration
    python bench/stance_cv.py --ablation           # what each signal buys

Folds come from ``folds.txt``: no claim is ever both trained and tested on.
ANS train pairs are added to every training set; ANS dev is scored by a model
trained on all Baly folds + ANS train.  Data is read from ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def rationale_p_at_1(model, prepared, pairs, index) -> float:  # noqa: ANN001
    hits = total = 0
    for i in index:
        pair = pairs[i]
        if pair.stance in ("agree", "disagree") and pair.rationale and prepared[i].units:
            relevance, _ = model.unit_scores(prepared[i])
            top = prepared[i].units[int(np.argmax(relevance))].line
            hits += top in pair.rationale
            total += 1
    return hits / total if total else 0.0


def run(params: dict, pairs, ans_train, ans_dev, prep, prep_ans, prep_dev, folds, weights,
        with_ans: bool = True) -> dict:  # noqa: ANN001
    from tahqiq.stance import LABELS, StanceClassifier
    from tahqiq.stance.metrics import classification_report

    gold, pred, p1 = [], [], []
    fold_of = np.array([folds[p.claim_id] for p in pairs])
    for fold in sorted(set(fold_of)):
        train = np.where(fold_of != fold)[0]
        test = np.where(fold_of == fold)[0]
        tr_pairs = [pairs[i] for i in train] + (ans_train if with_ans else [])
        tr_prep = [prep[i] for i in train] + (prep_ans if with_ans else [])
        model = StanceClassifier(**params)
        model.weights = weights
        model.fit([(p.claim, p.text) for p in tr_pairs], [_lab(p.stance) for p in tr_pairs],
                  groups=[p.claim_id for p in tr_pairs], rationales=[p.rationale for p in tr_pairs],
                  prepared=tr_prep)
        pred += model.predict([], prepared=[prep[i] for i in test])
        gold += [pairs[i].stance for i in test]
        p1.append((rationale_p_at_1(model, prep, pairs, test), len(test)))
    baly = classification_report(gold, pred, LABELS)
    baly["rationale_p_at_1"] = round(sum(a * n for a, n in p1) / sum(n for _, n in p1), 4)
    out = {"params": params, "baly": baly}
    if ans_dev is not None:
        all_pairs, all_prep = pairs + ans_train, prep + prep_ans
        model = StanceClassifier(**params)
        model.weights = weights
        model.fit([(p.claim, p.text) for p in all_pairs], [_lab(p.stance) for p in all_pairs],
                  groups=[p.claim_id for p in all_pairs],
                  rationales=[p.rationale for p in all_pairs], prepared=all_prep)
        predicted = ["other" if lab in ("discuss", "unrelated") else lab
                     for lab in model.predict([], prepared=prep_dev)]
        out["ans_dev"] = classification_report([p.stance for p in ans_dev], predicted,
                                               ("agree", "disagree", "other"))
    return out


def _lab(stance: str) -> str:
    return "discuss" if stance == "other" else stance


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--set", action="append", default=[], help="param=value (JSON value)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.stance.data import read_ans, read_baly, read_folds
    from tahqiq.stance.model import Prepared
    from tahqiq.stance.weights import build_weights

    started = time.perf_counter()
    weights = build_weights()
    pairs = read_baly(DATA / "baly2018" / "claims")
    folds = read_folds(DATA / "baly2018" / "folds.txt")
    ans_train = read_ans(DATA / "ans" / "stance" / "train.csv")
    ans_dev = read_ans(DATA / "ans" / "stance" / "dev.csv")
    prep = [Prepared(p.claim, p.text, weights) for p in pairs]
    prep_ans = [Prepared(p.claim, p.text, weights) for p in ans_train]
    prep_dev = [Prepared(p.claim, p.text, weights) for p in ans_dev]
    print(f"# prepared {len(prep)} Baly + {len(prep_ans)} ANS train + {len(prep_dev)} ANS dev pairs "
          f"in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    base = {k: json.loads(v) for k, v in (s.split("=", 1) for s in args.set)}
    configs = [("default", base, True)]
    if args.ablation:
        configs += [
            ("no sentence head", {**base, "use_sentence_head": False}, True),
            ("no n-grams", {**base, "use_ngrams": False}, True),
            ("no ANS in training", base, False),
        ]
    for name, params, with_ans in configs:
        t0 = time.perf_counter()
        result = run(params, pairs, ans_train, ans_dev, prep, prep_ans, prep_dev, folds, weights,
                     with_ans=with_ans)
        result["name"], result["seconds"] = name, round(time.perf_counter() - t0, 1)
        print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
