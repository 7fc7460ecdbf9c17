"""Versioned data tables: one reader for every stage, and one data version.

Every character map, word list, pattern and threshold lives in a JSON file
``tahqiq/<stage>/tables/<name>.v<N>.json`` (the version is part of the file name
and repeated in the file).  :func:`read_table` is the only reader: each stage's
loader calls it and caches what it builds.

:func:`table_checksums` gives the sha256 of each table of some stages, and
:func:`data_version` one identifier over every table of every stage.  A saved
artifact records both (see :mod:`tahqiq.core.manifest`): it pins the checksums of
the tables it depends on and refuses to load when one of them changed.

Tables are found as files of the ``tahqiq`` package, so reading another stage's
tables imports nothing from it.  Nothing is read at import time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Any

#: The stages that keep tables, in the order a data version lists them.
STAGES: tuple[str, ...] = ("text", "index", "sources", "stance", "verify", "stories")


def read_table(package: str, filename: str) -> dict[str, Any]:
    """The parsed versioned table ``filename`` of ``package``'s ``tables/`` folder: a JSON
    object with a ``version`` (else :class:`ValueError`)."""
    raw = resources.files(package).joinpath("tables", filename).read_text("utf-8")
    data = json.loads(raw)
    if not isinstance(data, dict) or "version" not in data:
        raise ValueError(f"{package} table {filename} lacks a 'version'")
    return data


def checksum_tables(files: dict[str, str], load: Callable[[str], dict[str, Any]],
                    prefix: str = "") -> str:
    """Hex sha256 over ``prefix`` and the canonical JSON of each table of ``files``
    (name -> file name, read with ``load``), in name order."""
    digest = hashlib.sha256(prefix.encode())
    for name in sorted(files):
        canonical = json.dumps(load(name), sort_keys=True, ensure_ascii=False)
        digest.update(f"{files[name]}\n{canonical}\n".encode())
    return digest.hexdigest()


@cache
def _stage_checksums(stage: str) -> tuple[tuple[str, str], ...]:
    folder = resources.files("tahqiq").joinpath(stage, "tables")
    if not folder.is_dir():
        raise ValueError(f"no tables folder for stage {stage!r}")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    return tuple((f"{stage}/{f.name}", hashlib.sha256(f.read_bytes()).hexdigest()) for f in files)


def table_checksums(stages: Iterable[str] = STAGES) -> dict[str, str]:
    """sha256 of the bytes of each table of ``stages``, keyed ``"<stage>/<file>"``."""
    return {name: digest for stage in stages for name, digest in _stage_checksums(stage)}


@cache
def data_version() -> str:
    """``"data+<12 hex>"``: one identifier over every table of every stage, so any
    edit of any table gives a new data version."""
    digest = hashlib.sha256()
    for name, checksum in sorted(table_checksums().items()):
        digest.update(f"{name}\n{checksum}\n".encode())
    return f"data+{digest.hexdigest()[:12]}"


def changed_tables(pinned: dict[str, str], stages: Iterable[str]) -> list[str]:
    """The tables of ``stages`` whose checksum differs from ``pinned`` (or that were
    added or removed), sorted."""
    now = table_checksums(stages)
    return sorted(name for name in set(now) | set(pinned) if now.get(name) != pinned.get(name))
