"""A large corpus with a realistic amount of copying, for the reuse speed benchmark.

``gen_corpus.py`` replicates each real article about forty times, so every
article there is a copy of forty others: right for search and check latency,
wrong for reuse, where it would make every article a copy.  Here articles
are new text instead: a word-bigram Markov chain trained on the Baly articles
(read in place from ../shared/data, never copied into the repo) writes each
article, so word statistics and shared stock phrases are those of real news
but long passages are not shared by chance (``tahqiq.evaluation.reuse_corpus``
writes them).  Then copying is injected:

- ``--copy-rate`` of the articles (default 10%) embed a passage of 40-200
  words from an earlier article, with up to 20% of its words edited;
- ``--dup-rate`` (default 2%) republish an earlier article whole, lightly edited.

Each line is ``{"title", "text", "source", "url", "published"}``; a side file
``<out>.copies.json`` lists the injected pairs.

    python bench/gen_reuse_corpus.py --n 100000 --out bench/out/reuse-100k.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "baly2018" / "claims"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--copy-rate", type=float, default=0.10)
    ap.add_argument("--dup-rate", type=float, default=0.02)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "reuse-100k.jsonl")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} is absent")
        return 0
    from tahqiq.evaluation.reuse_corpus import reuse_articles

    texts = [t for p in sorted(SHARED.glob("*.json"))
             for t in json.loads(p.read_text(encoding="utf-8")).get("article", []) if t]
    started, copies = time.perf_counter(), []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for article, injected in reuse_articles(texts, args.n, args.seed, args.copy_rate,
                                                args.dup_rate):
            if injected is not None:
                copies.append(injected)
            fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    Path(str(args.out) + ".copies.json").write_text(json.dumps(copies), encoding="utf-8")
    print(f"wrote {args.n} articles ({len(copies)} with injected copies) to {args.out} in "
          f"{time.perf_counter() - started:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
