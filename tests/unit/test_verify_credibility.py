"""Who stands behind the evidence, and what it weighs in the verdict."""

from __future__ import annotations

import pytest

from tahqiq.types import Attribution, Document, Evidence, Judgement
from tahqiq.verify.credibility import is_opinion, is_party, negated, voice
from tahqiq.verify.report import build_report
from tahqiq.verify.verdict import VerdictPolicy

CLAIM = "وزارة التربية والتعليم المصرية تقرر إلغاء امتحانات الثانوية العامة"


def said(speaker: str, kind: str) -> Attribution:
    return Attribution(speaker, "قال", "…", (0, 1), kind, (0, len(speaker)))  # type: ignore[arg-type]


@pytest.mark.parametrize(("speaker", "kind", "claim", "party"), [
    # a ministry on its own act, and an official of it by title
    ("وزارة التربية والتعليم", "office", CLAIM, True),
    ("المتحدث باسم وزارة التربية والتعليم المصرية", "person", CLAIM, True),
    # the government a claim names, through its nisba
    ("الخارجية المصرية", "office", "مصر والسودان تعدان لعملية عسكرية مشتركة", True),
    # another country's ministry of the same name is not the party
    ("الخارجية السعودية", "office", "الخارجية المصرية تستدعي السفير الإيراني", False),
    ("البنك المركزي المصري", "office", "البنك المركزي التونسي يعتزم تخفيض الدينار", False),
    # another ministry of the same country is not the party: "وزارة" alone ties nothing
    ("وزارة الدفاع", "office", "وزارة الصحة تعلن إغلاق المدارس", False),
    # a person without an office, and anonymous sources, speak for no party
    ("المحلل السياسي المصري أحمد علي", "person", "مصر والسودان تعدان لعملية عسكرية", False),
    ("مصدر حكومي مصري", "unnamed", "مصر والسودان تعدان لعملية عسكرية", False),
    # a statement speaks for the office that issues it, data do not
    ("بيان لوزارة الصحة", "other", "وزارة الصحة تعلن إغلاق المدارس", True),
    ("بيانات جمعتها وكالة رويترز وأسعار نشرها البنك المركزي", "other",
     "البنك المركزي التونسي يعتزم تخفيض الدينار", False),
])
def test_the_party_a_claim_concerns(speaker: str, kind: str, claim: str, party: bool) -> None:
    assert is_party(speaker, kind, claim) is party


def test_opinion_pieces_are_marked_by_title_or_byline() -> None:
    assert is_opinion("رأي: الدينار في خطر", "يتراجع الدينار")
    assert is_opinion("الدينار في خطر", "بقلم: محمد الصغير\nيتراجع الدينار")
    assert not is_opinion("تونس تنفي تخفيض الدينار", "قال البنك المركزي إن الدينار مستقر")
    assert not is_opinion("رأيت الدينار يتراجع", "")  # a word that starts like رأي


def test_a_speaker_reported_as_not_saying_is_no_voice() -> None:
    text = "ولم يؤكد المتحدث العسكري الخبر"
    assert negated(text, text.index("يؤكد"))
    assert not negated("وأكد المتحدث العسكري الخبر", 1)


@pytest.mark.parametrize(("speakers", "outlets", "opinion", "expected"), [
    ([("وزارة التربية والتعليم", "office")], (), False, "party"),
    ([("مصادر مطلعة", "unnamed"), ("وزير التربية", "person")], (), False, "party"),
    ([("الخبير التربوي سامي علي", "person")], (), False, "named"),
    # an outlet that names its source is a channel: the report rests on its source
    ([("وكالة رويترز", "outlet"), ("مصدران عسكريان", "unnamed")], ("Reuters",), False, "anonymous"),
    ([("وكالة رويترز", "outlet")], ("Reuters",), False, "outlet"),
    ([], ("Reuters",), False, "outlet"),
    ([], (), False, "unattributed"),
    ([], (), True, "opinion"),
])
def test_the_voice_of_an_article(speakers, outlets, opinion, expected) -> None:
    found, _ = voice([said(s, k) for s, k in speakers], outlets, CLAIM, opinion)
    assert found == expected


def _doc(doc_id: str, text: str) -> Document:
    return Document(doc_id, text, text, text, (), "ar", "test", "txt",
                    published="2026-11-0" + doc_id[-1])


def _judged(doc_id: str, text: str, stance: str, confidence: float):
    evidence = Evidence(0, text, stance, 0.9, 0, decisive=True)
    return _doc(doc_id, text), 1.0, Judgement(stance, confidence, {stance: confidence}, (evidence,))


def test_a_ministry_denying_its_own_act_outweighs_anonymous_sources() -> None:
    rumour = "نقلت صحيفة محلية عن مصادر مطلعة أن وزارة التربية والتعليم قررت إلغاء امتحانات الثانوية العامة."
    denial = "نفت وزارة التربية والتعليم المصرية أنها قررت إلغاء امتحانات الثانوية العامة."
    report = build_report(CLAIM, [_judged("a1", rumour, "agree", 0.8),
                                  _judged("b2", denial, "disagree", 0.7)], VerdictPolicy())
    voices = {u.stance: u.voice for u in report.units}
    assert voices == {"agree": "anonymous", "disagree": "party"}
    weights = {t.stance: (t.voice_weight, t.weight) for t in report.tally.units}
    assert weights == {"agree": (0.5, 0.5), "disagree": (1.5, 1.5)}
    assert report.tally.support == pytest.approx(0.4) and report.tally.refute == pytest.approx(1.05)
    assert report.verdict == "refuted"
    # counted alike, the rumour and the denial would stand level
    flat = VerdictPolicy(voice_weights=())
    assert build_report(CLAIM, [_judged("a1", rumour, "agree", 0.8),
                                _judged("b2", denial, "disagree", 0.7)], flat).verdict == "contested"


def test_voice_weights_must_be_positive() -> None:
    with pytest.raises(ValueError):
        VerdictPolicy(voice_weights=(("party", 0.0),))


def test_the_place_after_a_speaker_says_whose_office_speaks() -> None:
    from tahqiq.verify.credibility import placed

    text = "أعلنت وزارتا الدفاع في مصر والسودان، في بيان مشترك، انطلاق التمرين."
    tail = placed(text, text.index(" في مصر"))
    assert tail == " في مصر والسودان"
    assert is_party("وزارتا الدفاع" + tail, "office", "مصر والسودان تعدان لعملية عسكرية مشتركة")
    said = "قال الوزير في بيان إن الخطة جاهزة."
    assert placed(said, said.index(" في بيان")) == ""  # an adjunct, not a place
