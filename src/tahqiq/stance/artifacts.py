"""Saving and loading stance models: a directory of safe files.

``manifest.json`` (format version, normalizer version, parameters, metrics,
training-data hash, sha256 of every file), ``heads.npz`` (numpy arrays, loaded
with ``allow_pickle=False``), ``trees.txt`` (LightGBM's text model) and
``weights.json.gz`` (stem weights).  Loading refuses a manifest whose format
or normalizer version differs from this code's, or a file whose checksum
does not match.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.errors import ModelArtifactError
from ..core.files import atomic_path, sha256_files
from .cues import CUES_FILE, RELATION_FILE
from .features import ARTICLE_FEATURES, UNIT_FEATURES
from .heads import HASH_FEATURES, LinearHead

if TYPE_CHECKING:
    from .model import StanceClassifier

FORMAT_VERSION = 4
#: Versioned tables the model's features are computed from (pinned by checksum).
TABLES = (CUES_FILE, RELATION_FILE)
MANIFEST = "manifest.json"
FILES = ("heads.npz", "trees.txt", "weights.json.gz")
#: Permissions of written model files (temporary files start as 0600; a model is shared data).
READABLE = 0o644


def _normalizer_version() -> str:
    from ..text.tables import normalizer_version

    return normalizer_version()


def table_checksums() -> dict[str, str]:
    """sha256 of each stance table, by file name."""
    base = Path(str(resources.files("tahqiq.stance"))) / "tables"
    return {name: sha256_files([base / name]) for name in TABLES}


def save_model(model: StanceClassifier, directory: Path, extra: dict[str, Any]) -> Path:
    """Write ``model`` into ``directory`` (created; files replaced atomically)."""
    model._check_fitted()
    directory.mkdir(parents=True, exist_ok=True)
    arrays = model.relevance_head.arrays("relevance")
    if model.sentence_head is not None:
        arrays.update(model.sentence_head.arrays("sentence"))
    if model.pair_head is not None:
        arrays.update(model.pair_head.arrays("pair"))
    with atomic_path(directory / "heads.npz", READABLE) as tmp:
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, **arrays)
    with atomic_path(directory / "trees.txt", READABLE) as tmp:
        tmp.write_text(model.trees_text, encoding="utf-8")
    with atomic_path(directory / "weights.json.gz", READABLE) as tmp:
        payload = json.dumps(model.weights, ensure_ascii=False, sort_keys=True).encode()
        tmp.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    manifest = {
        "kind": "tahqiq.stance",
        "format_version": FORMAT_VERSION,
        "normalizer_version": _normalizer_version(),
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "params": model.params,
        "unit_features": list(UNIT_FEATURES),
        "article_features": list(ARTICLE_FEATURES),
        "hash_features": HASH_FEATURES,
        "tables": table_checksums(),
        **extra,
        "checksums": {name: sha256_files([directory / name]) for name in FILES},
    }
    with atomic_path(directory / MANIFEST, READABLE) as tmp:
        tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    model.manifest = manifest
    return directory


def read_manifest(directory: Path) -> dict[str, Any]:
    """The checked manifest of a model directory (raises :class:`ModelArtifactError`)."""
    try:
        manifest = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelArtifactError(f"{directory} is not a stance model (no {MANIFEST})") from None
    except (OSError, ValueError) as exc:
        raise ModelArtifactError(f"{directory / MANIFEST} is unreadable: {exc}") from None
    expected = {"kind": "tahqiq.stance", "format_version": FORMAT_VERSION,
                "normalizer_version": _normalizer_version(),
                "unit_features": list(UNIT_FEATURES), "article_features": list(ARTICLE_FEATURES),
                "hash_features": HASH_FEATURES, "tables": table_checksums()}
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise ModelArtifactError(
                f"stance model {directory} has {key}={_short(manifest.get(key))}, this code needs "
                f"{_short(value)}; retrain it with 'tahqiq train stance'")
    for name in FILES:
        path = directory / name
        if not path.is_file() or sha256_files([path]) != manifest.get("checksums", {}).get(name):
            raise ModelArtifactError(f"stance model file {path} is missing or its checksum differs")
    return manifest


def load_model(directory: Path) -> StanceClassifier:
    """Load and verify a model directory."""
    from .model import StanceClassifier

    manifest = read_manifest(directory)
    model = StanceClassifier(**manifest["params"])
    with np.load(directory / "heads.npz", allow_pickle=False) as arrays:
        heads = {k: arrays[k] for k in arrays.files}
    model.relevance_head = LinearHead.from_arrays(heads, "relevance")
    if "sentence_coef" in heads:
        model.sentence_head = LinearHead.from_arrays(heads, "sentence")
    if "pair_coef" in heads:
        model.pair_head = LinearHead.from_arrays(heads, "pair")
    model.set_trees((directory / "trees.txt").read_text(encoding="utf-8"))
    model.weights = json.loads(gzip.decompress((directory / "weights.json.gz").read_bytes()))
    model.manifest = manifest
    return model


def default_model_path() -> Path:
    """Where the packaged default model lives in this installation (a source tree
    for an editable install, where ``tahqiq train stance`` writes it)."""
    return Path(str(resources.files("tahqiq"))) / "data" / "models" / "stance"


@contextmanager
def default_model_dir() -> Iterator[Path]:
    """The directory of the model shipped in the package."""
    with resources.as_file(resources.files("tahqiq") / "data" / "models" / "stance") as path:
        if not (Path(path) / MANIFEST).is_file():
            raise ModelArtifactError(
                f"no default stance model at {path}; train one with 'tahqiq train stance'")
        yield Path(path)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."
