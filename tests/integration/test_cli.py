"""The CLI as a user runs it: real files, the JSON contract.

Commands run in this process (:mod:`cli_runner`); the entry point itself (``python -m
tahqiq``), two ingests at once and an argument that is not UTF-8 run as real processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_runner import tahqiq
from tahqiq.data import sample_path

ARTICLE = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة الساحلية.\n"
    "وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من مئة ألف نسمة.\n"
)


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """Run ``tahqiq ARGS`` in this process (:mod:`cli_runner`)."""
    return tahqiq(*args, env=env, cwd=cwd)


def run_process(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    """Run ``python -m tahqiq ARGS`` as a real process and return the completed process."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TAHQIQ_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "tahqiq", *args],
        capture_output=True, text=True, env=full_env, cwd=cwd, timeout=300,
    )


def run_json(*args: str, **kw):
    proc = run(*args, "--json", **kw)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "sample.db"
    with sample_path() as sample:
        report = run_json("ingest", str(sample), "--db", str(db))
    assert report["added"] >= 20, report
    return db


def test_ingest_json_contract_and_idempotence(sample_db: Path) -> None:
    with sample_path() as sample:
        again = run_json("ingest", str(sample), "--db", str(sample_db))
    assert set(again) >= {"added", "duplicates", "failed", "documents"}
    assert again["added"] == 0
    assert again["duplicates"] == len(again["documents"]) >= 20
    for doc in again["documents"]:
        assert set(doc) >= {"doc_id", "source_path", "url", "status"}
        assert doc["status"] == "duplicate"


def test_list_show_and_stats(sample_db: Path) -> None:
    listing = run_json("list", "--db", str(sample_db))["documents"]
    assert len(listing) >= 20
    keys = {"doc_id", "title", "source", "source_path", "url", "published", "lang"}
    assert all(set(d) >= keys for d in listing)
    formats = {Path(d["source_path"]).suffix for d in listing if d["source_path"]}
    assert {".html", ".txt", ".jsonl", ".json"} <= formats | {".json"}
    doc = run_json("show", listing[0]["doc_id"], "--db", str(sample_db))
    assert set(doc) >= keys | {"text", "sentences"}
    assert doc["text"] and doc["sentences"]
    assert all(s in doc["text"] for s in doc["sentences"])
    stats = run_json("stats", "--db", str(sample_db))
    assert stats["documents"] == len(listing)
    assert stats["sentences"] >= stats["documents"]
    assert stats["indexed"] == stats["documents"] and stats["index_lag"] == 0


def test_show_accepts_a_unique_prefix_and_rejects_unknown_ids(sample_db: Path) -> None:
    doc_id = run_json("list", "--db", str(sample_db))["documents"][0]["doc_id"]
    assert run_json("show", doc_id[:10], "--db", str(sample_db))["doc_id"] == doc_id
    missing = run("show", "ffffffffffffffff", "--db", str(sample_db))
    assert missing.returncode == 4
    assert missing.stderr.count("\n") == 1 and "ffffffffffffffff" in missing.stderr
    short = run("show", doc_id[:4], "--db", str(sample_db))  # a real id's start, too short to look up
    assert short.returncode == 2
    assert short.stderr == f"tahqiq: error: the id prefix '{doc_id[:4]}' is too short: give at least 6 characters of the id\n"


def test_search_ranks_the_story_first(sample_db: Path) -> None:
    result = run_json("search", "نفي العملية العسكرية المشتركة", "-k", "5",
                      "--db", str(sample_db))
    assert result["query"] == "نفي العملية العسكرية المشتركة"
    hits = result["results"]
    assert 0 < len(hits) <= 5
    assert set(hits[0]) >= {"doc_id", "title", "source", "source_path", "score", "snippet", "published"}
    assert all(h["published"] and h["published"][:4] == "2026" for h in hits)  # every sample article is dated
    text = run("search", "نفي العملية العسكرية المشتركة", "-k", "1", "--db", str(sample_db)).stdout
    assert f"  {hits[0]['published'][:10]}  " in text.splitlines()[0]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert any("عسكري" in (h["snippet"] + (h["title"] or "")) for h in hits[:3])


