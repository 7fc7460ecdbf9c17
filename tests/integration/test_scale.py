"""tahqiq.scale: a 2-worker LocalCluster gives what one process gives, and survives a dead worker."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from tahqiq import Corpus  # noqa: E402
from tahqiq.data import labels_path, sample_path  # noqa: E402
from tahqiq.scale import connect, parse_scheduler  # noqa: E402

BAD_LINE = "{this is not json"


def tahqiq(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tahqiq", *args], capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus plus a JSONL with a broken line and a binary file."""
    root = tmp_path_factory.mktemp("scale-in")
    with sample_path() as sample:
        shutil.copytree(sample, root / "sample")
    good = json.dumps({"text": "أعلنت وزارة النقل تشغيل خط جديد للحافلات بين المدينتين اعتباراً "
                               "من الأسبوع المقبل، على أن تكون الرحلات كل ساعة."}, ensure_ascii=False)
    (root / "mixed.jsonl").write_text(f"{good}\n{BAD_LINE}\n", encoding="utf-8")
    (root / "blob.txt").write_bytes(bytes(range(256)) * 8)
    return root


def _cli_run(inputs: Path, db: Path, *scheduler: str) -> tuple[dict, str, str]:
    ingest = tahqiq("ingest", str(inputs), "--db", str(db), "--json", *scheduler)
    assert ingest.returncode == 0, ingest.stderr
    reuse = tahqiq("reuse", "--rebuild", "--db", str(db), "--json", *scheduler)
    assert reuse.returncode == 0, reuse.stderr
    with labels_path() as labels:
        check = tahqiq("check", "--claims", str(labels / "claims.jsonl"), "--db", str(db),
                       *scheduler)
    assert check.returncode == 0, check.stderr
    return json.loads(ingest.stdout), reuse.stdout, check.stdout


@pytest.mark.slow
def test_a_local_cluster_gives_identical_results(inputs: Path, tmp_path: Path) -> None:
    here = _cli_run(inputs, tmp_path / "here.db")
    there = _cli_run(inputs, tmp_path / "there.db", "--scheduler", "local:2")
    assert here[0] == there[0]  # document ids, statuses, failures, in order
    assert here[0]["added"] >= 37
    assert json.loads(here[1])["links"] and here[1] == there[1]  # reuse links
    stances = [[(a["doc_id"], a["stance"], a["confidence"]) for a in json.loads(line)["articles"]]
               for line in here[2].splitlines()]
    assert len(stances) == 8 and any(stances)
    assert here[2] == there[2]  # every report, stances and evidence included
    failed = {f["path"]: f["error"] for f in there[0]["failed"]}
    assert str(inputs / "mixed.jsonl") + ":2" in failed  # the bad record, with its path and line
    assert str(inputs / "blob.txt") in failed


def _many_files(root: Path, files: int = 40, per_file: int = 12) -> list[Path]:
    root.mkdir()
    paths = []
    for f in range(files):
        lines = [json.dumps({"text": f"تقرير رقم {f}-{i}: قال مسؤول في البلدية إن أعمال الصيانة "
                                     f"في الحي {i} ستنتهي خلال {f + i} يوماً، وإن الطرق ستفتح تباعاً."},
                            ensure_ascii=False) for i in range(per_file)]
        if f % 7 == 3:
            lines.insert(2, BAD_LINE)
        path = root / f"part-{f:03d}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def _kill_one_worker(client: object) -> int:
    pids = client.run(os.getpid)  # type: ignore[attr-defined]
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    return victim


def test_ingest_survives_a_killed_worker(tmp_path: Path) -> None:
    paths = _many_files(tmp_path / "in")
    with Corpus(tmp_path / "here.db") as corpus:
        expected = corpus.ingest(paths, link=False)
    killed: list[int] = []
    with connect("local:2") as mapper, Corpus(tmp_path / "there.db", mapper=mapper) as corpus:

        def progress(done: int, total: int) -> None:
            if done == 3 and not killed:
                killed.append(_kill_one_worker(mapper.client))

        got = corpus.ingest(paths, link=False, progress=progress)
        stored = corpus.store.count()
    assert killed
    assert got == expected  # complete, in order, nothing twice
    assert stored == expected.added == len({d.doc_id for d in got.documents})
    assert len(got.failed) == sum(1 for f in range(40) if f % 7 == 3)


def test_map_survives_a_killed_worker() -> None:
    from scale_helpers import slow_square

    items = list(range(48))
    killed: list[tuple[int, float]] = []
    with connect("local:2") as mapper:
        pids = set(mapper.client.run(os.getpid).values())
        started = time.monotonic()
        timer = threading.Timer(0.6, lambda: killed.append(
            (_kill_one_worker(mapper.client), time.monotonic())))
        timer.start()
        out = mapper.map(slow_square, items, 0.05)
        finished = time.monotonic()
        timer.join()
    assert [(x, y) for x, y, _ in out] == [(x, x * x) for x in items]  # complete, once, in order
    assert killed and killed[0][0] in pids and killed[0][1] < finished  # killed mid-job
    assert finished - started > 0.6


@pytest.mark.parametrize(("spec", "expected"), [("local:3", ("local", 3)),
                                                ("tcp://10.0.0.5:8786", ("remote", "tcp://10.0.0.5:8786"))])
def test_scheduler_specs(spec: str, expected: tuple) -> None:
    assert parse_scheduler(spec) == expected


@pytest.mark.parametrize("spec", ["local:0", "local:x", "cluster"])
def test_bad_scheduler_specs_are_clear_errors(spec: str) -> None:
    from tahqiq.errors import ConfigError

    with pytest.raises(ConfigError):
        parse_scheduler(spec)


@pytest.mark.slow
def test_cli_reports_an_unreachable_scheduler(tmp_path: Path) -> None:
    proc = tahqiq("ingest", str(tmp_path), "--db", str(tmp_path / "x.db"), "--scheduler",
                  "tcp://127.0.0.1:9")
    assert proc.returncode != 0 and "scheduler" in proc.stderr.lower()
    assert len(proc.stderr.strip().splitlines()) <= 3
