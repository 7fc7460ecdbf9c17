"""clean_display and to_ascii_digits."""

from __future__ import annotations

import pytest

from tahqiq.text import clean_display, to_ascii_digits


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("ذهب الولد إلى المدرسة .", "ذهب الولد إلى المدرسة."),
        ("قال المتحدث ( رويترز ) إن الطريق مغلق", "قال المتحدث (رويترز) إن الطريق مغلق"),
        ("الأحد 3 يناير , 2021", "الأحد 3 يناير, 2021"),
        ("هل وصل القطار ?", "هل وصل القطار?"),
        ("أولا ; ثانيا", "أولا; ثانيا"),
        ("هل وصل القطار ؟", "هل وصل القطار؟"),
        ("الساعة 10 : 45 صباحا", "الساعة 10:45 صباحا"),
        ("انتظروا . . الخبر", "انتظروا.. الخبر"),
        ("النمو بلغ .5 بالمئة", "النمو بلغ .5 بالمئة"),
        ("مـــرحـبـا", "مـــرحـبـا"),
        ('قال لـ"الجزيرة" إن بـ«الشركة» عجزا', 'قال لـ"الجزيرة" إن بـ«الشركة» عجزا'),
        ("وهكذا… انتهى الأمر – كما قيل — أمس", "وهكذا… انتهى الأمر – كما قيل — أمس"),
        ("\u200fنص\u200e مع\u202b علامات\u202c", "نص مع علامات"),
        ("ﻻ ﺑﺄس", "لا بأس"),
        ("قال “نعم” ثم ذهب", "قال “نعم” ثم ذهب"),
        ("قال « نعم » ثم ذهب", "قال «نعم» ثم ذهب"),
        ('قال " نعم " ثم ذهب', 'قال "نعم" ثم ذهب'),
        ('قال " نعم " و " لا', 'قال "نعم" و " لا'),
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
def test_every_double_quote_convention_is_kept_as_published(quoted: str) -> None:
    assert clean_display(quoted) == quoted


@pytest.mark.parametrize(
    "published",
    ["بـ\"الجزيرة\"", "لـ«الأهرام»", "انتظروا…", "2020–2024", "قال—بحسب المصدر—إن", "‹نعم›", "١٥٪ من السكان", "‘نعم’"],
)
def test_publisher_marks_are_never_restyled(published: str) -> None:
    """Tatweel, quotes, ellipses, dashes, digits and percent signs stay as published."""
    assert clean_display(f"قال {published} أمس") == f"قال {published} أمس"


def test_damage_is_repaired_but_style_is_kept() -> None:
    damaged = "قال\u200f لـ“الجزيرة”\u00a0\u00a0إن ﺍﻟﻮﺯﻳﺮ …"
    assert clean_display(damaged) == "قال لـ“الجزيرة” إن الوزير …"
