"""Benchmark: HTML ingest throughput against trafilatura's own extraction.

Generates a few hundred Arabic news pages (navigation, share bars, related
links, comment forms, scripts, and an article body of 300-800 words built from
a small set of our own sentences), writes them to a temporary folder, then
times

* ``tahqiq.ingest.read_file`` on each page (read, decode, extract, metadata);
* ``trafilatura.bare_extraction`` with the same options, and
  ``trafilatura.extract`` with its defaults, on the same files' bytes.

It also reports extraction quality on the same pages: the share of body
sentences recovered and the share of pages leaking boilerplate.

    python bench/bench_html.py [--pages 300] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة الشمالية بسعة مئتي سرير.",
    "قال المتحدث باسم الحكومة إن المفاوضات مع النقابات ستستأنف مطلع الأسبوع المقبل.",
    "وأضاف أن الحكومة ملتزمة بتحسين الخدمات العامة وخفض أسعار السلع الأساسية.",
    "شهدت العاصمة أمس أمطارا غزيرة أدت إلى إغلاق عدد من الطرق الرئيسية لساعات.",
    "وأكدت مصادر مطلعة أن الاجتماع انتهى دون التوصل إلى اتفاق نهائي بين الطرفين.",
    "ارتفعت أسعار النفط في الأسواق العالمية بنسبة ثلاثة في المئة خلال تعاملات الاثنين.",
    "ويرى محللون أن القرار قد يؤثر على معدلات التضخم في الأشهر القادمة.",
    "نفت الشرطة الأنباء التي تحدثت عن اعتقال عدد من الصحفيين خلال التظاهرة.",
    "وأوضح البيان أن لجنة مستقلة ستتولى التحقيق في ملابسات الحادث ونشر نتائجه.",
    "افتتح المعرض الدولي للكتاب أبوابه بمشاركة أكثر من خمسمئة دار نشر عربية وأجنبية.",
    "وقال رئيس البلدية إن أعمال الصيانة ستنتهي قبل حلول فصل الشتاء.",
    "أفاد شهود عيان بسماع دوي انفجارات في محيط المطار القديم مساء الخميس.",
    "وتشير الأرقام الرسمية إلى تراجع معدل البطالة إلى أدنى مستوى له منذ عشر سنوات.",
    "دعا الأمين العام للأمم المتحدة جميع الأطراف إلى ضبط النفس والعودة إلى الحوار.",
    "وقع البلدان اتفاقية تعاون في مجالات الطاقة والتعليم والنقل البحري.",
    "من جهته، أشار الخبير الاقتصادي إلى أن الاستثمارات الأجنبية زادت بشكل ملحوظ.",
    "أعلن المنتخب الوطني قائمة اللاعبين المشاركين في البطولة الإقليمية المقبلة.",
    "وطالب نواب في البرلمان بعقد جلسة طارئة لمناقشة تداعيات الأزمة المالية.",
    "تستعد المدارس لاستقبال الطلاب مع بداية العام الدراسي الجديد الشهر المقبل.",
    "وذكرت وكالة الأنباء الرسمية أن الرئيس استقبل وفدا من رجال الأعمال.",
    "أظهرت دراسة حديثة أن استهلاك المياه في المنطقة ارتفع بشكل كبير هذا الصيف.",
    "وفي سياق متصل، أعلنت الشركة عن خطة لتوظيف ألف شاب خلال العام الحالي.",
    "أكد وزير الخارجية أن بلاده تدعم كل الجهود الرامية إلى وقف إطلاق النار.",
    "وتواصل فرق الإنقاذ البحث عن مفقودين تحت الأنقاض في القرية المنكوبة.",
    "قررت المحكمة تأجيل النظر في القضية إلى جلسة الشهر المقبل لاستكمال المرافعات.",
    "وأشار التقرير إلى أن صادرات البلاد الزراعية سجلت نموا قياسيا.",
    "انطلقت صباح اليوم حملة وطنية للتطعيم ضد شلل الأطفال في جميع المحافظات.",
    "وتوقعت الأرصاد الجوية انخفاضا في درجات الحرارة مع هبوب رياح نشطة.",
    "رحبت منظمات حقوقية بالإفراج عن عدد من المعتقلين السياسيين.",
    "وقال مسؤول محلي إن المساعدات الإنسانية وصلت إلى المناطق المتضررة.",
]

TITLES = [
    "الحكومة تعلن خطة جديدة لدعم الأسر محدودة الدخل",
    "ارتفاع أسعار النفط وسط مخاوف من تراجع الإمدادات",
    "مفاوضات جديدة بين الطرفين في العاصمة",
    "افتتاح مستشفى حديث في المدينة الشمالية",
    "البرلمان يناقش تداعيات الأزمة المالية",
    "حملة وطنية للتطعيم في جميع المحافظات",
]

SITES = [
    ("الوطن اليوم", "https://www.alwatan-today.example"),
    ("أخبار المدينة", "https://m.city-news.example"),
    ("الصحيفة العربية", "https://arabpaper.example"),
]

#: Phrases that only appear in boilerplate: their presence in output is a leak.
BOILERPLATE = [
    "الصفحة الرئيسية",
    "شارك عبر",
    "أضف تعليقك",
    "جميع الحقوق محفوظة",
    "الأكثر قراءة",
    "اشترك في النشرة",
    "تعليق القارئ",
    "إعلان ممول",
    "اقرأ أيضا",
]

RELATED = [
    "عاجل: انقطاع الكهرباء عن أحياء في الجنوب",
    "نتائج مباراة الأمس في الدوري المحلي",
    "أسعار العملات مقابل الدولار اليوم",
    "تعرف على حالة الطقس غدا",
]


def make_page(rng: random.Random, index: int) -> tuple[str, list[str]]:
    """One page's HTML and the sentences of its article body."""
    site, base = rng.choice(SITES)
    title = rng.choice(TITLES)
    url = f"{base}/news/2024/05/{index}"
    paragraphs: list[list[str]] = []
    words = 0
    target = rng.randint(300, 800)
    while words < target:
        para = rng.sample(SENTENCES, rng.randint(2, 4))
        paragraphs.append(para)
        words += sum(len(s.split()) for s in para)
    body_parts = []
    as_divs = rng.random() < 0.2
    for i, para in enumerate(paragraphs):
        if as_divs:
            body_parts.append("<div>" + " ".join(para) + "<br></div>")
        else:
            body_parts.append("<p>" + " ".join(para) + "</p>")
        if i == 1 and rng.random() < 0.5:
            body_parts.append('<div class="ad">إعلان ممول <script>loadAd("slot1")</script></div>')
        if i == 2 and rng.random() < 0.5:
            body_parts.append(
                f'<div class="read-more">اقرأ أيضا: <a href="/x">{rng.choice(RELATED)}</a></div>'
            )
    body = "\n".join(body_parts)
    wrapper = "article" if rng.random() < 0.7 else 'div class="story-content"'
    wrapper_end = wrapper.split()[0]
    nav = "".join(
        f'<li><a href="/{k}">{name}</a></li>'
        for k, name in enumerate(
            ["الصفحة الرئيسية", "سياسة", "اقتصاد", "رياضة", "ثقافة", "منوعات", "فيديو"]
        )
    )
    related = "".join(f'<li><a href="/r{k}">{h}</a></li>' for k, h in enumerate(RELATED))
    html = f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} | {site}</title>
