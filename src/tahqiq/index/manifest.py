"""The manifest of a search index: what it is, what it holds, checksums.

``manifest.json`` sits in the index directory and is rewritten atomically
(write to a temporary file, then rename) after every commit.  See
``docs/artifacts.md`` for what is checksummed and the mismatch policy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..core.errors import IndexMismatchError
from ..core.files import atomic_path

MANIFEST = "manifest.json"


@dataclass(slots=True)
class Manifest:
    """The recorded state of an index directory."""

    engine: str
    format_version: int
    normalizer_version: str
    doc_count: int = 0
    last_rowid: int = 0
    #: ``{name: sha256 hex}`` of the files (or file lists) that define the index.
    checksums: dict[str, str] = field(default_factory=dict)
    updated_at: str = ""

    def expect(self, engine: str, format_version: int, normalizer_version: str) -> None:
        """Raise :class:`IndexMismatchError` unless this manifest matches."""
        wanted = {
            "engine": engine,
            "format_version": format_version,
            "normalizer_version": normalizer_version,
        }
        for key, value in wanted.items():
            found = getattr(self, key)
            if found != value:
                raise IndexMismatchError(f"index {key} is {found!r}, expected {value!r}")


def read_manifest(directory: Path) -> Manifest:
    """Load ``manifest.json``; :class:`IndexMismatchError` if absent or unreadable."""
    path = directory / MANIFEST
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return Manifest(**data)
    except FileNotFoundError as exc:
        raise IndexMismatchError(f"{directory} has no {MANIFEST}") from exc
    except (OSError, ValueError, TypeError) as exc:
        raise IndexMismatchError(f"{path} is unreadable: {exc}") from exc


def write_manifest(directory: Path, manifest: Manifest) -> None:
    """Write ``manifest.json`` atomically."""
    manifest.updated_at = datetime.now(UTC).isoformat(timespec="seconds")
    # One temp file per write: two threads of one process may write at once.
    with atomic_path(directory / MANIFEST) as tmp:
        tmp.write_text(json.dumps(asdict(manifest), indent=1, sort_keys=True), encoding="utf-8")


def sha256_text(text: str) -> str:
    """Hex sha256 of a string (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
