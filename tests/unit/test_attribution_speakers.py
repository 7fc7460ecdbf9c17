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


def _said(text: str) -> list[tuple[str, str, str, str]]:
    from tahqiq.sources.attribution import extract_sources

    return [(a.speaker, a.speaker_kind, a.cue, a.content)
            for a in extract_sources("x", text).attributions]


def test_an_official_title_with_bism_is_one_speaker_and_a_later_title_or_surname_is_them() -> None:
    full = "المتحدث الرسمي باسم وزارة الخارجية السودانية السفير معتز الفاتح"
    said = _said(f"نفى {full}، اليوم الاثنين، ما أوردته صحف عن عملية عسكرية. وقال الفاتح إن "
                 "التعاون مع مصر يجري عبر القنوات الرسمية. وأكد المتحدث أن السودان لن يدخل أي عمل عسكري.")
    assert [s for s, *_ in said] == [full] * 3
    assert said[0][3] == "ما أوردته صحف عن عملية عسكرية"


def test_a_surname_takes_the_full_name_the_article_gave_even_outside_speech() -> None:
    said = _said("وكان وزير الخارجية أحمد عطاف قد زار تونس الأسبوع الماضي. وقال عطاف للصحفيين إن بلاده ترفض التدخل.")
    assert said == [("وزير الخارجية أحمد عطاف", "person", "وقال", "بلاده ترفض التدخل")]


def test_nominal_reporting_names_its_speaker() -> None:
    said = _said("وجاءت تصريحات الجنرال مارك ميلي بأن القوات الأمريكية ستبقى في سوريا بعد الانسحاب.")
    assert [(s, k) for s, k, *_ in said] == [("الجنرال مارك ميلي", "person")]
    assert said[0][3].startswith("القوات الأمريكية ستبقى في سوريا")
    said = _said("جدد المتحدث باسم الجيش العميد نبيل عبد الله نفي وجود قوات أجنبية في الخرطوم.")
    assert [(s, k) for s, k, *_ in said] == [("المتحدث باسم الجيش العميد نبيل عبد الله", "person")]
    said = _said("وتعزز هذه المعلومات ما نشرته الصحيفة، رغم نفي الخارجية السودانية تلك الأنباء.")
    assert [(s, k, c) for s, k, _, c in said] == [("الخارجية السودانية", "office", "تلك الأنباء")]


def test_announced_through_a_channel_and_a_colon_quote() -> None:
    assert _said("وأعلن وزير التجارة عبر إذاعة «موزاييك» أن الحكومة ستراجع أسعار الخبز.") == [
        ("وزير التجارة", "person", "وأعلن", "الحكومة ستراجع أسعار الخبز")]
    assert _said("وأعلن رئيس الحكومة عبر التلفزيون الرسمي أن : «الأسعار لن ترتفع هذا العام».") == [
        ("رئيس الحكومة", "person", "وأعلن", "الأسعار لن ترتفع هذا العام")]
    assert _said("وقال رئيس البلدية: «لن نسمح بالبناء العشوائي بعد اليوم».") == [
        ("رئيس البلدية", "person", "وقال", "لن نسمح بالبناء العشوائي بعد اليوم")]


def test_a_speaker_reported_as_not_saying_is_not_a_speaker() -> None:
    said = _said("ولم يؤكد المتحدث العسكري العقيد أحمد سمير الخبر حتى الآن، فيما قال مسؤول في "
                 "الخارجية إنه ليس على علم بأي تغيير.")
    assert [(s, k) for s, k, *_ in said] == [("مسؤول", "unnamed")]


def test_a_speaker_is_never_a_negation_a_place_or_a_content_clause() -> None:
    said = _said("انتشرت منذ مساء السبت على صفحات فيسبوك في تونس تدوينات تزعم أن البنك المركزي سيعلن تخفيض الدينار.")
    assert [s for s, *_ in said] == ["تدوينات"]
    said = _said("أكد قائد الشرطة أن الهجوم تم بالتنسيق مع جهات خارجية.")
    assert [s for s, *_ in said] == ["قائد الشرطة"]


def test_speaker_types() -> None:
    kinds = [(s, k) for s, k, *_ in _said(
        "وقال ضابط مشارك في التمرين إن القوات انتقلت إلى مرحلة التنفيذ. وأفاد متعاملون بأن الدينار "
        "استعاد جزءا من خسائره. وأكدت وزارة التربية والتعليم أن الامتحانات ستجري في موعدها. "
        "وأشار بيان لوزارة الداخلية إلى أن قوات الأمن اعتقلت خمسة أشخاص.")]
    # a document keeps its own type (the gold's "other"); who issued it is read by the
    # credibility rule (tahqiq.verify.credibility)
    assert kinds == [("ضابط مشارك", "unnamed"), ("متعاملون", "unnamed"),
                     ("وزارة التربية والتعليم", "office"), ("بيان", "other")]


def test_an_outlet_relaying_a_source_across_a_date() -> None:
    from tahqiq.sources.attribution import extract_sources

    report = extract_sources("x", "ذكرت وكالة رويترز، اليوم الثلاثاء 17 نوفمبر 2026، نقلاً عن مصدرين "
                                  "عسكريين أن وحدات مصرية بدأت عمليات تمشيط.")
    assert [(a.speaker, a.speaker_kind, a.content) for a in report.attributions] == [
        ("مصدرين عسكريين", "unnamed", "وحدات مصرية بدأت عمليات تمشيط")]
    assert [o.canonical for o in report.cited_outlets] == ["Reuters"]


def test_two_ministries_in_a_joint_statement() -> None:
    said = _said("أعلنت وزارتا الدفاع في مصر والسودان، في بيان مشترك اليوم السبت، انطلاق التمرين.")
    assert [(s, k, c) for s, k, _, c in said] == [("وزارتا الدفاع", "office", "انطلاق التمرين")]
