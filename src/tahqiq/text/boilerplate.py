"""Drop boilerplate lines (share prompts, comment forms, menus, copyright).

Rules live in ``tables/boilerplate.v1.json``.  A line is dropped only when it
is short (``max_words``) and either matches a phrase pattern, is a
navigation crumb (several short segments between ``|``, ``»``, ``>``...;
not ``/``, which news text uses in "آب / أغسطس"), or
consists mostly of menu/share vocabulary.  Long lines are never dropped, so
a real sentence that merely contains "شارك" survives.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from .charmap import fold
from .tables import load_table

_SPACED_PUNCT = re.compile(r"\s+([.,،:!?؟»)])|([«(])\s+")


def _fold_line(line: str) -> str:
    return _SPACED_PUNCT.sub(lambda m: m.group(1) or m.group(2), fold(line)).strip()


@cache
def _rules() -> dict[str, Any]:
    table = load_table("boilerplate")
    phrases = re.compile("|".join(f"(?:{fold(pattern)})" for pattern in table["phrases"]))
    keywords = frozenset(fold(word) for word in table["keywords"])
    seps = re.escape(table["nav_separators"])
    return {
        "table": table,
        "phrases": phrases,
        "keywords": keywords,
        "nav_split": re.compile(f"\\s*[{seps}]\\s*"),
        "has_sep": re.compile(f"[{seps}]"),
        "word": re.compile(r"[^\W\d_]+"),
    }


def _is_nav(line: str, rules: dict[str, Any]) -> bool:
    table = rules["table"]
    if not rules["has_sep"].search(line):
        return False
    parts = [p for p in rules["nav_split"].split(line) if p.strip()]
    separators = len(rules["nav_split"].findall(line))
    if separators < table["nav_min_separators"] or len(parts) < 2:
        return False
    return all(len(p.split()) <= table["nav_max_segment_words"] for p in parts)


def _is_menu(folded: str, n_words: int, rules: dict[str, Any]) -> bool:
    table = rules["table"]
    if not table["keyword_min_words"] <= n_words <= table["keyword_max_words"]:
        return False
    words = rules["word"].findall(folded)
    if not words:
        return False
    hits = sum(1 for w in words if w in rules["keywords"])
    return hits / len(words) >= table["keyword_min_ratio"]


def is_boilerplate(line: str) -> bool:
    """Whether one line of plain text is boilerplate."""
    rules = _rules()
    max_words = rules["table"]["max_words"]
    # cheap pre-check on the raw line: spaced-out punctuation inflates its word count
    if not line or line.count(" ") > 2 * max_words:
        return False
    folded = _fold_line(line)
    n_words = len(folded.split())
    if not folded or n_words > max_words:
        return False
    if rules["phrases"].search(folded):
        return True
    return _is_nav(folded, rules) or _is_menu(folded, n_words, rules)


def drop_boilerplate(text: str) -> str:
    """``text`` without its boilerplate lines (other lines unchanged)."""
    return "\n".join(line for line in text.split("\n") if not is_boilerplate(line))
