"""Stories and watched claims over HTTP (FastAPI's TestClient), on the bundled sample corpus.

The answers are the JSON of ``tahqiq stories --json``, ``tahqiq story ID --json`` and
``tahqiq claims ... --json``; errors are problem details; writes take the write token.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from api_fixtures import api_client, sample_db  # noqa: E402
from cli_runner import tahqiq  # noqa: E402

PROBLEM = "application/problem+json"
CLAIM = "البنك المركزي التونسي يخفض قيمة الدينار"
OTHER = "مصر والسودان تستعدان لتنفيذ عملية عسكرية مشتركة في المثلث الحدودي"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sample_db(tmp_path_factory, "api-news")


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    yield from api_client(db)


@pytest.fixture()
def locked(db: Path) -> Iterator[TestClient]:
    yield from api_client(db, api_token="s3cret")


def _cli_json(db: Path, *args: str) -> dict:
    done = tahqiq(*args, "--db", str(db), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _problem(response, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    return body


# -- stories --------------------------------------------------------------------------
def test_stories_are_the_json_of_tahqiq_stories(client: TestClient, db: Path) -> None:
    listed = client.get("/stories")
    assert listed.status_code == 200
    data = listed.json()
    assert data == _cli_json(db, "stories")
    assert data["total"] >= 5 and data["at"] and len(data["stories"]) == min(20, data["total"])
    biggest = max(data["stories"], key=lambda s: s["size"])
    assert biggest["size"] > 5 and biggest["units"] + biggest["copies"] == biggest["size"]
    assert biggest["first"]["published"] and biggest["first"]["source"] in biggest["outlets"]
    assert {"id", "title", "size", "outlets", "first", "first_time", "last_time", "units", "copies",
            "recent", "before", "breaking", "undated"} <= set(biggest)


def test_stories_page_and_filter(client: TestClient, db: Path) -> None:
    every = client.get("/stories", params={"limit": 1000}).json()["stories"]
    page = client.get("/stories", params={"limit": 2, "offset": 2}).json()
    assert [s["id"] for s in page["stories"]] == [s["id"] for s in every[2:4]]
    big = client.get("/stories", params={"min_size": 2}).json()
    assert big["stories"] and all(s["size"] >= 2 for s in big["stories"])
    assert len(big["stories"]) < len(every)
    recent = client.get("/stories", params={"since_hours": 24}).json()
    assert recent == _cli_json(db, "stories", "--since", "24h")
    assert 0 < len(recent["stories"]) < len(every)
    earlier = client.get("/stories", params={"at": "2026-11-10"}).json()
    assert earlier == _cli_json(db, "stories", "--at", "2026-11-10")
    assert earlier["at"].startswith("2026-11-10")


def test_a_story_is_the_json_of_tahqiq_story(client: TestClient, db: Path) -> None:
    listed = client.get("/stories").json()["stories"]
    biggest = max(listed, key=lambda s: s["size"])
    shown = client.get(f"/stories/{biggest['id']}")
    assert shown.status_code == 200
    story = shown.json()
    assert story == _cli_json(db, "story", str(biggest["id"]))
    assert story["title"] == biggest["title"] and len(story["articles"]) == biggest["size"]
    assert story["truncated"] == 0
    copies = [a for a in story["articles"] if a["copy_of"]]
    ids = {a["doc_id"] for a in story["articles"]}
    assert len(copies) == biggest["copies"] and all(c["copy_of"] in ids for c in copies)
    assert len({a["unit"] for a in story["articles"]}) == biggest["units"]
    short = client.get(f"/stories/{biggest['id']}", params={"limit": 3}).json()
    assert len(short["articles"]) == 3 and short["truncated"] == biggest["size"] - 3


@pytest.mark.parametrize(("path", "params", "status"), [
    ("/stories/999999", {}, 404),
    ("/stories/0", {}, 422),
    ("/stories/abc", {}, 422),
    ("/stories/" + "9" * 30, {}, 422),
    ("/stories/1", {"limit": 0}, 422),
    ("/stories", {"limit": 0}, 422),
    ("/stories", {"limit": 1001}, 422),
    ("/stories", {"offset": -1}, 422),
    ("/stories", {"min_size": 0}, 422),
    ("/stories", {"since_hours": 0}, 422),
    ("/stories", {"since_hours": "nan"}, 422),
    ("/stories", {"at": "not a date"}, 422),
])
def test_story_errors_are_problem_details(client: TestClient, path: str, params: dict, status: int) -> None:
    body = _problem(client.get(path, params=params), status)
    if status == 404:
        assert body["detail"] == "no story 999999"


def test_an_uploaded_article_is_put_into_a_story(tmp_path: Path) -> None:
    text = ("أعلنت وزارة الصحة الأردنية اليوم بدء حملة وطنية لتطعيم الأطفال ضد الحصبة في جميع المحافظات، "
            "وقال الوزير إن الحملة تستمر أسبوعين وتشمل المدارس ورياض الأطفال.")
    for client in api_client(tmp_path / "desk.db"):
        assert client.get("/stories").json() == {"at": None, "total": 0, "stories": []}
        first = client.post("/documents", json={"text": text, "title": "حملة تطعيم ضد الحصبة",
                                                "source": "الرأي", "published": "2026-11-20T09:00:00+02:00"})
        assert first.status_code == 201
        doc_id = first.json()["documents"][0]["doc_id"]
        data = client.get("/stories").json()  # the new article is assigned on the way
        assert data["total"] == 1 and data["stories"][0]["first"]["doc_id"] == doc_id
        assert data["stories"][0]["title"] == "حملة تطعيم ضد الحصبة"
        assert data["at"] == "2026-11-20T07:00Z"
        story = client.get(f"/stories/{data['stories'][0]['id']}").json()
        assert [a["doc_id"] for a in story["articles"]] == [doc_id]


def test_an_upload_is_checked_against_the_watched_claims_off_the_request(tmp_path: Path) -> None:
    import time

    claim = "الأردن يبدأ حملة وطنية لتطعيم الأطفال ضد الحصبة"
    text = ("أعلنت وزارة الصحة الأردنية اليوم بدء حملة وطنية لتطعيم الأطفال ضد الحصبة في جميع "
            "المحافظات، وقال وزير الصحة إن الحملة تستمر أسبوعين وتشمل المدارس ورياض الأطفال.")
    for client in api_client(tmp_path / "desk.db"):
        watched = client.post("/claims", json={"claim": claim})
        assert watched.status_code == 201 and watched.json()["verdict"] == "unverified"
        assert client.post("/documents", json={"text": text, "title": "حملة تطعيم ضد الحصبة"}
                           ).status_code == 201
        deadline, kinds = time.monotonic() + 60, []
        while time.monotonic() < deadline and "new_unit" not in kinds:
            time.sleep(0.5)  # the linker's round: link, stories, then the watched claims
            kinds = [e["kind"] for e in client.get("/claims/events").json()["events"]]
        assert kinds == ["first_verdict", "verdict_changed", "new_unit"]
        assert client.get("/claims").json()["claims"][0]["verdict"] == "supported"
        assert client.get("/stories").json()["total"] == 1


# -- watched claims -------------------------------------------------------------------
def test_watch_a_claim_read_it_and_stop_watching_it(client: TestClient, db: Path) -> None:
    assert client.get("/claims").json() == {"claims": []}
    added = client.post("/claims", json={"claim": f"  {CLAIM}  "})
    assert added.status_code == 201, added.text
    update = added.json()
    claim = update["claim"]
    assert claim["claim"] == CLAIM and claim["checks"] == 1 and claim["verdict"] == update["verdict"]
    assert update["verdict"] in {"supported", "refuted", "contested", "unverified"}
    assert update["new_articles"] > 0 and update["check"] == 1
    assert [e["kind"] for e in update["events"]] == ["first_verdict"]
    event = update["events"][0]
    assert {"id", "claim_id", "claim", "check", "at", "kind", "verdict", "confidence", "units",
            "independent_counts"} <= set(event) and event["claim_id"] == claim["id"]

    listed = client.get("/claims").json()
    assert listed == _cli_json(db, "claims", "list") and [c["id"] for c in listed["claims"]] == [claim["id"]]
    history = client.get(f"/claims/{claim['id']}").json()
    assert history == _cli_json(db, "claims", "history", str(claim["id"]))
    assert history["claim"] == claim and len(history["checks"]) == 1 and history["events"] == update["events"]
    assert history["checks"][0]["verdict"] == update["verdict"]

    again = client.post("/claims", json={"claim": CLAIM})  # already watched: checked again, not added
    assert again.status_code == 200 and again.json()["claim"]["id"] == claim["id"]
    assert again.json()["events"] == [] and len(client.get("/claims").json()["claims"]) == 1

    removed = client.delete(f"/claims/{claim['id']}")
    assert removed.status_code == 200 and removed.json()["removed"]["id"] == claim["id"]
    assert client.get("/claims").json() == {"claims": []}
    assert _problem(client.get(f"/claims/{claim['id']}"), 404)["detail"].startswith("no watched claim")
    _problem(client.delete(f"/claims/{claim['id']}"), 404)


def test_what_changed_since(client: TestClient) -> None:
    from datetime import UTC, datetime, timedelta

    before = datetime.now(UTC) - timedelta(minutes=5)
    update = client.post("/claims", json={"claim": OTHER}).json()
    try:
        mine = [e for e in update["events"]]
        assert mine and mine[0]["kind"] == "first_verdict"
        since = client.get("/claims/events", params={"since": before.isoformat()}).json()
        assert {"events"} == set(since) and mine[0] in since["events"]
        local = before.astimezone(timezone_plus_three()).isoformat()  # any offset means the same time
        assert client.get("/claims/events", params={"since": local}).json() == since
        browser = before.strftime("%Y-%m-%dT%H:%M:%S.000Z")  # what Date.toISOString() sends
        assert client.get("/claims/events", params={"since": browser}).json() == since
        later = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
        assert client.get("/claims/events", params={"since": later}).json() == {"events": []}
        last = since["events"][-1]["id"]
        assert client.get("/claims/events", params={"after_id": last}).json() == {"events": []}
        every = client.get("/claims/events").json()["events"]
        assert [e["id"] for e in every] == sorted(e["id"] for e in every) and mine[0] in every
        assert len(client.get("/claims/events", params={"limit": 1}).json()["events"]) == 1
        _problem(client.get("/claims/events", params={"since": "yesterday"}), 422)
        _problem(client.get("/claims/events", params={"after_id": -1}), 422)
        _problem(client.get("/claims/events", params={"limit": 1001}), 422)
    finally:
        client.delete(f"/claims/{update['claim']['id']}")


def timezone_plus_three():  # type: ignore[no-untyped-def]
    from datetime import timedelta, timezone

    return timezone(timedelta(hours=3))


@pytest.mark.parametrize(("body", "detail"), [
    ({"claim": ""}, "the claim is empty"),
    ({"claim": " \n\t "}, "the claim is empty"),
    ({"claim": "ب" * 1001}, "at most 1000"),
    ({"claim": "ب" * 30_000}, "claim"),
    ({}, "claim"),
    ({"claim": 12}, "claim"),
])
def test_an_empty_or_long_claim_is_refused(client: TestClient, body: dict, detail: str) -> None:
    assert detail in _problem(client.post("/claims", json=body), 422)["detail"]
    assert client.get("/claims").json() == {"claims": []}  # nothing was watched


@pytest.mark.parametrize(("path", "status"), [
    ("/claims/999999", 404), ("/claims/0", 422), ("/claims/abc", 422), ("/claims/" + "9" * 30, 422),
])
def test_claim_errors_are_problem_details(client: TestClient, path: str, status: int) -> None:
    _problem(client.get(path), status)
    _problem(client.delete(path), status)


def test_claim_writes_need_the_token_and_reads_do_not(locked: TestClient) -> None:
    refused = locked.post("/claims", json={"claim": CLAIM})
    assert _problem(refused, 401)["detail"] == "a bearer token is required"
    assert refused.headers["www-authenticate"].startswith("Bearer")
    wrong = locked.post("/claims", json={"claim": CLAIM}, headers={"Authorization": "Bearer nope"})
    assert _problem(wrong, 401)["detail"] == "the bearer token is not valid"
    assert locked.get("/claims").json() == {"claims": []}  # nothing was watched
    ok = locked.post("/claims", json={"claim": CLAIM}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201
    claim_id = ok.json()["claim"]["id"]
    for headers in ({}, {"Authorization": "Bearer nope"}):
        _problem(locked.delete(f"/claims/{claim_id}", headers=headers), 401)
    assert locked.get(f"/claims/{claim_id}").status_code == 200  # reads stay open
    assert locked.get("/claims/events").json()["events"]
    assert locked.get("/stories").status_code == 200
    cross = locked.delete(f"/claims/{claim_id}", headers={"Authorization": "Bearer s3cret",
                                                          "Origin": "https://evil.example"})
    assert _problem(cross, 403)["detail"] == "cross-site writes are refused"
    gone = locked.delete(f"/claims/{claim_id}", headers={"Authorization": "Bearer s3cret"})
    assert gone.status_code == 200 and locked.get("/claims").json() == {"claims": []}


def test_the_new_routes_are_documented(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/stories", "/stories/{story_id}", "/claims", "/claims/{claim_id}", "/claims/events"} <= set(paths)
    assert {"get", "post"} <= set(paths["/claims"]) and {"get", "delete"} <= set(paths["/claims/{claim_id}"])
