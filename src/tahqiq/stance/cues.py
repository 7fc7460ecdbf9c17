"""Stance cues (denial, negation, hedging, confirmation, reported speech).

The lexicon is versioned data (``tables/cues.v1.json``); entries are folded
with the search folding, so they match whatever spelling variant a text uses.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from ..text.search import fold_tokens

#: Cue categories, in the order of :func:`cue_counts`.
CATEGORIES = ("deny", "negation", "hedge", "confirm", "report", "question")
CUES_FILE = "cues.v1.json"


@cache
def cue_table() -> dict[str, Any]:
    """The raw cue table (cached; read-only)."""
    raw = (resources.files("tahqiq.stance") / "tables" / CUES_FILE).read_text("utf-8")
    return json.loads(raw)


@cache
def _compiled() -> dict[str, tuple[frozenset[str], tuple[str, ...], tuple[tuple[str, ...], ...]]]:
    """Per category: exact folded words, folded prefixes, folded multi-word phrases."""
    out = {}
    for category in CATEGORIES:
        exact: set[str] = set()
        prefixes: list[str] = []
        phrases: list[tuple[str, ...]] = []
        for entry in cue_table()[category]:
            star = entry.endswith("*")
            tokens = tuple(fold_tokens(entry.rstrip("*"))) or (entry,)
            if len(tokens) > 1:
                phrases.append(tokens)
            elif star:
                prefixes.append(tokens[0])
            else:
                exact.add(tokens[0])
        out[category] = (frozenset(exact), tuple(prefixes), tuple(phrases))
    return out


@cache
def _clitics() -> tuple[str, ...]:
    return tuple(sorted(cue_table()["clitics"], key=len, reverse=True))


def _bare(token: str) -> tuple[str, ...]:
    """The token, and the token without one leading clitic."""
    forms = [token]
    for clitic in _clitics():
        if token.startswith(clitic) and len(token) - len(clitic) >= 2:
            forms.append(token[len(clitic) :])
    return tuple(forms)


def cue_positions(tokens: list[str]) -> dict[str, list[int]]:
    """Token positions at which each cue category fires, for folded ``tokens``."""
    compiled = _compiled()
    found: dict[str, list[int]] = {c: [] for c in CATEGORIES}
    bare = [_bare(tok) for tok in tokens]
    for category, (exact, prefixes, phrases) in compiled.items():
        hits = found[category]
        for i, forms in enumerate(bare):
            if any(f in exact or (prefixes and f.startswith(prefixes)) for f in forms):
                hits.append(i)
        for phrase in phrases:
            n = len(phrase)
            for i in range(len(tokens) - n + 1):
                if phrase[0] in bare[i] and tuple(tokens[i + 1 : i + n]) == phrase[1:]:
                    hits.append(i)
    return found


def cue_counts(tokens: list[str]) -> list[int]:
    """How many times each category of :data:`CATEGORIES` fires in ``tokens``."""
    positions = cue_positions(tokens)
    return [len(positions[c]) for c in CATEGORIES]
