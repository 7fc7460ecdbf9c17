"""Story clustering: quality against the Baly claim groups, and assignment speed.

    python bench/bench_stories.py quality              # B-cubed, cross-validated by claim
    python bench/bench_stories.py train [--write]      # fit on every fold; --write puts
                                                       # the weights in stories.v1.json
    python bench/bench_stories.py speed --n 100000     # articles/s of StoryClusterer.assign
    python bench/bench_stories.py ceiling              # how often the gold story is the
                                                       # most similar one at all

quality: the related Baly articles (agree, disagree, discuss) as one dated stream
(tahqiq.evaluation.stories.read_stream); for each fold, the join model is fitted on
the other three and the fold's stream is clustered; B-cubed against the claims.

speed: a stream of --n generated articles (bench/gen_corpus.py's generator: Baly
sentences recombined into stories, dated over --days days), vectors computed first
(timed apart: they are the batch work a mapper spreads), then assigned one at a time
in one process.  Two replays of the same stream must give the same stories.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BALY = REPO.parent / "shared" / "data" / "baly2018"
TABLE = REPO / "src" / "tahqiq" / "stories" / "tables" / "stories.v1.json"


def quality(args: argparse.Namespace) -> dict:
    from tahqiq.evaluation.stories import cross_validate, read_stream

    items = read_stream(BALY)
    return cross_validate(items)


def train(args: argparse.Namespace) -> dict:
    from tahqiq.evaluation.stories import fit_join, read_stream
    from tahqiq.stories.cluster import StoryParams

    items = read_stream(BALY)
    fitted = fit_join(items, StoryParams.from_table())
    out = {"weights": list(fitted.weights), "threshold": fitted.threshold, "articles": len(items)}
    if args.write:
        table = json.loads(TABLE.read_text(encoding="utf-8"))
        table["model"].update(weights=out["weights"], threshold=fitted.threshold,
                              trained=f"bench/bench_stories.py train --write: {len(items)} related "
                                      "Baly articles (every fold), claim groups as stories")
        TABLE.write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return out


def ceiling(args: argparse.Namespace) -> dict:
    """Replay the stream with the gold stories as the state: for each article whose gold
    story exists already, is that story the one most similar to it (centroid cosine), and
    is it among the candidates the clusterer scores?  No join model can do better than
    the first on the articles where it fails."""
    from tahqiq.evaluation.stories import read_stream
    from tahqiq.stories.cluster import StoryClusterer, StoryParams

    items = read_stream(BALY)
    clusterer = StoryClusterer(StoryParams.from_table())
    ids: dict[str, int] = {}
    joins = top = candidate = 0
    for item in items:
        article = clusterer.prepare(item.vector)
        own = ids.get(item.claim)
        if own is not None:
            joins += 1
            best = max(clusterer.stories.values(),
                       key=lambda s: (clusterer.features(article, s)[0], -s.id))
            top += best.id == own
            candidate += any(s.id == own for s in clusterer.candidates(article))
        else:
            own = ids[item.claim] = clusterer.open_story().id
        clusterer.join(clusterer.stories[own], article)
    return {"articles": len(items), "with_earlier_gold_story": joins,
            "gold_story_most_similar": round(top / joins, 4),
            "gold_story_among_candidates": round(candidate / joins, 4)}


def synthetic_stream(n: int, days: float, seed: int = 7) -> list[tuple[int, str, str | None, str | None]]:
    """``n`` generated articles: stories of recombined Baly sentences, dated over ``days``."""
    from tahqiq.stance.data import read_baly
    from tahqiq.text.search import normalize_search

    rng = random.Random(seed)
    sentences = [s for p in read_baly(BALY / "claims")[:3000]
                 for s in p.text.split("\n") if 40 < len(s) < 400]
    rows, start = [], 1_700_000_000
    stories = max(1, n // 12)
    seeds = [rng.sample(sentences, 6) for _ in range(stories)]
    for i in range(n):
        story = min(int(rng.expovariate(1.0) * stories / 4), stories - 1) \
            if rng.random() < 0.5 else rng.randrange(stories)
        body = seeds[story][:rng.randint(2, 6)] + rng.sample(sentences, rng.randint(2, 8))
        moment = start + (i / n) * days * 86400 + rng.uniform(-3600, 3600)
        published = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(moment)) \
            if rng.random() > 0.1 else None
        rows.append((i + 1, normalize_search(" ".join(body)), None, published))
    return rows


def speed(args: argparse.Namespace) -> dict:
    from tahqiq.stories.cluster import StoryClusterer, StoryParams
    from tahqiq.stories.vectors import VectorParams, vector_batch

    rows = synthetic_stream(args.n, args.days)
    t0 = time.perf_counter()
    vectors = vector_batch(VectorParams.from_table(), rows)
    t1 = time.perf_counter()
    params = StoryParams.from_table()
    runs = []
    for _ in range(2):
        clusterer = StoryClusterer(params)
        start = time.perf_counter()
        assigned = [clusterer.assign(v) for v in vectors]
        runs.append((time.perf_counter() - start, [a.story for a in assigned], len(clusterer.stories)))
    seconds = min(r[0] for r in runs)
    return {"articles": args.n, "days": args.days, "vector_seconds": round(t1 - t0, 1),
            "vectors_per_s": round(args.n / (t1 - t0), 1), "assign_seconds": round(seconds, 1),
            "assigned_per_s": round(args.n / seconds, 1), "stories": len(set(runs[0][1])),
            "active_at_end": runs[0][2], "replay_identical": runs[0][1] == runs[1][1]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("quality", "train", "speed", "ceiling"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--days", type=float, default=30.0)
    args = ap.parse_args()
    if args.what != "speed" and not BALY.is_dir():
        print(f"no Baly data at {BALY}", file=sys.stderr)
        return 2
    result = {"quality": quality, "train": train, "speed": speed,
              "ceiling": ceiling}[args.what](args)
    print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