def test_empty_query_is_a_one_line_error(sample_db: Path) -> None:
    proc = run("search", "  ؟؟ ", "--db", str(sample_db))
    assert proc.returncode == 2
    assert proc.stderr.startswith("tahqiq: error:") and proc.stderr.count("\n") == 1


def test_db_falls_back_to_env_then_cwd(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("خبر عاجل\n\n" + ARTICLE, encoding="utf-8")
    env_db = tmp_path / "env.db"
    assert run_json("ingest", str(tmp_path / "a.txt"), env={"TAHQIQ_DB": str(env_db)})["added"] == 1
    assert env_db.exists()
    cwd = tmp_path / "work"
    cwd.mkdir()
    run_json("ingest", str(tmp_path / "a.txt"), cwd=cwd)
    assert (cwd / "tahqiq.db").exists()


def test_bad_files_are_reported_and_good_ones_still_ingest(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "deep").mkdir(parents=True)
    (inbox / "good.txt").write_text("عنوان الخبر\n\n" + ARTICLE, encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "deep" / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (inbox / "deep" / "broken.jsonl").write_text(
        json.dumps({"text": ARTICLE.replace("مستشفى", "مدرسة")}, ensure_ascii=False)
        + "\n{not json\n", encoding="utf-8")
    (inbox / "big.txt").write_text(ARTICLE * 400, encoding="utf-8")
    report = run_json("ingest", str(inbox), "--db", str(tmp_path / "t.db"),
                      env={"TAHQIQ_MAX_FILE_BYTES": "50000"})
    assert report["added"] == 2
    failed = {Path(f["path"].split(":")[0]).name: f["error"] for f in report["failed"]}
    assert set(failed) == {"empty.txt", "binary.txt", "broken.jsonl", "big.txt"}
    assert all("\n" not in e and e for e in failed.values())


def test_nothing_readable_exits_non_zero_with_one_line_per_file(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text("[1, 2", encoding="utf-8")
    (tmp_path / "y.html").write_bytes(b"\x00\x01\x02" * 100)
    proc = run("ingest", str(tmp_path), str(tmp_path / "missing.txt"),
               "--db", str(tmp_path / "t.db"))
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 3, proc.stderr
    assert "Traceback" not in proc.stderr


def test_quiet_when_not_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run("ingest", str(tmp_path), "--db", str(tmp_path / "t.db"))
    assert proc.returncode == 0
    assert "%|" not in proc.stderr and proc.stderr == ""


def test_demo_runs_end_to_end() -> None:
    result = run_json("demo")
    assert result["ingest"]["added"] >= 20
    assert result["ingest"]["failed"] == []
    assert result["search"]["results"]
    assert result["stats"]["documents"] == result["ingest"]["added"]
    assert set(result["stats"]["by_lang"]) >= {"ar"}


def test_demo_help_says_where_its_database_goes_and_ignores_tahqiq_db(tmp_path: Path) -> None:
    text = " ".join(run("demo", "--help").stdout.split())
    assert "default: a temporary one, removed at the end" in text and "./tahqiq.db" not in text
    env_db = tmp_path / "env.db"
    result = run("demo", "--json", env={"TAHQIQ_DB": str(env_db)}, cwd=tmp_path)
    assert result.returncode == 0 and json.loads(result.stdout)["db"] is None
    assert not env_db.exists() and not (tmp_path / "tahqiq.db").exists()


@pytest.mark.parametrize("command", [("stats",), ("list",), ("search", "العملية"),
                                     ("show", "abcdef123456"), ("sources", "abcdef123456"),
                                     ("reuse",)])
def test_reading_commands_create_nothing_at_a_mistyped_db(tmp_path: Path, command: tuple) -> None:
    mistyped = tmp_path / "typo" / "desk.db"
    proc = run(*command, "--db", str(mistyped))
    assert proc.returncode == 4, proc.stderr
    assert proc.stderr.startswith(f"tahqiq: error: no database at {mistyped}")
    assert not mistyped.parent.exists()


def test_console_script_and_help() -> None:
    proc = run_process("--help")
    assert proc.returncode == 0
    for command in ("ingest", "search", "show", "list", "stats", "demo"):
        assert command in proc.stdout


@pytest.mark.parametrize("args", [("search", "العملية", "-k", "9999999999"), ("list", "--limit", "9" * 20),
                                  ("list", "--offset", "9" * 23), ("reuse", "--limit", "9" * 13),
                                  ("check", "العملية العسكرية", "-k", "1001")])
def test_huge_numbers_are_bad_usage_not_a_crash(sample_db: Path, args: tuple) -> None:
    proc = run(*args, "--db", str(sample_db))
    assert proc.returncode == 2, proc.stderr
    assert "is not in the range" in proc.stderr and "Traceback" not in proc.stderr


def test_the_library_bounds_k_too(sample_db: Path) -> None:
    from tahqiq import Corpus
    from tahqiq.errors import InvalidQueryError

    with Corpus(sample_db, readonly=True) as corpus, pytest.raises(InvalidQueryError, match="between 1 and"):
        corpus.search("العملية", k=9_999_999_999)


def test_a_lone_surrogate_or_an_undecodable_name_loses_nothing(tmp_path: Path) -> None:
    good = "أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية مع بداية الموسم."
    lines = [json.dumps({"title": "خبر أول", "text": good}, ensure_ascii=False),
             '{"title": "خبر فيه محرف مفرد", "text": "نص فيه \\ud800 محرف مفرد وكلمات عربية تكفي ليكون خبرا."}',
             json.dumps({"title": "خبر ثالث", "text": "قالت وزارة الصحة إن حملة التطعيم ستبدأ الأسبوع المقبل."},
                        ensure_ascii=False)]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    odd_name = os.fsencode(folder) + b"/\xff\xfe-report.txt"  # not valid UTF-8
    with open(odd_name, "wb") as handle:
        handle.write("قال المتحدث باسم الوزارة إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة.".encode())
    db = tmp_path / "desk.db"
    proc = run("ingest", str(folder), "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["added"] == 4 and report["failed"] == []
    listing = run_json("list", "--db", str(db))["documents"]
    assert any("\\xff\\xfe-report.txt" in (d["source_path"] or "") for d in listing)
    assert any(d["title"] == "خبر فيه محرف مفرد" for d in listing)


def test_two_ingests_at_once_lose_nothing_and_the_index_catches_up(tmp_path: Path) -> None:
    """Two CLI ingests into one database at the same time: every document is stored once, and
    what one could not index (the other held the index) is indexed by the next command."""
    db = tmp_path / "desk.db"
    folders = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        for i in range(40):
            (folder / f"{name}{i}.txt").write_text(
                f"أعلنت بلدية المدينة {name} رقم {i} افتتاح حديقة عامة جديدة في الحي {i} بمساحة {i + 3} "
                f"دونمات، وقال رئيس البلدية إن الحديقة تضم ملعبا للأطفال ومكتبة صغيرة رقم {name}{i}.\n",
                encoding="utf-8")
        folders.append(folder)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TAHQIQ_")}
    procs = [subprocess.Popen([sys.executable, "-m", "tahqiq", "ingest", str(f), "--db", str(db), "--json"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for f in folders]
    results = [p.communicate(timeout=300) for p in procs]
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert json.loads(out)["added"] == 40
    stats = run_json("stats", "--db", str(db))
    assert stats["documents"] == 80 and stats["index_lag"] == 0 and stats["indexed"] == 80
    for name in ("a0", "b39"):
        assert run_json("search", f"مكتبة صغيرة رقم {name}", "--db", str(db))["results"]
