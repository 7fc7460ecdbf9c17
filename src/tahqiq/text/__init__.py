"""tahqiq.text: Arabic text cleaning, normalization, segmentation and dates.

Everything is a plain function over ``str``; tables are JSON data in
``tables/`` loaded on first use.  Importing this package does no work: the
names below are resolved lazily.

Display vs. search: :func:`clean_display` / :func:`clean_article` give what a
reader sees; :func:`normalize_search` / :func:`tokenize` give folded,
light-stemmed tokens for indexing, never shown.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .boilerplate import drop_boilerplate, is_boilerplate
    from .dates import find_date, parse_date
    from .display import clean_display, to_ascii_digits, valid_unicode
    from .document import build_document, clean_article, document_id
    from .glue import glue_edits, repair_glued
    from .lang import detect_lang
    from .search import normalize_search, query_terms, stem, tokenize
    from .segmenter import segment

    NORMALIZER_VERSION: str

_LAZY = {
    "clean_display": "display",
    "to_ascii_digits": "display",
    "valid_unicode": "display",
    "clean_article": "document",
    "build_document": "document",
    "document_id": "document",
    "repair_glued": "glue",
    "glue_edits": "glue",
    "drop_boilerplate": "boilerplate",
    "is_boilerplate": "boilerplate",
    "segment": "segmenter",
    "normalize_search": "search",
    "tokenize": "search",
    "query_terms": "search",
    "stem": "search",
    "detect_lang": "lang",
    "parse_date": "dates",
    "find_date": "dates",
}

__all__ = [
    "NORMALIZER_VERSION",
    "build_document",
    "clean_article",
    "clean_display",
    "detect_lang",
    "document_id",
    "drop_boilerplate",
    "find_date",
    "glue_edits",
    "is_boilerplate",
    "normalize_search",
    "parse_date",
    "query_terms",
    "repair_glued",
    "segment",
    "stem",
    "to_ascii_digits",
    "tokenize",
    "valid_unicode",
]


def __getattr__(name: str) -> Any:
    if name == "NORMALIZER_VERSION":
        from .tables import normalizer_version

        return normalizer_version()
    if name in _LAZY:
        module = importlib.import_module(f"{__name__}.{_LAZY[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
