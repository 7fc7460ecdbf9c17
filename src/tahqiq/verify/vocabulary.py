"""The Arabic words readers see for verdicts, stances, timeline marks, the
reasons evidence units were joined, who stands behind a unit's evidence and a
report's warnings.

One versioned table (``tables/vocabulary.v1.json``) serves the Markdown and
HTML reports, the CLI and the web page (which reads it from the API's
``/vocabulary``), so a verdict is called the same everywhere.  Keys are the
machine values of the JSON contract.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..core.errors import ConfigError

VOCABULARY_FILE = "vocabulary.v1.json"
#: Each section of the table and the machine values it must name.
SECTIONS = {
    "verdicts": ("supported", "refuted", "contested", "unverified"),
    "stances": ("agree", "disagree", "discuss", "unrelated"),
    "marks": ("first_report", "copy", "denial"),
    "basis": ("reuse", "outlet", "speaker", "details"),
    "voices": ("party", "named", "outlet", "unattributed", "anonymous", "opinion"),
}


@cache
def vocabulary() -> dict[str, Any]:
    """The table (cached; read-only use).  Raises :class:`ConfigError` if a section lacks a word."""
    from ..core.tables import read_table

    table = read_table("tahqiq.verify", VOCABULARY_FILE)
    for section, keys in SECTIONS.items():
        missing = [k for k in keys if not table.get(section, {}).get(k)]
        if missing:
            raise ConfigError(f"{VOCABULARY_FILE}: section {section!r} has no word for {missing}")
    return table


@cache
def _warning_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern), text) for pattern, text in vocabulary()["warnings"]["patterns"])


def warning_text(warning: str) -> str:
    """A report's English warning (a machine string) as the Arabic sentence readers see."""
    for pattern, text in _warning_patterns():
        match = pattern.search(warning)
        if match:
            for n, group in enumerate(match.groups(), 1):
                text = text.replace(f"{{{n}}}", group or "")
            return text
    return vocabulary()["warnings"]["fallback"]


def word(section: str, key: str) -> str:
    """The reader's word for machine value ``key`` of ``section`` (``key`` itself if unknown)."""
    return vocabulary()[section].get(key, key)


__all__ = ["SECTIONS", "VOCABULARY_FILE", "vocabulary", "warning_text", "word"]
