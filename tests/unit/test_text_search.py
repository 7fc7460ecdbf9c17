"""normalize_search, tokenize, stem, query_terms."""

from __future__ import annotations

import pytest

from tahqiq.text import normalize_search, query_terms, stem, tokenize


def test_letter_unification_and_diacritics() -> None:
    assert normalize_search("أحمد") == normalize_search("احمد") == normalize_search("إحمد")
    assert normalize_search("مدرسةٌ") == normalize_search("مدرسه")
    assert normalize_search("مستشفى") == normalize_search("مستشفي")
    assert normalize_search("مسئول") == normalize_search("مسؤول")
    assert normalize_search("كَتَبَ") == normalize_search("كتب")
    assert normalize_search("كـــتب") == "كتب"


def test_digits_latin_and_punctuation() -> None:
    assert tokenize("عام ٢٠٢٤، Hello-World!") == ["عام", "2024", "hello", "world"]
    assert normalize_search("«»؟!،.") == ""


@pytest.mark.parametrize(
    ("forms", "shared"),
    [
        (["المدرسة", "والمدرسة", "بالمدرسة", "مدرسة", "للمدرسة"], True),
        (["مدرسات", "مدرسين", "مدرسون", "المدرسين"], True),
        (["الوزير", "وزير", "والوزير"], True),
    ],
)
def test_light_stemming_conflates_forms(forms: list[str], shared: bool) -> None:
    stems = {normalize_search(f) for f in forms}
    assert (len(stems) == 1) is shared


def test_short_words_are_not_eaten() -> None:
    assert normalize_search("وزير") == "وزير"
    assert normalize_search("في من على") == "في من علي"
    assert normalize_search("بيانات") == "بيان"


def test_stem_is_a_fixed_point() -> None:
    for word in ["والمعلمات", "بالسيارات", "فالمهندسون", "وكتابها", "الفلسطينيين"]:
        once = stem(normalize_search(word))
        assert stem(once) == once


def test_normalize_search_idempotent_example() -> None:
    text = "وقالت الحكومةُ إنّ المفاوضات ستُستأنف في ٥ آذار"
    once = normalize_search(text)
    assert normalize_search(once) == once


def test_query_terms_drop_stopwords() -> None:
    terms = query_terms("ما هو موقف الحكومة من الأزمة في المدينة؟")
    assert terms == [normalize_search(w) for w in ["موقف", "الحكومة", "الأزمة", "المدينة"]]


def test_query_terms_keep_all_stopword_queries() -> None:
    assert query_terms("في من") == ["في", "من"]
