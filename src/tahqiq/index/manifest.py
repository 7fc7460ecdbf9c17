"""The manifest of a search index, on the one artifact manifest of :mod:`tahqiq.core.manifest`.

``manifest.json`` sits in the index directory and is rewritten atomically after
every commit.  Its ``kind`` is ``tahqiq.index``; ``params`` name the engine;
``files`` hold the engine's checksums (of files or file lists that define the
index); ``state`` holds ``doc_count`` and ``last_rowid``.  See
``docs/artifacts.md`` for what is checksummed and the mismatch policy.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..core.errors import IndexMismatchError
from ..core.manifest import MANIFEST, ArtifactManifest
from ..core.manifest import read_manifest as _read
from ..core.manifest import write_manifest as _write

KIND = "tahqiq.index"

__all__ = ["KIND", "MANIFEST", "expect", "new_manifest", "read_manifest", "sha256_text",
           "write_manifest"]


def new_manifest(engine: str, format_version: int, normalizer_version: str) -> ArtifactManifest:
    """The manifest of a new, empty index of ``engine``."""
    return ArtifactManifest.new(KIND, format_version, normalizer_version, params={"engine": engine},
                                state={"doc_count": 0, "last_rowid": 0})


def expect(manifest: ArtifactManifest, engine: str, format_version: int,
           normalizer_version: str) -> None:
    """Raise :class:`IndexMismatchError` unless ``manifest`` is of this engine, format and
    normalizer."""
    found = manifest.params.get("engine")
    if found != engine:
        raise IndexMismatchError(f"index engine is {found!r}, expected {engine!r}")
    manifest.check(IndexMismatchError, kind=KIND, format_version=format_version,
                   normalizer_version=normalizer_version, what="index")


def read_manifest(directory: Path) -> ArtifactManifest:
    """Load ``manifest.json``; :class:`IndexMismatchError` if absent or unreadable."""
    return _read(directory, IndexMismatchError, "search index")


def write_manifest(directory: Path, manifest: ArtifactManifest) -> ArtifactManifest:
    """Write ``manifest.json`` atomically (one temporary file per write: two threads of one
    process may write at once); returns what was written."""
    return _write(directory, manifest)


def sha256_text(text: str) -> str:
    """Hex sha256 of a string (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
