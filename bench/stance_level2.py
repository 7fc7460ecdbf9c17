"""What the article-level decision gains from each signal, and from its class weights.

    python bench/stance_level2.py                 # prepare, cross-fit, then every configuration
    python bench/stance_level2.py --cache DIR     # reuse the level-2 vectors cached in DIR

Same claim-level protocol as ``tahqiq train stance``: each Baly fold is scored
by trees fitted on the other three folds + ANS train, whose level-1 heads were
cross-fitted by claim; ANS dev by trees fitted on everything.  The level-1
heads are fitted once per fold with every unit feature; a configuration then
refits only the trees, on a subset of article features or with other weights.
So "without X" removes X's article features, not X from the sentence heads.
Data is read from ../shared/data; prints one Markdown table row per configuration.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"

GROUPS = {
    "cue features (rates, relevance-weighted cues, denial/negation scope)":
        ("rate_", "top_deny", "top_negation", "top_hedge", "top_confirm", "top_report",
         "top_question", "top_neg_near"),
    "USE cosine (5 closest sentences)": ("top_semantic", "max_semantic"),
    "e5 cosine (headline pairs)": ("short_semantic",),
    "sentence-stance head": ("sent_", "max_sent_disagree"),
    "relevance head": ("max_relevance", "top3_relevance"),
    "number clash": ("top_num_clash",),
    "claim-side features": ("claim_",),
    "word and character overlap": ("max_cov", "max_wcov", "max_jaccard", "max_bigram", "max_char4",
                                   "top3_", "doc_", "first_", "share_"),
}


def _lab(stance: str) -> str:
    return "discuss" if stance == "other" else stance


def build(cache: Path) -> dict:
    """Cross-fitted level-2 vectors for each outer fold and for ANS dev (cached as .npz)."""
    from tahqiq.stance import StanceClassifier
    from tahqiq.stance.data import read_ans, read_baly, read_folds
    from tahqiq.stance.labels import label_index
    from tahqiq.stance.state import article_features
    from tahqiq.stance.training import cross_fitted_vectors, fit_heads
    from tahqiq.stance.weights import build_weights

    weights = build_weights()
    pairs = read_baly(DATA / "baly2018" / "claims")
    folds = read_folds(DATA / "baly2018" / "folds.txt")
    train_ans = read_ans(DATA / "ans" / "stance" / "train.csv")
    dev = read_ans(DATA / "ans" / "stance" / "dev.csv")
    model = StanceClassifier(weights=weights)
    prep = [model.prepare(p.claim, p.text) for p in pairs]
    prep_ans = [model.prepare(p.claim, p.text) for p in train_ans]
    prep_dev = [model.prepare(p.claim, p.text) for p in dev]
    fold_of = np.array([folds[p.claim_id] for p in pairs])
    out = {}

    def fit(train_prep: list, train_pairs: list, test_prep: list, key: str) -> None:
        y = np.array([label_index(_lab(p.stance)) for p in train_pairs])
        rats, groups = [p.rationale for p in train_pairs], [p.claim_id for p in train_pairs]
        out[f"{key}_xtr"] = cross_fitted_vectors(model.params, train_prep, y, rats, groups)
        level1 = fit_heads(model.params, train_prep, y, rats, np.arange(len(train_prep)))
        out[f"{key}_ytr"] = y
        out[f"{key}_long"] = np.array([len(p.units) > 2 for p in train_prep])
        out[f"{key}_xte"] = np.stack([article_features(model.params, level1, p)[0] for p in test_prep])

    for fold in sorted(set(fold_of)):
        train, test = np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)
        fit([prep[i] for i in train] + prep_ans, [pairs[i] for i in train] + train_ans,
            [prep[i] for i in test], f"f{fold}")
        out[f"f{fold}_yte"] = np.array([pairs[i].stance for i in test])
        print(f"# fold {fold} cross-fitted", file=sys.stderr, flush=True)
    fit(prep + prep_ans, pairs + train_ans, prep_dev, "dev")
    out["dev_yte"] = np.array([p.stance for p in dev])
    cache.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(cache / "level2.npz", **out)
    return out


def score(vec: dict, keep: list[int], weighting: str) -> tuple[dict, float]:
    """Baly CV per-class F1 and macro-F1, and ANS dev macro-F1, for one configuration."""
    from sklearn.metrics import f1_score

    from tahqiq.stance.features import ARTICLE_FEATURES
    from tahqiq.stance.labels import LABELS
    from tahqiq.stance.model import DEFAULT_PARAMS
    from tahqiq.stance.training import fit_trees
    from tahqiq.stance.trees import parse_lightgbm

    names = [ARTICLE_FEATURES[i] for i in keep]

    def predict(key: str) -> np.ndarray:
        long_text = vec[f"{key}_long"] if weighting == "articles" else None
        booster = fit_trees(DEFAULT_PARAMS, vec[f"{key}_xtr"][:, keep], vec[f"{key}_ytr"], long_text, names)
        proba = parse_lightgbm(booster.model_to_string()).predict_proba(vec[f"{key}_xte"][:, keep])
        return np.array([LABELS[i] for i in proba.argmax(axis=1)])

    folds = sorted({k.split("_")[0] for k in vec if k.startswith("f")})
    gold = np.concatenate([vec[f"{f}_yte"] for f in folds])
    pred = np.concatenate([predict(f) for f in folds])
    per = dict(zip(LABELS, f1_score(gold, pred, labels=list(LABELS), average=None), strict=True))
    per["macro"] = float(np.mean(list(per.values())))
    dev = ["other" if p in ("discuss", "unrelated") else p for p in predict("dev")]
    return per, float(f1_score(vec["dev_yte"], dev, average="macro"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=REPO / "bench" / "out" / "stance-level2")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.stance.features import ARTICLE_FEATURES

    started = time.perf_counter()
    path = args.cache / "level2.npz"
    vec = dict(np.load(path, allow_pickle=False)) if path.is_file() else build(args.cache)
    print(f"# vectors ready in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    everything = list(range(len(ARTICLE_FEATURES)))
    configs = [("all features, classes balanced among articles (shipped)", everything, "articles"),
               ("all features, one joint class balance", everything, "joint")]
    for name, prefixes in GROUPS.items():
        keep = [i for i, f in enumerate(ARTICLE_FEATURES) if not f.startswith(prefixes)]
        configs.append((f"without {name} ({len(everything) - len(keep)})", keep, "articles"))
    print("| configuration | Baly macro-F1 | agree | disagree | discuss | unrelated | ANS dev macro-F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, keep, weighting in configs:
        per, ans = score(vec, keep, weighting)
        print(f"| {name} | {per['macro']:.3f} | {per['agree']:.3f} | {per['disagree']:.3f} | "
              f"{per['discuss']:.3f} | {per['unrelated']:.3f} | {ans:.3f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
