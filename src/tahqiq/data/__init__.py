"""Data shipped with tahqiq: the sample corpus used by ``tahqiq demo`` and tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path


@contextmanager
def sample_path() -> Iterator[Path]:
    """The bundled sample corpus folder, as a real path for the duration."""
    with resources.as_file(resources.files("tahqiq") / "data" / "sample") as path:
        yield Path(path)


@contextmanager
def labels_path() -> Iterator[Path]:
    """The sample corpus's truth files (``claims.jsonl``, ``expected.json``)."""
    with resources.as_file(resources.files("tahqiq") / "data" / "labels") as path:
        yield Path(path)
