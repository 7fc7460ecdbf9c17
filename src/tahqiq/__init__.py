"""tahqiq (تحقيق): make sense of conflicting Arabic news reports, offline.

The public API is small and lazy: importing :mod:`tahqiq` does no work.

>>> from tahqiq import Corpus
>>> corpus = Corpus("desk.db")            # doctest: +SKIP
>>> corpus.ingest(["articles/"])          # doctest: +SKIP
>>> corpus.search("عملية عسكرية مشتركة")  # doctest: +SKIP
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Corpus", "Settings", "TahqiqError", "resolve_settings", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())

if TYPE_CHECKING:  # pragma: no cover
    from .core.config import Settings, resolve_settings
    from .core.errors import TahqiqError
    from .corpus import Corpus

_LAZY = {
    "Corpus": ("tahqiq.corpus", "Corpus"),
    "Settings": ("tahqiq.config", "Settings"),
    "resolve_settings": ("tahqiq.config", "resolve_settings"),
    "TahqiqError": ("tahqiq.errors", "TahqiqError"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        return getattr(importlib.import_module(module), attr)
    raise AttributeError(f"module 'tahqiq' has no attribute {name!r}")
