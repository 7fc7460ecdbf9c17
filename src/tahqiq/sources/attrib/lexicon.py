"""The tables of the attribution engine, read and folded on first use.

Every word list, pattern and limit of the rules lives in a versioned JSON file of
``tahqiq/sources/tables/`` (:data:`TABLE_FILES`): the cue lexicon (``cues``), the
gazetteer and its citation lists (``outlets``), the letter folding (``fold``) and the
remaining lists and patterns of the rules (``attribution``).  :func:`tables_version`
names them all with a checksum, for manifests that depend on what the rules find.

Matching folds the letters that writers vary (hamza and alef forms, ى/ي, ة/ه,
diacritics, tatweel) with a map that never turns one character into two, so a span
of the folded text maps back to exact offsets of the original.

Nothing is read or compiled at import time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

#: The tables in use, name -> file.  The version is part of the file name.
TABLE_FILES: dict[str, str] = {
    "outlets": "outlets.v4.json",
    "cues": "cues.v1.json",
    "fold": "fold.v1.json",
    "attribution": "attribution.v1.json",
}


@cache
def load_table(name: str) -> dict[str, Any]:
    """The parsed table ``name`` of this package (:data:`TABLE_FILES`; cached, read-only)."""
    from ...core.tables import read_table

    return read_table("tahqiq.sources", TABLE_FILES[name])


@cache
def tables_checksum() -> str:
    """Hex sha256 over the canonical JSON of every table of :data:`TABLE_FILES`."""
    from ...core.tables import checksum_tables

    return checksum_tables(TABLE_FILES, load_table)


@cache
def tables_version() -> str:
    """The tables in use and 8 hex of :func:`tables_checksum`, e.g.
    ``attribution.v1+cues.v1+fold.v1+outlets.v4+1a2b3c4d``: a manifest that pins it
    notices any edit of the tables the attribution rules read."""
    stems = "+".join(TABLE_FILES[name].removesuffix(".json") for name in sorted(TABLE_FILES))
    return f"{stems}+{tables_checksum()[:8]}"


# --------------------------------------------------------------------------- folding


@cache
def _fold_map() -> dict[int, str | None]:
    table = load_table("fold")
    out: dict[int, str | None] = {}
    for lo, hi in table["remove_ranges"]:
        for cp in range(int(lo, 16), int(hi, 16) + 1):
            out[cp] = None
    for src, dst in table["map"].items():
        out[ord(src)] = dst or None
    return out


def fold_with_map(text: str) -> tuple[str, list[int]]:
    """Folded ``text`` and, for each folded character, its index in ``text``.

    Every character folds to at most one character (Latin letters are
    lower-cased, Arabic letter variants unified, marks removed), so a span
    ``[i, j)`` of the folded string is ``[index[i], index[j - 1] + 1)`` of
    the original.
    """
    mapping = _fold_map()
    folded = text.translate(mapping)
    if len(folded) == len(text):
        index = list(range(len(text)))
    else:
        removed = _removed()
        index = [pos for pos, char in enumerate(text) if ord(char) not in removed]
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered, index
    chars = [low if len(low := char.lower()) == 1 else char for char in folded]
    return "".join(chars), index


@cache
def _removed() -> frozenset[int]:
    """Code points that folding removes (diacritics, tatweel, bidi marks)."""
    return frozenset(cp for cp, new in _fold_map().items() if new is None)


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """:func:`fold_with_map` without the index (for keys and lookups; cached).

    Not :func:`tahqiq.text.charmap.fold`: that one applies NFKC and the search map,
    which may change a text's length; this one keeps one character per character, so
    keys built with it match spans found with :func:`fold_with_map`."""
    return text.translate(_fold_map()).lower()


# --------------------------------------------------------------------------- proclitics


@cache
def proclitics() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The proclitic conjunctions (و ف) and prepositions (ب ل ك) of the table."""
    table = load_table("attribution")["proclitics"]
    return tuple(table["conjunctions"]), tuple(table["prepositions"])


@cache
def proclitic_pattern() -> str:
    """Regex of an optional conjunction then an optional preposition: ``[وف]?[بلك]?``."""
    conj, prep = proclitics()
    return f"[{''.join(conj)}]?[{''.join(prep)}]?"


def clitic_variants(word: str) -> list[str]:
    """``word`` and ``word`` without a proclitic و/ف and then ب/ل/ك (folded input)."""
    return list(_clitic_variants(word))


@lru_cache(maxsize=131072)
def _clitic_variants(word: str) -> tuple[str, ...]:
    conjunctions, prepositions = proclitics()
    out = [word]
    for conj in ("", *conjunctions):
        if conj and not word.startswith(conj):
            continue
        rest = word[len(conj):]
        if conj and len(rest) >= 2:
            out.append(rest)
        for prep in prepositions:
            if rest.startswith(prep) and len(rest) > 3:
                out.append(rest[1:])
                if prep == "ل" and rest.startswith("لل"):
                    out.append("ا" + rest[1:])
    return tuple(dict.fromkeys(out))


