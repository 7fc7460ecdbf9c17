"""Search normalization: folded, light-stemmed tokens (never shown to readers).

``tokenize(text)`` = NFKC + lowercase + ASCII digits + letter unification
(alef/hamza forms, ى -> ي, ة -> ه, ؤ/ئ -> ء) + diacritics and tatweel removed,
split on everything that is not a letter or digit, then a light stemmer on
Arabic tokens.  The stemmer is iterated to a fixed point, so every output
token maps to itself and :func:`normalize_search` is idempotent.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from .charmap import fold, search_sequence
from .tables import load_table

Affixes = tuple[tuple[str, int], ...]

_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")


@cache
def _token_re() -> re.Pattern[str]:
    return re.compile(r"[^\W_]+")


@cache
def _stem_rules() -> tuple[Affixes, Affixes]:
    spec = load_table("search")["stemmer"]

    def by_len(items: dict[str, int]) -> Affixes:
        pairs = ((fold(affix), int(keep)) for affix, keep in items.items())
        return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))

    return by_len(spec["prefixes"]), by_len(spec["suffixes"])


def _stem_step(token: str, prefixes: Affixes, suffixes: Affixes) -> str:
    for prefix, keep in prefixes:
        if token.startswith(prefix) and len(token) - len(prefix) >= keep:
            return token[len(prefix) :]
    for suffix, keep in suffixes:
        if token.endswith(suffix) and len(token) - len(suffix) >= keep:
            return token[: -len(suffix)]
    return token


@lru_cache(maxsize=262_144)
def stem(token: str) -> str:
    """Light-stem one folded token; Latin, digit and mixed tokens are returned as is.

    One prefix (longest first) or else one suffix is removed per step while
    enough letters remain (per affix, see the table); steps repeat until
    nothing changes, so
    ``stem(stem(t)) == stem(t)``.
    """
    if not _ARABIC_WORD.fullmatch(token):
        return token
    prefixes, suffixes = _stem_rules()
    while True:
        shorter = _stem_step(token, prefixes, suffixes)
        if shorter == token:
            return token
        token = shorter


def fold_tokens(text: str) -> list[str]:
    """Folded but unstemmed tokens of ``text`` (maximal runs of letters and digits)."""
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = text.lower().translate(search_sequence())
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text).lower().translate(search_sequence())
    tokens: list[str] = []
    find = _token_re().findall
    for chunk in text.split():
        if chunk.isalnum():
            tokens.append(chunk)
        else:
            tokens.extend(find(chunk))
    return tokens


def tokenize(text: str) -> list[str]:
    """Search tokens of ``text``: folded and light-stemmed."""
    return [stem(tok) for tok in fold_tokens(text)]


def normalize_search(text: str) -> str:
    """The search form of ``text``: its tokens joined by single spaces (idempotent)."""
    return " ".join(tokenize(text))


@cache
def arabic_stopwords() -> frozenset[str]:
    """Folded Arabic stopwords (unstemmed)."""
    return frozenset(fold(word) for word in load_table("stopwords")["ar"])


def query_terms(text: str) -> list[str]:
    """Search tokens of a query without stopwords (stopwords are matched before stemming).

    If the query holds nothing but stopwords, they are all kept, so a query
    is never emptied by this step.
    """
    folded = fold_tokens(text)
    stop = arabic_stopwords()
    kept = [tok for tok in folded if tok not in stop] or folded
    return [stem(tok) for tok in kept]
