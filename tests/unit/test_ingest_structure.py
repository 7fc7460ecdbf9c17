"""The lead and subheadings an extractor dropped are put back; nothing else is added."""

from __future__ import annotations

import pytest

from tahqiq.ingest.html import headline
from tahqiq.ingest.structure import restore_structure

lxml_html = pytest.importorskip("lxml.html")

P1 = "أعلنت وزارة المياه اليوم افتتاح محطة ضخ جديدة في شرق المدينة بكلفة عشرة ملايين دينار."
P2 = "وقال الوزير إن المحطة ستخدم نحو مئتي ألف نسمة في الأحياء الشرقية."
P3 = "وأضاف أن المرحلة الثانية من المشروع تبدأ مطلع العام المقبل."
LEAD = "محطة جديدة تزود الأحياء الشرقية بالمياه بعد سنوات من الانقطاعات المتكررة"


def _page(header: str = "", between: str = "", teaser: str = "") -> object:
    return lxml_html.document_fromstring(
        f"""<html><head><meta property="og:description" content="{LEAD}"></head><body>
        <nav><a href="/">الرئيسية</a></nav>
        <header><h1>افتتاح محطة ضخ جديدة</h1>{header}</header>
        <div class="body"><p>{P1}</p><p>{P2}</p>{between}<p>{P3}</p></div>
        {teaser}</body></html>""")


def test_a_dropped_standfirst_becomes_the_first_line() -> None:
    root = _page(header=f'<p class="article__subhead"><em>{LEAD}</em></p>')
    assert restore_structure("\n".join([P1, P2, P3]), root).split("\n") == [LEAD, P1, P2, P3]


def test_a_dropped_subheading_goes_between_its_paragraphs() -> None:
    root = _page(between="<h2>المرحلة الثانية</h2>")
    out = restore_structure("\n".join([P1, P2, P3]), root).split("\n")
    assert out == [P1, P2, "المرحلة الثانية", P3]


def test_a_body_the_extractor_got_right_is_unchanged() -> None:
    body = "\n".join([P1, P2, P3])
    assert restore_structure(body, _page()) is body  # summary visible nowhere: no lead


def test_a_summary_only_in_a_teaser_link_is_not_a_lead() -> None:
    root = _page(teaser=f'<a href="/x"><p>{LEAD}</p></a>')
    body = "\n".join([P1, P2, P3])
    assert restore_structure(body, root) == body


def test_a_heading_between_paragraphs_the_body_does_not_join_is_left_out() -> None:
    root = _page(between="<h2>اقرأ أيضا</h2>")
    body = "\n".join([P1, P3])  # P2 is not in the body, so the heading has no place
    assert restore_structure(body, root) == body


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("كيف غيّرت موجات الحر مواعيد العمل؟ - BBC News عربي", "BBC News عربي", "كيف غيّرت موجات الحر مواعيد العمل؟"),
        ("روسيا.. إطلاق عبّارة كهربائية - RT Arabic", "RT Arabic", "روسيا.. إطلاق عبّارة كهربائية"),
        ("مصر - السودان", "السودان اليوم", "مصر - السودان"),  # one shared word is not the site's name
        ("وزير: الخطة تبدأ غدا", "الجزيرة", "وزير: الخطة تبدأ غدا"),
        ("عنوان فقط", None, "عنوان فقط"),
    ],
)
def test_headline_drops_only_the_site_name(title: str, site: str | None, expected: str) -> None:
    assert headline(title, site) == expected
