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
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import ModelArtifactError
from ..core.files import atomic_path
from ..core.manifest import ArtifactManifest, read_manifest, write_manifest
from .features import ARTICLE_FEATURES, UNIT_FEATURES
from .heads import HASH_FEATURES, LinearHead
from .state import Level1, StanceState

FORMAT_VERSION = 4
KIND = "tahqiq.stance"
#: The stages whose tables the model's features are computed from (pinned by checksum;
#: the text tables are pinned by the normalizer version).
STAGES = ("stance",)
MANIFEST = "manifest.json"
FILES = ("heads.npz", "trees.txt", "weights.json.gz")
#: Permissions of written model files (temporary files start as 0600; a model is shared data).
READABLE = 0o644
_RETRAIN = "; retrain it with 'tahqiq train stance'"


def _normalizer_version() -> str:
    from ..text.tables import normalizer_version

    return normalizer_version()


def _features() -> dict[str, Any]:
    """The feature layout a saved model must share with this code."""
    return {"unit_features": list(UNIT_FEATURES), "article_features": list(ARTICLE_FEATURES),
            "hash_features": HASH_FEATURES}


def save_state(state: StanceState, directory: Path, extra: Mapping[str, Any]) -> StanceState:
    """Write ``state`` into ``directory`` (created; files replaced atomically) and
    return it with the manifest it was saved under (``extra``: training data, metrics)."""
    directory.mkdir(parents=True, exist_ok=True)
    arrays = state.level1.relevance.arrays("relevance")
    if state.level1.sentence is not None:
        arrays.update(state.level1.sentence.arrays("sentence"))
    if state.pair_head is not None:
        arrays.update(state.pair_head.arrays("pair"))
    with atomic_path(directory / "heads.npz", READABLE) as tmp:
        with open(tmp, "wb") as handle:
            np.savez_compressed(handle, **arrays)
    with atomic_path(directory / "trees.txt", READABLE) as tmp:
        tmp.write_text(state.trees_text, encoding="utf-8")
    with atomic_path(directory / "weights.json.gz", READABLE) as tmp:
        payload = json.dumps(dict(state.weights), ensure_ascii=False, sort_keys=True).encode()
        tmp.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    manifest = ArtifactManifest.new(KIND, FORMAT_VERSION, _normalizer_version(), stages=STAGES,
                                    params=state.params, state={**_features(), **extra})
    manifest = write_manifest(directory, manifest.with_files(directory, FILES), READABLE)
    return replace(state, manifest=manifest.to_json())


def read_model_manifest(directory: Path) -> ArtifactManifest:
    """The checked manifest of a model directory (raises :class:`ModelArtifactError`)."""
    what = f"stance model {directory}"
    if not (directory / MANIFEST).is_file():
        raise ModelArtifactError(f"{directory} is not a stance model (no {MANIFEST})")
    try:
        manifest = read_manifest(directory, ModelArtifactError, what)
    except ModelArtifactError as exc:  # unreadable, or the layout of an older tahqiq
        raise ModelArtifactError(f"{exc}{_RETRAIN}") from None
    manifest.check(ModelArtifactError, kind=KIND, format_version=FORMAT_VERSION,
                   normalizer_version=_normalizer_version(), stages=STAGES, what=what, hint=_RETRAIN)
    for key, value in _features().items():
        if manifest.state.get(key) != value:
            raise ModelArtifactError(f"{what} has other {key}{_RETRAIN}")
    if set(manifest.files) != set(FILES):
        raise ModelArtifactError(f"{what} names other files than {', '.join(FILES)}{_RETRAIN}")
    manifest.check_files(directory, ModelArtifactError, "stance model")
    return manifest


def load_state(directory: Path) -> StanceState:
    """Load and verify a model directory."""
    from .model import DEFAULT_PARAMS

    manifest = read_model_manifest(directory)
    with np.load(directory / "heads.npz", allow_pickle=False) as arrays:
        heads = {k: arrays[k] for k in arrays.files}
    level1 = Level1(LinearHead.from_arrays(heads, "relevance"),
                    LinearHead.from_arrays(heads, "sentence") if "sentence_coef" in heads else None)
    pair = LinearHead.from_arrays(heads, "pair") if "pair_coef" in heads else None
    weights = json.loads(gzip.decompress((directory / "weights.json.gz").read_bytes()))
    return StanceState.with_trees({**DEFAULT_PARAMS, **manifest.params}, weights, level1,
                                  (directory / "trees.txt").read_text(encoding="utf-8"),
                                  pair, manifest.to_json())


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

