"""Ingest plus reuse over a large corpus on a local Dask cluster of 1 and of 2 workers.

    python bench/gen_reuse_corpus.py --n 100000 --out bench/out/reuse-100k.jsonl
    python bench/bench_scale.py --corpus bench/out/reuse-100k.jsonl --workers 1 2

For each worker count: a fresh store in ``bench/out/scale-<N>/``, then
``Corpus(db, mapper=DaskMapper).ingest(corpus, link=False)`` (workers parse
and clean 16 MB blocks; this process writes the store and the search index)
and ``corpus.reuse_index.rebuild()`` (workers sketch and align; this process
looks candidates up and writes links).  Prints one JSON line per run: seconds
per stage, articles/s, links, peak RSS of this process and of each worker,
and at the end the scaling ratio (1-worker time / N-worker time).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def peak_rss_mb() -> float:
    """Peak resident memory of the calling process, in MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def rss_mb() -> float:
    """Resident memory of the calling process now, in MB (a forked worker's peak
    counter would include its parent's, so workers are sampled instead)."""
    import os

    with open("/proc/self/statm") as handle:
        return round(int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


class WorkerMemory(threading.Thread):
    """Samples every worker's resident memory every few seconds; keeps each one's maximum."""

    def __init__(self, client: object, every: float = 3.0) -> None:
        super().__init__(daemon=True)
        self.client, self.every = client, every
        self.peaks: dict[str, float] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.every):
            self.sample()

    def sample(self) -> None:
        try:
            for worker, mb in self.client.run(rss_mb).items():  # type: ignore[attr-defined]
                self.peaks[worker] = max(mb, self.peaks.get(worker, 0.0))
        except Exception:  # noqa: BLE001 - a worker restarting; sample again later
            pass

    def stop(self) -> list[float]:
        self.done.set()
        self.join()
        self.sample()
        return sorted(self.peaks.values())


def run(corpus_path: Path, workers: int, out_dir: Path, reuse_only: bool) -> dict:
    from tahqiq import Corpus
    from tahqiq.scale import connect

    folder = out_dir / f"scale-{workers}"
    if not reuse_only:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    result: dict = {"workers": workers}
    with connect(f"local:{workers}") as mapper, Corpus(folder / "desk.db", mapper=mapper) as corpus:
        memory = WorkerMemory(mapper.client)
        memory.start()
        if not reuse_only:
            started = time.perf_counter()
            report = corpus.ingest([corpus_path], link=False)
            result["ingest_s"] = round(time.perf_counter() - started, 1)
            result["failed"] = len(report.failed)
        result["articles"] = corpus.store.count()
        started = time.perf_counter()
        corpus.reuse_index.rebuild()
        result["reuse_s"] = round(time.perf_counter() - started, 1)
        result["links"] = corpus.link_count()
        result["worker_peak_rss_mb"] = memory.stop()
    if not reuse_only:
        result["total_s"] = round(result["ingest_s"] + result["reuse_s"], 1)
        result["articles_per_s"] = round(result["articles"] / result["total_s"], 1)
    result["driver_peak_rss_mb"] = peak_rss_mb()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "bench" / "out" / "reuse-100k.jsonl")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    ap.add_argument("--reuse-only", action="store_true",
                    help="keep the stores of an earlier run; time the reuse rebuild only")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} is absent (run bench/gen_reuse_corpus.py)")
        return 0
    runs = []
    for workers in args.workers:
        runs.append(run(args.corpus, workers, args.out, args.reuse_only))
        print(json.dumps(runs[-1]), flush=True)
    base = runs[0]
    stages = ("reuse",) if args.reuse_only else ("ingest", "reuse", "total")
    print(json.dumps({"scaling": {f"{base['workers']}->{r['workers']}": {
        stage: round(base[f"{stage}_s"] / r[f"{stage}_s"], 2) for stage in stages}
        for r in runs[1:]}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
