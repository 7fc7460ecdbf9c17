"""A writable corpus holding the bundled sample, for module-scoped fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def sample_corpus(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[object]:
    """Yield a :class:`tahqiq.Corpus` over a fresh database holding the sample corpus."""
    from tahqiq import Corpus
    from tahqiq.data import sample_path

    db = tmp_path_factory.mktemp(name) / "desk.db"
    with sample_path() as sample, Corpus(db) as corpus:
        corpus.ingest([sample])
    corpus = Corpus(db)
    try:
        yield corpus
    finally:
        corpus.close()
