"""A standing fuzz suite: hostile files, records, queries and HTTP bodies.

A short, derandomized budget (the same 150 cases a test on every run, a few
seconds in all), so CI is never red by chance; ``python bench/fuzz_long.py``
draws many more at random.  The properties: no input raises anything but tahqiq's own
errors, no server answer is a 5xx, and every good record of a mixed batch is
stored.  It found that an uploaded JSON Lines batch with a NUL byte on one line
was refused whole as a binary file.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_fixtures import sample_corpus
from tahqiq.errors import TahqiqError
from tahqiq.types import IngestFailure, RawDocument

#: Cases per test: 150 derandomized in CI; ``bench/fuzz_long.py`` sets more, drawn at random.
EXAMPLES = int(os.environ.get("TAHQIQ_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 150, database=None,
                suppress_health_check=list(HealthCheck))
SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".rss", ".atom", ".xml", ".md", ""]
ARABIC = "".join(chr(cp) for cp in range(0x0621, 0x064B) if cp != 0x0640)

hostile_text = st.one_of(
    st.text(max_size=400),
    st.text(alphabet=ARABIC + " .،\n\u0640\u200f\ufffd<>&\"'", max_size=400),
    st.sampled_from(["<html><body>" + "<div>" * 300 + "نص</div>" * 300,
                     "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><rss>&e;</rss>",
                     "<script>alert(1)</script><template><p>مخفي</p></template>", "{" * 5000, "\ud800"]),
)


def good_record(i: int) -> dict:
    return {"title": f"خبر رقم {i}", "text": f"أعلنت الوزارة اليوم خطة رقم {i} لدعم المزارعين في "
            f"المحافظة {i} مع بداية الموسم الزراعي، وقال الوزير إن الخطة تشمل قروضا ميسرة."}


bad_line = st.one_of(
    st.just('{"text": "نص فيه \\ud800 محرف مفرد"}'), st.just("{broken"), st.just("[]"), st.just("null"),
    st.just('{"text": ""}'), st.just('{"text": 12345678901234567890123}'), st.just("\u2028"),
    st.text(max_size=80).map(lambda t: json.dumps({"text": t}, ensure_ascii=False)),
    st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
)


@FUZZ
@given(data=st.one_of(st.binary(max_size=600), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_become_documents_or_failures(data: bytes, suffix: str) -> None:
    from tahqiq.ingest import read_bytes

    try:
        items = list(read_bytes(data, "upload" + suffix, max_bytes=1 << 20))
    except TahqiqError:
        return
    assert all(isinstance(item, (RawDocument, IngestFailure)) for item in items)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    yield from sample_corpus(tmp_path_factory, "fuzz")


@FUZZ
@given(good=st.integers(min_value=0, max_value=6), bad=st.lists(bad_line, max_size=6), seed=st.randoms())
def test_every_good_record_of_a_mixed_batch_is_stored(corpus, good: int, bad: list[str], seed) -> None:
    base = seed.randint(0, 10**9)
    lines = [json.dumps(good_record(base + i), ensure_ascii=False) for i in range(good)] + bad
    seed.shuffle(lines)
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    report = corpus.ingest_bytes(data, "batch.jsonl", link=False)
    stored = {d.doc_id for d in report.documents}
    titles = {corpus.get(doc_id).title for doc_id in stored}
    assert {f"خبر رقم {base + i}" for i in range(good)} <= titles


@FUZZ
@given(query=st.one_of(st.text(max_size=300), st.text(alphabet=ARABIC, min_size=1, max_size=30000)),
       k=st.integers(min_value=-5, max_value=2000))
def test_a_query_answers_or_says_why(corpus, query: str, k: int) -> None:
    try:
        hits = corpus.search(query, k=k)
    except TahqiqError:
        return
    assert len(hits) <= k


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from tahqiq.api import create_app
    from tahqiq.config import resolve_settings

    db = tmp_path_factory.mktemp("fuzz-api") / "desk.db"
    with TestClient(create_app(resolve_settings({"db_path": db}, env={})),
                    raise_server_exceptions=False) as c:
        yield c


@FUZZ
@given(body=st.one_of(st.binary(max_size=400), hostile_text.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       path=st.sampled_from(["/documents", "/check"]),
       content_type=st.sampled_from(["application/json", "text/plain", "multipart/form-data; boundary=x", ""]))
def test_no_http_body_gets_a_server_error(client, body: bytes, path: str, content_type: str) -> None:
    headers = {"content-type": content_type} if content_type else {}
    answer = client.post(path, content=body, headers=headers)
    assert answer.status_code < 500, (answer.status_code, answer.text[:200])
