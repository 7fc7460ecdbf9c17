"""The stance classifier: the fit/predict contract, evidence, safe persistence."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from stance_fixtures import TINY_WEIGHTS, sample_pairs  # noqa: E402
from tahqiq.errors import ModelArtifactError
from tahqiq.evaluation.metrics import classification_report
from tahqiq.stance import LABELS, StanceClassifier, load_model

SMALL = {"n_estimators": 40, "inner_folds": 2, "seed": 3, "encoder": None}


@pytest.fixture(scope="module")
def fitted() -> StanceClassifier:
    pairs = sample_pairs()
    model = StanceClassifier(weights=TINY_WEIGHTS, **SMALL)
    return model.fit([(c, t) for _, c, t, _ in pairs], [s for *_, s in pairs],
                     groups=[i for i, *_ in pairs])


def test_predict_proba_follows_the_sklearn_contract(fitted: StanceClassifier) -> None:
    pairs = sample_pairs()[:12]
    proba = fitted.predict_proba([(c, t) for _, c, t, _ in pairs])
    assert proba.shape == (12, len(LABELS))
    assert np.allclose(proba.sum(axis=1), 1.0, atol=1e-5)
    trees = StanceClassifier.from_state(replace(fitted.state, params={**fitted.params, "policy": "trees"}))
    assert trees.predict([(c, t) for _, c, t, _ in pairs]) == [LABELS[i] for i in proba.argmax(1)]


def test_the_label_follows_the_sentences(fitted: StanceClassifier) -> None:
    """The trees may weaken what the sentences say, never strengthen or reverse it."""
    from tahqiq.stance.policy import WEAKER

    pairs = sample_pairs()[:30]
    predicted = fitted.predict([(c, t) for _, c, t, _ in pairs])
    for (_, claim, text, _), label in zip(pairs, predicted, strict=True):
        prep = fitted.prepare(claim, text)
        if len(prep.units) > 1:
            assert label == prep.decision.label or label in WEAKER[prep.decision.label]


def test_it_learns_the_training_pairs(fitted: StanceClassifier) -> None:
    pairs = sample_pairs()
    predicted = fitted.predict([(c, t) for _, c, t, _ in pairs])
    report = classification_report([s for *_, s in pairs], predicted, LABELS)
    assert report["per_class"]["unrelated"]["f1"] > 0.8  # far from a constant guess
    assert report["macro_f1"] > 0.5


def test_judge_points_to_sentences_of_the_article(fitted: StanceClassifier) -> None:
    _, claim, text, _ = next(p for p in sample_pairs() if p[3] == "disagree")
    result = fitted.judge(claim, text, k=2)
    assert result.stance in LABELS and result.reason
    assert result.confidence >= result.probabilities[result.stance]
    assert abs(sum(result.probabilities.values()) - 1.0) < 1e-3
    assert 1 <= len(result.evidence) <= 2
    lines = text.split("\n")
    rest = [ev.score for ev in result.evidence if not ev.decisive]
    assert rest == sorted(rest, reverse=True)
    assert sum(ev.decisive for ev in result.evidence) <= 1
    assert result.evidence[0].decisive or not any(ev.decisive for ev in result.evidence)
    for ev in result.evidence:
        index, sentence, stance, score = ev  # unpacks as the documented 4-tuple
        assert (index, sentence, stance, score) == (ev.sentence_index, ev.sentence, ev.stance, ev.score)
        assert 0.0 <= score <= 1.0 and stance in LABELS
        assert ev.relation in ("entails", "contradicts", "neutral", "unaddressed")
        assert sentence[:15] in lines[ev.line] or sentence[:5] in lines[ev.line]
    assert json.loads(json.dumps(result.to_json()))["stance"] == result.stance


def test_empty_and_foreign_articles_still_get_a_label(fitted: StanceClassifier) -> None:
    proba = fitted.predict_proba([("مصر تنفي", ""), ("مصر تنفي", "The weather was fine today.")])
    assert proba.shape == (2, 4) and np.isfinite(proba).all()


def test_save_and_load_round_trip_gives_the_same_probabilities(
    fitted: StanceClassifier, tmp_path: Path
) -> None:
    pairs = [(c, t) for _, c, t, _ in sample_pairs()[:20]]
    fitted.save(tmp_path / "m", training_data={"sha256": "0" * 64})
    loaded = load_model(tmp_path / "m")
    assert np.allclose(loaded.predict_proba(pairs), fitted.predict_proba(pairs), atol=1e-6)
    manifest = json.loads((tmp_path / "m" / "manifest.json").read_text())
    assert manifest["normalizer_version"] and set(manifest["files"]) >= {"heads.npz", "trees.txt"}
    assert manifest["kind"] == "tahqiq.stance" and manifest["data_version"].startswith("data+")
    assert set(manifest["tables"]) == {"stance/cues.v1.json", "stance/relation.v1.json"}


def test_a_tampered_file_is_refused(fitted: StanceClassifier, tmp_path: Path) -> None:
    fitted.save(tmp_path / "m")
    (tmp_path / "m" / "trees.txt").write_text("tree\n", encoding="utf-8")
    with pytest.raises(ModelArtifactError, match="checksum"):
        load_model(tmp_path / "m")


def _older(manifest: dict) -> None:
    manifest.pop("schema")
    manifest["checksums"] = manifest.pop("files")


@pytest.mark.parametrize(("edit", "message"), [
    (lambda m: m.update(normalizer_version="ar-search.v0+deadbeef"), "normalizer_version"),
    (lambda m: m["tables"].update({"stance/cues.v1.json": "0" * 64}), "other tables.*cues.v1.json"),
    (_older, "schema.*retrain it with 'tahqiq train stance'"),  # the layout of an older tahqiq
], ids=["normalizer", "cue table", "older layout"])
def test_a_manifest_that_does_not_match_is_refused(fitted: StanceClassifier, tmp_path: Path,
                                                   edit, message: str) -> None:  # noqa: ANN001
    fitted.save(tmp_path / "m")
    path = tmp_path / "m" / "manifest.json"
    manifest = json.loads(path.read_text())
    edit(manifest)
    path.write_text(json.dumps(manifest))
    with pytest.raises(ModelArtifactError, match=message):
        load_model(tmp_path / "m")


def test_an_unfitted_model_says_so() -> None:
    with pytest.raises(ModelArtifactError, match="not fitted"):
        StanceClassifier().predict([("a", "b")])
    with pytest.raises(TypeError, match="unknown parameters"):
        StanceClassifier(depth=3)


def test_the_encoder_fills_the_semantic_feature_of_the_closest_sentences() -> None:
    from tahqiq.stance.features import UNIT_FEATURES
    from tahqiq.stance.model import SEMANTIC_TOP, PreparedPair

    _, claim, text, _ = next(p for p in sample_pairs() if p[3] == "agree")
    plain = PreparedPair(claim, text, TINY_WEIGHTS)
    encoded = PreparedPair(claim, text, TINY_WEIGHTS, "use")
    col = UNIT_FEATURES.index("semantic")
    assert not plain.matrix[:, col].any()
    filled = np.flatnonzero(encoded.matrix[:, col])
    assert 1 <= len(filled) <= SEMANTIC_TOP
    assert (encoded.matrix[filled, col] <= 1.0 + 1e-5).all()
    assert encoded.matrix[filled, col].max() > 0.3  # the claim's own report is close to it
    others = [c for c in range(len(UNIT_FEATURES)) if c != col]
    assert np.array_equal(plain.matrix[:, others], encoded.matrix[:, others])


def test_an_unknown_encoder_is_a_clear_error() -> None:
    from tahqiq.stance.model import PreparedPair

    with pytest.raises(ValueError, match="unknown encoder"):
        PreparedPair("مصر", "قال الوزير إن مصر تستعد لعملية كبيرة", TINY_WEIGHTS, "bert")


def test_class_weights_balance_articles_on_their_own() -> None:
    from tahqiq.stance.training import class_weights

    # 4 article pairs (1 disagree) and 4 headline pairs (3 disagree)
    labels = np.array([0, 0, 1, 3, 1, 1, 1, 0])
    long_text = np.array([True, True, True, True, False, False, False, False])
    w = class_weights(labels, long_text)
    # the lone denying article outweighs a denying headline pair: disagree is rare among articles
    assert w[2] > w[4]
    # among articles, each class carries the same total weight
    arts = labels[long_text]
    totals = {k: w[long_text][arts == k].sum() for k in set(arts.tolist())}
    assert max(totals.values()) - min(totals.values()) < 1e-9
    assert np.allclose(class_weights(labels, long_text, power=0.0), 1.0)


def test_headline_pairs_get_the_e5_cosine_and_articles_do_not() -> None:
    from tahqiq.stance.model import PreparedPair

    claim = "الجيش يعلن انسحاب قواته من المدينة"
    headline = PreparedPair(claim, "الجيش يعلن انسحاب قواته من المدينة الحدودية", {}, None, "e5")
    other = PreparedPair(claim, "ارتفاع أسعار الذهب في الأسواق المحلية اليوم", {}, None, "e5")
    article = PreparedPair(claim, "\n".join(["قال مصدر عسكري إن القوات ما زالت في مواقعها داخل المدينة."] * 4),
                       {}, None, "e5")
    assert headline.short_semantic > other.short_semantic > 0.0
    assert article.short_semantic == 0.0 and len(article.units) > 2


@pytest.mark.parametrize(("claim", "text", "warning"), [
    ("", "قررت الحكومة رفع أسعار الوقود اعتبارا من الشهر المقبل.", "claim_too_short"),
    ("الوقود", "قررت الحكومة رفع أسعار الوقود اعتبارا من الشهر المقبل.", "claim_too_short"),
    ("الحكومة ترفع أسعار الوقود", "", "no_sentences"),
    ("الحكومة ترفع أسعار الوقود", "The government raised fuel prices today.", "not_arabic"),
])
def test_bad_input_gets_a_defined_label_and_a_warning(fitted: StanceClassifier, claim: str, text: str,
                                                      warning: str) -> None:
    result = fitted.judge(claim, text)
    assert (result.stance, result.reason) == ("unrelated", warning)
    assert warning in result.warnings
    assert fitted.predict([(claim, text)]) == ["unrelated"]


def test_a_very_long_claim_is_cut_with_a_warning(fitted: StanceClassifier) -> None:
    claim = "قررت الحكومة رفع أسعار الوقود " * 80
    result = fitted.judge(claim, "قررت الحكومة رفع أسعار الوقود اعتبارا من الشهر المقبل.")
    assert "claim_truncated" in result.warnings and result.stance in LABELS
