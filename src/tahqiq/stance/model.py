"""The stance classifier: sentence relevance and stance, then an article decision.

Level 1 (per sentence): a relevance head scores how likely each sentence is
to be the rationale for a stance toward the claim (trained on the rationale
lines of Baly et al.), and a sentence-stance head gives its own agree /
disagree / discuss leaning from cues and hashed word n-grams.
Level 2 (per article): gradient-boosted trees over article features that
aggregate the sentences, led by the most relevant ones.  Level-2 training
features are cross-fitted (level-1 heads never see the claim they score).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..core.types import Judgement
from .decide import decide
from .features import ARTICLE_FEATURES, ClaimContext, unit_matrix
from .heads import LinearHead
from .relation import anaphoric_denial, claim_frame, relate, relate_units
from .state import StanceState, article_features, unit_scores
from .units import SHORT_PAIR_UNITS, Unit, article_units, view_claim

Pair = tuple[str, str]

DEFAULT_PARAMS: dict[str, Any] = {
    "seed": 13, "inner_folds": 3, "n_estimators": 500, "learning_rate": 0.02,
    "num_leaves": 7, "min_child_samples": 10, "class_weight_power": 1.0,
    "relevance_c": 0.5, "sentence_c": 1.0, "use_ngrams": True, "use_sentence_head": True,
    "encoder": "use", "short_encoder": "e5", "contrast": True, "contrast_weight": 0.5,
    "policy": "demote", "pair_c": 0.01, "pair_weight": 0.5,
}


#: Sentences per article compared with the claim by the encoder (the lexically closest).
SEMANTIC_TOP = 5
#: Sentences compared by meaning when none addresses the claim in its own words.
PARAPHRASE_TOP = 1
#: ... and the least lexical address for that comparison to be worth its cost.
PARAPHRASE_MIN_ADDRESS = 0.25
#: Words of a sentence read for that comparison (e5's cost grows with length).
PARAPHRASE_WORDS = 24
#: e5 cosine at which such a sentence addresses the claim (tuned on suite parts A-B).
PARAPHRASE_SIMILARITY = 0.87


class PreparedPair:
    """A pair's claim context, units and unit features (computed once).

    With an ``encoder``, the claim is compared by cosine with its
    :data:`SEMANTIC_TOP` lexically closest units (the ``semantic`` feature).
    With a ``short_encoder``, a headline-length text (at most
    :data:`SHORT_PAIR_UNITS` units) is also compared whole with the claim
    (``short_semantic``; 0 for articles).  e5 separates agreeing from
    contradicting paraphrases better than USE but costs ~25 ms a sentence,
    too much for every sentence of every article.
    """

    __slots__ = ("ctx", "units", "matrix", "texts", "short_semantic", "short_vectors", "frame",
                 "relations", "denials", "decision")

    def __init__(self, claim: str, text: str, weights: Mapping[str, float],
                 encoder: str | None = None, short_encoder: str | None = None) -> None:
        self.ctx = ClaimContext(view_claim(claim), weights)
        self.units: list[Unit] = article_units(text)
        self.frame = claim_frame(claim, weights)
        self.relations = relate_units(self.frame, self.units)
        self.denials = [anaphoric_denial(self.frame, u.text) if u.cues["deny"] else None
                        for u in self.units]
        if short_encoder:
            self._paraphrases(claim, short_encoder)
        self.decision = decide(self.relations, self.denials)
        self.matrix = unit_matrix(self.ctx, self.units, self.relations)
        self.texts = [" ".join(u.tokens) for u in self.units]
        self.short_semantic = 0.0
        #: The claim's and the whole short text's e5 rows (headline pairs only).
        self.short_vectors: tuple[np.ndarray, np.ndarray] | None = None
        if encoder and self.units:
            self._add_semantic(claim, encoder)
        if short_encoder and 0 < len(self.units) <= SHORT_PAIR_UNITS:
            from .encoders import encode_claim, encode_sentences

            whole = " ".join(u.text for u in self.units)
            self.short_vectors = (encode_claim(short_encoder, claim)[0],
                                  encode_sentences(short_encoder, [whole])[0])
            self.short_semantic = float(self.short_vectors[1] @ self.short_vectors[0])

    def headline_vectors(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The claim's and the text's e5 rows when this is a headline pair
        (:func:`tahqiq.stance.policy.is_headline`), for the pair head; else ``None``."""
        from .policy import is_headline

        return self.short_vectors if self.short_vectors is not None and is_headline(self.units) else None

    def _paraphrases(self, claim: str, encoder: str) -> None:
        """When no sentence shares enough of the claim's words, compare the
        :data:`PARAPHRASE_TOP` closest ones with the claim by meaning (e5): a
        paraphrase addresses the claim in other words."""
        if not self.relations or any(r.label != "unaddressed" for r in self.relations):
            return
        top = sorted(range(len(self.relations)), key=lambda i: -self.relations[i].address)
        top = [i for i in top[:PARAPHRASE_TOP] if self.relations[i].address >= PARAPHRASE_MIN_ADDRESS]
        if not top:
            return
        from .encoders import encode_claim, encode_sentences

        texts = [" ".join(self.units[i].text.split()[:PARAPHRASE_WORDS]) for i in top]
        sims = encode_sentences(encoder, texts) @ encode_claim(encoder, claim).T
        for i, sim in zip(top, sims[:, 0], strict=True):
            if sim >= PARAPHRASE_SIMILARITY:
                rel = relate(self.frame, self.units[i].text, address_min=0.0)
                self.relations[i] = replace(rel, similarity=round(float(sim), 4))

    def _add_semantic(self, claim: str, encoder: str) -> None:
        from .encoders import encode_claim, encode_sentences
        from .features import UNIT_FEATURES

        top = np.argsort(-self.matrix[:, 1], kind="stable")[:SEMANTIC_TOP]
        sims = encode_sentences(encoder, [self.units[i].text for i in top]) @ encode_claim(encoder, claim).T
        self.matrix[top, UNIT_FEATURES.index("semantic")] = sims[:, 0]


