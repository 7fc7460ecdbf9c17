"""Latency of `tahqiq check` over a large store, stance included.

    python bench/bench_check.py --n 100000 [--claims 100] [-k 20]

Builds (once, cached under bench/out/) a store of ``n`` articles made by
replicating and perturbing the real Baly articles (bench/gen_corpus.py), then
checks real Baly claims against it with the shipped stance model and reports
the time per claim (p50, p95, mean), the model's load time and peak RSS.  The
first check, which loads the encoder's weights, is timed apart.  Needs
../shared/data for the claims; prints "skipped" without it.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def build_store(n: int, out: Path) -> Path:
    """The cached store of ``n`` generated articles (generated and ingested when missing)."""
    from tahqiq import Corpus

    db = out / f"check-{n}" / "desk.db"
    if db.is_file():
        return db
    corpus_file = out / f"corpus-{n}-7.jsonl"
    if not corpus_file.is_file():
        subprocess.run([sys.executable, str(REPO / "bench" / "gen_corpus.py"), "--n", str(n),
                        "--seed", "7", "--out", str(corpus_file)], check=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Corpus(db) as corpus:
        # replicated articles copy each other forty times over: reuse links are not
        # meaningful here (bench/bench_reuse.py measures them on a realistic corpus)
        report = corpus.ingest([corpus_file], link=False)
        corpus.index  # noqa: B018 - build the search index now, not in the first check
    print(f"# ingested {report.added} articles in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    return db


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--claims", type=int, default=100)
    parser.add_argument("-k", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--db", type=Path, default=None,
                        help="an existing store instead (e.g. the linked reuse-100k store)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq import Corpus
    from tahqiq.stance import load_default
    from tahqiq.stance.data import read_baly_facts
    from tahqiq.verify import Verifier

    db = args.db or build_store(args.n, REPO / "bench" / "out")
    facts = read_baly_facts(DATA / "baly2018" / "claims")
    claims = [text for text, _ in facts.values()]
    random.Random(args.seed).shuffle(claims)
    claims = claims[: args.claims + 1]
    started = time.perf_counter()
    model = load_default()
    load_s = time.perf_counter() - started
    with Corpus(db) as corpus:
        verifier = Verifier(corpus, model=model)
        t0 = time.perf_counter()
        verifier.check(claims[0], args.k)
        first_s = time.perf_counter() - t0
        times, verdicts = [], {}
        for claim in claims[1:]:
            t0 = time.perf_counter()
            report = verifier.check(claim, args.k)
            times.append(time.perf_counter() - t0)
            verdicts[report.verdict] = verdicts.get(report.verdict, 0) + 1
        documents = corpus.stats().documents
    times.sort()
    print(json.dumps({
        "documents": documents, "claims": len(times), "k": args.k,
        "p50_s": round(statistics.median(times), 3),
        "p95_s": round(times[int(0.95 * (len(times) - 1))], 3),
        "mean_s": round(statistics.fmean(times), 3), "max_s": round(times[-1], 3),
        "model_load_s": round(load_s, 2), "first_check_s": round(first_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "verdicts": verdicts,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
