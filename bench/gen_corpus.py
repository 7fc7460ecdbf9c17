"""Generate a large, realistic Arabic news corpus as JSONL for benchmarks.

Each output line is ``{"title", "text", "source", "url", "published"}``.

Articles are made by replicating and perturbing the real articles of
``../shared/data/baly2018/claims/*.json`` (read in place, never copied into
the repo): short menu/navigation lines are dropped, sentences are shuffled
locally, dropped and duplicated, some words are swapped for words drawn from
the whole corpus, and the length is drawn from a log-normal around typical
news lengths (median ~400 words).  Dates and outlets vary.  Without the shared
data, a synthetic generator samples a Zipf distribution over wordfreq's Arabic
top-20k list.

    python bench/gen_corpus.py --n 100000 --seed 7 --out bench/out/corpus-100k.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "baly2018" / "claims"
OUTLETS = [f"outlet-{i:02d}" for i in range(40)]
_SENT = re.compile(r"(?<=[.!?؟。])\s+|\n+")


def load_sentences() -> list[list[str]]:
    """Per source article, its sentences of >= 6 words (menus dropped)."""
    articles: list[list[str]] = []
    for path in sorted(SHARED.glob("*.json")):
        for text in json.loads(path.read_text(encoding="utf-8")).get("article", []):
            sents = [s.strip() for s in _SENT.split(text) if len(s.split()) >= 6]
            if len(sents) >= 2:
                articles.append(sents)
    return articles


def synthetic_sentences(rng: random.Random, n_articles: int = 2000) -> list[list[str]]:
    """Zipf-sampled sentences over wordfreq's Arabic vocabulary (no shared data)."""
    from wordfreq import top_n_list

    vocab = top_n_list("ar", 20000)
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    articles = []
    for _ in range(n_articles):
        sents = []
        for _ in range(rng.randint(5, 40)):
            words = rng.choices(vocab, weights, k=rng.randint(8, 30))
            sents.append(" ".join(words) + ".")
        articles.append(sents)
    return articles


def make_article(i: int, sources: list[list[str]], vocab: list[str], rng: random.Random) -> dict:
    """One perturbed article built from a random source article."""
    sents = list(rng.choice(sources))
    target = int(min(3000, max(60, rng.lognormvariate(6.0, 0.6))))  # words; median ~400
    out: list[str] = []
    words = 0
    pos = rng.randrange(len(sents))
    while words < target and len(out) < 400:
        sent = sents[pos % len(sents)]
        pos += rng.choice((1, 1, 1, 2, 3))  # mostly in order, sometimes skipping
        if rng.random() < 0.1:
            continue  # dropped sentence
        toks = sent.split()
        for _ in range(rng.randint(0, 2)):  # swapped-in words
            toks[rng.randrange(len(toks))] = rng.choice(vocab)
        out.append(" ".join(toks))
        if rng.random() < 0.05:
            out.append(out[-1])  # duplicated sentence
        words += len(toks)
    if len(out) > 3 and rng.random() < 0.3:
        k = rng.randrange(len(out) - 1)
        out[k], out[k + 1] = out[k + 1], out[k]
    title = " ".join(out[0].split()[: rng.randint(6, 14)])
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    outlet = rng.choice(OUTLETS)
    return {
        "title": title,
        "text": "\n".join(out),
        "source": outlet,
        "url": f"https://{outlet}.example/news/{day:%Y/%m}/{i}",
        "published": day.isoformat(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "corpus.jsonl")
    ap.add_argument("--synthetic", action="store_true", help="ignore ../shared/data")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    real = SHARED.is_dir() and not args.synthetic
    sources = load_sentences() if real else synthetic_sentences(rng)
    vocab = [w for sents in sources[:500] for s in sents for w in s.split()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as fh:
        for i in range(args.n):
            fh.write(json.dumps(make_article(i, sources, vocab, rng), ensure_ascii=False) + "\n")
    print(
        f"wrote {args.n} articles from {'baly2018' if real else 'synthetic'} sources "
        f"({len(sources)} source articles) to {args.out} in {time.perf_counter() - t0:.1f}s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
