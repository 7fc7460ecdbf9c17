"""Arabic mojibake: UTF-8 text that was read as Windows-1252 or Latin-1 and saved.

``قال الوزير`` read that way becomes ``Ù‚Ø§Ù„ Ø§Ù„ÙˆØ²ÙŠØ±``: each Arabic letter's
two UTF-8 bytes shown as a lead character (``Ø`` ``Ù`` ``Ú`` ``Û``) and a
continuation character.  Pages and feeds copied through a misconfigured
system carry whole paragraphs of it.  :func:`repair_mojibake` re-decodes such
runs with ftfy's ``fix_encoding`` (only the encoding step: quotes, dashes and
everything else stay as they are).  A cheap test runs first, so text without
the pattern costs one regular-expression scan and ftfy is imported only when
it is needed.
"""

from __future__ import annotations

import re

#: How a UTF-8 lead byte of an Arabic letter (0xD8-0xDB) looks in Windows-1252 / Latin-1,
#: followed by how a continuation byte (0x80-0xBF) looks there.
_PAIR = re.compile(
    "[\u00d8-\u00db][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
#: At least this many such pairs before a text is treated as mojibake.
MIN_PAIRS = 3


def looks_like_mojibake(text: str) -> bool:
    """Whether ``text`` holds Arabic letters shown as Windows-1252 / Latin-1 byte pairs."""
    found = 0
    for _ in _PAIR.finditer(text):
        found += 1
        if found >= MIN_PAIRS:
            return True
    return False


def repair_mojibake(text: str) -> str:
    """``text`` with Arabic mojibake re-decoded (``Ù‚Ø§Ù„`` -> ``قال``); other text unchanged."""
    if not looks_like_mojibake(text):
        return text
    try:
        import ftfy
    except ImportError:  # ftfy comes with wordfreq; without it the text is kept as read
        return text
    return ftfy.fix_encoding(text)
