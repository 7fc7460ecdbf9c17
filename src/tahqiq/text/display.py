"""Display cleaning: the publisher's own text with scraping damage repaired.

:func:`clean_display` keeps the publisher's letters, tatweel, quotes,
ellipses, dashes, digits and punctuation exactly as published.  It repairs
damage only: Arabic mojibake is re-decoded, invisible and bidi control characters are removed, presentation
forms become letters, exotic spaces and line separators become plain ones,
whitespace runs collapse, and punctuation a scraper spaced out is
re-attached.  Each step is guarded by a cheap test so clean text costs little.
Search folding (:mod:`.search`) is the only place spellings are unified.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from .charmap import digit_map, display_map, display_sequence
from .mojibake import repair_mojibake

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
        "space_dot": re.compile(r" +\.(?!\d)"),
        # "01 : 13" -> "01:13" (after the space before ":" is gone)
        "time": re.compile(r"(?<![\d:])(\d{1,2}): (\d{2})(?![\d:])"),
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


#: A pair of straight double quotes on one line, paired in order (the 1st with the 2nd,
#: the 3rd with the 4th ...; an unpaired last one matches nothing).
PAIRED_QUOTES = re.compile(r'"([^"\n]*)"')


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
    if '" ' in text or ' "' in text:  # " نعم " -> "نعم"
        text = PAIRED_QUOTES.sub(lambda m: '"' + m.group(1).strip(" ") + '"', text)
    return text


def clean_display(text: str) -> str:
    """Clean ``text`` for display.

    Steps: Arabic mojibake re-decoded (:mod:`.mojibake`), presentation forms to letters, invisible/bidi/control characters
    removed, exotic spaces and line separators made plain, NFC, whitespace
    collapsed within lines, blank-line runs collapsed to one blank line,
    punctuation re-attached ("كلمة ." -> "كلمة.", "( نص )" -> "(نص)",
    ``" نعم "`` -> ``"نعم"``).
    Tatweel, quotes, ellipses, dashes, digits and punctuation marks are kept
    as published (``بـ"الجزيرة"`` stays ``بـ"الجزيرة"``).  Idempotent.
    """
    if not text:
        return ""
    pats = _patterns()
    text = repair_mojibake(text.replace("\r\n", "\n"))
    if pats["mapped"].search(text):
        text = text.translate(display_sequence())
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text or "\t" in text:
        text = pats["spaces"].sub(" ", text)
    if " \n" in text or "\n " in text:
        text = pats["edge_spaces"].sub("\n", text)
    text = text.strip(" \n")
    text = _reattach(text, pats)
    if "\n\n\n" in text:
        text = pats["blank_lines"].sub("\n\n", text)
    return text
