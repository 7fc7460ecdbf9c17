"""A large corpus with a realistic amount of copying, for the reuse speed benchmark.

``gen_corpus.py`` replicates each real article about forty times, so every
article there is a copy of forty others: right for search and check latency,
wrong for reuse, where it would make every article a copy.  Here articles
are new text instead: a word-bigram Markov chain trained on the Baly articles
(read in place from ../shared/data, never copied into the repo) writes each
article, so word statistics and shared stock phrases are those of real news
but long passages are not shared by chance.  Then copying is injected:

- ``--copy-rate`` of the articles (default 10%) embed a passage of 40-200
  words from an earlier article, with up to 20% of its words edited;
- ``--dup-rate`` (default 2%) republish an earlier article whole, lightly edited.

Each line is ``{"title", "text", "source", "url", "published"}``; a side file
``<out>.copies.json`` lists the injected pairs.

    python bench/gen_reuse_corpus.py --n 100000 --out bench/out/reuse-100k.jsonl
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
import random
import sys
import time
from collections import defaultdict
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from reuse_copies import edit  # noqa: E402  (the same word edits as the quality benchmark)

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "baly2018" / "claims"
OUTLETS = [f"outlet-{i:02d}" for i in range(40)]


def train(texts: list[str]) -> dict[str, tuple[list[str], list[int]]]:
    """Word -> (next words, cumulative counts)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for text in texts:
        words = ["<s>", *text.split(), "<s>"]
        for a, b in zip(words, words[1:], strict=False):
            counts[a][b] += 1
    return {w: (list(nxt), list(accumulate(nxt.values()))) for w, nxt in counts.items()}


def generate(model, n_words: int, rng: random.Random) -> str:
    """About ``n_words`` words of chain text, broken into lines of 20-60 words."""
    out, line, word, written = [], [], "<s>", 0
    while written + len(line) < n_words:
        nxt, cum = model.get(word) or model["<s>"]
        word = nxt[bisect.bisect_right(cum, rng.random() * cum[-1])]
        if word == "<s>":
            continue
        line.append(word)
        if len(line) >= rng.randint(20, 60):
            out.append(" ".join(line))
            written += len(line)
            line = []
    if line:
        out.append(" ".join(line))
    return "\n".join(out)


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
    rng = random.Random(args.seed)
    texts = [t for p in sorted(SHARED.glob("*.json"))
             for t in json.loads(p.read_text(encoding="utf-8")).get("article", []) if t]
    model = train(texts)
    vocab = [w for t in texts[:300] for w in t.split()]
    started, bodies, copies = time.perf_counter(), [], []
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for i in range(args.n):
            body = generate(model, int(min(2000, max(60, rng.lognormvariate(6.0, 0.6)))), rng)
            roll = rng.random()
            if i > 100 and roll < args.dup_rate:
                src = rng.randrange(i)
                body = " ".join(edit(bodies[src].split(), 0.05, vocab, rng))
                copies.append([src, i, "republished"])
            elif i > 100 and roll < args.dup_rate + args.copy_rate:
                src = rng.randrange(i)
                words = bodies[src].split()
                n = rng.randint(40, 200)
                start = rng.randrange(max(1, len(words) - n))
                passage = edit(words[start:start + n], rng.uniform(0, 0.2), vocab, rng)
                lines = body.split("\n")
                lines.insert(rng.randrange(len(lines) + 1), " ".join(passage))
                body = "\n".join(lines)
                copies.append([src, i, "passage"])
            bodies.append(body)
            day = dt.date(2015, 1, 1) + dt.timedelta(days=i * 3650 // args.n)
            outlet = rng.choice(OUTLETS)
            fh.write(json.dumps({"title": " ".join(body.split()[:10]), "text": body,
                                 "source": outlet, "url": f"https://{outlet}.example/{i}",
                                 "published": day.isoformat()}, ensure_ascii=False) + "\n")
    Path(str(args.out) + ".copies.json").write_text(json.dumps(copies), encoding="utf-8")
    print(f"wrote {args.n} articles ({len(copies)} with injected copies) to {args.out} in "
          f"{time.perf_counter() - started:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
