"""The CLI run in this process (``tahqiq.cli.main`` under click's ``CliRunner``), as a user
types it: fast, and the error mapping is covered.  A few tests beside it run the real
entry point as a process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import tahqiq

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "tahqiq" / "data" / "sample"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``tahqiq *argv`` (through click's ``CliRunner``)."""
    done = tahqiq(*argv)
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "desk.db")
    code, out, err = run(capsys, "ingest", str(SAMPLE / "jsonl"), str(SAMPLE / "txt"), "--db", path)
    assert code == 0, err
    added = int(out.split("added", 1)[1].split(",")[0])
    assert added >= 10 and "failed 0" in out
    return path


def test_ingest_then_search_and_stats_as_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "search", "البنك المركزي التونسي الدينار", "--db", db, "--json", "-k", "3")
    assert code == 0
    results = json.loads(out)["results"]
    assert 1 <= len(results) <= 3 and all("doc_id" in r for r in results)
    assert any("الدينار" in (r.get("title") or "") + (r.get("snippet") or "") for r in results)
    code, out, _ = run(capsys, "stats", "--db", db, "--json")
    assert code == 0 and json.loads(out)["documents"] >= 10


def test_a_missing_document_is_one_line_and_an_exit_code(db: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "0" * 32, "--db", db)
    assert code != 0 and out == ""
    assert err.startswith("tahqiq: error:") and len(err.strip().splitlines()) == 1


def test_a_bad_option_is_a_usage_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "search", "مصر", "--db", db, "-k", "0")
    assert code == 2 and "-k" in err


def test_check_reports_a_verdict_with_its_units(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    claim = "البنك المركزي التونسي يعتزم تخفيض قيمة الدينار"
    code, out, err = run(capsys, "check", claim, "--db", db, "--json", "-k", "10")
    assert code == 0, err
    report = json.loads(out)
    assert report["claim"] == claim
    assert report["verdict"] in {"supported", "refuted", "contested", "unverified"}
    assert report["articles"] and "tally" in report
    assert not any("not yet checked for copying" in w for w in report.get("warnings", []))
