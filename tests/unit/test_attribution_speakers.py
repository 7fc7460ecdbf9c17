"""Who said what: a speaker is reported by the fullest name the article gave."""

from __future__ import annotations


def test_a_person_named_again_by_surname_is_reported_by_the_full_name() -> None:
    from tahqiq.sources.attribution import extract_sources

    text = ("قال وزير الخارجية أحمد عطاف إن بلاده ترفض التدخل. وأضاف عطاف أن الحوار هو الحل. "
            "وقال الوزير عطاف: «لن نقبل بذلك».")
    said = extract_sources("x", text).attributions
    assert [a.speaker for a in said] == ["وزير الخارجية أحمد عطاف"] * 3
    assert [text[a.speaker_span[0]:a.speaker_span[1]] for a in said] == [
        "وزير الخارجية أحمد عطاف", "عطاف", "الوزير عطاف"]  # the spans still mark this sentence
