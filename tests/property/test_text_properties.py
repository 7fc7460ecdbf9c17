"""Property tests of tahqiq.text."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import ARABIC_LETTERS, arabic_text, texts

from tahqiq.text import (
    clean_article,
    clean_display,
    detect_lang,
    find_date,
    normalize_search,
    parse_date,
    repair_glued,
    segment,
    tokenize,
)
from tahqiq.text.charmap import presentation_form_map
from tahqiq.text.glue import zipf
from tahqiq.text.tables import load_table

settings.register_profile("tahqiq", max_examples=300, deadline=None)
settings.load_profile("tahqiq")

_LETTER_SET = frozenset(ARABIC_LETTERS)


def _letters(text: str) -> int:
    pf = presentation_form_map(load_table("display")["presentation_forms"])
    return sum(1 for ch in text.translate(pf) if ch in _LETTER_SET)


@given(texts)
def test_clean_display_is_idempotent(text: str) -> None:
    once = clean_display(text)
    assert clean_display(once) == once


@given(texts)
def test_clean_display_keeps_every_arabic_letter(text: str) -> None:
    assert _letters(clean_display(text)) == _letters(text)


@given(texts)
def test_clean_display_output_is_tidy(text: str) -> None:
    out = clean_display(text)
    assert out == out.strip(" \n")
    assert "  " not in out and "\t" not in out
    assert "\n\n\n" not in out
    assert unicodedata.is_normalized("NFC", out)


#: Marks that are the publisher's style, never damage: display text keeps every one.
_PUBLISHER_MARKS = "\u0640«»“”„‘’‹›\"'…–—-.,،؛;؟?!%٪٠١٢٣٤٥٦٧٨٩"


@given(texts)
def test_clean_display_keeps_every_publisher_mark(text: str) -> None:
    pf = presentation_form_map(load_table("display")["presentation_forms"])
    before = unicodedata.normalize("NFC", text.translate(pf))
    out = clean_display(text)
    for mark in _PUBLISHER_MARKS:
        assert out.count(mark) == before.count(mark), mark


@given(texts)
def test_clean_article_is_idempotent_on_display_layer(text: str) -> None:
    once = clean_article(text)
    assert clean_display(once) == once


@given(texts)
def test_normalize_search_is_idempotent(text: str) -> None:
    once = normalize_search(text)
    assert normalize_search(once) == once
    assert tokenize(once) == once.split()


@given(texts)
def test_search_tokens_are_folded(text: str) -> None:
    for tok in tokenize(text):
        assert tok and tok.isalnum()
        assert not re.search("[أإآىةؤئ\u064b-\u0652\u0640٠-٩]", tok)


@given(texts)
def test_segment_spans_round_trip(text: str) -> None:
    display = clean_display(text)
    sentences = segment(display)
    for i, sent in enumerate(sentences):
        assert sent.index == i
        assert display[sent.start : sent.end] == sent.text
        assert sent.text and sent.text == sent.text.strip()
    starts = [s.start for s in sentences]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:], strict=False))


@given(texts)
def test_segment_loses_no_words(text: str) -> None:
    display = clean_display(text)
    joined = " ".join(s.text for s in segment(display))
    assert joined.split() == display.split()


@given(texts)
def test_dates_never_raise(text: str) -> None:
    for value in (parse_date(text), find_date(text)):
        assert value is None or re.match(r"^\d{4}-\d{2}-\d{2}", value)


@given(texts)
def test_detect_lang_answers_a_known_code(text: str) -> None:
    assert detect_lang(text) in {"ar", "en", "fr", "es", "de", "und"}


@given(st.lists(st.text(alphabet=ARABIC_LETTERS, min_size=2, max_size=8), min_size=1, max_size=20))
def test_arabic_words_are_detected_as_arabic(words: list[str]) -> None:
    assert detect_lang(" ".join(words)) == "ar"
    assert detect_lang("The text: " + " ".join(words * 4)) == "ar"


@given(arabic_text())
def test_repair_glued_only_moves_spaces(text: str) -> None:
    display = clean_display(text)
    repaired = repair_glued(display)
    assert repaired.replace(" ", "") == display.replace(" ", "")
    assert repaired.count("\n") == display.count("\n")


_FREQUENT = sorted(
    w for w in (
        "الوزير قال إن الحكومة ستعقد اجتماعا مع الوفد في العاصمة يوم الأحد المقبل لبحث "
        "الأزمة الاقتصادية والسياسية وزير وطني والده مدرسة الطلاب الجديدة التي افتتحت أمس"
    ).split()
)


@given(st.lists(st.sampled_from(_FREQUENT), max_size=25))
def test_repair_glued_leaves_frequent_words_alone(words: list[str]) -> None:
    assert all(zipf(w) >= 3.0 for w in words)
    text = " ".join(words)
    assert repair_glued(text) == text


@given(st.text())
def test_valid_unicode_always_encodes_and_keeps_valid_text(text: str) -> None:
    from tahqiq.text import valid_unicode

    out = valid_unicode(text)
    out.encode("utf-8")  # never raises
    assert len(out) == len(text) and valid_unicode(out) == out
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        assert out == text
