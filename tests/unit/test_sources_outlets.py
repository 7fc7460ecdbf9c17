"""The outlet gazetteer: resolution of written names and mentions in text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tahqiq.errors import ConfigError
from tahqiq.sources import Gazetteer, load_gazetteer
from tahqiq.sources.outlets import OUTLET_TYPES, fold_key, fold_with_map


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def test_packaged_table_is_large_and_well_formed(gaz: Gazetteer) -> None:
    assert len(gaz) >= 80
    canonicals = [e.canonical for e in gaz]
    assert len(canonicals) == len(set(canonicals))
    for entry in gaz:
        assert entry.type in OUTLET_TYPES
        assert entry.arabic or entry.latin
        assert set(entry.context_only) <= set(entry.arabic)
    kinds = {e.type for e in gaz}
    assert kinds == set(OUTLET_TYPES)


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("رويترز", "Reuters"), ("لرويترز", "Reuters"), ("وكالة رويترز", "Reuters"),
        ("Reuters", "Reuters"), ("REUTERS", "Reuters"),
        ("أ ف ب", "AFP"), ("ا ف ب", "AFP"), ("أ.ف.ب", "AFP"), ("فرانس برس", "AFP"),
        ("وكالة الصحافة الفرنسية", "AFP"), ("AFP", "AFP"),
        ("أ ش أ", "MENA"), ("سانا", "SANA"), ("وكالة الأنباء السورية (سانا)", "SANA"),
        ("واس", "SPA"), ("قنا", "QNA"), ("وام", "WAM"), ("كونا", "KUNA"), ("بترا", "Petra"),
        ("الأهرام", "Al-Ahram"), ("الاهرام", "Al-Ahram"), ("أهرام", "Al-Ahram"),
        ("الجزيره", "Al Jazeera"), ("قناة الجزيرة", "Al Jazeera"), ("«الجزيرة»", "Al Jazeera"),
        ("روسيا اليوم", "RT"), ("بي بي سي", "BBC"), ("سي إن إن", "CNN"), ("CNN", "CNN"),
        ("نيويورك تايمز", "New York Times"), ("صحيفة نيويورك تايمز", "New York Times"),
        ("واشنطن بوست", "Washington Post"), ("هآرتس", "Haaretz"), ("يديعوت أحرونوت", "Yedioth Ahronoth"),
        ("صحيفة «الوطن»", "Al-Watan"), ("للمرصد السوري", "Syrian Observatory for Human Rights"),
        ("المرصد السوري لحقوق الإنسان", "Syrian Observatory for Human Rights"),
        ("شينخوا", "Xinhua"), ("سبوتنيك", "Sputnik"), ("تاس", "TASS"), ("الأناضول", "Anadolu"),
    ],
)
def test_resolve_spellings(gaz: Gazetteer, written: str, canonical: str) -> None:
    assert gaz.canonical(written) == canonical


@pytest.mark.parametrize("written", ["", "  ", "وزارة الخارجية", "صحيفة", "xyz news"])
def test_resolve_unknown(gaz: Gazetteer, written: str) -> None:
    assert gaz.resolve(written) is None


def test_find_keeps_exact_offsets_with_proclitics_and_marks(gaz: Gazetteer) -> None:
    text = "وقال مسؤول لرُويتَرز إن الوفد وصل، وذكرت فرانس برس الخبر."
    found = [(text[m.start:m.end], m.entry.canonical, m.proclitic) for m in gaz.find(text)]
    assert found == [("رُويتَرز", "Reuters", "ل"), ("فرانس برس", "AFP", "")]


def test_ordinary_words_need_context(gaz: Gazetteer) -> None:
    bare = "عبر الوفد شبه الجزيرة العربية إلى الرياض على متن طائرة الحياة."
    assert gaz.find(bare) == []
    quoted = "قالت «الجزيرة» إن ..., وذكرت قناة العربية و(الأناضول) - الحدث: ..."
    names = [m.entry.canonical for m in gaz.find(quoted)]
    assert names == ["Al Jazeera", "Al Arabiya", "Anadolu", "Al Hadath"]


def test_generic_news_agency_phrase_is_not_a_name(gaz: Gazetteer) -> None:
    assert gaz.find("ونقلت وكالة الأنباء الرسمية عن مسؤول") == []
    assert [m.entry.canonical for m in gaz.find("ذكرت صحيفة الأنباء الكويتية")] == ["Al-Anba"]
    assert [m.entry.canonical for m in gaz.find("وقالت «الأنباء» إن")] == ["Al-Anba"]
    kuna = gaz.find("وكالة الأنباء الكويتية")
    assert [m.entry.canonical for m in kuna] == ["KUNA"]


def test_backslash_credit_is_a_context(gaz: Gazetteer) -> None:
    assert [m.entry.canonical for m in gaz.find("وكالات \\ سما \\ أسقطت")] == ["Sama News"]
    assert gaz.find("سما صافية") == []


def test_short_latin_names_are_case_sensitive(gaz: Gazetteer) -> None:
    assert [m.entry.canonical for m in gaz.find("photo: AP / Reuters")] == ["AP", "Reuters"]
    assert gaz.find("a map of the area") == []


def test_name_inside_a_longer_quoted_name_is_not_matched(gaz: Gazetteer) -> None:
    assert gaz.find("قالت صحيفة «الصباح المشرق» إن") == []


def test_extra_file_adds_outlets_and_spellings(tmp_path: Path) -> None:
    extra = tmp_path / "outlets.json"
    extra.write_text(json.dumps({"entries": [
        {"canonical": "Al-Manara Weekly", "type": "magazine", "country": "LB",
         "arabic": ["المنارة", "مجلة المنارة"], "latin": [], "context_only": ["المنارة"]},
        {"canonical": "Reuters", "type": "agency", "country": "GB", "arabic": ["رويترس"]},
    ]}, ensure_ascii=False), encoding="utf-8")
    gaz = load_gazetteer(extra)
    assert gaz.canonical("مجلة المنارة") == "Al-Manara Weekly"
    assert gaz.canonical("رويترس") == "Reuters"
    assert gaz.canonical("رويترز") == "Reuters"
    assert len(gaz) == len(load_gazetteer()) + 1
    assert gaz.find("أضاءت المنارة في الميناء") == []


@pytest.mark.parametrize("content", ["not json", '{"entries": 3}',
                                     '{"entries": [{"canonical": "X", "type": "blog"}]}',
                                     '[{"arabic": ["س"]}]'])
def test_bad_extra_file_raises_config_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_gazetteer(path)


def test_missing_extra_file_raises_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_gazetteer(tmp_path / "absent.json")


def test_import_reads_no_table() -> None:
    code = ("import tahqiq.sources.outlets as o, tahqiq.sources.attribution, "
            "tahqiq.sources._speech as s; "
            "print(o.load_table.cache_info().currsize, s.lexicon.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "0"]


def test_fold_unifies_spelling_variants() -> None:
    assert fold_key("أإآٱ") == "اااا"
    assert fold_key("مستشفى") == fold_key("مستشفي")
    assert fold_key("الجزيرة") == fold_key("الجزيره")
    assert fold_key("رُويتَرز") == "رويترز"
    assert fold_key("ReUTers") == "reuters"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_property_fold_index_maps_back(text: str) -> None:
    folded, index = fold_with_map(text)
    assert len(folded) == len(index)
    assert index == sorted(set(index))
    assert all(0 <= i < len(text) for i in index)


def test_gazetteer_covers_the_region_and_beyond() -> None:
    gaz = load_gazetteer()
    assert len(gaz) >= 400
    for name, canonical in [("عنب بلدي", "Enab Baladi"), ("شبكة شام", "Shaam Network"),
                            ("تلفزيون سوريا", "Syria TV"), ("شفق نيوز", "Shafaq News"),
                            ("المسيرة نت", "Al-Masirah"), ("سودان تريبيون", "Sudan Tribune"),
                            ("بوابة الوسط", "Al-Wasat (Libya)"), ("هسبريس", "Hespress"),
                            ("يني شفق", "Yeni Safak"), ("هيئة البث الإسرائيلية", "Kan"),
                            ("روسيا 24", "Rossiya 24"), ("ميدل إيست آي", "Middle East Eye"),
                            ("التايمز", "The Times"), ("تايمز", "The Times")]:
        assert gaz.canonical(name) == canonical, name


def test_name_without_its_article_is_found_only_in_context(gaz: Gazetteer) -> None:
    (m,) = gaz.find("وذكرت صحيفة «تايمز» أن")
    assert m.entry.canonical == "The Times"
    assert gaz.find("قال تايمز إن") == []


def test_foreign_name_with_other_vowels_is_found_only_in_context(gaz: Gazetteer) -> None:
    text = "وقالت صحيفة الغاردين إن ... ونقلت مجلة «فورن بوليسي» عن ... (واشنطون بوست)"
    found = [(text[m.start:m.end], m.entry.canonical) for m in gaz.find(text)]
    assert found == [("الغاردين", "The Guardian"), ("فورن بوليسي", "Foreign Policy"),
                     ("واشنطون بوست", "Washington Post")]
    assert gaz.find("قال الغاردين إن") == []  # no designator, quote or bracket
    assert gaz.find("وقالت صحيفة «ميدل ايست» إن") == []  # not as many words as ميدل إيست آي
    assert gaz.find("وقالت صحيفة «اعتمد» إن") == []  # Iranian names are Persian words: exact only


def test_context_only_line_label_is_marked(gaz: Gazetteer) -> None:
    (m,) = gaz.find("12.\nالحياة: الحكومة تستقيل غدا")
    assert (m.entry.canonical, m.labelled) == ("Al-Hayat", True)
    assert gaz.find("في الحياة: الحكومة تستقيل غدا") == []
    assert gaz.find("الحياة: 12") == []


def test_designator_inside_brackets_keeps_the_credit(gaz: Gazetteer) -> None:
    (m,) = gaz.find("قصة الحرب (مجلة النيويوركر) عدد خاص")
    assert (m.entry.canonical, m.parenthesised, m.designated) == ("The New Yorker", True, True)


def test_foreign_g_is_also_written_with_jim(gaz: Gazetteer) -> None:
    assert gaz.canonical("لو فيجارو") == "Le Figaro"
    assert gaz.canonical("ديلي تلجراف") == "The Telegraph"


@pytest.mark.parametrize(("canonical", "shown"), [("Asharq Al-Awsat", "الشرق الأوسط"), ("Reuters", "رويترز"),
                                                  ("Not An Outlet", "Not An Outlet")])
def test_outlets_are_shown_by_their_arabic_name(canonical: str, shown: str) -> None:
    from tahqiq.sources.outlets import display_name

    assert display_name(canonical) == shown
