"""The HTTP API through httpx (FastAPI's TestClient), on the bundled sample corpus."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from api_fixtures import api_client, sample_db  # noqa: E402
from tahqiq.api import Desk, create_app  # noqa: E402
from tahqiq.config import resolve_settings  # noqa: E402

CLAIM = "مصر والسودان تستعدان لتنفيذ عملية عسكرية مشتركة في المثلث الحدودي قرب جبل العوينات"
HOSTILE = ("<script>alert('x')</script><img src=x onerror=alert(1)> أعلنت وزارة الخارجية "
           "اليوم أن المفاوضات حول سد النهضة ستستأنف الأسبوع المقبل في الخرطوم بحضور الوسطاء.")
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_db(tmp_path_factory, "api")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    yield from api_client(db)


@pytest.fixture()
def locked(db: Path) -> Iterator[TestClient]:
    yield from api_client(db, api_token="s3cret", max_request_bytes=4096)


def test_health_and_stats(client: TestClient) -> None:
    health = client.get("/health").json()
    assert health["status"] == "ok" and health["documents"] > 30
    assert health["indexed"] == health["documents"] and health["index_lag"] == 0
    stats = client.get("/stats").json()
    assert stats["documents"] == health["documents"]
    assert stats["reuse_links"] >= 1 and stats["pending_links"] == 0


def test_search_matches_the_cli_contract(client: TestClient) -> None:
    response = client.get("/search", params={"q": "عملية عسكرية مشتركة", "k": 3})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "عملية عسكرية مشتركة" and 0 < len(data["results"]) <= 3
    assert {"doc_id", "score", "title", "snippet"} <= set(data["results"][0])


def test_check_returns_the_cli_report(client: TestClient, db: Path) -> None:
    response = client.post("/check", json={"claim": CLAIM, "k": 8})
    assert response.status_code == 200
    report = response.json()
    from tahqiq import Corpus

    with Corpus(db) as corpus:  # the same library call as `tahqiq check --json`
        expected = corpus.check(CLAIM, 8).to_json()
    whys = [e.pop("why") for a in report["articles"] for e in a["evidence"] if "why" in e]
    assert whys and all(any("\u0600" <= ch <= "\u06ff" for ch in why) for why in whys)  # Arabic
    from tahqiq.api.service import public_paths  # the API cuts server paths to file names

    assert report == json.loads(json.dumps(public_paths(expected), ensure_ascii=False))
    assert report["verdict"] in {"supported", "refuted", "contested", "unverified"}
    assert report["articles"] and "evidence_unit" in report["articles"][0]


def test_document_and_its_sources_and_links(client: TestClient) -> None:
    link = client.get("/reuse", params={"limit": 1}).json()["links"][0]
    doc = client.get(f"/documents/{link['a']}").json()
    assert doc["doc_id"] == link["a"] and doc["text"]
    assert any(other["b"] == link["b"] for other in doc["links"])
    shown = next(other for other in doc["links"] if other["b"] == link["b"])
    assert shown["other"]["doc_id"] == link["b"] and shown["other"]["title"]  # the copy by its title
    sources = client.get(f"/documents/{link['a']}/sources").json()
    assert sources["doc_id"] == link["a"] and "attributions" in sources


def test_reuse_pages_and_filters(client: TestClient) -> None:
    everything = client.get("/reuse").json()
    assert everything["total"] == len(everything["links"]) >= 1
    first = everything["links"][0]
    assert {"a", "b", "spans_a", "spans_b", "shared_fraction", "direction"} <= set(first)
    one = client.get("/reuse", params={"doc": first["b"]}).json()
    assert all(link["a"] == first["b"] for link in one["links"]) and one["links"]


@pytest.mark.parametrize(("method", "path", "kwargs", "status"), [
    ("get", "/documents/ffffffffffff", {}, 404),
    ("get", "/search", {"params": {"q": "؟!… ،", "k": 5}}, 422),
    ("get", "/search", {"params": {"q": "سد", "k": 0}}, 422),
    ("get", "/search", {}, 422),
    ("post", "/check", {"json": {"claim": "سد", "k": 1000}}, 422),
    ("post", "/check", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422),
    ("post", "/documents", {"content": b"text", "headers": {"content-type": "text/plain"}}, 415),
    ("post", "/documents", {"files": {"file": ("x.exe", b"MZ\x00\x01")}}, 422),
    ("post", "/documents", {"files": {"other": ("a.txt", b"x")}}, 422),
    ("post", "/documents", {"json": {"title": "no text"}}, 422),
    ("get", "/nowhere", {}, 404),
])
def test_errors_are_problem_details(client: TestClient, method: str, path: str,
                                    kwargs: dict, status: int) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]


def test_bad_claims_get_a_defined_verdict(client: TestClient) -> None:
    for claim in ("", "   ", "The two governments deny everything", "ب" * 15000):
        report = client.post("/check", json={"claim": claim, "k": 5}).json()
        assert report["verdict"] in {"unverified", "supported", "refuted", "contested"}
        assert report.get("warnings")


def test_upload_json_and_files_then_read_them_back(client: TestClient) -> None:
    body = {"text": HOSTILE, "title": "<b>عنوان</b>", "source": "اختبار", "published": "2026-11-20"}
    added = client.post("/documents", json=body)
    assert added.status_code == 201
    doc_id = added.json()["documents"][0]["doc_id"]
    again = client.post("/documents", json=body)
    assert again.status_code == 200 and again.json()["duplicates"] == 1
    doc = client.get(f"/documents/{doc_id}").json()
    assert doc["title"] == "<b>عنوان</b>" and "سد النهضة" in doc["text"]
    hits = client.get("/search", params={"q": "سد النهضة الخرطوم الوسطاء"}).json()["results"]
    assert doc_id in [hit["doc_id"] for hit in hits]  # the readers see the writer's commit
    html = ("<html><head><title>خبر</title></head><body><article><h1>خبر</h1><p>"
            + "قال المتحدث باسم الحكومة إن الاجتماع الوزاري سيعقد في عمّان يوم الأحد المقبل. " * 6
            + "</p></article></body></html>")
    upload = client.post("/documents", files={"file": ("page.html", html.encode("utf-8"), "text/html")})
    assert upload.status_code == 201, upload.text
    assert upload.json()["documents"][0]["source_path"] == "page.html"


def test_writes_need_the_token_when_one_is_set(locked: TestClient) -> None:
    body = {"text": "أكدت مصادر مطلعة أن الوفد سيصل إلى القاهرة مساء الغد لاستكمال المحادثات."}
    refused = locked.post("/documents", json=body)
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    assert refused.json()["detail"] == "a bearer token is required"
    wrong = locked.post("/documents", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["detail"] == "the bearer token is not valid"
    assert 'error="invalid_token"' in wrong.headers["www-authenticate"]
    empty = locked.post("/documents", json=body, headers={"Authorization": "Bearer "})
    assert empty.json()["detail"] == "a bearer token is required"
    odd = locked.post("/documents", json=body, headers={"Authorization": "Bearer s3crét".encode("latin-1")})
    assert odd.status_code == 401  # a non-ASCII token is a wrong token, not a 500
    far = locked.get("/reuse", params={"offset": 10**30})
    assert far.status_code == 422
    ok = locked.post("/documents", json=body, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code in (200, 201)
    assert locked.get("/health").status_code == 200  # reads stay open


def test_request_size_is_limited(locked: TestClient) -> None:
    big = {"text": "خبر " * 5000}
    response = locked.post("/documents", json=big, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith(PROBLEM)

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it streams
        for _ in range(10):
            yield b'{"text": "' + "خبر ".encode() * 200

    streamed = locked.post("/check", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_docs_and_page_load_nothing_from_elsewhere(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    docs = client.get("/docs").text
    scripts = [client.get(f"/static/{name}.js").text for name in ("app", "check", "news")]
    for text in (page.text, docs, *scripts):
        assert "http://" not in text.replace("http://www.w3.org", "") and "https://" not in text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert set(client.get("/openapi.json").json()["paths"]) >= {
        "/documents", "/documents/{doc_id}", "/search", "/check", "/reuse", "/stats", "/health", "/vocabulary"}
    from tahqiq.verify.vocabulary import vocabulary

    words = client.get("/vocabulary").json()
    assert words == {k: vocabulary()[k] for k in ("verdicts", "stances", "marks", "basis", "voices")}


def test_reads_keep_working_while_an_ingest_runs(db: Path, tmp_path: Path) -> None:
    settings = resolve_settings({"db_path": db}, env={})
    desk = Desk(settings, readers=2)
    lines = [json.dumps({"text": f"خبر رقم {i}: " + "أعلنت الحكومة خطة جديدة لدعم المزارعين "
                                  f"في المحافظة {i} مع بداية الموسم الزراعي. " * 5},
                        ensure_ascii=False) for i in range(400)]
    data = "\n".join(lines).encode("utf-8")
    done = threading.Event()
    reads: list[float] = []

    def ingest() -> None:
        try:
            desk.ingest_bytes(data, "batch.jsonl")
        finally:
            done.set()

    writer = threading.Thread(target=ingest)
    writer.start()
    try:
        while not done.is_set():
            started = time.perf_counter()
            assert desk.search("عملية عسكرية", 3)["results"]
            reads.append(time.perf_counter() - started)
    finally:
        writer.join()
        desk.close()
    assert len(reads) >= 3  # reads were served during the ingest, not after it


def test_tahqiq_serve_answers_on_loopback(db: Path) -> None:
    import os
    import socket
    import subprocess
    import sys

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "TAHQIQ_TOKEN": "t0ken"}
    proc = subprocess.Popen([sys.executable, "-m", "tahqiq", "serve", "--db", str(db), "--port",
                             str(port)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.2)
        # "behind" when this module's own server still holds uncommitted index writes
        assert health.json()["status"] in ("ok", "behind") and health.json()["documents"] > 30
        refused = httpx.post(f"http://127.0.0.1:{port}/documents", json={"text": "نص"}, timeout=30)
        assert refused.status_code == 401
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "writes: required" in proc.stderr.read()


def test_no_server_path_reaches_an_api_reader(client: TestClient, db: Path) -> None:
    from tahqiq import Corpus

    with Corpus(db, readonly=True) as corpus:
        stored = [d for d in corpus.store.list_documents() if d["source_path"] and "/" in d["source_path"]]
    assert stored, "the sample was ingested from absolute paths"
    doc_id, source_path = stored[0]["doc_id"], stored[0]["source_path"]
    shown = client.get(f"/documents/{doc_id}").json()
    assert shown["source_path"] == Path(source_path).name
    hits = client.get("/search", params={"q": "البنك المركزي التونسي الدينار", "k": 10}).json()["results"]
    report = client.post("/check", json={"claim": "البنك المركزي التونسي يخفض قيمة الدينار",
                                         "k": 10, "all": True}).json()
    served = [shown, hits, report, client.get("/reuse").json()]
    assert all(str(Path(source_path).parent) not in json.dumps(x, ensure_ascii=False) for x in served)
    paths = [h["source_path"] for h in hits] + [a["source_path"] for a in report["articles"]]
    assert any(paths) and all(p is None or "/" not in p for p in paths)


def test_cross_site_writes_are_refused_even_without_a_token(client: TestClient) -> None:
    body = {"text": "أكدت مصادر مطلعة أن الوفد سيصل إلى عمّان مساء الغد لاستكمال المحادثات حول المياه."}
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        refused = client.post("/documents", json=body, headers=headers)
        assert refused.status_code == 403 and refused.json()["detail"] == "cross-site writes are refused"
    same = client.post("/documents", json=body, headers={"Origin": "http://testserver",
                                                          "Sec-Fetch-Site": "same-origin"})
    assert same.status_code in (200, 201)
    assert client.get("/search", params={"q": "الوفد"}, headers={"Origin": "https://evil.example"}).status_code == 200


def test_a_document_stored_without_indexing_is_indexed_when_the_server_starts(tmp_path: Path) -> None:
    from tahqiq import Corpus
    from tahqiq.store import Store
    from tahqiq.text import build_document
    from tahqiq.types import RawDocument

    db = tmp_path / "desk.db"
    with Corpus(db) as corpus:
        corpus.ingest_bytes("أعلنت الحكومة اليوم خطة جديدة لدعم المزارعين في الجنوب مع بداية الموسم.".encode(),
                            "first.txt")
    with Store(db) as store:  # a writer that stored without indexing (another process, a crash)
        store.add_documents([build_document(RawDocument(
            text="قالت وزارة الصحة إن حملة التطعيم ستبدأ الأسبوع المقبل في المدارس.", fmt="txt"))])
    with Corpus(db, readonly=True) as corpus:
        assert corpus.store.count() == 2  # stored, but the index holds only the first
    for client in api_client(db):
        health = client.get("/health").json()
        found = client.get("/search", params={"q": "حملة التطعيم"}).json()["results"]
    assert (health["documents"], health["indexed"], health["index_lag"], health["status"]) == (2, 2, 0, "ok")
    assert found and "التطعيم" in found[0]["snippet"]


def test_a_host_allow_list_refuses_rebound_names(db: Path) -> None:
    resolved = resolve_settings({"db_path": db}, env={})
    with TestClient(create_app(resolved, allowed_hosts=["127.0.0.1", "localhost"])) as client:
        assert client.get("/health", headers={"Host": "evil.example"}).status_code == 400
        assert client.get("/health", headers={"Host": "localhost:8000"}).status_code == 200


def test_serve_beyond_loopback_needs_a_token(db: Path) -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHQIQ_")}
    proc = subprocess.run([sys.executable, "-m", "tahqiq", "serve", "--host", "0.0.0.0", "--db", str(db)],
                          env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "needs a write token: set TAHQIQ_TOKEN" in proc.stderr


def test_allowed_hosts_cover_loopback_the_address_and_extras() -> None:
    from tahqiq.cli.serve_command import allowed_hosts, is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("127.0.0.5")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    hosts = allowed_hosts("192.168.1.4", ["desk.example", " "])
    assert {"localhost", "127.0.0.1", "192.168.1.4", "desk.example"} <= set(hosts) and "" not in hosts


def test_an_upload_never_forks_workers_out_of_the_threaded_server(tmp_path: Path, monkeypatch) -> None:
    import multiprocessing

    from tahqiq.sources import parallel

    def no_fork(*args: object, **kwargs: object) -> None:
        raise AssertionError("the server forked a worker pool")

    monkeypatch.setattr(parallel.multiprocessing, "get_context", no_fork)
    assert multiprocessing.get_context is no_fork
    lines = [json.dumps({"title": f"خبر {i}", "text": f"أعلنت وزارة الزراعة اليوم خطة رقم {i} لدعم مزارعي "
                         f"القمح في المحافظة رقم {i} مع بداية الموسم، وقال الوزير إن الخطة تشمل قروضا ميسرة "
                         "وبذورا محسنة وتوسيع شبكات الري في القرى البعيدة."}, ensure_ascii=False)
             for i in range(120)]
    for client in api_client(tmp_path / "desk.db", workers=2):
        answer = client.post("/documents", files={"file": ("batch.jsonl", "\n".join(lines).encode(),
                                                           "application/jsonl")})
        assert answer.status_code == 201, answer.text
        assert answer.json()["added"] == 120
        _wait_linked(client)  # linked by the background thread, in this process
        assert client.get("/stats").json()["pending_links"] == 0


def _wait_linked(client: TestClient, seconds: float = 60) -> None:
    import time

    deadline = time.monotonic() + seconds
    while client.get("/health").json()["pending_links"]:
        assert time.monotonic() < deadline, "the background linker never caught up"
        time.sleep(0.1)


def test_an_upload_returns_before_linking_and_the_document_says_when_it_is_linked(tmp_path: Path) -> None:
    """Linking runs off the request: the answer comes once the documents are stored and indexed."""
    text = ("أعلنت وزارة النقل اليوم إطلاق خط حافلات سريع يربط وسط المدينة بالمطار الدولي، وقال الوزير "
            "إن الخط سيخدم نحو عشرين ألف راكب يوميا اعتبارا من الشهر المقبل.")
    for client in api_client(tmp_path / "desk.db"):
        first = client.post("/documents", json={"text": text, "title": "حافلات المطار"}).json()
        copy = client.post("/documents", json={"text": text + " وأضاف أن التذكرة ستباع إلكترونيا.",
                                               "title": "خط سريع إلى المطار"}).json()
        copy_id = copy["documents"][0]["doc_id"]
        _wait_linked(client)
        doc = client.get(f"/documents/{copy_id}").json()
        assert doc["linked"] is True
        assert [link["b"] if link["a"] == copy_id else link["a"] for link in doc["links"]] == \
            [first["documents"][0]["doc_id"]]
        health = client.get("/health").json()
        assert health["pending_links"] == 0 and health["link_error"] is None


def _stops_within_five_seconds(proc: subprocess.Popen[str], sig: int) -> None:
    """Send ``sig`` to a server process; it must exit within 5 s (killed otherwise)."""
    import os
    import signal

    started = time.monotonic()
    proc.send_signal(sig)
    try:
        proc.wait(timeout=5)
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_serve_stops_within_five_seconds_of_a_signal(db: Path, sig: str) -> None:
    import signal
    import socket
    import subprocess
    import sys

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "tahqiq", "serve", "--db", str(db), "--port", str(port)],
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/health", timeout=5)
            break
        except httpx.TransportError:
            assert proc.poll() is None and time.monotonic() < deadline
            time.sleep(0.2)
    _stops_within_five_seconds(proc, getattr(signal, sig))
    with socket.socket() as sock:  # the port is free again: nothing was orphaned
        sock.bind(("127.0.0.1", port))


def test_a_server_error_closes_the_connection_and_says_only_what_failed(db: Path) -> None:
    resolved = resolve_settings({"db_path": db}, env={})
    desk = Desk(resolved, readers=1)

    def broken() -> dict:
        raise RuntimeError(f"cannot read {db} (secret text of an article)")

    desk.stats = broken  # type: ignore[method-assign]
    with TestClient(create_app(resolved, desk=desk), raise_server_exceptions=False) as client:
        answer = client.get("/stats")
    assert answer.status_code == 500 and answer.headers["connection"] == "close"
    assert answer.json()["detail"] == "RuntimeError: the server failed"
    assert str(db) not in answer.text and "secret" not in answer.text


def test_documents_a_cli_ingest_stores_while_the_server_runs_become_searchable(tmp_path: Path) -> None:
    """The server holds the index writer; a CLI ingest on the same database cannot index, says
    so, and the server indexes its documents within seconds (no restart)."""
    import os
    import subprocess
    import sys
    import time

    db = tmp_path / "desk.db"
    page = tmp_path / "port.txt"
    page.write_text("قال مدير الميناء إن السفينة الزرقاء رست أمس محملة بالقمح القادم من البحر الأسود.\n",
                    encoding="utf-8")
    for client in api_client(db):
        stored = client.post("/documents", json={"text": "أعلنت وزارة الطاقة اليوم خطة لتركيب ألواح "
                                                         "شمسية فوق المدارس الحكومية في الجنوب."})
        assert stored.status_code == 201  # the server now holds the index writer
        env = {k: v for k, v in os.environ.items() if not k.startswith("TAHQIQ_")}
        cli = subprocess.run([sys.executable, "-m", "tahqiq", "ingest", str(page), "--db", str(db), "--json"],
                             capture_output=True, text=True, env=env, timeout=120)
        assert cli.returncode == 0, cli.stderr
        assert json.loads(cli.stdout)["added"] == 1
        deadline = time.monotonic() + 30
        while not client.get("/search", params={"q": "السفينة الزرقاء"}).json()["results"]:
            assert time.monotonic() < deadline, client.get("/health").json()
            time.sleep(0.2)
        health = client.get("/health").json()
        assert health["index_lag"] == 0 and health["status"] == "ok"


def test_serve_stops_within_five_seconds_while_linking_a_backlog(tmp_path: Path) -> None:
    """SIGTERM while the background linker works through a backlog: the server is gone within
    5 s, and a later `tahqiq reuse` links what is left, each pair once."""
    import os
    import signal
    import socket
    import subprocess
    import sys

    import httpx

    db = tmp_path / "desk.db"
    lines = [json.dumps({"title": f"خبر {i}", "text": f"أعلنت وزارة الزراعة اليوم خطة رقم {i} لدعم مزارعي القمح "
                         f"في المحافظة {i % 50} مع بداية الموسم، وقال الوزير إن الخطة {i} تشمل قروضا ميسرة "
                         f"وبذورا محسنة وتوسيع شبكات الري في القرى البعيدة رقم {i % 7}."}, ensure_ascii=False)
             for i in range(3000)]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHQIQ_")}
    run = [sys.executable, "-m", "tahqiq"]
    assert subprocess.run([*run, "ingest", str(batch), "--db", str(db), "--no-link"], env=env,
                          capture_output=True, timeout=300).returncode == 0
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([*run, "serve", "--db", str(db), "--port", str(port)], env=env,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).json()
            if health["linking"]:
                break
        except httpx.TransportError:
            pass
        assert proc.poll() is None and time.monotonic() < deadline, "the linker never started"
        time.sleep(0.1)
    _stops_within_five_seconds(proc, signal.SIGTERM)
    rest = subprocess.run([*run, "reuse", "--db", str(db), "--json", "--limit", "1000000"], env=env,
                          capture_output=True, text=True, timeout=600)
    assert rest.returncode == 0, rest.stderr
    pairs = [(link["a"], link["b"]) for link in json.loads(rest.stdout)["links"]]
    assert len(pairs) == len(set(pairs))
    stats = json.loads(subprocess.run([*run, "stats", "--db", str(db), "--json"], env=env,
                                      capture_output=True, text=True, timeout=120).stdout)
    assert stats["documents"] == 3000
