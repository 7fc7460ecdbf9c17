"""Arabic mojibake (UTF-8 read as Windows-1252 or Latin-1) is re-decoded; nothing else changes."""

from __future__ import annotations

import pytest

from tahqiq.text import clean_display
from tahqiq.text.mojibake import looks_like_mojibake, repair_mojibake

PUBLISHED = 'قال الوزير لـ"الجزيرة" إن الحكومة ستبدأ… – بحسب البيان – تنفيذ “الخطة”'


def _as_browsers_read(data: bytes, codec: str) -> str:
    """Bytes decoded as a browser does: windows-1252's five unassigned bytes become C1 controls."""
    return "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_a_mojibake_paragraph_comes_back_as_published(codec: str) -> None:
    broken = _as_browsers_read(PUBLISHED.encode("utf-8"), codec)
    assert looks_like_mojibake(broken)
    assert clean_display(broken) == PUBLISHED


def test_mojibake_inside_a_clean_line_is_repaired_alone() -> None:
    broken = "قال المتحدث: " + _as_browsers_read("الحكومة ستبدأ".encode(), "cp1252")
    assert repair_mojibake(broken) == "قال المتحدث: الحكومة ستبدأ"


@pytest.mark.parametrize("text", [PUBLISHED, "Ø is a Danish letter; Ù too", "Crème brûlée à Paris", ""])
def test_text_without_mojibake_is_unchanged(text: str) -> None:
    assert repair_mojibake(text) == text
