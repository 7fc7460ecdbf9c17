"""The reading view: display text as rule-based readers see it, offset for offset.

Display text keeps the publisher's marks (``"…"``, ``“…”``, ``„…“``, Latin
commas after Arabic words).  Rules that read quotes and clause marks --
attribution above all -- are simpler on one convention.  :func:`reading_view`
gives that convention by one-for-one character replacement only, so the view
has the display text's length and every span found in it indexes the display
text too: callers slice what they show from the display text, never from the
view.  The map is data (``tables/display.v2.json``, ``reading_view``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .display import PAIRED_QUOTES
from .tables import hex_chars, load_table

_ARABIC_LETTER = re.compile("[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670\u0671-\u06d3\u06fa-\u06ff\u0640]")


@cache
def _spec() -> dict[str, Any]:
    spec = load_table("display")["reading_view"]
    straight = {ord(ch): spec["quote"] for ch in hex_chars(spec["straight"])}
    latin = "".join(spec["arabic_context"])
    return {**spec, "translate": straight, "latin": re.compile(f"[{re.escape(latin)}]")}


def _pair_quotes(line: str, spec: dict[str, Any]) -> str:
    if not _ARABIC_LETTER.search(line):
        return line
    return PAIRED_QUOTES.sub(lambda m: spec["open"] + m.group(1) + spec["close"], line)


def _arabic_marks(text: str, spec: dict[str, Any]) -> str:
    table = spec["arabic_context"]

    def swap(match: re.Match[str]) -> str:
        pos = match.start()
        return table[match.group(0)] if pos and _ARABIC_LETTER.match(text, pos - 1) else match.group(0)

    return spec["latin"].sub(swap, text)


def reading_view(text: str) -> str:
    """``text`` with quotes paired as « » and Latin , ? ; after Arabic letters read as
    ، ؟ ؛ -- one character for one, so ``len(reading_view(t)) == len(t)``."""
    spec = _spec()
    view = text.translate(spec["translate"])
    if spec["quote"] in view:
        view = "\n".join(_pair_quotes(line, spec) for line in view.split("\n"))
    if spec["latin"].search(view):
        view = _arabic_marks(view, spec)
    return view
