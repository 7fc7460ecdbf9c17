"""Sentence segmentation of display text with exact character spans.

Rules (data in ``tables/segment.v1.json``): newlines always end a sentence;
``. ! ? ؟ …`` end one when followed by whitespace or the end of the line,
except after an abbreviation or a single letter ("د.", "ص.ب."), and except
inside a short quote («...», “...”, "..." as published).  ``؛`` is *not* a boundary (it joins clauses, like
a semicolon), nor is ``،`` -- but a sentence over ``max_words`` words is cut
at the comma nearest its middle, repeatedly.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..core.types import Sentence
from .tables import load_table


@cache
def _rules() -> dict[str, Any]:
    table = load_table("segment")
    terms = re.escape(table["terminators"])
    closers = re.escape(table["closers"])
    quotes = table["quotes"]
    closer_of = {pair[0]: pair[1] for pair in quotes["pairs"]}
    closer_of[quotes["straight"]] = quotes["straight"]
    marks = "".join(sorted(set("".join(quotes["pairs"]) + quotes["straight"])))
    return {
        "table": table,
        "boundary": re.compile(f"[{terms}]+[{closers}]*(?=\\s|$)"),
        "abbrev": frozenset(a.lower() for a in table["abbreviations"]),
        "comma": re.compile(f"[{re.escape(table['long_split_marks'])}](?=\\s)"),
        "line": re.compile(r"[^\n]+"),
        "closer_of": closer_of,
        "quote_mark": re.compile(f"[{re.escape(marks)}]"),
    }


def _open_quote(before: str, rules: dict[str, Any]) -> tuple[int, str] | None:
    """Where the quote still open at the end of ``before`` starts, and its closing mark."""
    closer_of = rules["closer_of"]
    opened: tuple[int, str] | None = None
    for match in rules["quote_mark"].finditer(before):
        char = match.group(0)
        if opened is not None:
            if char == opened[1]:
                opened = None
        elif char in closer_of:
            opened = (match.start(), closer_of[char])
    return opened


def _is_abbreviation(before: str, mark: str, rules: dict[str, Any]) -> bool:
    if not mark.startswith(".") or len(mark.rstrip(rules["table"]["closers"])) > 1:
        return False
    parts = before.rsplit(None, 1)
    if not parts:
        return False
    word = parts[-1].lstrip("(«“”„\"'[").lower()
    return len(word) == 1 and word.isalpha() or word in rules["abbrev"]


def _cuts_in_line(line: str, rules: dict[str, Any]) -> list[int]:
    """End offsets (within ``line``) of sentences, before long-sentence splitting."""
    limit = rules["table"]["quote_max_words"]
    cuts, start = [], 0
    for match in rules["boundary"].finditer(line):
        before = line[start : match.start()]
        if _is_abbreviation(before, match.group(0), rules):
            continue
        opened = _open_quote(before, rules)
        if opened is not None and opened[1] not in match.group(0):
            if len(before[opened[0]:].split()) < limit:
                continue
        cuts.append(match.end())
        start = match.end()
    cuts.append(len(line))
    return cuts


def _split_long(text: str, start: int, end: int, rules: dict[str, Any]) -> list[tuple[int, int]]:
    chunk = text[start:end]
    limit = rules["table"]["max_words"]
    if chunk.count(" ") < limit or len(chunk.split()) <= limit:
        return [(start, end)]
    middle = len(chunk) / 2
    marks = [m.end() for m in rules["comma"].finditer(chunk)]
    marks = [m for m in marks if chunk[:m].strip() and chunk[m:].strip()]
    if not marks:
        return [(start, end)]
    cut = start + min(marks, key=lambda m: abs(m - middle))
    return _split_long(text, start, cut, rules) + _split_long(text, cut, end, rules)


def segment(text: str) -> tuple[Sentence, ...]:
    """Split display ``text`` into sentences whose spans satisfy ``text[s.start:s.end] == s.text``.

    Sentence texts are stripped of surrounding whitespace and never empty.
    """
    rules = _rules()
    spans: list[tuple[int, int]] = []
    for line_match in rules["line"].finditer(text):
        offset, line = line_match.start(), line_match.group(0)
        prev = 0
        for cut in _cuts_in_line(line, rules):
            spans.extend(_split_long(text, offset + prev, offset + cut, rules))
            prev = cut
    out: list[Sentence] = []
    for start, end in spans:
        raw = text[start:end]
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        s = start + lead
        out.append(Sentence(index=len(out), start=s, end=s + len(stripped), text=stripped))
    return tuple(out)