def conj_variants(key: str) -> list[str]:
    """``key`` and, for longer words, ``key`` without a leading و/ف."""
    return [key, key[1:]] if len(key) > 3 and key[0] in proclitics()[0] else [key]


def in_set(key: str, words: frozenset[str]) -> bool:
    """Whether the folded word, with or without proclitics, is in ``words``."""
    return any(v in words for v in clitic_variants(key))


def in_heads(key: str, heads: frozenset[str]) -> bool:
    """Whether the folded word, with or without proclitics and then ال, is in ``heads``
    (head words are listed bare: وزير matches الوزير, لوزير and وللوزير)."""
    return any(v in heads or (v.startswith("ال") and v[2:] in heads) for v in clitic_variants(key))


# --------------------------------------------------------------------------- word lists


@cache
def words(name: str) -> frozenset[str]:
    """The folded word list ``name`` of the ``attribution`` table's ``words``."""
    return frozenset(fold_key(w) for w in load_table("attribution")["words"][name])


@cache
def raw_words(name: str) -> tuple[str, ...]:
    """The word list ``name`` of the ``attribution`` table's ``raw``, as written (compared
    with the text itself, not with folded tokens)."""
    return tuple(load_table("attribution")["raw"][name])


@cache
def citation_words() -> dict[str, frozenset[str]]:
    """The folded ``citation`` lists of the outlets table (word lists and footer phrases)."""
    table = load_table("outlets").get("citation", {})
    return {name: frozenset(" ".join(fold_key(w).split()) for w in items)
            for name, items in table.items() if isinstance(items, list)}


@cache
def pattern(name: str) -> re.Pattern[str]:
    """The regular expression ``name`` of the ``attribution`` table (compiled on first use)."""
    return re.compile(load_table("attribution")["patterns"][name])


def pattern_text(name: str, **fill: str) -> str:
    """The source of pattern ``name`` with each ``{key}`` replaced by ``fill[key]``."""
    text: str = load_table("attribution")["patterns"][name]
    for key, value in fill.items():
        text = text.replace("{" + key + "}", value)
    return text


@cache
def limit(name: str) -> int:
    """The number ``name`` of the ``attribution`` table's ``limits``."""
    return int(load_table("attribution")["limits"][name])


@cache
def boundary() -> str:
    """Characters that end the text before a label, a dateline place or a lead."""
    return str(load_table("attribution")["boundary"])


# --------------------------------------------------------------------------- cue lexicon


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The folded word lists of ``cues.v1.json``."""

    forms: dict[str, tuple[str, str, bool]]
    preps: frozenset[str]
    idioms: dict[str, tuple[tuple[tuple[str, ...], bool], ...]]
    nouns: frozenset[str]
    sets: dict[str, frozenset[str]]
    kinds: dict[str, frozenset[str]]
    #: every folded token that may be a single-word cue (a superset, for a quick rejection)
    single: frozenset[str] = frozenset()


_SETS = ("complementizers", "relay_from", "attribute_to", "auxiliaries", "adjunct_starts",
         "clause_particles", "pronoun_objects", "source_heads", "quantifiers", "citation_triggers")


@cache
def lexicon() -> Lexicon:
    """Load and fold the cue table (cached)."""
    table: dict[str, Any] = load_table("cues")
    conj = ("", *proclitics()[0])
    forms: dict[str, tuple[str, str, bool]] = {}
    for verb in table["verbs"]:
        for form in verb["forms"]:
            forms.setdefault(fold_key(form), (verb["lemma"], verb["content"], False))
        for form in verb["participles"]:
            forms.setdefault(fold_key(form), (verb["lemma"], verb["content"], True))
    sets = {name: frozenset(fold_key(w) for w in table[name]) for name in _SETS}
    sets["breaks"] = words("breaks")
    sets["adjunct_starts"] |= words("time_pronouns")
    kinds = {kind: frozenset(fold_key(w) for w in items)
             for kind, items in table["speaker_kinds"].items()}
    preps = frozenset(fold_key(p) for p in table["prepositions"])
    nouns = frozenset(fold_key(n) for n in table["noun_cues"])
    single = {c + w for w in (*forms, *preps) for c in conj}
    for noun in nouns:
        for c in conj:
            single.update(c + p + noun for p in ("", *proclitics()[1]))
            if noun.startswith("ال"):
                single.add(c + "لل" + noun[2:])
    return Lexicon(forms, preps, _idioms(table, conj), nouns, sets, kinds, frozenset(single))


def _idioms(table: dict[str, Any], conj: tuple[str, ...]
            ) -> dict[str, tuple[tuple[tuple[str, ...], bool], ...]]:
    """Idioms by their first word, with each proclitic conjunction."""
    listed = [(tuple(fold_key(w) for w in items), False) for items in table["idioms_implicit"]]
    listed += [(tuple(fold_key(w) for w in items), True) for items in table["idioms_explicit"]]
    by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for items, explicit in listed:
        for c in conj:
            by_first.setdefault(c + items[0], []).append((items, explicit))
    return {first: tuple(found) for first, found in by_first.items()}
