"""Precision of repair_glued on the real scraped Baly et al. (2018) articles.

Runs the body-cleaning pipeline (drop_boilerplate + clean_display) and then
records every edit repair_glued makes.  The distinct edits are sampled with a
fixed seed (the ones with the smallest seeded hashes); a human labels the sample (``--dump`` writes it to a file outside
the repository), and only the labels, keyed by a hash of the edit, are stored
in ``bench/data/glue_labels.json``.  No corpus text enters the repository.

    python bench/glue_precision.py                    # precision from stored labels
    python bench/glue_precision.py --dump /tmp/glue_sample.tsv   # sample to label
"""

from __future__ import annotations

import argparse
import collections
import glob
import hashlib
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"
LABELS = REPO / "bench" / "data" / "glue_labels.json"


def edit_key(kind: str, before: str, after: str) -> str:
    """Stable hash of one edit (the text itself is never stored)."""
    return hashlib.sha256(f"{kind}\t{before}\t{after}".encode()).hexdigest()[:16]


def articles() -> list[str]:
    out = []
    for path in sorted(glob.glob(str(DATA / "*.json"))):
        with open(path, encoding="utf-8") as handle:
            out.extend(a for a in json.load(handle)["article"] if isinstance(a, str))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dump", help="write the sample (with text) here, outside the repo")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.text import clean_display, drop_boilerplate, glue_edits

    texts = articles()
    counts: collections.Counter[tuple[str, str, str]] = collections.Counter()
    tokens = 0
    started = time.perf_counter()
    for text in texts:
        display = clean_display(drop_boilerplate(text))
        tokens += len(display.split())
        counts.update(glue_edits(display))
    elapsed = time.perf_counter() - started
    distinct = sorted(counts)
    # The sample is the edits with the smallest seeded hashes: a fixed seed gives a fixed
    # sample, and a small change of the edit set only changes the sample at its margin.
    ranked = sorted(distinct, key=lambda e: edit_key(e[0], e[1], f"{e[2]}\t{args.seed}"))
    sample = ranked[: args.sample]
    labels = json.loads(LABELS.read_text()) if LABELS.exists() else {}
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as out:
            for kind, before, after in sample:
                key = edit_key(kind, before, after)
                out.write(f"{key}\t{labels.get(key, '?')}\t{kind}\t{before}\t=>\t{after}\n")
    judged = [labels.get(edit_key(*e)) for e in sample]
    good = judged.count("correct")
    bad = judged.count("wrong")
    by_kind = collections.Counter(kind for kind, _, _ in counts.elements())
    print(f"articles: {len(texts)}  tokens: {tokens}  time: {elapsed:.1f}s")
    print(f"edits: {sum(counts.values())} ({1000 * sum(counts.values()) / max(tokens, 1):.2f} per 1000 tokens)"
          f"  distinct: {len(distinct)}  by kind: {dict(by_kind)}")
    for kind in ("split", "join"):
        kj = [labels.get(edit_key(*e)) for e in sample if e[0] == kind]
        c, w = kj.count("correct"), kj.count("wrong")
        if c + w:
            print(f"  {kind}: sampled {len(kj)}, precision {c / (c + w):.3f}")
    unlabeled = len(sample) - good - bad
    precision = good / (good + bad) if good + bad else float("nan")
    print(f"sample: {len(sample)}  correct: {good}  wrong: {bad}  unlabeled: {unlabeled}")
    print(f"precision: {precision:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