class StanceClassifier:
    """4-way stance of an article toward a claim, scikit-learn style.

    ``X`` is a sequence of ``(claim, article_text)`` pairs and ``y`` their
    labels (:data:`~tahqiq.stance.labels.LABELS`).  ``fit`` also takes
    ``groups`` (claim ids, for cross-fitting) and ``rationales`` (per pair,
    the 0-based article lines that justify an agree/disagree label).

    ``weights`` are the stem weights to prepare pairs with before fitting (built
    from the packaged tables when not given).  A fitted model holds one frozen
    :class:`~tahqiq.stance.state.StanceState` (``state``); :meth:`from_state`
    wraps an existing one.
    """

    def __init__(self, *, weights: Mapping[str, float] | None = None, **params: Any) -> None:
        unknown = set(params) - set(DEFAULT_PARAMS)
        if unknown:
            raise TypeError(f"unknown parameters: {sorted(unknown)}")
        self.params: dict[str, Any] = {**DEFAULT_PARAMS, **params}
        self._weights: Mapping[str, float] = dict(weights) if weights else {}
        self.state: StanceState | None = None

    @classmethod
    def from_state(cls, state: StanceState) -> StanceClassifier:
        """A classifier that predicts with ``state`` (and its parameters)."""
        model = cls(weights=state.weights, **state.params)
        model.state = state
        return model

    @property
    def weights(self) -> Mapping[str, float]:
        """The stem weights pairs are prepared with."""
        return self.state.weights if self.state is not None else self._weights

    @property
    def manifest(self) -> Mapping[str, Any]:
        """The saved model's manifest (empty before saving or loading)."""
        return self.state.manifest if self.state is not None else {}

    @property
    def pair_head(self) -> LinearHead | None:
        """The headline pair head (:mod:`tahqiq.stance.pairhead`), when fitted."""
        return self.state.pair_head if self.state is not None else None

    # -- scikit-learn contract ------------------------------------------------
    def fit(self, X: Sequence[Pair], y: Sequence[str], *, groups: Sequence[str] | None = None,
            rationales: Sequence[Sequence[int] | None] | None = None,
            prepared: Sequence[PreparedPair] | None = None,
            generated: Sequence[bool] | None = None) -> StanceClassifier:
        """Fit both levels on labelled pairs; returns ``self``.  ``generated``
        marks contrast pairs built at training time (weighed apart)."""
        from .training import fit_state
        from .weights import build_weights

        if not self._weights:
            self._weights = build_weights()
        self.state = fit_state(self.params, self._weights, X, y, groups=groups,
                               rationales=rationales, prepared=prepared, generated=generated)
        return self

    def predict_proba(self, X: Sequence[Pair], *, prepared: Sequence[PreparedPair] | None = None) -> np.ndarray:
        """One row of probabilities per pair, columns in :data:`LABELS` order."""
        self._fitted()
        prepared = prepared if prepared is not None else [self.prepare(c, t) for c, t in X]
        vectors = np.stack([self.article_features(p)[0] for p in prepared]) if prepared else \
            np.zeros((0, len(ARTICLE_FEATURES)), dtype=np.float32)
        return self._proba(vectors, prepared)

    def _proba(self, vectors: np.ndarray, prepared: Sequence[PreparedPair]) -> np.ndarray:
        """The trees' probabilities, averaged with the pair head's for headline pairs."""
        state = self._fitted()
        proba = state.trees.predict_proba(vectors)
        if state.pair_head is None:
            return proba
        from .pairhead import blend, pair_features

        for i, prep in enumerate(prepared):
            if (vectors_of_pair := prep.headline_vectors()) is not None:
                head = state.pair_head.proba(pair_features(*vectors_of_pair))[0]
                proba[i] = blend(proba[i], head, self.params["pair_weight"])
        return proba

    def predict(self, X: Sequence[Pair], *, prepared: Sequence[PreparedPair] | None = None) -> list[str]:
        """The label of each pair: the trees' probabilities joined with the
        sentence relations by the model's policy (see :mod:`tahqiq.stance.policy`)."""
        from .explain import screen
        from .policy import final_label, is_headline

        if prepared is None:
            screened = [screen(c, t) for c, t in X]
            stops = [stop for _, _, stop in screened]
            prepared = [self.prepare(c, t) for (c, _, _), (_, t) in zip(screened, X, strict=True)]
        else:
            stops = [None] * len(prepared)
        probas = self.predict_proba(X, prepared=prepared)
        return [final_label(p, prep.decision.label, self.params["policy"], is_headline(prep.units))[0]
                if prep.units and not stop else "unrelated"
                for p, prep, stop in zip(probas, prepared, stops, strict=True)]

    # -- evidence ---------------------------------------------------------------
    def judge(self, claim: str, text: str, k: int = 3) -> Judgement:
        """The stance of one article toward ``claim``, the sentence that decided it and why,
        and its ``k`` most relevant sentences (the deciding one first).

        Evidence items unpack as ``(sentence_index, sentence, stance, score)``
        and also carry the article line, the sentence's relation to the claim
        and its reasons.  Bad input (an empty or one-word claim, no sentences,
        no Arabic) gets ``unrelated`` with a warning.
        """
        from .explain import early, judgement, screen

        self._fitted()
        claim, warnings, stop = screen(claim, text)
        if stop:
            return early(stop, warnings)
        prep = self.prepare(claim, text)
        vector, relevance, _ = self.article_features(prep)
        proba = self._proba(vector[None, :], [prep])[0]
        return judgement(prep, proba, relevance, k, self.params["policy"], warnings)

    def prepare(self, claim: str, text: str) -> PreparedPair:
        """Units and unit features of one pair (reusable across calls)."""
        return PreparedPair(claim, text, self.weights, self.params["encoder"],
                        self.params["short_encoder"])

    def unit_scores(self, prep: PreparedPair) -> tuple[np.ndarray, np.ndarray]:
        """Relevance (n,) and sentence stance (n, 3) of a pair's units."""
        return unit_scores(self.params, self._fitted().level1, prep)

    def article_features(self, prep: PreparedPair) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Article vector, unit relevance and unit stance of a prepared pair."""
        return article_features(self.params, self._fitted().level1, prep)

    def _fitted(self) -> StanceState:
        if self.state is None:
            from ..core.errors import ModelArtifactError

            raise ModelArtifactError("the stance model is not fitted or loaded")
        return self.state

    # -- persistence ------------------------------------------------------------
    def save(self, directory: str | Path, **manifest: Any) -> Path:
        """Write the model to ``directory`` (manifest, arrays, trees; no pickle)."""
        from .artifacts import save_state

        self.state = save_state(self._fitted(), Path(directory), manifest)
        return Path(directory)


def load_model(directory: str | Path) -> StanceClassifier:
    """Load a model saved by :meth:`StanceClassifier.save`, checking its manifest."""
    from .artifacts import load_state

    return StanceClassifier.from_state(load_state(Path(directory)))


def load_default() -> StanceClassifier:
    """The stance model shipped inside the package."""
    from .artifacts import default_model_dir

    with default_model_dir() as path:
        return load_model(path)


__all__ = ["StanceClassifier", "load_default", "load_model"]
