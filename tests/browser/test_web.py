"""The web page in headless Chromium (Debian's ``chromium``, driven by playwright).

`.ci/run` installs chromium and sets TAHQIQ_REQUIRE_BROWSER=1, so there a
missing browser fails the run; elsewhere these tests skip without one.
Screenshots go to ``$TAHQIQ_TEST_OUTPUT`` (default ``test-output/``).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("TAHQIQ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
REQUIRED = os.environ.get("TAHQIQ_REQUIRE_BROWSER") == "1"
if not Path(CHROMIUM).exists():
    if REQUIRED:
        raise RuntimeError(f"TAHQIQ_REQUIRE_BROWSER=1 but there is no chromium at {CHROMIUM}")
    pytest.skip("no chromium on this machine (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api")
pytest.importorskip("uvicorn")

from playwright.sync_api import Page, sync_playwright  # noqa: E402

OUTPUT = Path(os.environ.get("TAHQIQ_TEST_OUTPUT", "test-output"))
#: Chromium as root in a sandbox with no network (see the env notes).
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CLAIM = "مصر والسودان تستعدان لتنفيذ عملية عسكرية مشتركة في المثلث الحدودي قرب جبل العوينات"
HOSTILE_TITLE = "<img src=x onerror=window.__pwned=1>عنوان مفخخ"
HOSTILE_TEXT = ("<script>window.__pwned = 2</script> قال المتحدث باسم وزارة الري إن "
                "<b>مفاوضات</b> سد النهضة ستستأنف في الخرطوم الأسبوع المقبل بحضور الوسطاء الأفارقة. "
                "وأضاف أن الوفد المصري سيقدم مقترحاً جديداً حول قواعد الملء والتشغيل.")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from tahqiq import Corpus
    from tahqiq.api import create_app
    from tahqiq.config import resolve_settings
    from tahqiq.data import sample_path

    db = tmp_path_factory.mktemp("web") / "desk.db"
    with sample_path() as sample, Corpus(db) as corpus:
        corpus.ingest([sample])
    settings = resolve_settings({"db_path": db}, env={})
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def _page(browser: object, width: int = 1280, height: int = 900) -> tuple[Page, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    page.on("request", lambda req: None if req.url.startswith(("http://127.0.0.1", "data:"))
            else problems.append(f"left the server: {req.url}"))
    return page, problems


@pytest.mark.parametrize(("width", "height", "name"), [(1280, 900, "desktop"), (390, 844, "phone")])
def test_a_claim_opens_its_report(server: str, browser: object, width: int, height: int,
                                  name: str) -> None:
    page, problems = _page(browser, width, height)
    page.goto(server + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.fill("#claim", CLAIM)
    page.click("#check-submit")
    page.wait_for_selector("#verdict", timeout=60_000)
    verdict = page.get_attribute("#verdict", "data-verdict")
    assert verdict in {"supported", "refuted", "contested", "unverified"}
    from tahqiq.verify.vocabulary import word  # the page says what the reports say

    assert page.locator("#verdict .verdict-label").inner_text().strip() == word("verdicts", verdict)
    counts = page.locator("#counts .count")
    assert counts.count() == 3
    articles = page.locator("article.article")
    assert articles.count() > 3
    assert page.locator("article.article blockquote.evidence mark").count() > 0
    assert page.locator("#timeline-chart circle[data-doc]").count() > 3
    assert page.locator("#source-graph").count() == 1
    assert "#/check?claim=" in page.url  # the report can be bookmarked
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = OUTPUT / f"web-report-{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    # no horizontal scrolling at this width
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    assert problems == []


def test_search_then_document_view(server: str, browser: object) -> None:
    page, problems = _page(browser)
    page.goto(server + "/#/search")
    page.fill("#q", "عملية عسكرية مشتركة")
    page.press("#q", "Enter")
    page.wait_for_selector("#results .hit a")
    first = page.locator("#results .hit .meta").first
    assert first.locator("bdi.date").inner_text()[:4] == "2026"  # every hit shows its date
    assert first.locator(".outlet").inner_text().strip()  # and its outlet
    page.locator("#results .hit a").first.click()
    page.wait_for_selector("#doc-title")
    assert page.locator("#doc-text").inner_text().strip()
    assert problems == []


def test_article_markup_renders_as_text(server: str, browser: object, tmp_path: Path) -> None:
    page, problems = _page(browser)
    page.goto(server + "/#/upload")
    upload = tmp_path / "hostile.json"
    import json

    upload.write_text(json.dumps({"title": HOSTILE_TITLE, "text": HOSTILE_TEXT,
                                  "source": "<i>منفذ</i>"}, ensure_ascii=False), encoding="utf-8")
    page.set_input_files("#files", str(upload))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#upload-results li a")
    page.locator("#upload-results li a").first.click()
    page.wait_for_selector("#doc-title")
    assert page.locator("#doc-title").inner_text() == HOSTILE_TITLE
    assert "<script>" in page.locator("#doc-text").inner_text()
    assert page.locator("#doc img, #doc script, #doc b, #doc i").count() == 0
    assert page.evaluate("window.__pwned") is None
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "web-document-hostile.png"), full_page=True)
    assert problems == []


def test_counts_agree_with_their_numbers_in_arabic(server: str, browser: object) -> None:
    page, problems = _page(browser)
    page.goto(server + "/")
    expected = {0: "لا مقالات", 1: "مقالة واحدة", 2: "مقالتان", 3: "3 مقالات", 10: "10 مقالات",
                11: "11 مقالة", 99: "99 مقالة", 100: "100 مقالة", 102: "102 مقالة", 103: "103 مقالات"}
    for n, words in expected.items():
        assert page.evaluate(f"countOf({n}, 'article')") == words
    assert page.evaluate("countOf(2, 'copy')") == "نسختان"
    page.locator("#store-info", has_text="·").wait_for()
    info = page.locator("#store-info").inner_text()
    documents = page.evaluate("fetch('/stats').then((r) => r.json())")["documents"]
    assert documents >= 36 and info.startswith(f"{documents} مقالة · "), info  # 11-99: singular
    assert problems == []


def test_the_api_docs_render_their_operations(server: str, browser: object) -> None:
    page, problems = _page(browser)
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    body = page.locator("body").inner_text()
    assert "Unable to render this definition" not in body
    paths = {p.strip().replace("\u200b", "") for p in page.locator(".opblock-summary-path").all_inner_texts()}
    assert paths >= {"/documents", "/documents/{doc_id}", "/search", "/check", "/reuse", "/stats", "/health"}
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "api-docs.png"), full_page=True)
    assert problems == []


def test_copies_without_a_known_direction_are_drawn(server: str, browser: object) -> None:
    page, problems = _page(browser)
    claim = "البنك المركزي التونسي يخفض قيمة الدينار"  # its denials were copied with no known direction
    page.goto(server + "/#/check?claim=" + claim)
    page.wait_for_selector("#verdict", timeout=60_000)
    units = page.locator(".units li")
    assert units.count() >= 1  # the report merges copies into one evidence unit
    import re

    text = page.locator(".units").inner_text()
    assert not re.search(r"[0-9a-f]{8,}", text), text  # origins by title and outlet, never by id
    assert page.locator("svg#source-graph line.edge.same").count() >= 1
    assert page.locator("svg#source-graph line.edge.same[marker-end]").count() == 0
    assert "لا نسخ" not in page.locator("#source-graph").first.evaluate("n => n.textContent")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.locator("svg#source-graph").screenshot(path=str(OUTPUT / "copy-graph.png"))
    assert problems == []


def test_a_documents_copies_are_explained_in_arabic(server: str, browser: object) -> None:
    import re

    page, problems = _page(browser)
    page.goto(server + "/")
    link = page.evaluate("fetch('/reuse').then((r) => r.json())")["links"][0]
    page.goto(server + "/#/doc/" + link["a"])
    page.wait_for_selector(".links li")
    text = page.locator(".card.links").inner_text()
    assert not re.search(r"[A-Za-z]", text), text  # the API's English reason stays out of the page
    assert "الاتجاه بحسب" in text or "لا يُعرف أيّهما الأصل" in text
    assert problems == []


def test_errors_reach_the_page_in_arabic(server: str, browser: object, tmp_path: Path) -> None:
    import re

    page, problems = _page(browser)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    page.goto(server + "/#/upload")
    page.set_input_files("#files", str(binary))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#upload-results .error")
    said = page.locator("#upload-results .error").inner_text().replace("scan.txt", "")
    assert "ملف ثنائي" in said and not re.search(r"[A-Za-z]", said), said
    page.goto(server + "/#/doc/ffffffffffffffff")
    page.wait_for_selector(".error")
    assert page.locator(".error").first.inner_text() == "لا توجد مقالة بهذا المعرّف."
    page.goto(server + "/#/doc/ffff")
    page.locator(".error", has_text="قصير").first.wait_for()
    # 404 and 422 answers are expected here; nothing else may go wrong
    assert [p for p in problems if "request failed" not in p] == []


@pytest.mark.parametrize(("width", "height", "name"), [(1280, 900, "desktop"), (390, 844, "phone")])
def test_the_timeline_reads_right_to_left_with_labelled_dots(server: str, browser: object, width: int,
                                                             height: int, name: str) -> None:
    page, problems = _page(browser, width, height)
    page.goto(server + "/#/check?claim=" + CLAIM)
    page.wait_for_selector("#timeline-chart circle[data-doc]", timeout=60_000)
    dots = page.evaluate("""() => [...document.querySelectorAll('#timeline-chart a')].map((a) => ({
        x: a.querySelector('circle').getBoundingClientRect().x, label: a.getAttribute('aria-label')}))""")
    dated = page.evaluate("(claim) => fetch('/check', {method: 'POST', headers: {'content-type': "
                          "'application/json'}, body: JSON.stringify({claim, k: 20})}).then((r) => r.json())",
                          CLAIM)
    first_day = min(t["date"] for t in dated["timeline"])[:10]
    last_day = max(t["date"] for t in dated["timeline"])[:10]
    by_day = {}
    for dot in dots:
        assert " · " in dot["label"]  # title · outlet · date · stance
        by_day.setdefault(next(d for d in (first_day, last_day, "") if d in dot["label"] or not d), []).append(dot["x"])
    assert max(by_day[first_day]) > min(by_day[last_day])  # the earliest report sits to the right
    sizes = page.evaluate("[...document.querySelectorAll('#timeline-chart text.day')]"
                          ".map((t) => t.getBoundingClientRect().height)")
    assert len(sizes) >= 3 and min(sizes) >= 10  # day labels readable at this width
    page.locator("#timeline-chart a").first.focus()
    assert page.locator("#timeline-chart a:focus .tip").is_visible()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.locator("#timeline-chart").screenshot(path=str(OUTPUT / f"timeline-{name}.png"))
    assert problems == []


def test_ids_numbers_dates_and_outlets_are_isolated(server: str, browser: object) -> None:
    """Every date, outlet, percentage, count and id inside a right-to-left line sits in its own <bdi>."""
    import re

    page, problems = _page(browser)
    page.goto(server + "/#/check?claim=" + CLAIM)
    page.wait_for_selector("article.article", timeout=60_000)
    assert re.fullmatch(r"\d+٪", page.locator("#verdict .meta bdi").inner_text())
    assert page.locator("#counts .count b bdi").count() == 3
    assert page.locator("#counts .independent bdi").count() == 3
    first = page.locator("article.article").first
    assert re.fullmatch(r"\d+٪", first.locator(".badge bdi").first.inner_text())
    meta = first.locator(":scope > .meta bdi").all_inner_texts()
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", m) for m in meta), meta  # the date alone
    # a line of plain text between isolates holds no digit or Latin letter
    loose = page.evaluate("""() => [...document.querySelectorAll('#report .meta, #report .badge, #report .count')]
        .flatMap((node) => [...node.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent))""")
    assert not [t for t in loose if re.search(r"[0-9A-Za-z]", t)], loose
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "web-isolation.png"), full_page=True)
    assert problems == []


def test_a_copys_origin_is_named_by_title_outlet_and_date(server: str, browser: object) -> None:
    import re

    page, problems = _page(browser)
    page.goto(server + "/#/check?claim=" + CLAIM)
    page.wait_for_selector("article.article", timeout=60_000)
    origins = page.locator(".provenance a").all_inner_texts()
    assert origins, "the sample holds copies: some article names what it copies"
    assert not [o for o in origins if re.fullmatch(r"[0-9a-f]{6,16}", o)], origins  # titles, not hex ids
    assert problems == []


def test_report_warnings_are_arabic(server: str, browser: object) -> None:
    import re

    page, problems = _page(browser)
    page.goto(server + "/#/check?claim=" + "Egypt and Sudan prepare a joint military operation")
    page.wait_for_selector(".warnings li", timeout=60_000)
    said = page.locator(".warnings").inner_text()
    assert "ليس بالعربية" in said and not re.search(r"[A-Za-z]", said), said
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "web-warnings.png"), full_page=True)
    assert problems == []


def test_the_verdicts_sums_are_shown_unit_by_unit(server: str, browser: object) -> None:
    import re

    page, problems = _page(browser, 390, 844)
    page.goto(server + "/#/check?claim=" + CLAIM)
    page.wait_for_selector("#tally tr td", timeout=60_000)
    rows = page.locator("#tally tr").count()
    assert rows >= 3  # a header and at least two units that take a side
    said = page.locator("#tally").inner_text()
    assert "كيف حُسب الحكم" in said and not re.search(r"[A-Za-z]", said), said
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.locator("#tally").screenshot(path=str(OUTPUT / "tally-phone.png"))
    assert problems == []


def test_stories_show_their_titles_as_text_and_open_a_timeline(server: str, browser: object) -> None:
    import re

    page, problems = _page(browser)
    page.goto(server + "/")
    hostile = {"title": HOSTILE_TITLE + " (قصة)", "text": HOSTILE_TEXT + " وقال إن الجولة المقبلة حاسمة.",
               "source": "<i>منفذ القصص</i>", "published": "2026-11-25T10:00:00+02:00"}
    added = page.evaluate("(body) => fetch('/documents', {method: 'POST', headers: {'content-type': "
                          "'application/json'}, body: JSON.stringify(body)}).then((r) => r.status)", hostile)
    assert added in (200, 201)
    listed = page.evaluate("fetch('/stories').then((r) => r.json())")["stories"]
    page.goto(server + "/#/stories")
    page.wait_for_selector("#stories .story a.story-title")
    titles = page.locator("#stories .story a.story-title").all_inner_texts()
    assert titles == [s["title"] or "(بلا عنوان)" for s in listed]
    assert hostile["title"] in titles  # markup in a title is shown, never run
    assert page.locator("#stories img, #stories i, #stories script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert "مجموع القصص" in page.locator("#stories-info").inner_text()
    biggest = max(listed, key=lambda s: s["size"])
    card = page.locator(f"#stories .story[data-story='{biggest['id']}']")
    facts = card.locator(".story-facts").inner_text()
    assert "عدد المقالات" in facts and "أول خبر" in facts and "تقارير مستقلة" in facts
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "web-stories.png"), full_page=True)
    card.locator("a.story-title").click()
    page.wait_for_selector("#story-title")
    assert page.locator("#story-title").inner_text() == biggest["title"]
    assert page.locator("#story-timeline li.entry").count() == biggest["size"]
    copies = page.locator("#story-timeline li.entry.copy .copy-of")
    assert copies.count() == biggest["copies"] >= 1
    assert copies.first.inner_text().startswith("نسخة من")
    text = page.locator("#story").inner_text()
    assert "الوحدة" in text and not re.search(r"[A-Za-z]", text), text  # no English, no hex ids
    page.screenshot(path=str(OUTPUT / "web-story.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    assert problems == []


def test_a_watched_claim_and_what_changed_since(server: str, browser: object) -> None:
    import re

    from tahqiq.verify.vocabulary import word

    page, problems = _page(browser)
    page.goto(server + "/#/claims")
    page.wait_for_selector("#claims-list .status")
    since = page.input_value("#changes-since")  # the last 24 hours unless chosen
    hours = page.evaluate("(v) => (Date.now() - new Date(v).getTime()) / 3600000", since)
    assert 23.9 < hours < 24.1
    page.fill("#watch-claim", "البنك المركزي التونسي يخفض قيمة الدينار")
    page.click("#watch-submit")
    page.wait_for_selector("#claims-list .watched", timeout=60_000)
    badge = page.locator("#claims-list .watched .verdict-badge").first
    verdict = badge.get_attribute("data-verdict")
    assert badge.inner_text().startswith(word("verdicts", verdict))
    page.wait_for_selector("#changes li.event.first_verdict")
    changes = page.locator("#changes").inner_text()
    assert "الحكم الأول" in changes and word("verdicts", verdict) in changes
    assert not re.search(r"[A-Za-z]", changes), changes
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUTPUT / "web-claims.png"), full_page=True)
    # the other kinds of event, with markup in a title shown as text
    shown = page.evaluate("""(title) => [
        eventItem({id: 8, claim_id: 1, claim: 'ادعاء', check: 2, at: '2026-12-01T10:00:00+00:00',
                   kind: 'verdict_changed', from: 'refuted', to: 'supported', confidence: 0.7,
                   independent_counts: {agree: 3, disagree: 1, discuss: 0}}, true),
        eventItem({id: 9, claim_id: 1, claim: 'ادعاء', check: 2, at: '2026-12-01T10:00:00+00:00',
                   kind: 'new_unit', stance: 'disagree', voice: 'named', origin: 'x',
                   articles: [{doc_id: 'abcdef012345', title, source: 'منفذ', published: '2026-11-30',
                               url: null, stance: 'disagree'}]}, true)]
        .map((node) => [node.textContent, node.querySelectorAll('img').length])""", HOSTILE_TITLE)
    assert "تغيّر الحكم من «مدحوض» إلى «مدعوم»" in shown[0][0]
    assert "تقرير مستقل جديد (ينفي)" in shown[1][0] and HOSTILE_TITLE in shown[1][0] and shown[1][1] == 0
    page.locator("#claims-list a.claim-text").first.click()
    page.wait_for_selector("#claim-title")
    assert page.locator("#claim-title").inner_text() == "«البنك المركزي التونسي يخفض قيمة الدينار»"
    assert page.locator("#claim-events li.event").count() == 1
    page.goto(server + "/#/claims")
    remove = page.locator("#claims-list .watched button.secondary").first
    remove.click()  # the first click asks to confirm
    assert page.locator("#claims-list .watched").count() == 1
    remove.click()
    page.wait_for_selector("#claims-list .status")
    assert page.evaluate("fetch('/claims').then((r) => r.json())") == {"claims": []}
    assert problems == []
