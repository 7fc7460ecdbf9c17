"""What the API tests share: a desk holding the sample corpus, and a client over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


def sample_db(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A fresh database holding the bundled sample corpus."""
    from tahqiq import Corpus
    from tahqiq.data import sample_path

    path = tmp_path_factory.mktemp(name) / "desk.db"
    with sample_path() as sample, Corpus(path) as corpus:
        assert corpus.ingest([sample]).added > 30
    return path


def api_client(db: Path, **settings: object) -> Iterator[Any]:
    """A FastAPI test client over ``db`` with ``settings`` (no environment)."""
    from fastapi.testclient import TestClient

    from tahqiq.api import create_app
    from tahqiq.config import resolve_settings

    resolved = resolve_settings({"db_path": db, **settings}, env={})
    with TestClient(create_app(resolved)) as client:
        yield client
