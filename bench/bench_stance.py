"""Stance speed on 2 cores: model load time, articles/s for stance + evidence, peak memory.

    python bench/bench_stance.py [--model DIR] [--n 300]

Articles are the Baly et al. articles nearest the corpus median length (read
from ../shared/data), each paired with its own claim; without the shared
data, the sample corpus is used.  Targets: >= 20 articles/s, load <= 2 s,
peak RSS <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"


def median_pairs(n: int) -> list[tuple[str, str]]:
    """``n`` (claim, article) pairs whose articles are closest to the median length."""
    if DATA.is_dir():
        from tahqiq.stance.data import read_baly

        pairs = [(p.claim, p.text) for p in read_baly(DATA) if p.text.strip()]
    else:
        sys.path.insert(0, str(REPO / "tests"))
        from stance_fixtures import sample_pairs

        pairs = [(c, t) for _, c, t, _ in sample_pairs()]
    lengths = sorted(len(t.split()) for _, t in pairs)
    median = lengths[len(lengths) // 2]
    pairs.sort(key=lambda p: abs(len(p[1].split()) - median))
    return pairs[:n]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--n", type=int, default=300)
    args = parser.parse_args()
    pairs = median_pairs(args.n)
    started = time.perf_counter()
    from tahqiq.stance import load_default, load_model

    model = load_model(args.model) if args.model else load_default()
    load_s = time.perf_counter() - started
    model.judge(*pairs[0])  # the encoder loads its weights on first use
    first_s = time.perf_counter() - started
    started = time.perf_counter()
    for claim, text in pairs:
        model.judge(claim, text, k=3)
    elapsed = time.perf_counter() - started
    words = sorted(len(t.split()) for _, t in pairs)
    print(json.dumps({
        "articles": len(pairs), "median_words": words[len(words) // 2],
        "load_s": round(load_s, 2), "load_and_first_article_s": round(first_s, 2),
        "articles_per_s": round(len(pairs) / elapsed, 1),
        "ms_per_article": round(1000 * elapsed / len(pairs), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
