"""Reuse at scale: link 100k stored articles, then add articles one at a time.

    python bench/gen_reuse_corpus.py --n 100000 --out bench/out/reuse-100k.jsonl
    python bench/bench_reuse.py --corpus bench/out/reuse-100k.jsonl [--db bench/out/reuse-100k.db]

1. Ingest the corpus without linking (timed separately; skipped when --db exists).
2. Link everything from scratch (``ReuseIndex.rebuild``): sketches, candidates,
   alignment, links saved in the store, segments saved beside it.  Reports
   seconds, articles/s, links, and the recall of the injected copies
   (``<corpus>.copies.json``).
3. Add ``--add`` new articles one at a time (each a copy-bearing article
   made like the corpus's), timing ``Corpus.ingest`` + linking per article
   in one process whose reuse index is already open.

Peak RSS is reported for the whole run.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "bench" / "out" / "reuse-100k.jsonl")
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--add", type=int, default=50)
    ap.add_argument("--add-only", action="store_true",
                    help="skip the full rebuild; time single additions to the existing index")
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} is absent (run bench/gen_reuse_corpus.py)")
        return 0
    from tahqiq import Corpus

    db = args.db or args.corpus.with_suffix(".db")
    out: dict = {"corpus": str(args.corpus)}
    with Corpus(db) as corpus:
        if corpus.store.count() == 0:
            started = time.perf_counter()
            report = corpus.ingest([args.corpus], link=False)
            out["ingest_seconds"] = round(time.perf_counter() - started, 1)
            ids = [d.doc_id for d in report.documents]
            Path(str(db) + ".ids.json").write_text(json.dumps(ids), encoding="utf-8")
        ids = json.loads(Path(str(db) + ".ids.json").read_text(encoding="utf-8"))
        out["articles"] = corpus.store.count()
        if not args.add_only:
            started = time.perf_counter()
            corpus.reuse_index.rebuild()
            seconds = time.perf_counter() - started
            out.update(link_seconds=round(seconds, 1),
                       articles_per_second=round(len(ids) / seconds, 1),
                       links=corpus.link_count(),
                       segments=len(corpus.reuse_index.table.segments))
            out["injected_recall"] = _recall(corpus, ids, args.corpus)
        else:
            started = time.perf_counter()
            corpus.link()
            out["open_index_seconds"] = round(time.perf_counter() - started, 1)
        out["add_one_ms"] = _add(corpus, args.corpus, args.add)
    out["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0


def _recall(corpus, ids, path: Path) -> dict:
    from tahqiq.evaluation.reuse import injected_recall

    copies = json.loads(Path(str(path) + ".copies.json").read_text(encoding="utf-8"))
    return injected_recall(copies, ids, {frozenset((link.a, link.b)) for link in corpus.links()})


def _add(corpus, path: Path, n: int) -> dict:
    rng = random.Random(time.time_ns())  # new articles on every run (old ones are duplicates)
    lines = path.read_text(encoding="utf-8").splitlines()
    times, linking = [], []
    tmp = path.with_suffix(".add.jsonl")
    for i in range(n):
        base = json.loads(lines[rng.randrange(len(lines))])
        donor = json.loads(lines[rng.randrange(len(lines))])["text"].split()
        start = rng.randrange(max(1, len(donor) - 80))
        text = " ".join(donor[start:start + 80]) + "\n" + base["text"][::-1][:2000]
        tmp.write_text(json.dumps({"text": text, "published": "2030-01-01", "source": f"new-{i}"},
                                  ensure_ascii=False), encoding="utf-8")
        started = time.perf_counter()
        if corpus.ingest([tmp], link=False).added != 1:
            raise RuntimeError("the new article was not added")
        stored = time.perf_counter()
        corpus.link()
        times.append((time.perf_counter() - started) * 1000)
        linking.append((time.perf_counter() - stored) * 1000)
    tmp.unlink(missing_ok=True)
    return {"n": n, "ingest_and_link": _summary(times), "link_only": _summary(linking)}


def _summary(values: list[float]) -> dict:
    values = sorted(values)
    return {"p50": round(statistics.median(values), 1),
            "p95": round(values[int(0.95 * (len(values) - 1))], 1), "max": round(values[-1], 1)}


if __name__ == "__main__":
    sys.exit(main())
