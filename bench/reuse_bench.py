"""Reuse benchmark: injected edited copies of real articles, recall and precision by level.

    python bench/reuse_bench.py [--per-level 150] [--seed 1] [--json]
    python bench/reuse_bench.py --show-background 30   # print background links to audit

Corpus: every Baly article of ../shared/data (display text as tahqiq stores it)
plus ``per-level`` copies per edit level (bench/reuse_copies.py).  tahqiq's
batch reuse detection (tahqiq.sources.batch.find_links) runs over all of it.

- Recall, per level: a copy counts as found when a link joins it to its source
  and the link's spans in the source cover at least half of the passage the
  copy was made from.
- Precision: over links that involve a copy.  A link is right when its other
  document is the copy's source or host, another copy of the same source or
  host, or an article linked to the source or host in the background (links
  among the original articles, which are real reuse: agency text, site
  boilerplate).  ``precision_verified`` also counts a link as right when its
  other document shares at least 20 aligned tokens with the copy's source or
  host by direct alignment (no LSH, no template filter): the copy then really
  does share that text with it, through its origin.
- Baseline: datasketch MinHash (128 permutations) over each whole document's
  word 3-grams in the same search normalization, MinHashLSH at thresholds 0.5
  and 0.3; every LSH candidate pair is taken as a link (it has no spans).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"


def load_texts() -> list[str]:
    """Display texts of the distinct Baly articles, in a fixed order."""
    from tahqiq.stance.data import read_baly
    from tahqiq.text import build_document
    from tahqiq.types import RawDocument

    seen, texts = set(), []
    for pair in read_baly(DATA):
        if pair.text in seen or not pair.text.strip():
            continue
        seen.add(pair.text)
        try:
            texts.append(build_document(RawDocument(text=pair.text, fmt="txt")).text)
        except Exception:  # noqa: BLE001 - an empty or unreadable article is skipped
            continue
    return sorted(set(texts))


def overlap(spans, target) -> int:
    lo, hi = target
    return sum(max(0, min(e, hi) - max(s, lo)) for s, e in spans)


def score(copies, base: int, linked: dict, spans_of, shares=None) -> dict:
    """Recall per level and precision over copy links (see the module docstring)."""
    background = defaultdict(set)
    for (a, b) in linked:
        if a < base and b < base:
            background[a].add(b)
            background[b].add(a)
    by_origin = defaultdict(set)
    for i, c in enumerate(copies):
        by_origin[c.source].add(base + i)
        by_origin[c.host].add(base + i)
    found = defaultdict(list)
    for i, c in enumerate(copies):
        key = (c.source, base + i)
        ok = key in linked
        if ok and spans_of is not None:
            found_spans = spans_of(key, c.source)
            need = sum(e - s for s, e in c.source_parts) / 2
            ok = sum(overlap(found_spans, part) for part in c.source_parts) >= need
        found[c.level].append(ok)
    right = wrong = verified = 0
    for (a, b) in linked:
        for x, y in ((a, b), (b, a)):
            if x < base:
                continue
            c = copies[x - base]
            origin = {c.source, c.host}
            good = y in origin or y in by_origin[c.source] | by_origin[c.host] or \
                any(y in background[o] for o in origin)
            right, wrong = right + good, wrong + (not good)
            verified += good or (shares is not None and any(shares(y, o) for o in origin))
            break
    recall = {lvl: round(sum(v) / len(v), 3) for lvl, v in found.items()}
    out = {"recall": recall, "precision": round(right / max(1, right + wrong), 3),
           "copy_links": right + wrong, "background_links": sum(map(len, background.values())) // 2}
    if shares is not None:
        out["precision_verified"] = round(verified / max(1, right + wrong), 3)
    return out


def run_tahqiq(texts, copies, params=None):
    from tahqiq.sources.batch import find_links
    from tahqiq.sources.reuse import LinkSide
    from tahqiq.text import build_document
    from tahqiq.types import RawDocument

    all_texts = texts + [build_document(RawDocument(text=c.text, fmt="txt")).text for c in copies]
    sides = [LinkSide(str(i), t) for i, t in enumerate(all_texts)]
    started = time.perf_counter()
    links = find_links(sides, params)
    seconds = time.perf_counter() - started
    linked = {}
    for link in links:
        a, b = int(link.a), int(link.b)
        linked[(min(a, b), max(a, b))] = link

    def spans_of(key, doc):
        link = linked[key]
        return link.spans_a if int(link.a) == doc else link.spans_b
    return linked, spans_of, seconds, all_texts


def _shares(texts):
    """``shares(x, y)``: do texts x and y share >= 20 aligned tokens (direct alignment)?"""
    from tahqiq.sources.align import align
    from tahqiq.sources.shingles import term_ids, token_spans

    def shares(x: int, y: int) -> bool:
        a, b = term_ids(token_spans(texts[x]).terms), term_ids(token_spans(texts[y]).terms)
        return sum(p.matched for p in align(a, b)) >= 20
    return shares


def run_datasketch(all_texts, threshold: float) -> dict:
    from datasketch import MinHash, MinHashLSH

    from tahqiq.text import tokenize

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = []
    for i, text in enumerate(all_texts):
        toks = tokenize(text)
        m = MinHash(num_perm=128, seed=1)
        m.update_batch([" ".join(toks[j:j + 3]).encode() for j in range(max(1, len(toks) - 2))])
        lsh.insert(str(i), m)
        hashes.append(m)
    linked = {}
    for i, m in enumerate(hashes):
        for other in lsh.query(m):
            j = int(other)
            if j != i:
                linked[(min(i, j), max(i, j))] = True
    return linked


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
    from reuse_copies import LEVELS, REWRITE_LEVELS, TARGET_LEVELS, make_copies

    texts = load_texts()
    copies = make_copies(texts, args.per_level, args.seed, args.levels or LEVELS)
    linked, spans_of, seconds, all_texts = run_tahqiq(texts, copies, _params(args.details))
    result = {"articles": len(texts), "copies": len(copies), "seconds": round(seconds, 1),
              "tahqiq": score(copies, len(texts), linked, spans_of, _shares(all_texts))}
    recall = result["tahqiq"]["recall"]
    for name, levels in (("target_levels", TARGET_LEVELS), ("rewrite_levels", REWRITE_LEVELS)):
        got = [recall[lvl] for lvl in levels if lvl in recall]
        result["tahqiq"][f"{name}_min_recall"] = min(got) if got else None
    if not args.no_baseline:
        for threshold in (0.5, 0.3):
            base = run_datasketch(all_texts, threshold)
            result[f"datasketch_{threshold}"] = score(copies, len(texts), base, None)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    if args.show_background:
        show_background(linked, len(texts), all_texts, args.show_background)
    return 0


def _params(details: str):
    """ReuseParams with the details path as shipped (``default``), on or off."""
    from dataclasses import replace

    from tahqiq.sources.details_sketch import DetailParams
    from tahqiq.sources.reuse import ReuseParams

    shipped = ReuseParams()
    if details == "default":
        return shipped
    return replace(shipped, details=DetailParams() if details == "on" else None)


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
