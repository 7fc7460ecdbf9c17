"""A large corpus with a realistic amount of copying, for the reuse speed benchmark.

Articles are new text: a word-bigram Markov chain trained on real articles
writes each one, so word statistics and shared stock phrases are those of
real news but long passages are not shared by chance.  Then copying is
injected: a share of the articles embed a passage of 40-200 words from an
earlier article, with up to 20% of its words edited (:func:`.reuse_levels.edit`),
and a smaller share republish an earlier article whole, lightly edited.
``bench/gen_reuse_corpus.py`` writes the corpus; ``bench/bench_reuse.py``
scores the injected pairs with :func:`.reuse.injected_recall`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import Any

from .reuse_levels import edit

OUTLETS = [f"outlet-{i:02d}" for i in range(40)]
#: A word-bigram chain: word -> (next words, cumulative counts).
Chain = dict[str, tuple[list[str], list[int]]]


def train(texts: Sequence[str]) -> Chain:
    """Word -> (next words, cumulative counts)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for text in texts:
        words = ["<s>", *text.split(), "<s>"]
        for a, b in zip(words, words[1:], strict=False):
            counts[a][b] += 1
    return {w: (list(nxt), list(accumulate(nxt.values()))) for w, nxt in counts.items()}


def generate(model: Chain, n_words: int, rng: random.Random) -> str:
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


def _inject(i: int, body: str, bodies: Sequence[str], vocab: Sequence[str], rng: random.Random,
            copy_rate: float, dup_rate: float) -> tuple[str, list[Any] | None]:
    """Article ``i``'s body after copying is injected, and the ``[source, i, kind]`` entry."""
    roll = rng.random()
    if i > 100 and roll < dup_rate:
        src = rng.randrange(i)
        return " ".join(edit(bodies[src].split(), 0.05, vocab, rng)), [src, i, "republished"]
    if i > 100 and roll < dup_rate + copy_rate:
        src = rng.randrange(i)
        words = bodies[src].split()
        n = rng.randint(40, 200)
        start = rng.randrange(max(1, len(words) - n))
        passage = edit(words[start:start + n], rng.uniform(0, 0.2), vocab, rng)
        lines = body.split("\n")
        lines.insert(rng.randrange(len(lines) + 1), " ".join(passage))
        return "\n".join(lines), [src, i, "passage"]
    return body, None


def reuse_articles(texts: Sequence[str], n: int, seed: int = 11, copy_rate: float = 0.10,
                   dup_rate: float = 0.02) -> Iterator[tuple[dict[str, str], list[Any] | None]]:
    """``n`` articles ``{"title", "text", "source", "url", "published"}`` written by a
    chain trained on ``texts``, each with its injected ``[source, index, kind]`` or ``None``."""
    rng = random.Random(seed)
    model = train(texts)
    vocab = [w for t in texts[:300] for w in t.split()]
    bodies: list[str] = []
    for i in range(n):
        body = generate(model, int(min(2000, max(60, rng.lognormvariate(6.0, 0.6)))), rng)
        body, injected = _inject(i, body, bodies, vocab, rng, copy_rate, dup_rate)
        bodies.append(body)
        day = dt.date(2015, 1, 1) + dt.timedelta(days=i * 3650 // n)
        outlet = rng.choice(OUTLETS)
        yield {"title": " ".join(body.split()[:10]), "text": body, "source": outlet,
               "url": f"https://{outlet}.example/{i}", "published": day.isoformat()}, injected


__all__ = ["OUTLETS", "Chain", "generate", "reuse_articles", "train"]
