"""The claim-sentence relation layer and the transparent article decision."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tahqiq.stance.cues import Lexicon
from tahqiq.stance.decide import decide
from tahqiq.stance.relation import RELATIONS, anaphoric_denial, claim_frame, relate
from tahqiq.stance.sentence import skeleton, view
from tahqiq.stance.units import article_units, not_evidence

WEIGHTS: dict[str, float] = {}  # every stem weighs the same: the rules are what is tested

STRIKE = "أعلنت نقابة المعلمين في الأردن إضرابا شاملا في المدارس الحكومية يوم الأحد"
FUEL_NO = "الحكومة الأردنية لن ترفع أسعار الخبز العام المقبل"
FLOOD = "مقتل 50 شخصا في فيضانات مدينة درنة الليبية"
SCHOOLS = "تعليق الدراسة في مدارس بغداد بسبب الأمطار الغزيرة"


def label(claim: str, sentence: str) -> str:
    return relate(claim_frame(claim, WEIGHTS), sentence).label


@pytest.mark.parametrize(("claim", "sentence", "expected"), [
    (STRIKE, "أعلنت نقابة المعلمين في الأردن إضرابا شاملا في المدارس الحكومية اليوم الأحد.", "entails"),
    (STRIKE, "قالت صحيفة محلية إن نقابة المعلمين في الأردن أعلنت إضرابا شاملا في المدارس الحكومية.",
     "entails"),
    (STRIKE, "نفت نقابة المعلمين في الأردن إعلان إضراب شامل في المدارس الحكومية.", "contradicts"),
    (STRIKE, "تداولت مواقع التواصل أنباء عن إضراب شامل لنقابة المعلمين في مدارس الأردن الحكومية.",
     "neutral"),
    (STRIKE, "هل تعلن نقابة المعلمين في الأردن إضرابا شاملا في المدارس الحكومية؟", "neutral"),
    (STRIKE, "فاز فريق الأردن على ضيفه بهدفين يوم الأحد.", "unaddressed"),
    (FUEL_NO, "أكد رئيس الوزراء أن الحكومة الأردنية لن ترفع أسعار الخبز العام المقبل.", "entails"),
    (FUEL_NO, "قررت الحكومة الأردنية رفع أسعار الخبز بنسبة عشرة بالمئة العام المقبل.", "contradicts"),
    (FLOOD, "أعلنت السلطات مقتل 50 شخصا في فيضانات مدينة درنة الليبية.", "entails"),
    (FLOOD, "أعلنت السلطات مقتل 12 شخصا في فيضانات مدينة درنة الليبية.", "contradicts"),
    (SCHOOLS, "لم تتخذ الوزارة أي قرار بشأن تعليق الدراسة في مدارس بغداد.", "contradicts"),
])
def test_relation_of_a_sentence(claim: str, sentence: str, expected: str) -> None:
    assert label(claim, sentence) == expected


def test_a_denial_of_another_matter_does_not_govern_the_claim() -> None:
    sentence = ("أعلنت نقابة المعلمين في الأردن إضرابا شاملا في المدارس الحكومية يوم الأحد، "
                "ونفت وجود أي خلاف مع وزارة التربية.")
    rel = relate(claim_frame(STRIKE, WEIGHTS), sentence)
    assert rel.label == "entails"
    assert "deny" not in {o.kind for o in rel.operators}


def test_a_denied_cancellation_keeps_the_claim() -> None:
    claim = "يقام مهرجان جرش للثقافة والفنون هذا الصيف"
    assert label(claim, "أعلنت إدارة مهرجان جرش للثقافة والفنون إلغاء دورة هذا الصيف.") == "contradicts"
    assert label(claim, "نفت إدارة مهرجان جرش للثقافة والفنون إلغاء دورة هذا الصيف.") == "entails"


def test_reasons_name_the_claim_words_as_the_claim_spells_them() -> None:
    rel = relate(claim_frame(FLOOD, WEIGHTS), "أعلنت السلطات مقتل 12 شخصا في فيضانات مدينة درنة الليبية.")
    assert rel.clash == "number"
    assert "فيضانات" in rel.matched["event"]
    assert rel.to_json()["relation"] == "contradicts"


def test_a_denial_that_points_back_at_the_reports() -> None:
    frame = claim_frame(SCHOOLS, WEIGHTS)
    assert anaphoric_denial(frame, "وأكدت الوزارة أن هذه الأخبار عارية عن الصحة.") is not None
    assert anaphoric_denial(frame, "ونفت الوزارة الأنباء عن تعديل وزاري مرتقب في الحكومة.") is None


def test_the_article_follows_its_best_sentences() -> None:
    frame = claim_frame(SCHOOLS, WEIGHTS)
    texts = ["تداولت مواقع التواصل أنباء عن تعليق الدراسة في مدارس بغداد بسبب الأمطار الغزيرة.",
             "وأكدت الوزارة أن هذه الأخبار عارية عن الصحة."]
    rels = [relate(frame, t) for t in texts]
    denials = [anaphoric_denial(frame, t) for t in texts]
    decision = decide(rels, denials)
    assert (decision.label, decision.unit, decision.reason) == ("disagree", 1, "denies_reports")
    assert decide(rels).label == "discuss"
    assert decide([relate(frame, "فاز الفريق بالمباراة.")]).reason == "no_sentence_addresses"
    assert decide([]).label == "unrelated"


def test_bylines_captions_and_related_lines_are_never_evidence() -> None:
    text = ("بقلم: سامي العلي\nصورة أرشيفية لمدرسة في بغداد\n"
            "اقرأ أيضا: الوزارة تنفي تعليق الدراسة\n"
            "قررت وزارة التربية تعليق الدراسة في مدارس بغداد بسبب الأمطار الغزيرة.")
    units = article_units(text)
    assert [u.line for u in units] == [3]
    assert not not_evidence("كتب الوزير في تغريدة على حسابه أن الحكومة قررت رفع الأسعار اعتبارا من الشهر المقبل")


def test_lexicon_matches_words_prefixes_phrases_and_clitics() -> None:
    lex = Lexicon({"deny": ["نفى", "تكذيب*", "لا صحة"]}, ["و", "ال"])
    spans = lex.spans(["ونفي", "التكذيبات", "لا", "صحه", "لما"])
    assert spans["deny"] == [(0, 1), (1, 1), (2, 2)]


def test_skeleton_joins_close_derivations() -> None:
    assert skeleton("قتيل") == skeleton("قتل")


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ءآأؤإئةى،.؟0123456789«»-", max_size=200))
def test_relate_never_fails_and_stays_in_range(text: str) -> None:
    rel = relate(claim_frame(STRIKE, WEIGHTS), text)
    assert rel.label in RELATIONS
    assert 0.0 <= rel.address <= 1.0
    assert view(text).folded == tuple(w.folded for w in view(text).words)


def test_a_sentence_naming_no_place_is_read_in_its_articles_places() -> None:
    from tahqiq.stance.relation import relate_units

    claim = "البنك المركزي التونسي يخفض قيمة الدينار"
    frame = claim_frame(claim, {})
    egypt = article_units("قررت لجنة السياسة النقدية بالبنك المركزي المصري الإبقاء على أسعار العائد.\n"
                          "وكان البنك المركزي قد خفض قيمة الجنيه مرتين منذ مارس الماضي.")
    tunisia = article_units("اجتمع مجلس إدارة البنك المركزي التونسي مساء أمس في العاصمة.\n"
                            "وقرر البنك المركزي أن يخفض قيمة الدينار اعتبارا من الغد.")
    alone = relate(frame, egypt[1].text)
    in_egypt = relate_units(frame, egypt)[1]
    assert alone.label == "entails"  # on its own the sentence could be about Tunisia
    assert in_egypt.address == pytest.approx(alone.address * 0.5) and in_egypt.label == "unaddressed"
    assert relate_units(frame, tunisia)[1].label == "entails"
    assert decide(relate_units(frame, egypt)).label == "unrelated"
