"""The words of a sentence as the relation layer reads them: clauses, folded
tokens, comparison keys (stems, number values, places) and operator matches.

Everything here depends on the sentence alone, so it is computed once per
sentence (:func:`view` is cached) whatever the number of claims.  The
operator and element lists are versioned data (``tables/relation.v1.json``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from ..text.search import fold_tokens
from .cues import RELATION_FILE, Lexicon, stance_table
from .units import _stem

_END = re.compile(r"[.!?؟؛;…]+[\"'»”)]*$")


_COMMA = re.compile(r"[،,]+[\"'»”)]*$")


DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True, slots=True)
class Word:
    """One token of a sentence: its display form, folded form, stem and clause."""

    shown: str
    folded: str
    stem: str
    clause: int


@cache
def relation_table() -> dict[str, Any]:
    """The operator and element table (cached; read-only)."""
    return stance_table(RELATION_FILE)


@cache
def operator_lexicon() -> Lexicon:
    table = relation_table()
    ops = {name: spec["entries"] for name, spec in table["operators"].items()}
    return Lexicon(ops, table["clitics"])


@cache
def element_words() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    table = relation_table()
    places = frozenset(_stem(t) for w in table["countries"] + table["cities"] for t in fold_tokens(w))
    times = frozenset(_stem(t) for w in table["time_words"] for t in fold_tokens(w))
    numbers = {fold_tokens(w)[0]: v for w, v in table["number_words"].items()}
    return places, times, numbers


@cache
def not_before_words() -> frozenset[str]:
    words = relation_table()["operators"]["negation"].get("not_before", [])
    return frozenset(t for w in words for t in fold_tokens(w))


def words_of(text: str) -> list[Word]:
    """The words of a sentence with their clause numbers.

    A clause ends at a full stop, semicolon, question or exclamation mark, and
    at a comma followed by a conjunction (a new coordinated clause).
    """
    out: list[Word] = []
    clause = 0
    chunks = text.split()
    for k, chunk in enumerate(chunks):
        for tok in _fold_chunk(chunk):
            out.append(Word(chunk, tok, _stem(tok), clause))
        if "؟" in chunk or "?" in chunk:
            out.append(Word("؟", "؟", "؟", clause))
        nxt = chunks[k + 1] if k + 1 < len(chunks) else ""
        if _END.search(chunk) or (_COMMA.search(chunk) and _opens_clause(nxt)):
            clause += 1
    return out


@cache
def _leads() -> frozenset[str]:
    return frozenset(fold_tokens(w)[0] for w in relation_table()["clause_leads"])


_CLAUSE_WORDS = frozenset({"ان", "قد", "لم", "لن", "لا", "كان", "كانت", "هو", "هي", "ذلك"})


def _opens_clause(chunk: str) -> bool:
    """Whether a word after a comma starts a new clause: a lead word ("مؤكدا",
    "فيما") or a conjunction on a verb, a particle or an operator ("وأكد", "وأن")."""
    tokens = _fold_chunk(chunk)
    if not tokens:
        return False
    first = tokens[0]
    if first in _leads():
        return True
    if first[:1] not in ("و", "ف") or len(first) < 3:
        return False
    rest = first[1:]
    return rest in _CLAUSE_WORDS or any(operator_lexicon().spans([rest]).values())


@lru_cache(maxsize=131_072)
def _fold_chunk(chunk: str) -> tuple[str, ...]:
    return tuple(fold_tokens(chunk))


@dataclass(frozen=True, slots=True)
class SentenceView:
    """Everything about a sentence that does not depend on the claim (computed once)."""

    words: tuple[Word, ...]
    folded: tuple[str, ...]
    keys: tuple[str, ...]
    spans: Mapping[str, list[tuple[int, int]]]


@lru_cache(maxsize=65_536)
def view(text: str) -> SentenceView:
    """The words, folded tokens, comparison keys and operator matches of ``text`` (cached)."""
    words = tuple(words_of(text))
    folded = tuple(w.folded for w in words)
    keys = tuple(word_key(w) for w in words)
    return SentenceView(words, folded, keys, operator_lexicon().spans(folded))


def word_key(w: Word) -> str:
    """What a word is compared on: its number value, the place it names, else its stem."""
    return number_value(w.folded) or place_key(w.stem) or w.stem


def number_value(folded: str) -> str | None:
    """The value of a digit token or a number word, else ``None``."""
    if DIGITS.match(folded):
        return folded.replace(",", "")
    return element_words()[2].get(folded)


def skeleton(stem: str) -> str:
    """A stem without its long vowels after the first letter (قتيل, قتل -> قتل): close
    derivations of one root compare equal."""
    return stem[:1] + stem[1:].translate(_VOWELS)


_VOWELS = str.maketrans("", "", "اوي")


def place_key(stem: str) -> str | None:
    """The place a stem names (a place name or its adjective: مصري -> مصر), else ``None``."""
    places = element_words()[0]
    for form in (stem, stem[:-1] if stem.endswith("ي") else "", stem + "ا"):
        if form and form in places:
            return form.rstrip("ا")
    return None


@cache
def place_sets() -> tuple[frozenset[str], frozenset[str]]:
    table = relation_table()

    def keys(words: list[str]) -> frozenset[str]:
        return frozenset(k for w in words for t in fold_tokens(w) if (k := place_key(_stem(t))))

    return keys(table["countries"]), keys(table["cities"])


PUNCT = "«»\"'()[]،,.:؛;؟?!…-–—"


def shown(words: Sequence[Word]) -> str:
    """Words as the text writes them, without the punctuation around them (for people)."""
    out: list[str] = []
    for w in words:
        text = w.shown.strip(PUNCT)
        if text and (not out or out[-1] != text):
            out.append(text)
    return " ".join(out)
