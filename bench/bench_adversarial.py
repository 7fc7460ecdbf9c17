"""Cost of hostile input: does time and memory grow at most linearly with its size?

    python bench/bench_adversarial.py [--max-mb 10]

Two families, each run in a fresh process (`tahqiq` CLI) so peak memory is its own:

- **ingest**: one `.txt` file holding a single glued "word" (no spaces) of
  1 KB, 10 KB, 100 KB, 1 MB and 10 MB, and one of ordinary Arabic prose of the
  same sizes, into an empty database;
- **search**: one query of a single 10- to 20,000-letter word against the
  bundled sample corpus;
- **sources** (attribution): ``tahqiq sources`` on one stored document of
  1 KB to ``--sources-max-mb`` (default 1 MB): a single glued word, prose, and
  a run-on line of reporting cues (``قال: قال: ...``, no sentence end).

Prints one JSON line per run (`family`, `kind`, `size`, `seconds`, `peak_rss_mb`)
and, per family, the growth of time between the two largest sizes against the
growth of size (1.0 = linear).  Targets (issue 15, 2 cores): a 10 MB single-token
file in <= 10 s; a 20,000-letter query in <= 1 s with <= 50 MB over the smallest.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROSE = ("أعلنت الحكومة اليوم عن خطة جديدة لدعم المزارعين في المحافظات الجنوبية مع بداية "
         "الموسم الزراعي، وقال وزير الزراعة إن الخطة تشمل قروضا ميسرة وبذورا محسنة. ")


def _run(args: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``python -m tahqiq ARGS`` in its own child process."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "tahqiq", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"tahqiq {args[0]} failed: {proc.stderr.read().decode()[-300:]}")
    return seconds, usage.ru_maxrss / 1024


CUES = "قال: "


def _text(kind: str, size: int) -> str:
    if kind == "glued":
        return ("بسم" * (size // 6 + 1))[: size // 2]  # two bytes a letter in UTF-8
    unit = CUES if kind == "cues" else PROSE
    return (unit * (size // len(unit.encode()) + 1))[: size // 2]


def ingest_runs(tmp: Path, sizes: list[int]) -> list[dict]:
    rows = []
    for kind in ("glued", "prose"):
        for size in sizes:
            path = tmp / f"{kind}-{size}.txt"
            path.write_text(_text(kind, size), encoding="utf-8")
            seconds, peak = _run(["ingest", str(path), "--db", str(tmp / f"{kind}-{size}.db"), "--no-link"])
            rows.append({"family": "ingest", "kind": kind, "size": path.stat().st_size,
                         "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1)})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def sources_runs(tmp: Path, sizes: list[int]) -> list[dict]:
    import sqlite3

    rows = []
    for kind in ("glued", "prose", "cues"):
        for size in sizes:
            path, db = tmp / f"src-{kind}-{size}.txt", tmp / f"src-{kind}-{size}.db"
            path.write_text(_text(kind, size), encoding="utf-8")
            _run(["ingest", str(path), "--db", str(db), "--no-link"])
            with sqlite3.connect(db) as conn:
                doc_id = conn.execute("SELECT doc_id FROM documents").fetchone()[0]
            seconds, peak = _run(["sources", doc_id, "--db", str(db)])
            rows.append({"family": "sources", "kind": kind, "size": path.stat().st_size,
                         "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1)})
            print(json.dumps(rows[-1]), flush=True)
    return rows


def search_runs(tmp: Path, lengths: list[int]) -> list[dict]:
    from tahqiq.data import sample_path

    db = tmp / "sample.db"
    with sample_path() as sample:
        _run(["ingest", str(sample), "--db", str(db), "--no-link"])
    rows = []
    for length in lengths:
        seconds, peak = _run(["search", ("بسم" * length)[:length], "--db", str(db), "-k", "5"])
        rows.append({"family": "search", "kind": "one word", "size": length,
                     "seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1)})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def growth(rows: list[dict]) -> dict:
    """Time growth between the two largest sizes of each kind, over size growth (1.0 = linear)."""
    out = {}
    for kind in sorted({r["kind"] for r in rows}):
        a, b = sorted((r for r in rows if r["kind"] == kind), key=lambda r: r["size"])[-2:]
        out[kind] = round((b["seconds"] / max(a["seconds"], 1e-3)) / (b["size"] / a["size"]), 2)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=int, default=10)
    parser.add_argument("--sources-max-mb", type=int, default=1)
    args = parser.parse_args()
    all_sizes = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)
    sizes = [s for s in all_sizes if s <= args.max_mb * 1_000_000]
    with tempfile.TemporaryDirectory(prefix="tahqiq-adversarial-") as tmp:
        ingest = ingest_runs(Path(tmp), sizes)
        search = search_runs(Path(tmp), [10, 100, 1_000, 10_000, 20_000])
        sources = sources_runs(Path(tmp), [s for s in all_sizes if s <= args.sources_max_mb * 1_000_000])
    print(json.dumps({"ingest_growth": growth(ingest), "search_growth": growth(search),
                      "sources_growth": growth(sources)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