<meta property="og:title" content="{title}"><meta property="og:site_name" content="{site}">
<meta property="og:url" content="{url}"><link rel="canonical" href="{url}">
<meta property="article:published_time" content="2024-05-{index % 28 + 1:02d}T10:00:00+03:00">
<style>body {{ font-family: sans-serif; }} .share {{ display: flex; }}</style>
<script>window.dataLayer = window.dataLayer || []; function track() {{ return "الصفحة الرئيسية"; }}</script>
</head><body>
<header><div class="logo">{site}</div><nav><ul>{nav}</ul></nav>
<form class="search"><input placeholder="ابحث"><button>بحث</button></form></header>
<div class="breadcrumb"><a href="/">الصفحة الرئيسية</a> › <a href="/news">أخبار</a></div>
<main><{wrapper}><h1>{title}</h1>
<div class="meta"><span class="author">كتب: محرر الشؤون المحلية</span>
<time datetime="2024-05-{index % 28 + 1:02d}">{index % 28 + 1} مايو 2024</time></div>
<div class="share">شارك عبر: <a>فيسبوك</a> <a>تويتر</a> <a>واتساب</a></div>
<div class="article-body">
{body}
</div>
<div class="tags">وسوم: <a>سياسة</a> <a>اقتصاد</a></div>
</{wrapper_end}>
<section class="related"><h3>أخبار ذات صلة</h3><ul>{related}</ul></section>
<section class="comments"><h3>التعليقات</h3>
<form><textarea placeholder="أضف تعليقك"></textarea><button>إرسال</button></form>
<div class="comment"><p>تعليق القارئ: مقال رائع وشكرا للكاتب على هذه المعلومات المفيدة جدا.</p>
<p>تعليق القارئ: أتمنى أن تتابعوا هذا الموضوع في تقارير لاحقة لأن الناس تنتظر الحلول.</p></div>
</section></main>
<aside><h3>الأكثر قراءة</h3><ul>{related}</ul>
<div class="newsletter">اشترك في النشرة البريدية</div></aside>
<footer><p>جميع الحقوق محفوظة © 2024 {site}</p><a>اتصل بنا</a> <a>سياسة الخصوصية</a></footer>
<script>document.querySelectorAll("a").forEach(function (a) {{ a.rel = "noopener"; }});</script>
</body></html>
"""
    return html, [s for para in paragraphs for s in para]


def write_pages(folder: Path, count: int, seed: int) -> list[tuple[Path, list[str]]]:
    """Write ``count`` pages into ``folder``; some in Windows-1256."""
    rng = random.Random(seed)
    pages = []
    for index in range(count):
        html, sentences = make_page(rng, index)
        path = folder / f"page{index:04d}.html"
        if index % 10 == 9:
            html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1256">')
            path.write_bytes(html.encode("cp1256"))
        else:
            path.write_text(html, encoding="utf-8")
        pages.append((path, sentences))
    return pages


def quality(texts: list[str], pages: list[tuple[Path, list[str]]]) -> tuple[float, float]:
    """(share of body sentences found, share of pages with boilerplate)."""
    found = total = leaky = 0
    for text, (_, sentences) in zip(texts, pages, strict=True):
        total += len(sentences)
        found += sum(1 for s in sentences if s in text)
        leaky += any(b in text for b in BOILERPLATE)
    return found / total, leaky / len(pages)


def _time(fn, paths: list[Path]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    texts = [fn(p) or "" for p in paths]
    return time.perf_counter() - start, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    import trafilatura

    from tahqiq.ingest import read_file
    from tahqiq.ingest.html import EXTRACTION_OPTIONS

    def ours(path: Path) -> str:
        return "\n".join(d.text for d in read_file(path, max_bytes=1 << 24) if hasattr(d, "text"))

    def bare(path: Path) -> str:
        doc = trafilatura.bare_extraction(path.read_bytes(), **EXTRACTION_OPTIONS)
        return doc.text if doc is not None else ""

    def extract(path: Path) -> str:
        return trafilatura.extract(path.read_bytes()) or ""

    with tempfile.TemporaryDirectory() as tmp:
        pages = write_pages(Path(tmp), args.pages, args.seed)
        paths = [p for p, _ in pages]
        ours(paths[0]), bare(paths[0]), extract(paths[0])  # warm-up (imports, caches)
        best: dict[str, float] = {}
        texts: dict[str, list[str]] = {}
        for _ in range(args.rounds):
            for name, fn in (("ours", ours), ("bare", bare), ("extract", extract)):
                seconds, out = _time(fn, paths)
                best[name] = min(best.get(name, seconds), seconds)
                texts[name] = out
    n = len(paths)
    print(f"pages: {n} (10% Windows-1256), best of {args.rounds} rounds")
    for name, label in (
        ("ours", "tahqiq read_file"),
        ("bare", "trafilatura.bare_extraction (same options)"),
        ("extract", "trafilatura.extract (defaults)"),
    ):
        recall, leak = quality(texts[name], pages)
        print(
            f"{label:45s} {n / best[name]:7.1f} pages/s  sentence recall {recall:.3f}  "
            f"pages with boilerplate {leak:.3f}"
        )
    print(f"ratio ours / bare_extraction: {best['bare'] / best['ours']:.2f}")
    print(f"ratio ours / extract:         {best['extract'] / best['ours']:.2f}")


if __name__ == "__main__":
    main()
