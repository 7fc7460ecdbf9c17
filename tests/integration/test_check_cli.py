"""`tahqiq check` as a user runs it, on the bundled sample corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import tahqiq

CLAIM = "مصر والسودان تستعدان لتنفيذ عملية عسكرية مشتركة في المثلث الحدودي قرب جبل العوينات"
VERDICTS = {"supported", "refuted", "contested", "unverified"}




@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from tahqiq.data import sample_path

    path = str(tmp_path_factory.mktemp("check") / "desk.db")
    with sample_path() as sample:
        proc = tahqiq("ingest", "--db", path, str(sample))
    assert proc.returncode == 0, proc.stderr
    return path


def test_check_json_follows_the_report_contract(db: str) -> None:
    proc = tahqiq("check", CLAIM, "--db", db, "-k", "8", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["claim"] == CLAIM and report["verdict"] in VERDICTS
    assert 0.0 <= report["confidence"] <= 1.0
    assert set(report["counts"]) == {"agree", "disagree", "discuss"}
    assert 0 < len(report["articles"]) <= 8
    assert sum(report["counts"].values()) == len(report["articles"])  # unrelated left out
    first = report["articles"][0]
    assert first["stance"] in ("agree", "disagree", "discuss") and first["evidence"]
    assert set(first["evidence"][0]) == {"sentence", "stance", "score", "context", "relation",
                                         "decisive", "reasons"}
    assert first["evidence"][0]["sentence"] in first["evidence"][0]["context"]
    dates = [t["date"] for t in report["timeline"]]
    assert dates == sorted(dates)
    with_all = json.loads(tahqiq("check", CLAIM, "--db", db, "-k", "8", "--json", "--all").stdout)
    assert len(with_all["articles"]) >= len(report["articles"])


def test_check_renders_markdown_and_rtl_html(db: str, tmp_path: Path) -> None:
    md = tahqiq("check", CLAIM, "--db", db, "-k", "4", "--md")
    assert md.returncode == 0 and md.stdout.startswith("# التحقق من الادعاء") and "**" in md.stdout
    out = tmp_path / "report.html"
    page = tahqiq("check", CLAIM, "--db", db, "-k", "4", "--html", "--out", str(out))
    assert page.returncode == 0 and page.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert 'dir="rtl"' in text and "<mark>" in text


def test_bad_claims_get_a_message_and_a_defined_verdict(db: str, tmp_path: Path) -> None:
    for claim, needle in (("The weather was fine today", "not in Arabic"),
                          ("مصر " * 2000, "longer than")):
        proc = tahqiq("check", claim, "--db", db, "-k", "3", "--json")
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout)["verdict"] in VERDICTS and needle in proc.stderr
    for nothing in ("", "   ", "؟ !"):  # nothing to search for: bad usage, as for search
        proc = tahqiq("check", nothing, "--db", db, "--json")
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr.strip() == "tahqiq: error: the claim has no searchable words"
    mistyped = tmp_path / "nested" / "none.db"
    missing = tahqiq("check", CLAIM, "--db", str(mistyped), "--json")
    assert missing.returncode == 4 and missing.stdout == ""
    assert missing.stderr.startswith(f"tahqiq: error: no database at {mistyped}")
    assert not mistyped.parent.exists()  # nothing created at a mistyped path
    assert tahqiq("check", "--db", db).returncode == 2  # neither a claim nor --claims


def test_a_claim_with_invalid_utf8_is_checked_not_a_traceback(db: str) -> None:
    claim = "مصر والسودان ".encode() + b"\xff\xfe" + " عملية عسكرية".encode()
    proc = subprocess.run([sys.executable, "-m", "tahqiq", "check", claim, "--db", db, "-k", "3", "--json"],
                          capture_output=True, timeout=600)
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    assert json.loads(proc.stdout)["claim"] == "مصر والسودان \ufffd\ufffd عملية عسكرية"


def test_two_output_formats_are_bad_usage(db: str) -> None:
    proc = tahqiq("check", CLAIM, "--db", db, "--json", "--md")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "choose one output format: --json or --md" in proc.stderr


def test_batch_mode_writes_one_report_per_line_and_survives_bad_lines(db: str, tmp_path: Path) -> None:
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"claim": CLAIM}, ensure_ascii=False) + "\n{broken\n"
                      + json.dumps("الخرطوم تنفي وجود خطط عسكرية", ensure_ascii=False) + "\n", "utf-8")
    proc = tahqiq("check", "--claims", str(claims), "--db", db, "-k", "3")
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3]
    assert rows[0]["verdict"] in VERDICTS and "error" in rows[1] and rows[2]["verdict"] in VERDICTS
    assert "1 line(s)" in proc.stderr


def test_python_api_returns_a_report(db: str) -> None:
    import tahqiq
    from tahqiq.types import Report

    with tahqiq.Corpus(db) as corpus:
        report = corpus.check(CLAIM, k=5)
        again = corpus.check(CLAIM, k=5)
    assert isinstance(report, Report) and report.to_json() == again.to_json()  # deterministic
    assert report.to_json()["verdict"] in VERDICTS


def test_eval_verdict_prints_the_json_contract(tmp_path: Path) -> None:
    """Baly-format claim files built from the sample corpus and its labelled claims."""
    from tahqiq.data import sample_path

    labels = Path(__file__).resolve().parents[2] / "src" / "tahqiq" / "data" / "labels" / "claims.jsonl"
    claims = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines()[:3]]
    folder = tmp_path / "claims"
    folder.mkdir()
    with sample_path() as sample:
        for number, claim in enumerate(claims):
            items, texts = [], []
            for path, stance in sorted(claim["expected"].items()):
                try:  # feed items ("file:n") and the deliberately mis-encoded files are left out
                    texts.append((Path(sample) / path).read_bytes().decode("utf-8"))
                except (OSError, UnicodeDecodeError):
                    continue
                items.append((path, stance))
            (folder / f"{claim['id']}.json").write_text(json.dumps({
                "id": claim["id"], "claim": claim["claim"], "fact": ["true", "false"][number % 2],
                "article": texts, "url": [""] * len(items), "stance": [s for _, s in items],
                "rationale": [""] * len(items)}, ensure_ascii=False), "utf-8")
    proc = tahqiq("eval", "verdict", "--format", "baly", "--data", str(folder), "-k", "5", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert {"n", "accuracy", "macro_f1", "retrieval", "verdicts"} <= set(report)
    assert report["n"] == len(claims) and set(report["retrieval"]) >= {"recall_at_5", "mrr"}
    assert 0.0 <= report["retrieval"]["recall_at_5"] <= 1.0
    assert sum(sum(by_gold.values()) for by_gold in report["verdicts"].values()) == len(claims)
