"""HTML pages (trafilatura) and the lxml HTML-to-text helper."""

from __future__ import annotations

from pathlib import Path

import pytest

from tahqiq.ingest import read_file
from tahqiq.ingest.markup import html_to_text
from tahqiq.types import IngestFailure, RawDocument

pytest.importorskip("trafilatura")

MB = 1024 * 1024
PARAS = [
    "أعلنت وزارة النقل اليوم عن تشغيل خط جديد للحافلات يربط وسط المدينة بالمطار الدولي.",
    "وقال وزير النقل في مؤتمر صحفي إن الخط سيعمل على مدار الساعة طوال أيام الأسبوع.",
    "وأضاف أن أسعار التذاكر ستبقى كما هي حتى نهاية العام الحالي لتشجيع الركاب.",
    "ويأمل المسؤولون أن يسهم المشروع في تخفيف الازدحام المروري على الطرق السريعة.",
]

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="{charset}">
<title>خط حافلات جديد إلى المطار | جريدة الصباح</title>
<meta property="og:site_name" content="جريدة الصباح">
<link rel="canonical" href="https://www.sabah-news.example/transport/123">
<meta property="article:published_time" content="2024-04-10T08:30:00+03:00">
<script>var tracker = "alert(1)"; document.write("سكربت");</script>
<style>.x {{ color: red }}</style></head><body>
<nav><a href="/">الصفحة الرئيسية</a> <a href="/s">رياضة</a> <a href="/e">اقتصاد</a></nav>
<article><h1>خط حافلات جديد إلى المطار</h1>
<div class="share">شارك عبر فيسبوك وتويتر</div>
{body}
<p>مقطع <script>alert(1)</script>خطير</p>
</article>
<section class="comments"><form><textarea>أضف تعليقك</textarea></form></section>
<footer>جميع الحقوق محفوظة لجريدة الصباح</footer>
<script>alert("footer")</script></body></html>
"""


def _page(charset: str = "utf-8") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in PARAS)
    return PAGE.format(charset=charset, body=body)


def _read(tmp_path: Path, name: str, data: str | bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return list(read_file(path, max_bytes=MB))


@pytest.mark.parametrize(
    ("suffix", "encoding"), [(".html", "utf-8"), (".htm", "cp1256"), (".html", "utf-16")]
)
def test_article_page(tmp_path: Path, suffix: str, encoding: str) -> None:
    charset = {"cp1256": "windows-1256"}.get(encoding, encoding)
    [doc] = _read(tmp_path, "page" + suffix, _page(charset).encode(encoding))
    assert isinstance(doc, RawDocument)
    assert doc.fmt == "html"
    for para in PARAS:
        assert para in doc.text
    for junk in ("alert", "سكربت", "color", "الصفحة الرئيسية", "أضف تعليقك", "جميع الحقوق"):
        assert junk not in doc.text
    assert doc.title and "خط حافلات جديد إلى المطار" in doc.title
    assert doc.url == "https://www.sabah-news.example/transport/123"
    assert doc.source == "جريدة الصباح"
    assert doc.published and doc.published.startswith("2024-04-10")
    assert doc.source_path == str(tmp_path / ("page" + suffix))


def test_source_falls_back_to_url_domain(tmp_path: Path) -> None:
    html = _page().replace('<meta property="og:site_name" content="جريدة الصباح">', "")
    html = html.replace("| جريدة الصباح", "")
    [doc] = _read(tmp_path, "p.html", html)
    assert doc.source in ("sabah-news.example", "www.sabah-news.example")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>فارغة</title></head><body><script>alert(1)</script></body></html>",
        "<script>alert(1)</script><style>p {}</style>",
        "<html><body>" + "<div>" * 50000 + "</div>" * 50000 + "</body></html>",
    ],
    ids=["scripts-only", "fragment", "deep-nesting"],
)
def test_pages_without_text_fail_cleanly(tmp_path: Path, html: str) -> None:
    [failure] = _read(tmp_path, "p.html", html)
    assert isinstance(failure, IngestFailure)
    assert failure.error == "no main text found"


def test_deep_nesting_with_text_does_not_crash(tmp_path: Path) -> None:
    html = (
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "<div>" * 20000
        + "عميق"
        + "</div>" * 20000
        + "</article></body></html>"
    )
    [item] = _read(tmp_path, "p.html", html)
    assert isinstance(item, (RawDocument, IngestFailure))
    if isinstance(item, RawDocument):
        assert PARAS[0] in item.text


def test_html_to_text_drops_scripts_and_keeps_blocks() -> None:
    html = (
        "<div><p>فقرة <b>أولى</b></p><script>alert(1)</script><!-- تعليق -->"
        "<p>فقرة&nbsp;ثانية</p><style>p{}</style><noscript>بديل</noscript></div>"
    )
    assert html_to_text(html) == "فقرة أولى\n\nفقرة ثانية"


def test_html_to_text_unescapes_escaped_markup() -> None:
    assert html_to_text("&lt;p&gt;نص&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;") == "نص"


def test_html_to_text_plain_text_is_tidied() -> None:
    assert html_to_text("  نص   بسيط \n\n\n\n سطر ") == "نص بسيط\n\nسطر"


def test_template_content_is_never_article_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>الحكومة تعلن خطة لدعم المزارعين</h1>"
        "<p>أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية مع بداية الموسم.</p>"
        "<TEMPLATE id='x'><p>نص مخفي في قالب لا يظهر للقارئ أبدا ولا يخزن مع المقالة.</p></TEMPLATE>"
        "<p>وقال وزير الزراعة إن الخطة ستشمل أكثر من عشرة آلاف مزارع في المرحلة الأولى.</p>"
        "</article></body></html>", encoding="utf-8")
    (doc,) = [d for d in read_file(page, max_bytes=1 << 20) if isinstance(d, RawDocument)]
    assert "مخفي" not in doc.text and "وزير الزراعة" in doc.text


def test_text_nested_deeper_than_256_elements_is_kept(tmp_path: Path) -> None:
    text = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية مع بداية الموسم الزراعي."
    html = "<html><body>" + "<div>" * 1000 + f"<p>{text}</p>" + "</div>" * 1000 + "</body></html>"
    [item] = _read(tmp_path, "deep.html", html)
    assert isinstance(item, RawDocument) and text in item.text  # libxml2 stopped at 256 levels


def test_a_page_nested_beyond_the_parser_says_so(tmp_path: Path) -> None:
    from tahqiq.ingest.html import nesting_depth

    text = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية مع بداية الموسم."
    html = "<html><body>" + "<div>" * 3000 + f"<p>{text}<br/></p>" + "</div>" * 3000 + "</body></html>"
    assert nesting_depth(html) == 3003 and nesting_depth("<p>a<br>b<img src=x></p>") == 1
    [item] = _read(tmp_path, "deep.html", html)
    assert isinstance(item, IngestFailure) and "nested 3,003 deep" in item.error
