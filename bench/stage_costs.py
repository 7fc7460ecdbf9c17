"""Cost per article of each batch stage, in one process on one core (for docs/scaling.md).

    python bench/stage_costs.py --corpus bench/out/reuse-100k.jsonl --n 20000

Takes the first ``--n`` records of the corpus and times, per article:

- ``parse``: :func:`tahqiq.pipeline.parse_unit` (read, clean, normalize; worker side);
- ``write``: store and search-index commits (the single writer);
- ``sketch``, ``candidates``, ``fetch``, ``align``: the parts of linking them all
  (``ReuseIndex.rebuild`` with one process; sketch and align run on workers
  with a cluster, candidates and fetch stay with the writer);
- ``stance``: :func:`tahqiq.verify.batch.judge_chunk` per (claim, article) pair,
  20 Baly-style sample claims against 20 articles each (worker side).
"""

from __future__ import annotations

import argparse
import functools
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


class Timer:
    """Accumulates the seconds spent inside wrapped functions, by name."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, name: str, fn):  # noqa: ANN001, ANN201 - a bench helper
        @functools.wraps(fn)
        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started
        return timed


def head(corpus: Path, n: int, out: Path) -> Path:
    with corpus.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        dst.writelines(itertools.islice(src, n))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "bench" / "out" / "reuse-100k.jsonl")
    ap.add_argument("--n", type=int, default=20000)
    args = ap.parse_args()
    if not args.corpus.is_file():
        print(f"skipped: {args.corpus} is absent (run bench/gen_reuse_corpus.py)")
        return 0
    from tahqiq import Corpus
    from tahqiq.config import resolve_settings
    from tahqiq.data import labels_path
    from tahqiq.pipeline import parse_unit, plan_units
    from tahqiq.sources import reuse_index
    from tahqiq.store.links import LinkTable
    from tahqiq.verify.batch import judge_chunk, resolve_model

    timer = Timer()
    with tempfile.TemporaryDirectory(dir=REPO / "bench" / "out") as tmp:
        sample = head(args.corpus, args.n, Path(tmp) / "head.jsonl")
        started = time.perf_counter()
        parsed = [item for unit in plan_units([sample])
                  for item in parse_unit(unit, max_bytes=20 * 2**20)]
        timer.seconds["parse"] = time.perf_counter() - started
        docs = [d for d in parsed if hasattr(d, "doc_id")]
        settings = resolve_settings({"db_path": Path(tmp) / "desk.db", "workers": 1}, env={})
        with Corpus(settings=settings) as corpus:
            started = time.perf_counter()
            for i in range(0, len(docs), settings.batch_size):
                corpus._commit(docs[i:i + settings.batch_size])
            timer.seconds["write"] = time.perf_counter() - started
            for name, target in (("sketch", "sketch_batch"), ("candidates", "candidate_pairs"),
                                 ("align", "link_pairs")):
                setattr(reuse_index, target, timer.wrap(name, getattr(reuse_index, target)))
            LinkTable.rows_by_rowid = timer.wrap("fetch", LinkTable.rows_by_rowid)
            started = time.perf_counter()
            corpus.reuse_index.rebuild()
            timer.seconds["link_total"] = time.perf_counter() - started
            links = corpus.link_count()
            with labels_path() as labels:
                claims = [json.loads(line)["claim"] for line in
                          (labels / "claims.jsonl").read_text("utf-8").splitlines() if line.strip()]
            claims = (claims * 3)[:20]
            items = [(claim, [d.text for d in docs[j * 20:(j + 1) * 20]])
                     for j, claim in enumerate(claims)]
            resolve_model("default")
            started = time.perf_counter()
            judge_chunk("default", items)
            stance = (time.perf_counter() - started) / sum(len(t) for _, t in items)
    per_article = {name: round(1000 * s / len(docs), 3) for name, s in timer.seconds.items()}
    print(json.dumps({"articles": len(docs), "links": links, "ms_per_article": per_article,
                      "stance_ms_per_pair": round(1000 * stance, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
