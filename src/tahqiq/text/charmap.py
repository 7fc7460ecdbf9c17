"""CharMap engine: turns the JSON character tables into ``str.translate`` maps.

Maps are built on first use and cached; :func:`display_map`,
:func:`search_map` and :func:`digit_map` are what the other modules use.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from .tables import hex_chars, hex_ranges, load_table

TranslateMap = dict[int, str | None]

#: Arabic letters whose count clean_display preserves (hamza .. yeh, without tatweel).
ARABIC_LETTERS = "".join(chr(cp) for cp in range(0x0621, 0x064B) if cp != 0x0640)


def _validate_map(name: str, mapping: dict[str, Any]) -> None:
    for key, value in mapping.items():
        if len(key) not in (1, 4) or not isinstance(value, str):
            raise ValueError(f"table {name}: bad entry {key!r} -> {value!r}")


def _char_key(key: str) -> str:
    """A table key is a hex code point ("0640") or a literal one-character string."""
    return chr(int(key, 16)) if len(key) == 4 else key


def presentation_form_map(spec: dict[str, Any]) -> TranslateMap:
    """Map each Arabic presentation form in ``spec['ranges']`` to its NFKC letters."""
    if spec.get("method") != "nfkc":
        raise ValueError(f"unknown presentation_forms method: {spec.get('method')!r}")
    out: TranslateMap = {}
    for char in hex_ranges(spec["ranges"]):
        mapped = unicodedata.normalize("NFKC", char)
        if mapped == char:
            continue
        if mapped.startswith(" ") and len(mapped.strip()) == 1:
            mapped = mapped.strip()  # isolated harakah forms: " َ" -> "َ"
        out[ord(char)] = mapped
    return out


@cache
def digit_map() -> TranslateMap:
    """Eastern Arabic and Persian digits -> ASCII digits."""
    out: TranslateMap = {}
    for lo, _hi in load_table("display")["digits"]["ranges"]:
        base = int(lo, 16)
        for offset in range(10):
            out[base + offset] = str(offset)
    return out


@cache
def display_map() -> TranslateMap:
    """Translate map of display cleaning (removals, spaces, quotes, presentation forms)."""
    table = load_table("display")
    _validate_map("display", table["replace"])
    out: TranslateMap = presentation_form_map(table["presentation_forms"])
    for char in hex_chars(table["remove"]):
        out[ord(char)] = None
    for char in hex_ranges(table["remove_ranges"]["ranges"]):
        out[ord(char)] = None
    for char in hex_chars(table["space"]):
        out[ord(char)] = " "
    for char in hex_chars(table["newline"]):
        out[ord(char)] = "\n"
    for key, value in table["replace"].items():
        out[ord(_char_key(key))] = value
    return out


@cache
def search_map() -> TranslateMap:
    """Translate map of search folding: display removals, digits, letter unification, marks."""
    table = load_table("search")
    _validate_map("search", table["replace"])
    out: TranslateMap = {k: v for k, v in display_map().items() if v is None}
    out.update(digit_map())
    for char in hex_chars(table["remove"]):
        out[ord(char)] = None
    for char in hex_ranges(table["remove_ranges"]["ranges"]):
        out[ord(char)] = None
    for key, value in table["replace"].items():
        out[ord(_char_key(key))] = value
    return out


def as_sequence(mapping: TranslateMap) -> list[str | None]:
    """The same map as a list indexed by code point (``str.translate`` is ~2x faster)."""
    table: list[str | None] = [chr(cp) for cp in range(max(mapping) + 1)]
    for cp, value in mapping.items():
        table[cp] = value
    return table


@cache
def search_sequence() -> list[str | None]:
    """:func:`search_map` as a list."""
    return as_sequence(search_map())


@cache
def display_sequence() -> list[str | None]:
    """:func:`display_map` as a list."""
    return as_sequence(display_map())


def fold(text: str) -> str:
    """Letter-level search folding without stemming or tokenizing.

    NFKC, lowercase, ASCII digits, alef/hamza/yeh/teh marbuta unification and
    diacritics removal.  Used to match month names, stopwords and boilerplate.
    The attribution rules fold with :func:`tahqiq.sources.attrib.lexicon.fold_key`
    instead, which keeps offsets.
    """
    text = unicodedata.normalize("NFKC", text).lower()
    return text.translate(search_sequence())
