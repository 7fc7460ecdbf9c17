"""build_document, clean_article, document_id, NORMALIZER_VERSION and tables."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from tahqiq.errors import EmptyDocumentError
from tahqiq.types import RawDocument

ARTICLE = (
    "الرئيسية > أخبار > محليات\n"
    "عمان ( وكالات ) - أعلنت الحكومةالأردنية اليوم عن خطة جديدة للنقل .\n"
    "وقال الوزير إن الخطة \" ستبدأ قريبا \" في ٣ مدن .\n"
    "شارك على فيسبوك"
)


def test_build_document_pipeline() -> None:
    from tahqiq.text import NORMALIZER_VERSION, build_document, normalize_search

    doc = build_document(
        RawDocument(text=ARTICLE, fmt="html", title=" خطة  النقل ", url="http://x.test/a",
                    source="x", source_path="a.html", published="Tue, 05 Mar 2024 10:00:00 GMT")
    )
    assert doc.text == (
        "عمان (وكالات) - أعلنت الحكومة الأردنية اليوم عن خطة جديدة للنقل.\n"
        "وقال الوزير إن الخطة \"ستبدأ قريبا\" في ٣ مدن."
    )
    assert doc.original == ARTICLE
    assert doc.title == "خطة النقل"
    assert doc.lang == "ar"
    assert doc.published == "2024-03-05T10:00:00+00:00"
    assert doc.normalizer_version == NORMALIZER_VERSION
    assert [s.text for s in doc.sentences] == doc.text.split("\n")
    assert doc.search_text.split("\n")[0] == normalize_search("خطة النقل")
    assert (doc.url, doc.source, doc.source_path, doc.fmt) == ("http://x.test/a", "x", "a.html", "html")


def test_doc_id_ignores_title_and_cosmetics() -> None:
    from tahqiq.text import build_document

    a = build_document(RawDocument(text="ذهب الولد إلى المدرسة .", fmt="txt", title="عنوان"))
    b = build_document(RawDocument(text="ذَهَبَ  الولد الى المدرسة", fmt="json"))
    c = build_document(RawDocument(text="ذهب الولد إلى البيت.", fmt="txt"))
    assert a.doc_id == b.doc_id != c.doc_id
    assert len(a.doc_id) == 16


def test_document_id_definition() -> None:
    from tahqiq.text import document_id

    expected = hashlib.sha256(b"a b").hexdigest()[:16]
    assert document_id(" a \n b ") == expected


def test_txt_date_found_in_body_only_for_txt() -> None:
    from tahqiq.text import build_document

    body = "نشر في 3 أيار 2021\nقال المتحدث إن الطقس حار."
    assert build_document(RawDocument(text=body, fmt="txt")).published == "2021-05-03"
    assert build_document(RawDocument(text=body, fmt="json")).published is None


def test_empty_after_cleaning_raises() -> None:
    from tahqiq.text import build_document

    with pytest.raises(EmptyDocumentError) as info:
        build_document(RawDocument(text="شارك على فيسبوك\n\u200f ", fmt="txt", source_path="e.txt"))
    assert info.value.path == "e.txt"


def test_clean_article_steps() -> None:
    from tahqiq.text import clean_article

    assert clean_article("اترك تعليقا\nوصل الرئيسوالحكومة .") == "وصل الرئيس والحكومة."


def test_normalizer_version_follows_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    from tahqiq.text import tables

    version = tables.normalizer_version()
    assert version.startswith("ar-search.v1+")
    original = tables.load_table("search")
    changed = dict(original, replace=dict(original["replace"], **{"0629": "ة"}))
    tables.tables_checksum.cache_clear()
    tables.normalizer_version.cache_clear()
    real_load = tables.load_table
    monkeypatch.setattr(tables, "load_table", lambda name: changed if name == "search" else real_load(name))
    try:
        assert tables.normalizer_version() != version
    finally:
        tables.tables_checksum.cache_clear()
        tables.normalizer_version.cache_clear()


def test_import_does_no_work() -> None:
    code = (
        "import sys, tahqiq.text as t\n"
        "assert [m for m in sys.modules if m.startswith('tahqiq.text.')] == [], sys.modules\n"
        "assert 'wordfreq' not in sys.modules\n"
        "assert callable(t.clean_display)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
