"""Story clustering against the claim grouping of the Baly articles, cross-validated by claim.

The gold stories are the Baly claims: the articles that speak to a claim (agree,
disagree, discuss) form one story.  Each article is read as the desk reads a text
file (:func:`~tahqiq.text.document.build_document`, which dates it from its text
when it can) and the articles arrive as one stream: a fixed shuffle, with the
dated ones in date order among their places.

- :func:`bcubed`: B-cubed precision, recall and F1 (Bagga and Baldwin 1998).
- :func:`gold_pairs`: training rows for the join model, after Miranda et al. (2018):
  the stream is replayed with the gold stories as the state; each article is scored
  against the candidate stories the clusterer would retrieve, labelled 1 for its own.
- :func:`fit_join`: a logistic regression on those rows, and the threshold that
  gives the best B-cubed F1 on the training stream.
- :func:`cross_validate`: train on three folds, cluster the fourth, for each fold.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..core.types import RawDocument, StoryVector
from ..stance.data import read_baly, read_folds
from ..stories.cluster import FEATURES, StoryClusterer, StoryParams, cluster_stream
from ..stories.vectors import VectorParams, story_vector
from .metrics import mean

RELATED = ("agree", "disagree", "discuss")
#: Join thresholds tried on the training stream.
THRESHOLDS = (0.02, 0.04, 0.06, 0.08, *(round(0.05 * i, 2) for i in range(2, 19)))


@dataclass(frozen=True, slots=True)
class StreamItem:
    """One article of the evaluation stream: its gold story (claim), fold and vector."""

    claim: str
    fold: int
    vector: StoryVector
    published: str | None


def read_stream(baly_dir: Path, seed: int = 13) -> list[StreamItem]:
    """The related Baly articles as one dated stream (see the module docstring)."""
    from ..text.document import build_document

    folds = read_folds(baly_dir / "folds.txt")
    pairs = [p for p in read_baly(baly_dir / "claims") if p.stance in RELATED and p.text.strip()]
    params = VectorParams.from_table()
    items = []
    for pair in pairs:
        try:
            doc = build_document(RawDocument(pair.text, "txt"))
        except Exception:  # noqa: BLE001 - an empty page is no article of the stream
            continue
        items.append((pair.claim_id, folds.get(pair.claim_id, 0), doc))
    random.Random(seed).shuffle(items)
    dated = sorted((d for d in items if d[2].published), key=lambda d: d[2].published)
    slots = iter(dated)
    ordered = [next(slots) if d[2].published else d for d in items]
    return [StreamItem(claim, fold, story_vector(i + 1, doc.search_text, doc.title, doc.published,
                                                 params), doc.published)
            for i, (claim, fold, doc) in enumerate(ordered)]


def bcubed(gold: Sequence[str], predicted: Sequence[int]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of a clustering against gold labels."""
    by_gold: dict[str, set[int]] = defaultdict(set)
    by_pred: dict[int, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted, strict=True)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision, recall = [], []
    for g, p in zip(gold, predicted, strict=True):
        shared = len(by_gold[g] & by_pred[p])
        precision.append(shared / len(by_pred[p]))
        recall.append(shared / len(by_gold[g]))
    pr, rc = mean(precision), mean(recall)
    f1 = round(2 * pr * rc / (pr + rc), 4) if pr + rc else 0.0
    return {"precision": pr, "recall": rc, "f1": f1, "items": len(gold),
            "gold_stories": len(by_gold), "stories": len(by_pred)}


def gold_pairs(items: Sequence[StreamItem], params: StoryParams) -> tuple[list[tuple[float, ...]], list[int]]:
    """Join-model training rows: each article against the candidate gold stories."""
    clusterer = StoryClusterer(params)
    ids: dict[str, int] = {}
    rows, labels = [], []
    for item in items:
        article = clusterer.prepare(item.vector)
        own = ids.get(item.claim)
        for story in clusterer.candidates(article):
            rows.append(clusterer.features(article, story))
            labels.append(int(story.id == own))
        if own is None:
            own = ids[item.claim] = clusterer.open_story().id
        clusterer.join(clusterer.stories[own], article)
    return rows, labels


def fit_join(items: Sequence[StreamItem], params: StoryParams, c: float = 1.0) -> StoryParams:
    """The join model trained on ``items``: logistic weights, then the best threshold."""
    from sklearn.linear_model import LogisticRegression

    rows, labels = gold_pairs(items, params)
    if len(set(labels)) < 2:
        return params
    features = [r[:-1] for r in rows]  # the bias is the intercept
    model = LogisticRegression(C=c, max_iter=1000).fit(features, labels)
    weights = (*(round(float(w), 4) for w in model.coef_[0]), round(float(model.intercept_[0]), 4))
    fitted = replace(params, weights=weights)
    gold = [i.claim for i in items]
    scores = {t: bcubed(gold, [a.story for a in cluster_stream(
        [i.vector for i in items], replace(fitted, threshold=t))])["f1"] for t in THRESHOLDS}
    best = max(THRESHOLDS, key=lambda t: (scores[t], -abs(t - 0.5)))
    return replace(fitted, threshold=best)


def cross_validate(items: Sequence[StreamItem], params: StoryParams | None = None
                   ) -> dict[str, Any]:
    """Train on three folds and cluster the fourth, for each fold; B-cubed per fold,
    pooled over folds (each fold its own stream), and every fold's stream clustered
    by the shipped parameters given (``params``) for comparison."""
    base = params or StoryParams.from_table()
    folds = sorted({i.fold for i in items})
    per_fold, gold_all, pred_all, models = {}, [], [], {}
    for fold in folds:
        train = [i for i in items if i.fold != fold]
        test = [i for i in items if i.fold == fold]
        fitted = fit_join(train, base)
        predicted = [a.story for a in cluster_stream([i.vector for i in test], fitted)]
        per_fold[fold] = bcubed([i.claim for i in test], predicted)
        gold_all += [f"{fold}:{i.claim}" for i in test]
        pred_all += [fold * 1_000_000 + p for p in predicted]
        models[fold] = {"weights": list(fitted.weights), "threshold": fitted.threshold}
    singletons = bcubed(gold_all, list(range(len(gold_all))))
    return {"features": list(FEATURES), "folds": per_fold, "pooled": bcubed(gold_all, pred_all),
            "mean_f1": mean([f["f1"] for f in per_fold.values()]),
            "singletons_baseline": singletons, "models": models,
            "dated": sum(1 for i in items if i.published), "articles": len(items)}
