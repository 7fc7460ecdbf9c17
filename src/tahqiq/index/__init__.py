"""tahqiq.index: BM25 search over the normalized text of stored documents.

The index lives beside the database (``Settings.index_path``) and is a
derived artifact: the store is the source of truth.  :func:`open_index`
opens it, and rebuilds it from the store when it is missing or does not
match (engine, format version, normalizer version, checksums).

>>> index = open_index(settings.index_path, normalizer_version=V, store=store)  # doctest: +SKIP
>>> index.sync(store)                  # doctest: +SKIP
>>> index.search(["مؤتمر", "صحفي"], k=5)  # doctest: +SKIP
"""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from ..core.errors import ConfigError, IndexMismatchError, SearchIndexError
from .base import RowSource, SearchIndex
from .fts5 import Fts5Index
from .tantivy_engine import TantivyIndex, remove_index_dir

__all__ = ["ENGINES", "Fts5Index", "SearchIndex", "TantivyIndex", "open_index", "resolve_engine"]

log = logging.getLogger(__name__)

#: Engines by id, in order of preference for ``"auto"`` (measured: see docs/benchmarks.md).
ENGINES: dict[str, type[Fts5Index] | type[TantivyIndex]] = {
    "tantivy": TantivyIndex,
    "fts5": Fts5Index,
}
_NEEDS = {"tantivy": "tantivy"}


def resolve_engine(engine: str = "auto") -> str:
    """The engine id ``engine`` stands for (``"auto"``: the best installed one)."""
    if engine == "auto":
        for name in ENGINES:
            module = _NEEDS.get(name)
            if module is None or importlib.util.find_spec(module) is not None:
                return name
    if engine not in ENGINES:
        raise ConfigError(f"unknown search engine {engine!r}: use auto, {', '.join(ENGINES)}")
    return engine


def open_index(
    settings_index_path: Path,
    *,
    normalizer_version: str,
    engine: str = "auto",
    store: RowSource | None = None,
) -> SearchIndex:
    """Open (or create) the search index in ``settings_index_path``.

    A missing index is created (and filled from ``store`` when given).  An
    index that does not match (other engine, format or normalizer version,
    checksum, or holding rows the store does not have) raises
    :class:`~tahqiq.errors.IndexMismatchError` when no ``store`` is given,
    and is otherwise deleted and rebuilt from the store.  The caller still
    calls :meth:`SearchIndex.sync` to catch up with rows stored since.
    """
    path = Path(settings_index_path)
    cls = ENGINES[resolve_engine(engine)]
    if path.exists() and not path.is_dir():
        raise SearchIndexError(f"{path} exists and is not an index directory")
    if not path.exists() or not any(path.iterdir()):
        return _fresh(cls, path, normalizer_version, store)
    try:
        index = cls.load(path, normalizer_version)
        _check_against_store(index, store)
        return index
    except IndexMismatchError as exc:
        if store is None:
            raise
        log.warning("rebuilding the search index %s from the store: %s", path, exc)
        remove_index_dir(path)
        return _fresh(cls, path, normalizer_version, store)


def _fresh(cls, path: Path, normalizer_version: str, store: RowSource | None) -> SearchIndex:
    index = cls.create(path, normalizer_version)
    if store is not None:
        index.sync(store)
    return index


def _check_against_store(index: SearchIndex, store: RowSource | None) -> None:
    max_rowid = getattr(store, "max_rowid", None)
    if max_rowid is not None and index.last_rowid > max_rowid():
        index.close()
        raise IndexMismatchError(
            f"the index holds rows up to {index.last_rowid}, the store only up to {max_rowid()}"
        )
