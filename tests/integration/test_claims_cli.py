"""``tahqiq claims``: a watched claim is checked in full once, then against new articles
only; a new independent report or a changed verdict is an event, in the CLI, in JSON
Lines and in its history, the same on every replay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import tahqiq
from tahqiq.data import sample_path

CLAIM = "البنك المركزي التونسي يعتزم تخفيض قيمة الدينار"
DEVALUED = """المركزي التونسي يخفض الدينار رسمياً

تونس - أعلن البنك المركزي التونسي اليوم خفض قيمة الدينار بنسبة 5 بالمئة أمام اليورو
والدولار، في خطوة قال محافظ البنك إنها تهدف إلى دعم الصادرات وتقليص العجز التجاري.
وكان البنك قد نفى الشهر الماضي اعتزامه تخفيض العملة. تابعونا على مواقع التواصل.
"""
UNRELATED = """افتتاح معرض الكتاب

افتتح معرض الكتاب الدولي أبوابه أمام الزوار بمشاركة مئات دور النشر من عشرين بلداً.
"""


def _json(*args: str) -> dict:
    done = tahqiq(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _desk(tmp_path: Path, name: str) -> Path:
    db = tmp_path / f"{name}.db"
    with sample_path() as sample:
        assert tahqiq("ingest", str(sample), "--db", str(db)).returncode == 0
    return db


def _replayable(events: list[dict]) -> list[dict]:
    """Events without their clock and ids, which a replay cannot repeat."""
    return [{k: v for k, v in e.items() if k not in ("at", "id")} for e in events]


def _story(tmp_path: Path, name: str) -> list[dict]:
    """Add the claim to the sample desk, then ingest an unrelated and a devaluation
    article with a check after each; every event, in order."""
    db = _desk(tmp_path, name)
    events = tmp_path / f"{name}.jsonl"
    added = tahqiq("claims", "add", CLAIM, "--db", str(db), "--events", str(events))
    assert added.returncode == 0, added.stderr
    for i, text in enumerate((UNRELATED, DEVALUED)):
        page = tmp_path / f"{name}-{i}.txt"
        page.write_text(text, encoding="utf-8")
        assert tahqiq("ingest", str(page), "--db", str(db)).returncode == 0
        done = tahqiq("claims", "check", "--db", str(db), "--events", str(events))
        assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]


def test_a_watched_claim_reports_its_first_verdict_then_a_new_report(tmp_path: Path) -> None:
    events = _story(tmp_path, "desk")
    kinds = [e["kind"] for e in events]
    assert kinds[0] == "first_verdict" and events[0]["verdict"] in ("refuted", "contested")
    new = [e for e in events if e["kind"] == "new_unit"]
    assert new and new[-1]["stance"] == "agree"
    assert new[-1]["articles"][0]["title"] == "المركزي التونسي يخفض الدينار رسمياً"
    assert all(e["claim"] == CLAIM and e["claim_id"] == 1 for e in events)


def test_history_lists_checks_that_judged_new_articles(tmp_path: Path) -> None:
    events = _story(tmp_path, "history")
    db = tmp_path / "history.db"
    history = _json("claims", "history", "1", "--db", str(db))
    checks = history["checks"]
    assert checks[0]["new_articles"] > 1  # the first check reads the whole desk
    assert checks[-1]["new_articles"] == 1  # later ones only the new article
    assert [e["kind"] for e in history["events"]] == [e["kind"] for e in events]
    text = tahqiq("claims", "history", "1", "--db", str(db))
    assert "new independent report (agree" in text.stdout
    listed = _json("claims", "list", "--db", str(db))["claims"]
    assert listed[0]["checks"] == len(checks) and listed[0]["verdict"] == checks[-1]["verdict"]


def test_a_check_with_nothing_new_judges_nothing(tmp_path: Path) -> None:
    db = _desk(tmp_path, "quiet")
    assert tahqiq("claims", "add", CLAIM, "--db", str(db)).returncode == 0
    again = _json("claims", "check", "--db", str(db))["claims"][0]
    assert again["new_articles"] == 0 and again["events"] == [] and again["check"] is None
    assert len(_json("claims", "history", "1", "--db", str(db))["checks"]) == 1


def test_a_replay_raises_the_same_events(tmp_path: Path) -> None:
    assert _replayable(_story(tmp_path, "one")) == _replayable(_story(tmp_path, "two"))


def test_events_go_to_stdout_as_json_lines(tmp_path: Path) -> None:
    db = _desk(tmp_path, "stdout")
    done = tahqiq("claims", "add", CLAIM, "--db", str(db), "--events", "-")
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines and lines[0]["kind"] == "first_verdict"


@pytest.mark.parametrize(("claim", "why"), [("", "empty"), ("   ", "empty"),
                                             ("ا" * 5000, "at most 1000")])
def test_an_empty_or_huge_claim_is_refused_and_nothing_is_kept(tmp_path: Path, claim: str,
                                                                 why: str) -> None:
    db = _desk(tmp_path, "bad")
    done = tahqiq("claims", "add", claim, "--db", str(db))
    assert done.returncode != 0 and why in done.stderr
    assert done.stderr.count("\n") == 1  # one line
    assert _json("claims", "list", "--db", str(db))["claims"] == []


def test_removing_a_claim_and_unknown_ids(tmp_path: Path) -> None:
    db = _desk(tmp_path, "remove")
    assert tahqiq("claims", "add", CLAIM, "--db", str(db)).returncode == 0
    assert tahqiq("claims", "history", "7", "--db", str(db)).returncode != 0
    assert _json("claims", "remove", "1", "--db", str(db))["removed"]["claim"] == CLAIM
    assert _json("claims", "list", "--db", str(db))["claims"] == []


def test_a_local_dask_cluster_raises_the_same_events(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    here = _story(tmp_path, "here")
    db = _desk(tmp_path, "there")
    events = tmp_path / "there.jsonl"
    assert tahqiq("claims", "add", CLAIM, "--db", str(db), "--events", str(events)).returncode == 0
    for i, text in enumerate((UNRELATED, DEVALUED)):
        page = tmp_path / f"there-{i}.txt"
        page.write_text(text, encoding="utf-8")
        assert tahqiq("ingest", str(page), "--db", str(db)).returncode == 0
        done = tahqiq("claims", "check", "--db", str(db), "--events", str(events),
                      "--scheduler", "local:2")
        assert done.returncode == 0, done.stderr
    there = [json.loads(line) for line in events.read_text(encoding="utf-8").splitlines()]
    assert _replayable(here) == _replayable(there)
