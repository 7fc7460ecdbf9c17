"""Claim-level cross-validation of the stance classifier on Baly et al. (2018),
plus ANS dev; prints a JSON line per configuration.

    python bench/stance_cv.py                      # the shipped configuration
    python bench/stance_cv.py --set encoder=null   # override a parameter (JSON value)
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

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def run(params: dict, pairs, ans_train, ans_dev, prep, prep_ans, prep_dev, folds, weights,
        with_ans: bool = True) -> dict:  # noqa: ANN001
    from tahqiq.evaluation.metrics import classification_report
    from tahqiq.evaluation.stance import _fit, cross_validate
    from tahqiq.stance import StanceClassifier

    extra, extra_prep = (ans_train, prep_ans) if with_ans else ([], [])
    out = {"params": params,
           "baly": cross_validate(params, weights, pairs, prep, folds, extra, extra_prep)}
    model = StanceClassifier(weights=weights, **params)
    _fit(model, pairs + list(extra), prep + list(extra_prep))
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
    from tahqiq.stance.model import PreparedPair
    from tahqiq.stance.weights import build_weights

    started = time.perf_counter()
    weights = build_weights()
    pairs = read_baly(DATA / "baly2018" / "claims")
    folds = read_folds(DATA / "baly2018" / "folds.txt")
    ans_train = read_ans(DATA / "ans" / "stance" / "train.csv")
    ans_dev = read_ans(DATA / "ans" / "stance" / "dev.csv")
    from tahqiq.stance.model import DEFAULT_PARAMS

    chosen = {**DEFAULT_PARAMS, **{k: json.loads(v) for k, v in (s.split("=", 1) for s in args.set)}}
    encoders = (chosen["encoder"], chosen["short_encoder"])
    prep = [PreparedPair(p.claim, p.text, weights, *encoders) for p in pairs]
    prep_ans = [PreparedPair(p.claim, p.text, weights, *encoders) for p in ans_train]
    prep_dev = [PreparedPair(p.claim, p.text, weights, *encoders) for p in ans_dev]
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
