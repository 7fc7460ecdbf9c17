"""drop_boilerplate / is_boilerplate."""

from __future__ import annotations

import pytest

from tahqiq.text import drop_boilerplate, is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "اترك تعليقاً",
        "لن يتم نشر عنوان بريدك الإلكتروني.",
        "الحقول الإلزامية مشار إليها بـ *",
        "شارك على فيسبوك",
        "شاركها مع أصدقائك",
        "فيسبوك تويتر واتساب",
        "تابعنا على تويتر",
        "اقرأ أيضا: الحكومة تعلن خطة جديدة",
        "اقرأ المزيد",
        "اشترك في النشرة البريدية",
        "الرئيسية > أخبار > عربي",
        "الرئيسية | سياسة | اقتصاد | رياضة",
        "جميع الحقوق محفوظة © 2024",
        "© 2023 جميع الحقوق محفوظة لموقع الخبر",
        "Copyright 2022 Example News",
        "أخبار ذات صلة",
        "هل أعجبك المقال؟ شاركه مع أصدقائك!",
    ],
)
def test_boilerplate_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "شارك الوزير في الاجتماع الطارئ صباح اليوم",
        "شارك آلاف المتظاهرين في المسيرة",
        "قال الرئيس إن جميع الحقوق محفوظة للشعب في أرضه",
        "تابع الوزير حديثه عن الموازنة الجديدة",
        "وأضاف أن الرئيسية في الخطة هي التعليم",
        "سوريا | لبنان",
        "وذلك في تموز / يوليو أو آب / أغسطس المقبلين .",
        "ذهب الولد إلى المدرسة.",
        "",
    ],
)
def test_real_lines_are_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_drop_boilerplate_keeps_other_lines_verbatim() -> None:
    text = "الرئيسية > أخبار\nقال الوزير ( رويترز ) إن الخطة جاهزة .\nشارك على تويتر\nاترك تعليقا"
    assert drop_boilerplate(text) == "قال الوزير ( رويترز ) إن الخطة جاهزة ."


def test_long_lines_are_never_dropped() -> None:
    long_line = "شارك على فيسبوك " + " ".join(["كلمة"] * 60)
    assert drop_boilerplate(long_line) == long_line


@pytest.mark.parametrize("label", ["كلمة المرور", "كلمة المرور:", "نسيت كلمة السر؟", "أدخل كلمة المرور"])
def test_password_form_labels_are_boilerplate(label: str) -> None:
    assert is_boilerplate(label)


def test_the_idiom_kalimat_al_sirr_in_a_sentence_is_news() -> None:
    """"كلمة السر" (the key factor) is a common idiom of news text, not a login form."""
    line = 'قال رئيس اتحاد الصناعات إن التصدير هو "كلمة السر" في المرحلة المقبلة.'
    assert not is_boilerplate(line)
