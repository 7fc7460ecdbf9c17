"""Display cleaning: what a reader sees, minus scraping noise.

:func:`clean_display` keeps the author's letters, digits and punctuation
marks but removes invisible characters, tatweel and presentation forms,
unifies quotes and re-attaches punctuation that a scraper spaced out.
Each step is guarded by a cheap test so clean text costs little.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from .charmap import digit_map, display_map, display_sequence
from .tables import load_table

_ARABIC_CHAR = "\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670\u0671-\u06d3\u06fa-\u06ff"

#: Punctuation that sticks to the word before it ("كلمة ." -> "كلمة.").
_CLOSERS = ",،;؛:!?؟)]}»%"
#: Brackets and quotes that stick to the word after them.
_OPENERS = "([{«"


@cache
def _patterns() -> dict[str, Any]:
    mapped = "".join(sorted(chr(cp) for cp in display_map()))
    return {
        "mapped": re.compile(f"[{re.escape(mapped)}]"),
        "spaces": re.compile(r"[ \t]{2,}|\t"),
        "edge_spaces": re.compile(r" *\n *"),
        "blank_lines": re.compile(r"\n{3,}"),
        "arabic": re.compile(f"[{_ARABIC_CHAR}]"),
        "arabic_char": re.compile(f"[{_ARABIC_CHAR}]"),
        "space_dot": re.compile(r" +\.(?!\d)"),
        # "01 : 13" -> "01:13" (after the space before ":" is gone)
        "time": re.compile(r"(?<![\d:])(\d{1,2}): (\d{2})(?![\d:])"),
        "latin_punct": re.compile(r"[,?;]"),
        "punct_map": load_table("display")["arabic_context"]["replace"],
    }


def valid_unicode(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD: undecodable bytes
    that reached Python through ``surrogateescape`` (command-line arguments,
    file names) or a ``"\\ud800"`` escape in JSON cannot be encoded, stored or shown."""
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


def to_ascii_digits(text: str) -> str:
    """Replace Eastern Arabic (٠-٩) and Persian (۰-۹) digits with 0-9."""
    return text.translate(digit_map())


def _pair_quotes(line: str) -> str:
    """Pair straight double quotes into « » on a line with Arabic letters."""
    quotes = load_table("display")["quotes"]
    straight = quotes["straight"]
    count = line.count(straight)
    if count == 0 or not _patterns()["arabic"].search(line):
        return line
    parts = line.split(straight)
    out = [parts[0]]
    pairs = count // 2 * 2
    for i, part in enumerate(parts[1:]):
        if i < pairs:
            out.append(quotes["open"] if i % 2 == 0 else quotes["close"])
        else:
            out.append(straight)
        out.append(part)
    return "".join(out)


def _arabic_punct(text: str, pats: dict[str, Any]) -> str:
    """``,`` ``?`` ``;`` right after an Arabic letter become ``،`` ``؟`` ``؛``."""
    is_arabic = pats["arabic_char"].match
    table = pats["punct_map"]
    out, last = [], 0
    for match in pats["latin_punct"].finditer(text):
        pos = match.start()
        if pos and is_arabic(text, pos - 1):
            out.append(text[last:pos])
            out.append(table[match.group(0)])
            last = pos + 1
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _reattach(text: str, pats: dict[str, Any]) -> str:
    """Remove spaces before closing and after opening punctuation."""
    if " ." in text:
        text = pats["space_dot"].sub(".", text)
    for mark in _CLOSERS:
        while " " + mark in text:
            text = text.replace(" " + mark, mark)
    for mark in _OPENERS:
        while mark + " " in text:
            text = text.replace(mark + " ", mark)
    if ": " in text:
        text = pats["time"].sub(r"\1:\2", text)
    return text


def clean_display(text: str) -> str:
    """Clean ``text`` for display.

    Steps: presentation forms to letters, invisible/bidi/control characters
    and tatweel removed, exotic spaces and quotes unified (« » for Arabic),
    NFC, whitespace collapsed within lines, blank-line runs collapsed to one
    blank line, punctuation re-attached ("كلمة ." -> "كلمة.", "( نص )" ->
    "(نص)"), Latin , ? ; after an Arabic letter written ، ؟ ؛.
    Digits are kept as written.  Idempotent.
    """
    if not text:
        return ""
    pats = _patterns()
    text = text.replace("\r\n", "\n")
    if pats["mapped"].search(text):
        text = text.translate(display_sequence())
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text or "\t" in text:
        text = pats["spaces"].sub(" ", text)
    if " \n" in text or "\n " in text:
        text = pats["edge_spaces"].sub("\n", text)
    text = text.strip(" \n")
    if '"' in text:
        text = "\n".join(_pair_quotes(line) for line in text.split("\n"))
    text = _reattach(text, pats)
    text = _arabic_punct(text, pats)
    if "\n\n\n" in text:
        text = pats["blank_lines"].sub("\n\n", text)
    return text
