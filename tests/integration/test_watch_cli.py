"""A desk that watches the news, through the CLI, against a local server started here.

Nothing reaches the network: pytest-httpserver serves a feed, its item pages (an
article, a copy of it with spelling variants and boilerplate), a robots.txt, and a
feed that fails.  The server is on the loopback address, which the SSRF guard refuses
unless ``--allow-private`` is given: that is tested too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import tahqiq

pytest.importorskip("pytest_httpserver")
pytest.importorskip("warcio")

ENV = {"TAHQIQ_FETCH_HOST_INTERVAL": "0", "TAHQIQ_FETCH_RETRIES": "0"}

ARTICLE = """<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>وزارة الطاقة ترفع سعر البنزين 25 فلساً - نبض الشارع</title></head><body>
<nav>الرئيسية | سياسة | اقتصاد</nav>
<article><h1>وزارة الطاقة ترفع سعر البنزين 25 فلساً</h1>
<p>قررت لجنة تسعير المشتقات النفطية في الأردن رفع سعر البنزين أوكتان 90 بمقدار 25 فلساً للتر
اعتباراً من بداية الشهر المقبل، وفق بيان نشرته وزارة الطاقة والثروة المعدنية مساء الاثنين.</p>
<p>وقال البيان إن القرار جاء بعد ارتفاع أسعار النفط العالمية خلال الشهر الماضي بنحو ستة في المئة،
وإن سعر السولار والكاز سيبقى دون تغيير حتى نهاية فصل الشتاء.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>"""

COPY = """<html lang="ar"><head><meta charset="utf-8"><title>رفع سعر البنزين في الاردن</title></head>
<body><article><h1>رفع سعر البنزين في الاردن</h1>
<p>قررت لجنه تسعير المشتقات النفطيه في الاردن رفع سعر البنزين اوكتان 90 بمقدار 25 فلسا للتر
اعتبارا من بدايه الشهر المقبل، وفق بيان نشرته وزاره الطاقه والثروه المعدنيه مساء الاثنين.</p>
<p>وقال البيان ان القرار جاء بعد ارتفاع اسعار النفط العالميه خلال الشهر الماضي.تابعونا على فيسبوك</p>
</article></body></html>"""


def _feed(base: str) -> str:
    items = "".join(
        f"<item><title>{title}</title><link>{base}/news/{n}.html</link>"
        f"<pubDate>Mon, 0{n} Dec 2026 18:00:00 GMT</pubDate><description>{title}</description></item>"
        for n, title in ((1, "وزارة الطاقة ترفع سعر البنزين"), (2, "رفع سعر البنزين في الاردن")))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>نبض الشارع</title><link>{base}/</link>{items}</channel></rss>")


@pytest.fixture
def served(httpserver):  # noqa: ANN001, ANN201 - pytest-httpserver's fixture
    from werkzeug import Response

    base = httpserver.url_for("").rstrip("/")
    feed = _feed(base).encode()

    def feed_handler(request):  # noqa: ANN001, ANN202
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"'})
        return Response(feed, headers={"Content-Type": "application/rss+xml; charset=utf-8",
                                       "ETag": '"v1"'})

    httpserver.expect_request("/robots.txt").respond_with_data("User-agent: *\nDisallow: /private/\n",
                                                               content_type="text/plain")
    httpserver.expect_request("/feed.xml").respond_with_handler(feed_handler)
    httpserver.expect_request("/news/1.html").respond_with_data(ARTICLE, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/news/2.html").respond_with_data(COPY, content_type="text/html; charset=utf-8")
    httpserver.expect_request("/gone.xml").respond_with_data("not here", status=404)
    httpserver.expect_request("/broken.xml").respond_with_data(
        "<rss><channel><item><title>خبر</ti", content_type="application/rss+xml")
    return base


def test_a_round_fetches_archives_ingests_and_links_the_new_items(served: str, tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    added = tahqiq("feeds", "add", f"{served}/feed.xml", "--outlet", "نبض الشارع", "--db", db, env=ENV)
    assert added.returncode == 0, added.stderr
    assert tahqiq("feeds", "add", f"{served}/gone.xml", "--db", db, env=ENV).returncode == 0

    first = tahqiq("watch", "--once", "--allow-private", "--json", "--db", db, env=ENV)
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["added"] == 2 and report["feeds"] == 2
    assert [f["url"] for f in report["failures"]] == [f"{served}/gone.xml"]
    assert "404" in report["failures"][0]["reason"]
    assert report["linked"] >= 1  # the copy is linked to the article it copies

    listed = json.loads(tahqiq("list", "--db", db, "--json").stdout)["documents"]
    assert {d["url"] for d in listed} == {f"{served}/news/1.html", f"{served}/news/2.html"}
    shown = json.loads(tahqiq("show", listed[0]["doc_id"], "--db", db, "--json").stdout)
    (capture,) = shown["captures"]
    assert capture["status"] == 200 and len(capture["sha256"]) == 64 and capture["warc_file"]
    assert (tmp_path / "desk.db.warc").is_dir()

    second = json.loads(tahqiq("watch", "--once", "--allow-private", "--json", "--db", db, env=ENV).stdout)
    assert second["added"] == 0  # the feed answered 304: nothing fetched again
    assert [f["outcome"] for f in second["fetched"]] == ["not modified"]

    feeds = json.loads(tahqiq("feeds", "list", "--db", db, "--json").stdout)["feeds"]
    failing = {f["url"]: f["failures"] for f in feeds}
    assert failing == {f"{served}/feed.xml": 0, f"{served}/gone.xml": 2}

    claim = "الأردن يرفع سعر البنزين 25 فلساً للتر الشهر المقبل"
    checked = json.loads(tahqiq("check", claim, "--db", db, "--json", env=ENV).stdout)
    cited = [a["captured"] for a in checked["articles"] if a.get("captured")]
    assert len(cited) == 2 and capture["sha256"] in {c["sha256"] for c in cited}
    assert capture["sha256"][:16] in tahqiq("check", claim, "--db", db, "--md", env=ENV).stdout

    out = tmp_path / "desk.warc.gz"
    exported = json.loads(tahqiq("export", "warc", str(out), "--db", db, "--json").stdout)
    # the feed, its two pages, the feed's 304 and the two 404s (failures that are archived too)
    assert exported["records"] == 6 and out.stat().st_size > 0


def test_the_ssrf_guard_refuses_the_loopback_server_without_allow_private(served: str,
                                                                         tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    done = tahqiq("fetch", f"{served}/news/1.html", "--db", db, "--json", env=ENV)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["added"] == 0 and len(report["failures"]) == 1
    assert "private" in report["failures"][0]["reason"] or "loopback" in report["failures"][0]["reason"]


def test_fetch_takes_a_page_now_and_robots_txt_is_honoured(served: str, tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    done = json.loads(tahqiq("fetch", f"{served}/news/1.html", f"{served}/private/x.html",
                             "--allow-private", "--db", db, "--json", env=ENV).stdout)
    assert done["added"] == 1
    assert [f["url"] for f in done["failures"]] == [f"{served}/private/x.html"]
    assert "robots" in done["failures"][0]["reason"]


def test_a_broken_feed_is_a_recorded_failure_and_the_round_goes_on(served: str,
                                                                     tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    for path in ("/broken.xml", "/feed.xml"):
        assert tahqiq("feeds", "add", f"{served}{path}", "--db", db, env=ENV).returncode == 0
    report = json.loads(tahqiq("watch", "--once", "--allow-private", "--json", "--db", db,
                               env=ENV).stdout)
    assert report["added"] == 2
    (failure,) = report["failures"]
    assert failure["url"] == f"{served}/broken.xml" and failure["reason"].startswith("unreadable feed")
    text = tahqiq("watch", "--once", "--allow-private", "--db", db, env=ENV)
    assert text.returncode == 0 and "failed 1" in text.stdout
    assert "broken.xml: unreadable feed" in text.stderr


def test_watch_refuses_a_bad_period_and_feeds_add_a_bad_url(tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    assert tahqiq("watch", "--every", "1s", "--db", db).returncode == 2 or \
        tahqiq("watch", "--every", "1s", "--db", db).returncode == 4
    bad = tahqiq("feeds", "add", "file:///etc/passwd", "--db", db)
    assert bad.returncode != 0 and bad.stderr.startswith("tahqiq: error:")


def test_a_page_edited_between_fetches_is_kept_beside_the_old_one(httpserver, tmp_path: Path) -> None:  # noqa: ANN001
    """A stealth edit: the claim softened and a denial added.  Both versions stay, the
    second is a revision, and `tahqiq revisions` shows what changed word by word."""
    from werkzeug import Response

    first = ARTICLE
    edited = ARTICLE.replace("رفع سعر البنزين أوكتان 90 بمقدار 25 فلساً للتر",
                             "دراسة تعديل سعر البنزين أوكتان 90").replace(
        "</article>", "<p>ونفت الوزارة لاحقاً اتخاذ أي قرار نهائي بشأن الأسعار.</p></article>")
    pages = iter([first, edited, edited])
    httpserver.expect_request("/robots.txt").respond_with_data("", content_type="text/plain")
    httpserver.expect_request("/news/1.html").respond_with_handler(
        lambda _request: Response(next(pages), content_type="text/html; charset=utf-8"))
    url, db = httpserver.url_for("/news/1.html"), str(tmp_path / "desk.db")

    outcomes, ids = [], []
    for _ in range(3):
        done = tahqiq("fetch", url, "--allow-private", "--db", db, "--json", env=ENV)
        assert done.returncode == 0, done.stderr
        fetched = json.loads(done.stdout)["fetched"]
        outcomes += [f["outcome"] for f in fetched]
        ids += [f["doc_id"] for f in fetched]
    assert outcomes == ["added", "revised", "duplicate"] and ids[1] == ids[2] != ids[0]

    docs = json.loads(tahqiq("list", "--db", db, "--json").stdout)["documents"]
    assert len(docs) == 2  # the old version is kept, not overwritten
    revised = json.loads(tahqiq("revisions", ids[0], "--db", db, "--json").stdout)
    assert [v["doc_id"] for v in revised["versions"]] == ids[:2]
    (step,) = revised["changes"]
    removed = " ".join(p["text"] for p in step["changes"] if p["op"] == "removed")
    added = " ".join(p["text"] for p in step["changes"] if p["op"] == "added")
    assert "بمقدار 25 فلساً" in removed and "ونفت الوزارة لاحقاً" in added
    text = tahqiq("revisions", ids[1], "--db", db).stdout
    assert " - " in text and " + " in text and "changed, read" in text

    claim = "الأردن يرفع سعر البنزين 25 فلساً للتر الشهر المقبل"
    report = json.loads(tahqiq("check", claim, "--db", db, "--json", "--all", env=ENV).stdout)
    first = next(a for a in report["articles"] if a["doc_id"] == ids[0])
    assert first["changed_later"]["doc_id"] == ids[1]  # the evidence was edited after it was read
    assert "تغيّر نص هذا المقال بعد قراءته" in tahqiq("check", claim, "--db", db, "--md", env=ENV).stdout


def test_a_feed_of_100000_items_costs_a_bounded_round(httpserver, tmp_path: Path) -> None:  # noqa: ANN001
    """At most 200 new items per feed and round are fetched; the rest are counted for the
    next round.  A page that is no news article is a recorded failure, nothing stored."""
    base = httpserver.url_for("").rstrip("/")
    items = "".join(f"<item><title>خبر {n}</title><link>{base}/n/{n % 300}.html</link></item>"
                    for n in range(100_000))
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>س</title>{items}</channel></rss>'
    httpserver.expect_request("/robots.txt").respond_with_data("", content_type="text/plain")
    httpserver.expect_request("/big.xml").respond_with_data(feed, content_type="application/rss+xml")
    page = ARTICLE.replace("25 فلساً", "{n} فلساً")
    for n in range(300):
        body = page.replace("{n}", str(n)) if n else \
            '<html><body><nav><a href="/">الرئيسية</a></nav><script>var x = 1;</script></body></html>'
        httpserver.expect_request(f"/n/{n}.html").respond_with_data(body, content_type="text/html")
    db = str(tmp_path / "desk.db")
    env = {**ENV, "TAHQIQ_FETCH_MAX_BYTES": str(20 * 1024 * 1024), "TAHQIQ_LINK_ON_INGEST": "0"}
    tahqiq("feeds", "add", f"{base}/big.xml", "--db", db, env=env)
    done = tahqiq("watch", "--once", "--allow-private", "--json", "--db", db, env=env)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    pages = [f for f in report["fetched"] if f["outcome"] != "feed"]
    assert len(pages) == 200 and report["skipped"] == {f"{base}/big.xml": 100}
    assert report["added"] == 199  # /n/0.html is no article: a failure, not a document
    assert [f["url"] for f in report["failures"]] == [f"{base}/n/0.html"]


def test_a_watch_round_reads_recent_pages_again_and_catches_an_edit(httpserver, tmp_path: Path) -> None:  # noqa: ANN001
    from werkzeug import Response

    base = httpserver.url_for("").rstrip("/")
    edited = ARTICLE.replace("بمقدار 25 فلساً للتر", "بمقدار 10 فلسات للتر")
    pages = iter([ARTICLE, edited])
    httpserver.expect_request("/robots.txt").respond_with_data("", content_type="text/plain")
    httpserver.expect_request("/feed.xml").respond_with_data(
        _feed(base).replace(f"<item><title>رفع سعر البنزين في الاردن</title><link>{base}/news/2.html</link>", "<item><title>x</title><link></link>"),
        content_type="application/rss+xml")
    httpserver.expect_request("/news/1.html").respond_with_handler(
        lambda _request: Response(next(pages), content_type="text/html; charset=utf-8"))
    db = str(tmp_path / "desk.db")
    env = {**ENV, "TAHQIQ_WATCH_REREAD_HOURS": "0"}
    tahqiq("feeds", "add", f"{base}/feed.xml", "--outlet", "نبض الشارع", "--db", db, env=env)
    first = json.loads(tahqiq("watch", "--once", "--allow-private", "--json", "--db", db, env=env).stdout)
    assert [f["outcome"] for f in first["fetched"]] == ["feed", "added"]
    second = json.loads(tahqiq("watch", "--once", "--allow-private", "--json", "--db", db, env=env).stdout)
    assert [f["outcome"] for f in second["fetched"]] == ["feed", "revised"]
    listed = json.loads(tahqiq("list", "--db", db, "--json").stdout)["documents"]
    assert {d["source"] for d in listed} == {"نبض الشارع"} and all(d["published"] for d in listed)
    never = json.loads(tahqiq("watch", "--once", "--allow-private", "--json", "--db", db,
                              env={**ENV, "TAHQIQ_WATCH_REREAD_DAYS": "0"}).stdout)
    assert [f["outcome"] for f in never["fetched"]] == ["feed"]


def test_a_round_puts_new_articles_into_stories_and_checks_watched_claims(served: str,
                                                                          tmp_path: Path) -> None:
    db = str(tmp_path / "desk.db")
    assert tahqiq("feeds", "add", f"{served}/feed.xml", "--outlet", "نبض الشارع", "--db", db,
                  env=ENV).returncode == 0
    claim = "الأردن يرفع سعر البنزين 25 فلساً للتر"
    watched = tahqiq("claims", "add", claim, "--db", db, "--json", env=ENV)
    assert watched.returncode == 0, watched.stderr
    assert json.loads(watched.stdout)["verdict"] == "unverified"  # nothing stored yet
    events = tmp_path / "events.jsonl"
    first = tahqiq("watch", "--once", "--allow-private", "--db", db, "--events", str(events), env=ENV)
    assert first.returncode == 0, first.stderr
    assert "into stories 2" in first.stdout
    assert "verdict changed unverified (" in first.stdout and "→ supported (مدعوم)" in first.stdout
    lines = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    assert [e["kind"] for e in lines] == ["verdict_changed", "new_unit"]
    assert lines[1]["stance"] == "agree" and len(lines[1]["articles"]) == 2  # the copy counts once
    story = json.loads(tahqiq("stories", "--db", db, "--json").stdout)["stories"]
    assert len(story) == 1 and story[0]["size"] == 2 and story[0]["copies"] == 1
    quiet = tahqiq("watch", "--once", "--allow-private", "--db", db, "--json", env=ENV)
    report = json.loads(quiet.stdout)
    assert report["events"] == [] and report["storied"] == 0  # a 304: nothing new
