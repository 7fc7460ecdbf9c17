"""clean_display and to_ascii_digits."""

from __future__ import annotations

import pytest

from tahqiq.text import clean_display, to_ascii_digits


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ذهب الولد إلى المدرسة .", "ذهب الولد إلى المدرسة."),
        ("قال المتحدث ( رويترز ) إن الطريق مغلق", "قال المتحدث (رويترز) إن الطريق مغلق"),
        ("الأحد 3 يناير , 2021", "الأحد 3 يناير، 2021"),
        ("هل وصل القطار ?", "هل وصل القطار؟"),
        ("أولا ; ثانيا", "أولا؛ ثانيا"),
        ("الساعة 10 : 45 صباحا", "الساعة 10:45 صباحا"),
        ("انتظروا . . الخبر", "انتظروا.. الخبر"),
        ("النمو بلغ .5 بالمئة", "النمو بلغ .5 بالمئة"),
        ("مـــرحـبـا", "مرحبا"),
        ("\u200fنص\u200e مع\u202b علامات\u202c", "نص مع علامات"),
        ("ﻻ ﺑﺄس", "لا بأس"),
        ("قال “نعم” ثم ذهب", "قال «نعم» ثم ذهب"),
        ('قال " نعم " ثم ذهب', "قال «نعم» ثم ذهب"),
        ('قال " نعم " و " لا', 'قال «نعم» و " لا'),
        ('He said "yes"', 'He said "yes"'),
        ("سطر   أول\t\tمع  فراغات", "سطر أول مع فراغات"),
        ("أ\n\n\n\nب", "أ\n\nب"),
        ("  \n سطر \n  ", "سطر"),
        ("الرقم ٢٠٢٤ كما كتب", "الرقم ٢٠٢٤ كما كتب"),
        ("a\r\nb", "a\nb"),
        ("", ""),
    ],
)
def test_clean_display_examples(raw: str, clean: str) -> None:
    assert clean_display(raw) == clean


def test_latin_comma_after_digit_is_kept() -> None:
    assert clean_display("بلغ العدد 1,000 شخص") == "بلغ العدد 1,000 شخص"


def test_to_ascii_digits() -> None:
    assert to_ascii_digits("٥ آذار ٢٠٢٤ و۱۲۳") == "5 آذار 2024 و123"
    assert to_ascii_digits("no digits") == "no digits"


@pytest.mark.parametrize(
    "quoted",
    [
        "قال إن القرار \u201cلا يعني التخفيض\u201d وإن البنك \u201cسيتدخل\u201d",  # “…” English
        "قال إن القرار \u201eلا يعني التخفيض\u201c وإن البنك \u201eسيتدخل\u201c",  # „…“ German
        "قال إن القرار \u201dلا يعني التخفيض\u201c وإن البنك \u201dسيتدخل\u201c",  # ”…“ reversed RTL
        'قال إن القرار "لا يعني التخفيض" وإن البنك "سيتدخل"',
    ],
)
def test_every_double_quote_convention_becomes_an_arabic_pair(quoted: str) -> None:
    assert clean_display(quoted) == "قال إن القرار «لا يعني التخفيض» وإن البنك «سيتدخل»"
