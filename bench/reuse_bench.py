"""Reuse benchmark: injected edited copies of real articles, recall and precision by level.

    python bench/reuse_bench.py [--per-level 150] [--seed 1] [--json]
    python bench/reuse_bench.py --show-background 30   # print background links to audit

Corpus: every Baly article of ../shared/data (display text as tahqiq stores it)
plus ``per-level`` copies per edit level (``tahqiq.evaluation.reuse_levels``).
tahqiq's batch reuse detection (tahqiq.sources.batch.find_links) runs over all
of it, and the datasketch MinHash baseline at thresholds 0.5 and 0.3 unless
``--no-baseline``.  Recall per level, precision and verified precision are
scored by ``tahqiq.evaluation.reuse``, whose docstring defines them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-level", type=int, default=150)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show-background", type=int, default=0)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--details", choices=("default", "on", "off"), default="default",
                        help="the order-free details path: as shipped, on or off")
    parser.add_argument("--levels", nargs="+", default=None,
                        help="only these levels (the copies then differ from a full run)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.evaluation import reuse
    from tahqiq.evaluation.reuse_levels import LEVELS, REWRITE_LEVELS, TARGET_LEVELS, make_copies

    texts = reuse.load_texts(DATA)
    copies = make_copies(texts, args.per_level, args.seed, args.levels or LEVELS)
    all_texts = reuse.display_texts(texts, copies)
    started = time.perf_counter()
    linked, spans_of = reuse.link_tahqiq(all_texts, reuse.reuse_params(args.details))
    seconds = time.perf_counter() - started
    result = {"articles": len(texts), "copies": len(copies), "seconds": round(seconds, 1),
              "tahqiq": reuse.score(copies, len(texts), linked, spans_of,
                                    reuse.aligned_shares(all_texts))}
    recall = result["tahqiq"]["recall"]
    for name, levels in (("target_levels", TARGET_LEVELS), ("rewrite_levels", REWRITE_LEVELS)):
        result["tahqiq"][f"{name}_min_recall"] = reuse.min_recall(recall, levels)
    if not args.no_baseline:
        for threshold in (0.5, 0.3):
            base = reuse.link_minhash(all_texts, threshold)
            result[f"datasketch_{threshold}"] = reuse.score(copies, len(texts), base, None)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.show_background:
        show_background(linked, len(texts), all_texts, args.show_background)
    return 0


def show_background(linked, base, texts, n) -> None:
    """Print background links (both passages) to audit by eye; terminal only."""
    pairs = sorted(k for k in linked if k[1] < base)
    for key in random.Random(5).sample(pairs, min(n, len(pairs))):
        link = linked[key]
        a, b = int(link.a), int(link.b)
        print(f"## {a} {b} fraction {link.shared_fraction} | {link.reason}")
        for (s, e), (s2, e2) in zip(link.spans_a, link.spans_b, strict=False):
            print("   A:", texts[a][s:e][:200].replace("\n", " / "))
            print("   B:", texts[b][s2:e2][:200].replace("\n", " / "))


if __name__ == "__main__":
    sys.exit(main())
