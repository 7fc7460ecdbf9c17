"""One manifest for every saved artifact: the search index, the reuse index, the stance model.

``manifest.json`` in the artifact's directory says what the artifact is and what it
was built from:

- ``kind`` and ``format_version``: what reads it;
- ``data_version`` (:func:`tahqiq.core.tables.data_version`) and
  ``normalizer_version``: the tables and text rules it was built with;
- ``tables``: sha256 of each table it depends on (:func:`~tahqiq.core.tables.table_checksums`);
- ``params``: the parameters it was built with;
- ``files``: sha256 of each of its files;
- ``state``: what the kind keeps besides (counts, high-water marks, segment lists,
  training metrics).

:meth:`ArtifactManifest.check` refuses a manifest of another kind or format, another
normalizer or a changed depended-on table; :meth:`ArtifactManifest.check_files`
refuses a file whose checksum differs.  Each refusal raises the error class the
caller names, so an index mismatch stays an :class:`~tahqiq.core.errors.IndexMismatchError`
and a model mismatch a :class:`~tahqiq.core.errors.ModelArtifactError`.  The
manifest is written atomically; it is a value: changes make a new one
(:meth:`ArtifactManifest.evolve`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .clock import utc_now
from .files import atomic_path, sha256_files
from .tables import changed_tables, data_version, table_checksums

MANIFEST = "manifest.json"
#: The layout of ``manifest.json`` itself (bumped when its keys change).
SCHEMA = 1


@dataclass(frozen=True)
class ArtifactManifest:
    """What a saved artifact is and what it was built from (see the module docstring)."""

    kind: str
    format_version: int
    normalizer_version: str
    data_version: str = ""
    tables: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)
    files: Mapping[str, str] = field(default_factory=dict)
    state: Mapping[str, Any] = field(default_factory=dict)
    updated_at: str = ""

    @classmethod
    def new(cls, kind: str, format_version: int, normalizer_version: str, *,
            stages: Iterable[str] = (), params: Mapping[str, Any] | None = None,
            state: Mapping[str, Any] | None = None) -> ArtifactManifest:
        """A manifest for an artifact built now, pinning the tables of ``stages``."""
        return cls(kind, format_version, normalizer_version, data_version(),
                   table_checksums(stages), dict(params or {}), {}, dict(state or {}))

    def evolve(self, **state: Any) -> ArtifactManifest:
        """This manifest with ``state`` keys set."""
        return replace(self, state={**self.state, **state})

    def with_files(self, directory: Path, names: Iterable[str]) -> ArtifactManifest:
        """This manifest with the sha256 of ``names`` (files of ``directory``)."""
        return replace(self, files={name: sha256_files([directory / name]) for name in names})

    def to_json(self) -> dict[str, Any]:
        """The manifest as written to ``manifest.json``."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        return {"schema": SCHEMA, **{k: dict(v) if isinstance(v, Mapping) else v
                                     for k, v in out.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ArtifactManifest:
        """Parse a written manifest (:class:`ValueError` if it is not one of this schema)."""
        if not isinstance(data, Mapping) or data.get("schema") != SCHEMA:
            raise ValueError(f"not a manifest of schema {SCHEMA}")
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def check(self, error: type[Exception], *, kind: str, format_version: int,
              normalizer_version: str, stages: Iterable[str] = (), what: str = "artifact",
              hint: str = "") -> None:
        """Raise ``error`` unless this manifest is of ``kind`` and ``format_version``, was
        built with ``normalizer_version`` and pins the current tables of ``stages``."""
        wanted = {"kind": kind, "format_version": format_version,
                  "normalizer_version": normalizer_version}
        for key, value in wanted.items():
            if getattr(self, key) != value:
                raise error(f"{what} {key} is {_short(getattr(self, key))}, this code needs "
                            f"{_short(value)}{hint}")
        changed = changed_tables(dict(self.tables), stages)
        if changed:
            raise error(f"{what} was built with other tables ({', '.join(changed[:3])}){hint}")

    def check_files(self, directory: Path, error: type[Exception], what: str = "artifact") -> None:
        """Raise ``error`` if a file the manifest names is missing or its checksum differs."""
        for name, digest in self.files.items():
            path = directory / name
            if not path.is_file() or sha256_files([path]) != digest:
                raise error(f"{what} file {path} is missing or its checksum differs")


def read_manifest(directory: Path, error: type[Exception], what: str = "artifact") -> ArtifactManifest:
    """The manifest of ``directory``; ``error`` if it is absent, unreadable or of another schema."""
    path = directory / MANIFEST
    try:
        return ArtifactManifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise error(f"{directory} is not a {what} (no {MANIFEST})") from None
    except (OSError, ValueError, TypeError) as exc:
        raise error(f"{path} is unreadable: {exc}") from None


def write_manifest(directory: Path, manifest: ArtifactManifest, mode: int | None = None) -> ArtifactManifest:
    """Write ``manifest`` (stamped with the time) atomically; returns what was written."""
    manifest = replace(manifest, updated_at=utc_now())
    with atomic_path(directory / MANIFEST, mode) as tmp:
        tmp.write_text(json.dumps(manifest.to_json(), ensure_ascii=False, indent=1, sort_keys=True),
                       encoding="utf-8")
    return manifest


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
