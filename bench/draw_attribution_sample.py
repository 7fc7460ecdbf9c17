"""Draw a held-out sample of Baly et al. (2018) articles for the attribution gold.

This is the drawing procedure of samples C, D and E (docs/sources.md, Attribution >
Gold annotations), written down as a script.  It never imports the extractor
(``tahqiq.sources``): eligibility rests on the document builder, the language, the
length, the gold's hashes, word 5-gram containment and a keyword scan only.

- Claims already in the gold file (every sample) are excluded entirely.
- An article is eligible when its document builds, has lang "ar", at least 500
  display characters, a display-text sha256 different from every gold article, word
  5-gram containment < 0.3 (first 3000 characters) with every gold article and every
  article already drawn, and at least 3 matches of the citation keyword scan in its
  first 3000 characters.
- Claim files are sorted by name and shuffled with ``random.Random(seed)``; for each
  claim with eligible articles one is chosen with ``rng.choice`` (in article order).

The output holds no text: one line per rank with the claim id, the article's
position in its claim file (as counted by ``bench/attribution_eval.py``), the
display text's sha256 and length, and the annotated range (the start of the text
to the end of the sentence that reaches character 3000, the whole text when
shorter).  Hash the output to record the draw before annotating.

    python bench/draw_attribution_sample.py --seed 20261204 > /tmp/sample_e.tsv
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"
GOLD = REPO / "bench" / "data" / "attribution_gold.json"

KEYWORDS = re.compile(r"نقلت|بحسب|وفقا|وفقاً|نقلا عن|نقلاً عن|وكالة|صحيفة|قناة|موقع|مجلة|إذاعة")
HEAD = 3000
MIN_CHARS = 500
MIN_KEYWORDS = 3
MAX_CONTAINMENT = 0.3


def grams(text: str) -> set[tuple[str, ...]]:
    """Word 5-grams of the first 3000 characters."""
    words = re.findall(r"\w+", text[:HEAD])
    return {tuple(words[i:i + 5]) for i in range(len(words) - 4)}


def containment(a: set[Any], b: set[Any]) -> float:
    """Share of ``a``'s 5-grams that ``b`` also holds."""
    return len(a & b) / len(a) if a else 0.0


def annotated_end(doc: Any) -> int:
    """End of the sentence that reaches character 3000 (the text's length when shorter)."""
    if len(doc.text) <= HEAD:
        return len(doc.text)
    for sent in doc.sentences:
        if sent.end >= HEAD:
            return sent.end
    return len(doc.text)


def build(text: str) -> Any:
    from tahqiq.text import build_document
    from tahqiq.types import RawDocument

    try:
        return build_document(RawDocument(text=text, fmt="txt"))
    except Exception:  # noqa: BLE001 - an article that does not build is not eligible
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--limit", type=int, default=60, help="ranks to draw (default 60)")
    args = parser.parse_args(argv)

    from tahqiq.stance.data import read_baly

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    gold_claims = {a["claim_id"] for a in gold["articles"]}
    gold_hashes = {a["sha256"] for a in gold["articles"]}
    gold_keys = {(a["claim_id"], a["article_index"]) for a in gold["articles"]}

    by_claim: dict[str, list[tuple[int, str]]] = defaultdict(list)
    order: list[str] = []  # claim ids in file-name order (read_baly reads files sorted)
    gold_grams: list[set[Any]] = []
    position: dict[str, int] = defaultdict(int)
    for pair in read_baly(args.data):
        index = position[pair.claim_id]
        position[pair.claim_id] += 1
        if pair.claim_id not in by_claim and pair.claim_id not in gold_claims:
            order.append(pair.claim_id)
        if (pair.claim_id, index) in gold_keys:
            doc = build(pair.text)
            if doc is not None:
                gold_grams.append(grams(doc.text))
        if pair.claim_id not in gold_claims:
            by_claim[pair.claim_id].append((index, pair.text))
    order = list(dict.fromkeys(order))

    rng = random.Random(args.seed)
    rng.shuffle(order)
    drawn_grams: list[set[Any]] = []
    rank = 0
    print("rank\tclaim_id\tarticle_index\tsha256\ttext_length\tannotated_range")
    for claim in order:
        if rank >= args.limit:
            break
        eligible = []
        for index, text in by_claim[claim]:
            doc = build(text)
            if doc is None or doc.lang != "ar" or len(doc.text) < MIN_CHARS:
                continue
            digest = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
            if digest in gold_hashes:
                continue
            g = grams(doc.text)
            if any(containment(g, other) >= MAX_CONTAINMENT for other in gold_grams + drawn_grams):
                continue
            if len(KEYWORDS.findall(doc.text[:HEAD])) < MIN_KEYWORDS:
                continue
            eligible.append((index, doc, digest, g))
        if not eligible:
            continue
        index, doc, digest, g = rng.choice(eligible)
        drawn_grams.append(g)
        print(f"{rank}\t{claim}\t{index}\t{digest}\t{len(doc.text)}\t0-{annotated_end(doc)}")
        rank += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
