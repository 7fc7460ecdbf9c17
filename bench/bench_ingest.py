"""Ingest throughput from JSONL, end to end (read, clean, store, index).

    python bench/bench_ingest.py --n 20000

Generates (or reuses) a corpus with bench/gen_corpus.py, ingests it into a
fresh database through ``tahqiq.Corpus`` and prints articles/s, the time per
stage and peak memory. Target: >= 300 articles/s on 2 cores.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def ensure_corpus(n: int, seed: int, out: Path) -> Path:
    """Generate the JSONL corpus once; reuse it on later runs."""
    if not out.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, str(HERE / "gen_corpus.py"), "--n", str(n),
                        "--seed", str(seed), "--out", str(out)], check=True)
    return out


def stage_times(path: Path, limit: int) -> dict[str, float]:
    """Per-article cost of reading and of the text stage, on the first records."""
    from tahqiq.ingest import read_file
    from tahqiq.text import build_document

    t0 = time.perf_counter()
    raws = [r for _, r in zip(range(limit), read_file(path, max_bytes=1 << 40), strict=False)]
    t1 = time.perf_counter()
    for raw in raws:
        build_document(raw)
    t2 = time.perf_counter()
    return {"read_ms": 1000 * (t1 - t0) / len(raws), "text_ms": 1000 * (t2 - t1) / len(raws)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--engine", default="auto")
    parser.add_argument("--profile", action="store_true", help="print the top cProfile entries")
    parser.add_argument("--no-link", action="store_true",
                        help="store and index only (reuse links are found on ingest by default)")
    args = parser.parse_args()
    corpus_path = args.corpus or HERE / "out" / f"corpus-{args.n}-{args.seed}.jsonl"
    ensure_corpus(args.n, args.seed, corpus_path)

    from tahqiq import Corpus
    from tahqiq.config import resolve_settings

    stages = stage_times(corpus_path, 1000)
    with tempfile.TemporaryDirectory() as tmp:
        settings = resolve_settings({"db_path": Path(tmp) / "bench.db",
                                     "search_engine": args.engine}, env={})
        profiler = cProfile.Profile() if args.profile else None
        start = time.perf_counter()
        with Corpus(settings=settings) as corpus:
            if profiler:
                profiler.enable()
            report = corpus.ingest([corpus_path], link=not args.no_link)
            if profiler:
                profiler.disable()
            elapsed = time.perf_counter() - start
            links = corpus.link_count()
            engine = corpus.index.info().get("engine")
        db_mb = (Path(tmp) / "bench.db").stat().st_size / 2**20
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "articles": report.added + report.duplicates, "added": report.added,
        "failed": len(report.failed), "seconds": round(elapsed, 2),
        "articles_per_s": round((report.added + report.duplicates) / elapsed, 1),
        "read_ms_per_article": round(stages["read_ms"], 3),
        "text_ms_per_article": round(stages["text_ms"], 3),
        "linked": not args.no_link, "links": links,
        "engine": engine, "db_mb": round(db_mb, 1), "peak_rss_mb": round(peak_mb, 1),
    }
    print(json.dumps(result, ensure_ascii=False))
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
