"""Stance for batches of claims: the pure function a mapper runs, on a cluster or here.

:func:`judge_chunk` judges, for each claim of a chunk, the texts retrieved
for it.  It needs nothing but the model, named by ``model_ref``:
``"default"`` (the shipped model, loaded once per worker process), the path
of a saved model directory, or a model object (sent to the workers).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..core.types import Judgement

#: Evidence sentences kept per article.
EVIDENCE_PER_ARTICLE = 3

ClaimTexts = tuple[str, Sequence[str]]


def judge_chunk(model_ref: Any, items: Sequence[ClaimTexts]) -> list[list[Judgement]]:
    """``[[model.judge(claim, text), ...] for each (claim, texts)]``, in order."""
    model = resolve_model(model_ref)
    return [[model.judge(claim, text, k=EVIDENCE_PER_ARTICLE) for text in texts]
            for claim, texts in items]


def resolve_model(model_ref: Any) -> Any:
    """The model ``model_ref`` names (a model object is returned as it is)."""
    return _load(model_ref) if isinstance(model_ref, str) else model_ref


@lru_cache(maxsize=4)
def _load(ref: str) -> Any:
    from pathlib import Path

    from ..stance import load_default, load_model

    return load_default() if ref == "default" else load_model(Path(ref))


__all__ = ["EVIDENCE_PER_ARTICLE", "judge_chunk", "resolve_model"]
