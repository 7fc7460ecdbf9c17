"""segment: sentence boundaries and spans."""

from __future__ import annotations

from tahqiq.text import segment


def _texts(text: str) -> list[str]:
    sentences = segment(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
    return [s.text for s in sentences]


def test_basic_terminators_and_newlines() -> None:
    text = "وصل الوفد. بدأ الاجتماع! هل انتهى؟ نعم\nسطر جديد"
    assert _texts(text) == ["وصل الوفد.", "بدأ الاجتماع!", "هل انتهى؟", "نعم", "سطر جديد"]


def test_abbreviations_numbers_dates_urls() -> None:
    text = "قال د. سامي إن النسبة 3.5 في 12.5.2024 حسب example.org و a.b@c.org اليوم. انتهى"
    assert len(_texts(text)) == 2


def test_single_letter_and_po_box() -> None:
    assert len(_texts("كتبه م. خالد. ثم ص.ب. 12 عمان.")) == 2


def test_semicolon_and_comma_do_not_split_short_sentences() -> None:
    assert len(_texts("أولا؛ ثانيا، ثالثا.")) == 1


def test_short_quote_keeps_its_full_stop() -> None:
    text = "قال الوزير: «الوضع هادئ. لا خطر» ثم غادر. وصل الوفد."
    assert _texts(text) == ["قال الوزير: «الوضع هادئ. لا خطر» ثم غادر.", "وصل الوفد."]


def test_very_long_sentence_is_split_at_a_comma() -> None:
    half = " ".join(["كلمة"] * 40)
    text = f"{half}، {half}."
    parts = _texts(text)
    assert len(parts) == 2 and parts[0].endswith("،")


def test_empty_and_blank() -> None:
    assert segment("") == ()
    assert segment(" \n\n ") == ()


def test_indices_are_sequential() -> None:
    assert [s.index for s in segment("أ. ب. ج.")] == [0, 1, 2] or len(segment("أ. ب. ج.")) == 1
    assert [s.index for s in segment("وصل. غادر. عاد.")] == [0, 1, 2]
