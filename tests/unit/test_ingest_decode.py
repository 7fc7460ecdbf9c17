"""decode_bytes: Unicode encodings, Arabic code pages, binary detection."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tahqiq.errors import DecodingError
from tahqiq.ingest import decode_bytes

SENTENCES = [
    "أعلنت الحكومة في بيان رسمي أن الاتفاق سيوقع الأسبوع المقبل.",
    "قال المتحدث باسم الوزارة إن المفاوضات ستستأنف في العاصمة.",
    "ارتفعت أسعار النفط بنسبة 3% يوم الاثنين وسط مخاوف من تراجع الإمدادات.",
    "وصل وفد من الأمم المتحدة إلى المدينة لتقييم حجم الأضرار بعد الفيضانات.",
    "نفت الشرطة الأنباء التي تحدثت عن اعتقال صحفيين خلال التظاهرة.",
]

WORDS = (
    "الحكومة في من على إلى أن قال وزير الخارجية المتحدث باسم الجيش أعلن اليوم "
    "المفاوضات اتفاق وقف إطلاق النار المدينة العاصمة القاهرة بغداد غزة الرئيس "
    "مجلس النواب جلسة طارئة مصادر مطلعة أكدت نفت الأنباء التي تحدثت عن ضحايا "
    "ارتفعت أسعار النفط الذهب البنك المركزي الشرطة مستشفى الصحة لقاح هذا كان"
).split()


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-sig"),
        ("utf-16", None),  # BOM, native order
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("utf-32", None),
        ("cp1256", "cp1256"),
        ("iso-8859-6", "iso-8859-6"),
    ],
)
def test_round_trip_each_encoding(sentence: str, encoding: str, expected: str | None) -> None:
    text, name = decode_bytes(sentence.encode(encoding))
    assert text == sentence
    if expected is not None:
        assert name == expected


@pytest.mark.parametrize(
    "bom,codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_utf16_bom_is_not_part_of_text(bom: bytes, codec: str) -> None:
    text, name = decode_bytes(bom + SENTENCES[0].encode(codec))
    assert (text, name) == (SENTENCES[0], codec)


def test_cp1256_and_iso_8859_6_are_told_apart_both_ways() -> None:
    sentence = SENTENCES[1]
    as_cp1256, as_iso = sentence.encode("cp1256"), sentence.encode("iso-8859-6")
    assert as_cp1256 != as_iso
    assert decode_bytes(as_cp1256) == (sentence, "cp1256")
    assert decode_bytes(as_iso) == (sentence, "iso-8859-6")


def test_iso_text_that_cp1256_can_also_decode_is_read_as_iso() -> None:
    # Bytes valid in both code pages; Windows-1256 would give Latin letters
    # glued to Arabic ones (e.g. "انحمèهة").
    sentence = "أعلنت الحكومة في بيان رسمي من العاصمة"
    data = sentence.encode("iso-8859-6")
    assert data.decode("cp1256") != sentence
    assert decode_bytes(data) == (sentence, "iso-8859-6")


def test_mixed_arabic_and_latin_text_in_utf16_without_bom() -> None:
    sentence = "قالت وكالة Reuters إن الاجتماع (رقم 12) انتهى."
    assert decode_bytes(sentence.encode("utf-16-le"))[0] == sentence
    assert decode_bytes(sentence.encode("utf-16-be"))[0] == sentence


def test_ascii_is_utf8() -> None:
    assert decode_bytes(b"plain ascii text\n") == ("plain ascii text\n", "utf-8")


def test_truncated_utf8_keeps_the_text() -> None:
    data = (SENTENCES[0] * 3).encode("utf-8")[:-1]  # cut inside the last letter
    text, name = decode_bytes(data)
    assert name == "utf-8"
    assert text.startswith(SENTENCES[0])


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        bytes(range(256)) * 4,
        b"abc\x00def\x00\x01\x02\x03",
        b"\x01\x02\x03\x04\x05\x06\x07\x08 text",
    ],
)
def test_binary_raises(data: bytes) -> None:
    with pytest.raises(DecodingError, match="binary"):
        decode_bytes(data)


@pytest.mark.parametrize(
    "data",
    ["新闻报道今天发布了重要消息".encode("gbk") * 5, "Привет, как дела сегодня".encode("cp1251")],
)
def test_other_encodings_are_undecodable(data: bytes) -> None:
    with pytest.raises(DecodingError, match="undecodable bytes"):
        decode_bytes(data)


arabic_text = st.text(
    alphabet=st.sampled_from(
        [chr(c) for c in range(0x0621, 0x064B)] + list(" \n.,:؟،0123456789abcXYZ")
    ),
    min_size=1,
    max_size=200,
)
arabic_prose = st.lists(st.sampled_from(WORDS), min_size=8, max_size=60).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(text=arabic_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_property_unicode_round_trip(text: str, encoding: str) -> None:
    assert decode_bytes(text.encode(encoding))[0] == text


@settings(max_examples=150, deadline=None)
@given(
    text=arabic_prose, encoding=st.sampled_from(["utf-16-le", "utf-16-be", "cp1256", "iso-8859-6"])
)
@example(text="من أكدت أكدت أكدت أكدت أكدت أكدت أكدت", encoding="iso-8859-6")  # reads as أمدت in cp1256
def test_property_bomless_and_code_page_round_trip(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # pragma: no cover - the word list is encodable
        return
    assert decode_bytes(data)[0] == text


@pytest.mark.parametrize("encoding", ["cp1256", "iso-8859-6"])
@pytest.mark.parametrize(
    "sentence",
    [
        "كَتَبَ الطَّالِبُ الدَّرْسَ فِي المَدْرَسَةِ وَقَرَأَ كِتَابًا مُفِيدًا جِدًّا",
        "قـــال الرئيـــس إن الاجتمـــاع انتهـــى بنجـــاح كبيـــر في العاصمـــة",
    ],
    ids=["diacritics", "tatweel"],
)
def test_diacritics_and_tatweel_in_code_pages(sentence: str, encoding: str) -> None:
    try:
        data = sentence.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip(f"{encoding} cannot encode this sentence")
    assert decode_bytes(data) == (sentence, encoding)
