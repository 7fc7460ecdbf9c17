"""Word-level differences between two versions of an article's display text.

Words are compared as written (the display text, never the search normalization), so a
fact-checker sees exactly which words a publisher removed or added.  Runs of unchanged
words are shortened to a little context on each side of a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

#: Unchanged words kept on each side of a change.
CONTEXT_WORDS = 6

Op = Literal["same", "removed", "added"]


@dataclass(frozen=True, slots=True)
class DiffPart:
    """A run of words that stayed, were removed or were added."""

    op: Op
    text: str

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {"op": self.op, "text": self.text}


def word_diff(old: str, new: str, context: int = CONTEXT_WORDS) -> list[DiffPart]:
    """The changes from ``old`` to ``new`` as runs of words; unchanged runs longer than
    twice ``context`` keep ``context`` words each side of the changes, joined by "…"."""
    from difflib import SequenceMatcher

    a, b = old.split(), new.split()
    parts: list[DiffPart] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(DiffPart("same", _shorten(a[i1:i2], context, i1 == 0, i2 == len(a))))
            continue
        if i2 > i1:
            parts.append(DiffPart("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(DiffPart("added", " ".join(b[j1:j2])))
    return [p for p in parts if p.text]


def changed(parts: list[DiffPart]) -> bool:
    """Whether any words were removed or added."""
    return any(p.op != "same" for p in parts)


def _shorten(words: list[str], context: int, at_start: bool, at_end: bool) -> str:
    """The words next to a change (``context`` on each side that has one); a run with no
    change on either side (an unchanged text) keeps its beginning."""
    head = context if not at_start or at_end else 0
    tail = context if not at_end else 0
    if len(words) <= head + tail + 1:
        return " ".join(words)
    return " ".join([*words[:head], "…", *words[len(words) - tail:]])


__all__ = ["CONTEXT_WORDS", "DiffPart", "changed", "word_diff"]
