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
import zlib
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


def term_ids(terms: tuple[str, ...] | list[str]) -> np.ndarray:
    """A stable id per term (CRC-32 of its UTF-8 bytes) as ``uint64``; every number is :data:`NUMBER_ID`."""
    return np.fromiter((NUMBER_ID if t.isdigit() else _crc(t) for t in terms), dtype=np.uint64,
                       count=len(terms))


@lru_cache(maxsize=262_144)
def _crc(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


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


__all__ = ["Tokens", "ngram_hashes", "term_ids", "token_spans"]
