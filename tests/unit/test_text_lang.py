"""detect_lang."""

from __future__ import annotations

import pytest

from tahqiq.text import detect_lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("قال الوزير إن الاجتماع سيعقد غدا", "ar"),
        ("قال الوزير (Reuters) إن الاجتماع سيعقد غدا", "ar"),
        ("The minister said that the meeting will be held tomorrow", "en"),
        ("Le ministre a dit que la réunion aura lieu demain", "fr"),
        ("El ministro dijo que la reunión será mañana", "es"),
        ("Der Minister sagte, dass das Treffen morgen stattfindet", "de"),
        ("", "und"),
        ("12345 ... !!!", "und"),
        ("xyzzy qwrt", "und"),
    ],
)
def test_detect_lang(text: str, lang: str) -> None:
    assert detect_lang(text) == lang
