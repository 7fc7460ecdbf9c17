"""The four stance labels and their order in every probability vector."""

from __future__ import annotations

from typing import Literal

StanceLabel = Literal["agree", "disagree", "discuss", "unrelated"]

#: Column order of ``predict_proba``.
LABELS: tuple[StanceLabel, ...] = ("agree", "disagree", "discuss", "unrelated")
#: Column order of a sentence's own stance (a sentence is never "unrelated").
SENTENCE_LABELS: tuple[StanceLabel, ...] = ("agree", "disagree", "discuss")


def label_index(label: str) -> int:
    """Column of ``label`` in :data:`LABELS` (``ValueError`` if unknown)."""
    try:
        return LABELS.index(label)  # type: ignore[arg-type]
    except ValueError:
        raise ValueError(f"unknown stance label {label!r}; expected one of {LABELS}") from None
