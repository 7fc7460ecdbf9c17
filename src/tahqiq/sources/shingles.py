"""Search-normalized tokens with their character spans, and the shingles built on them.

Reuse detection compares documents in the search normalization (alef and
hamza forms, ى/ي, ة/ه, diacritics, tatweel, punctuation and digits folded,
light stemming), so spelling variants of a copied passage still match, but
it reports spans in the display text a reader sees.  :func:`token_spans`
gives both at once: each token's search form and where it stands in the
display text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np

#: A word of display text: letters, digits, the marks that sit on them, and the
#: invisible characters (soft hyphen, joiners, bidi marks) search folding deletes.
_WORD_PATTERN = (r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
                 r"\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+")


@cache
def _word_re() -> re.Pattern[str]:
    return re.compile(_WORD_PATTERN)


@dataclass(frozen=True, slots=True)
class Tokens:
    """A document's search tokens and their ``[start, end)`` spans in its display text."""

    terms: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.terms)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of tokens ``first..last`` (inclusive)."""
        return int(self.starts[first]), int(self.ends[last])


@lru_cache(maxsize=4096)
def token_spans(text: str) -> Tokens:
    """Search tokens of ``text`` (as :func:`tahqiq.text.tokenize` makes them) with spans.

    A display word that folds into several tokens (``abc-def`` is one word
    here only if joined by letters) gives each of them the word's span.
    """
    terms: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _word_re().finditer(text):
        for term in _word_terms(match.group()):
            terms.append(term)
            starts.append(match.start())
            ends.append(match.end())
    return Tokens(tuple(terms), np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64))


@lru_cache(maxsize=262_144)
def _word_terms(word: str) -> tuple[str, ...]:
    from ..text.search import fold_tokens, stem

    return tuple(stem(token) for token in fold_tokens(word))


#: The id every number gets: copies change figures and dates, pages repeat
#: templates that differ only in them (``1437 / 10 / 13``).
NUMBER_ID = 0xFFFFFFFF + 1


_BASE = np.uint64(0x100000001B3)  # odd, so invertible modulo 2**64
_POWERS: list[np.ndarray] = []


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``BASE**k`` and ``BASE**-k`` modulo 2**64 for ``k < n`` (cached, grown by doubling)."""
    if not _POWERS or len(_POWERS[0]) < n:
        size = max(n, 2 * len(_POWERS[0]) if _POWERS else 1 << 16)
        inverse = np.uint64(pow(int(_BASE), -1, 1 << 64))
        with np.errstate(over="ignore"):
            forward = np.cumprod(np.full(size, _BASE, dtype=np.uint64))
            forward = np.concatenate(([np.uint64(1)], forward[:-1]))  # BASE**k
            backward = np.cumprod(np.full(size, inverse, dtype=np.uint64))
            backward = np.concatenate(([np.uint64(1)], backward[:-1]))
        _POWERS[:] = [forward, backward]
    return _POWERS[0], _POWERS[1]


def mix64(x: np.ndarray) -> np.ndarray:
    """A 64-bit finaliser (splitmix64), elementwise."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return x ^ (x >> np.uint64(31))


def text_ids(text: str) -> np.ndarray:
    """A stable 64-bit id per space-separated token of ``text``; every number is :data:`NUMBER_ID`.

    A polynomial hash of each token's UTF-8 bytes, computed for all tokens at
    once from prefix sums (no Python loop over tokens), then mixed.  The same
    token gives the same id in every process and on every machine.  The lowest
    bit says whether the token has no ASCII byte (a word of Arabic letters,
    :func:`is_letters`).
    """
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8)
    if not len(raw):
        return np.zeros(0, dtype=np.uint64)
    space = raw == 32
    starts = np.flatnonzero(~space & np.concatenate(([True], space[:-1])))
    ends = np.flatnonzero(~space & np.concatenate((space[1:], [True]))) + 1
    forward, backward = _powers(len(raw) + 1)
    with np.errstate(over="ignore"):
        prefix = np.concatenate(([np.uint64(0)], np.cumsum((raw.astype(np.uint64) + np.uint64(1))
                                                           * forward[: len(raw)])))
        ids = mix64((prefix[ends] - prefix[starts]) * backward[starts])
    ascii_bytes = np.concatenate(([0], np.cumsum(raw < 128)))
    letters = (ascii_bytes[ends] - ascii_bytes[starts]) == 0  # no Latin letter, digit or _
    ids = (ids & ~np.uint64(1)) | letters.astype(np.uint64)
    digit = (raw >= 48) & (raw <= 57)
    non_digits = np.concatenate(([0], np.cumsum(~digit)))
    ids[(non_digits[ends] - non_digits[starts]) == 0] = np.uint64(NUMBER_ID)
    return ids


def is_letters(ids: np.ndarray) -> np.ndarray:
    """Which ids (of :func:`text_ids`) are words of Arabic (non-Latin) letters only.

    :func:`text_ids` keeps this in the lowest bit of each id, so it travels
    with the ids wherever they go.
    """
    return (ids & np.uint64(1)).astype(bool)


def term_ids(terms: tuple[str, ...] | list[str]) -> np.ndarray:
    """:func:`text_ids` of the terms joined by spaces (terms never contain spaces)."""
    return text_ids(" ".join(terms))


def ngram_hashes(ids: np.ndarray, n: int) -> np.ndarray:
    """A 64-bit hash of every run of ``n`` consecutive term ids (``len(ids) - n + 1`` values)."""
    if len(ids) < n:
        return np.zeros(0, dtype=np.uint64)
    mixed = np.zeros(len(ids) - n + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for offset in range(n):
            part = ids[offset: len(ids) - n + 1 + offset]
            mixed = mixed * np.uint64(0x100000001B3) ^ (part * np.uint64(0x9E3779B97F4A7C15))
        mixed ^= mixed >> np.uint64(29)
    return mixed


__all__ = ["Tokens", "is_letters", "ngram_hashes", "term_ids", "token_spans"]
