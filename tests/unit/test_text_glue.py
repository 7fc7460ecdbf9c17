"""repair_glued: split glued words, rejoin fragments, never touch real words."""

from __future__ import annotations

import pytest

from tahqiq.text import glue_edits, repair_glued


@pytest.mark.parametrize(
    ("glued", "fixed"),
    [
        ("وصل الرئيسوالحكومة أمس", "وصل الرئيس والحكومة أمس"),
        ("استقبل محمدوالرئيس الضيوف", "استقبل محمد والرئيس الضيوف"),
        ("دخلت الشرطةوالجيش البلادخلال الليل", "دخلت الشرطة والجيش البلاد خلال الليل"),
        ("زار المدينةالقديمة", "زار المدينة القديمة"),
        ("قالت الحكومةإن الوضع هادئ", "قالت الحكومة إن الوضع هادئ"),
        ("المباراةانتهت بالتعادل", "المباراة انتهت بالتعادل"),
        ("قرأت الخبرReuters صباحا", "قرأت الخبر Reuters صباحا"),
        ("لا ي مكننا الحضور", "لا يمكننا الحضور"),
        ("هذا الم حتوى جديد", "هذا المحتوى جديد"),
        ("الممتدة منالحدود الليبية", "الممتدة من الحدود الليبية"),
        ("وصل الوفد فيالعاصمة", "وصل الوفد في العاصمة"),
        ("قال أنالولايات المتحدة", "قال أن الولايات المتحدة"),
        ("اجتمع معالحوثيين أمس", "اجتمع مع الحوثيين أمس"),
    ],
)
def test_glued_words_are_repaired(glued: str, fixed: str) -> None:
    assert repair_glued(glued) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "وزير الخارجية وطني والده معروف",
        "والمستشفيات والمدارس مغلقة",
        "بالمسؤولين والمواطنين",
        "المدعومتين من الحكومة",
        "استقبل الرئيس ضيوفه في القصر",
        "اشترى الCD من المتجر",
        "و العراق",
        "عبد الله",
        "السعر 25 دولارا",
        "التقت منال الوزيرة",
        "زار ماليزيا والمنامة",
        "المنال صعب",
    ],
)
def test_real_words_are_left_alone(text: str) -> None:
    assert repair_glued(text) == text


def test_whitespace_and_lines_are_kept() -> None:
    text = "سطر أول\n\nسطر  ثان"
    assert repair_glued(text) == text


def test_glue_edits_report_what_changed() -> None:
    edits = glue_edits("الرئيسوالحكومة وصلا\nلا ي مكننا")
    assert ("split", "الرئيسوالحكومة", "الرئيس والحكومة") in edits
    assert ("join", "ي مكننا", "يمكننا") in edits


def test_every_glued_token_of_the_sample_corpus_is_repaired() -> None:
    import json

    from tahqiq.data import labels_path

    with labels_path() as labels:
        glued = json.loads((labels / "expected.json").read_text(encoding="utf-8"))["glued"]
    assert glued
    for case in glued:
        assert repair_glued(case["token"]) == case["split"], case["file"]


def test_an_absurdly_long_token_is_left_alone_without_searching_for_a_split(monkeypatch) -> None:
    from tahqiq.text import glue

    searched = glue.best_split

    def guarded(core: str) -> int | None:
        assert len(core) <= glue.MAX_GLUE_TOKEN, "a split was searched in a token over the cap"
        return searched(core)

    monkeypatch.setattr(glue, "best_split", guarded)
    glue._split_token.cache_clear()
    token = "بسم" * 40_000  # once 98 s for 100 KB: the split search is quadratic in length
    assert glue.repair_glued(f"قال {token} اليوم") == f"قال {token} اليوم"
    assert len("الحكومةالسودانية") <= glue.MAX_GLUE_TOKEN  # real glued pairs stay under the cap
    glue._split_token.cache_clear()
