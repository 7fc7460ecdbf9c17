"""Judgement: the trees, the transparent sentence-relation decision, and the
policy that joins them, on Baly (claim CV), ANS dev and the behavioural suite.

    python bench/stance_judgement.py                  # prepare + cross-fit (cached), then score
    python bench/stance_judgement.py --cache DIR      # where level-2 vectors are cached
    python bench/stance_judgement.py --no-contrast    # without generated contrast pairs

Protocol: each Baly fold is scored by trees fitted on the other three folds +
ANS train + the contrast pairs generated from the training folds' claims and
rationales (level-1 heads cross-fitted by claim, as in ``tahqiq train
stance``).  ANS dev and the behavioural suite (``tests/data/stance_suite``)
are scored by a model fitted on everything.  Data is read from ../shared/data.
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
SUITE = REPO / "tests" / "data" / "stance_suite"


def _lab(stance: str) -> str:
    return "discuss" if stance == "other" else stance


def build(cache: Path, contrast: bool) -> dict:
    """Level-2 vectors, transparent decisions and gold labels (cached as .npz)."""
    from tahqiq.stance import StanceClassifier
    from tahqiq.stance.contrast import contrast_pairs, outside_fold
    from tahqiq.stance.data import read_ans, read_baly, read_folds, read_jsonl_pairs
    from tahqiq.stance.labels import label_index
    from tahqiq.stance.policy import is_headline
    from tahqiq.stance.state import article_features
    from tahqiq.stance.training import cross_fitted_vectors, fit_heads
    from tahqiq.stance.weights import build_weights

    pairs = read_baly(DATA / "baly2018" / "claims")
    folds = read_folds(DATA / "baly2018" / "folds.txt")
    train_ans = read_ans(DATA / "ans" / "stance" / "train.csv")
    dev = read_ans(DATA / "ans" / "stance" / "dev.csv")
    suite = [p for f in sorted(SUITE.glob("*.jsonl")) for p in read_jsonl_pairs(f)]
    generated = contrast_pairs(pairs) if contrast else []
    model = StanceClassifier(weights=build_weights())
    t0 = time.perf_counter()
    prep = [model.prepare(p.claim, p.text) for p in pairs]
    prep_ans = [model.prepare(p.claim, p.text) for p in train_ans]
    prep_gen = [model.prepare(p.claim, p.text) for p in generated]
    prep_dev = [model.prepare(p.claim, p.text) for p in dev]
    prep_suite = [model.prepare(p.claim, p.text) for p in suite]
    print(f"# prepared in {time.perf_counter() - t0:.0f}s", file=sys.stderr, flush=True)
    fold_of = np.array([folds[p.claim_id] for p in pairs])
    out: dict = {}

    def fit(train_prep: list, train_pairs: list, gen: np.ndarray, tests: dict) -> None:
        key = tests.pop("key")
        y = np.array([label_index(_lab(p.stance)) for p in train_pairs])
        rats, groups = [p.rationale for p in train_pairs], [p.claim_id for p in train_pairs]
        out[f"{key}_xtr"] = cross_fitted_vectors(model.params, train_prep, y, rats, groups)
        level1 = fit_heads(model.params, train_prep, y, rats, np.arange(len(train_prep)))
        out[f"{key}_ytr"], out[f"{key}_gen"] = y, gen
        out[f"{key}_long"] = np.array([len(p.units) > 2 for p in train_prep]) & ~gen
        for name, test_prep in tests.items():
            out[f"{name}_xte"] = np.stack([article_features(model.params, level1, p)[0] for p in test_prep])
            out[f"{name}_short"] = np.array([is_headline(p.units) for p in test_prep])

    for fold in sorted(set(fold_of)):
        train, test = np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)
        gen = outside_fold(generated, folds, fold)
        tp = [prep[i] for i in train] + prep_ans + [prep_gen[i] for i in gen]
        tpairs = [pairs[i] for i in train] + train_ans + [generated[i] for i in gen]
        mask = np.array([False] * (len(train) + len(train_ans)) + [True] * len(gen))
        fit(tp, tpairs, mask, {"key": f"f{fold}", f"f{fold}": [prep[i] for i in test]})
        out[f"f{fold}_yte"] = np.array([pairs[i].stance for i in test])
        print(f"# fold {fold} cross-fitted", file=sys.stderr, flush=True)
    mask = np.array([False] * (len(pairs) + len(train_ans)) + [True] * len(generated))
    fit(prep + prep_ans + prep_gen, pairs + train_ans + generated, mask,
        {"key": "all", "dev": prep_dev, "suite": prep_suite})
    out["dev_yte"] = np.array([p.stance for p in dev])
    out["suite_yte"] = np.array([p.stance for p in suite])
    out["suite_cap"] = np.array([p.capability or "" for p in suite])
    out["suite_id"] = np.array([p.id or "" for p in suite])
    cache.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache / "judgement.npz", **out)
    return out


def trees_proba(vec: dict, key: str, test: str) -> np.ndarray:
    """Probabilities of ``test`` from trees fitted on the ``key`` training vectors."""
    from tahqiq.stance.model import DEFAULT_PARAMS
    from tahqiq.stance.training import fit_trees
    from tahqiq.stance.trees import parse_lightgbm

    scale = np.where(vec[f"{key}_gen"], DEFAULT_PARAMS["contrast_weight"], 1.0)
    booster = fit_trees(DEFAULT_PARAMS, vec[f"{key}_xtr"], vec[f"{key}_ytr"], vec[f"{key}_long"],
                        scale=scale)
    return parse_lightgbm(booster.model_to_string()).predict_proba(vec[f"{test}_xte"])


def report(gold: np.ndarray, pred: list[str], labels: tuple[str, ...]) -> dict:
    """Macro-F1 and per-class F1."""
    from tahqiq.evaluation.metrics import classification_report

    r = classification_report(list(gold), pred, labels)
    return {"macro_f1": r["macro_f1"], **{k: v["f1"] for k, v in r["per_class"].items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=REPO / "bench" / "out" / "stance-judgement")
    parser.add_argument("--no-contrast", action="store_true")
    parser.add_argument("--held-out", action="store_true",
                        help="also score suite part C (kept apart while developing)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.stance.labels import LABELS
    from tahqiq.stance.policy import POLICIES, final_labels

    path = args.cache / "judgement.npz"
    vec = dict(np.load(path, allow_pickle=False)) if path.is_file() else build(args.cache, not args.no_contrast)
    folds = sorted({k.split("_")[0] for k in vec if k.startswith("f") and k.endswith("_yte")})
    probas = {f: trees_proba(vec, f, f) for f in folds}
    probas["dev"] = trees_proba(vec, "all", "dev")
    probas["suite"] = trees_proba(vec, "all", "suite")
    gold = np.concatenate([vec[f"{f}_yte"] for f in folds])
    for policy in POLICIES:
        baly = [lab for f in folds
                for lab in final_labels(probas[f], vec[f"{f}_xte"], policy, vec[f"{f}_short"])]
        dev = ["other" if x in ("discuss", "unrelated") else x
               for x in final_labels(probas["dev"], vec["dev_xte"], policy, vec["dev_short"])]
        suite = np.array(final_labels(probas["suite"], vec["suite_xte"], policy, vec["suite_short"]))
        held = np.array([i.startswith("c") for i in vec["suite_id"]])
        caps: dict = {}
        for cap, g, p, h in zip(vec["suite_cap"], vec["suite_yte"], suite, held, strict=True):
            if not h:
                caps.setdefault(cap, []).append(g == p)
        line = {"policy": policy, "baly": report(gold, baly, LABELS),
                "ans_dev": report(vec["dev_yte"], dev, ("agree", "disagree", "other")),
                "suite_dev": round(float(np.mean((vec["suite_yte"] == suite)[~held])), 3),
                "per_capability": {c: round(float(np.mean(v)), 2) for c, v in sorted(caps.items())}}
        if args.held_out:
            line["suite_held_out"] = round(float(np.mean((vec["suite_yte"] == suite)[held])), 3)
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
