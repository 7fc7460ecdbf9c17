"""Who said what: a speaker by the fullest name the article gave, an outlet by its whole written name."""

from __future__ import annotations


def test_a_person_named_again_by_surname_is_reported_by_the_full_name() -> None:
    from tahqiq.sources.attribution import extract_sources

    text = ("قال وزير الخارجية أحمد عطاف إن بلاده ترفض التدخل. وأضاف عطاف أن الحوار هو الحل. "
            "وقال الوزير عطاف: «لن نقبل بذلك».")
    said = extract_sources("x", text).attributions
    assert [a.speaker for a in said] == ["وزير الخارجية أحمد عطاف"] * 3
    assert [text[a.speaker_span[0]:a.speaker_span[1]] for a in said] == [
        "وزير الخارجية أحمد عطاف", "عطاف", "الوزير عطاف"]  # the spans still mark this sentence


def test_an_outlet_name_never_leaves_a_bracket_or_quote_open() -> None:
    from tahqiq.sources.attribution import extract_sources

    text = "عمان - نقلت وكالة الأنباء الأردنية (بترا) عن مصدر رسمي أن الحدود مغلقة."
    [outlet] = extract_sources("x", text).cited_outlets
    assert outlet.name == "وكالة الأنباء الأردنية (بترا)" == text[outlet.span[0]:outlet.span[1]]


def test_a_country_adjective_picks_that_countrys_paper() -> None:
    from tahqiq.sources.attribution import extract_sources

    def cited(text: str) -> list[tuple[str, str]]:
        return [(o.name, o.canonical) for o in extract_sources("x", text).cited_outlets]

    assert cited("ذكرت صحيفة «الوطن» الكويتية أن المجلس سيجتمع.") == [("«الوطن» الكويتية", "Al-Watan (Kuwait)")]
    assert cited("قالت صحيفة الوطن القطرية إن الأسعار سترتفع.") == [("صحيفة الوطن القطرية", "Al-Watan (Qatar)")]
    assert cited("ذكرت صحيفة الوطن أن المجلس سيجتمع.") == [("صحيفة الوطن", "Al-Watan")]
    assert cited("قالت صحيفة الوطن العربي إن الأسعار سترتفع.") == [("صحيفة الوطن", "Al-Watan")]  # no such paper
