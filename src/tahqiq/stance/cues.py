"""Cue lexicons: folded word lists matched against folded tokens.

A :class:`Lexicon` holds categories of entries written as in text (folded with
the search folding when compiled, so they match whatever spelling variant a
text uses).  The stance cues (denial, negation, hedging, confirmation,
reported speech, questions) are one lexicon, versioned data in
``tables/cues.v1.json``; the relation operators (``tables/relation.v1.json``)
are another.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any

from ..text.search import fold_tokens

#: Cue categories, in the order every cue table lists them.
CATEGORIES = ("deny", "negation", "hedge", "confirm", "report", "question")
CUES_FILE = "cues.v1.json"
#: The relation layer's table: operators, places, times, not-evidence lead words.
RELATION_FILE = "relation.v1.json"
#: Distinct tokens remembered per lexicon (bounded, so a long run cannot grow it without end).
_MEMO = 200_000


@cache
def stance_table(filename: str) -> dict[str, Any]:
    """A versioned table of the stance layer, by file name (cached; read-only)."""
    from ..core.tables import read_table

    return read_table("tahqiq.stance", filename)


def cue_table() -> dict[str, Any]:
    """The raw cue table (cached; read-only)."""
    return stance_table(CUES_FILE)


class Lexicon:
    """Categories of folded words, prefixes (``entry*``) and multi-word phrases.

    A single-word entry matches a token equal to it, or equal to it after one
    leading clitic of ``clitics``; a phrase matches contiguous tokens (its
    first word also after a clitic).
    """

    def __init__(self, categories: Mapping[str, Iterable[str]], clitics: Sequence[str]) -> None:
        self.clitics = tuple(sorted(clitics, key=len, reverse=True))
        self.names = tuple(categories)
        self._exact: dict[str, list[str]] = {}
        self._prefix: dict[str, list[str]] = {}
        self._phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for name, entries in categories.items():
            exact, prefixes, phrases = _compile(entries)
            for word in exact:
                self._exact.setdefault(word, []).append(name)
            for prefix in prefixes:
                self._prefix.setdefault(prefix, []).append(name)
            for phrase in phrases:
                self._phrases.setdefault(phrase[0], []).append((name, phrase))
        self._lengths = sorted({len(p) for p in self._prefix})
        self._bare: dict[str, tuple[str, ...]] = {}
        self._memo: dict[str, frozenset[str]] = {}

    def bare(self, token: str) -> tuple[str, ...]:
        """The token, and the token without one leading clitic."""
        forms = self._bare.get(token)
        if forms is None:
            out = [token]
            for clitic in self.clitics:
                if token.startswith(clitic) and len(token) - len(clitic) >= 2:
                    out.append(token[len(clitic) :])
            forms = tuple(out)
            if len(self._bare) < _MEMO:
                self._bare[token] = forms
        return forms

    def _single(self, form: str) -> frozenset[str]:
        found = self._memo.get(form)
        if found is None:
            hits = set(self._exact.get(form, ()))
            for n in self._lengths:
                if n > len(form):
                    break
                hits.update(self._prefix.get(form[:n], ()))
            found = frozenset(hits)
            if len(self._memo) < _MEMO:
                self._memo[form] = found
        return found

    def spans(self, tokens: Sequence[str]) -> dict[str, list[tuple[int, int]]]:
        """Per category, the ``(start, length)`` of every match in folded ``tokens``."""
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self.names}
        later: dict[str, list[tuple[int, int]]] = {name: [] for name in self.names}
        for i, token in enumerate(tokens):
            forms = self.bare(token)
            hit: set[str] = set()
            for form in forms:
                hit |= self._single(form)
                for name, phrase in self._phrases.get(form, ()):
                    if tuple(tokens[i + 1 : i + len(phrase)]) == phrase[1:]:
                        later[name].append((i, len(phrase)))
            for name in hit:
                found[name].append((i, 1))
        for name in self.names:
            found[name].extend(sorted(set(later[name]), key=lambda h: (-h[1], h[0])))
        return found


def _compile(entries: Iterable[str]) -> tuple[frozenset[str], tuple[str, ...], tuple[tuple[str, ...], ...]]:
    exact: set[str] = set()
    prefixes: list[str] = []
    phrases: list[tuple[str, ...]] = []
    for entry in entries:
        star = entry.endswith("*")
        tokens = tuple(fold_tokens(entry.rstrip("*"))) or (entry,)
        if len(tokens) > 1:
            phrases.append(tokens)
        elif star:
            prefixes.append(tokens[0])
        else:
            exact.add(tokens[0])
    return frozenset(exact), tuple(prefixes), tuple(phrases)


@cache
def _cue_lexicon() -> Lexicon:
    table = cue_table()
    return Lexicon({c: table[c] for c in CATEGORIES}, table["clitics"])


def cue_positions(tokens: list[str]) -> dict[str, list[int]]:
    """Token positions at which each cue category fires, for folded ``tokens``."""
    return {c: [i for i, _ in hits] for c, hits in _cue_lexicon().spans(tokens).items()}
