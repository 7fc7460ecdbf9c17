"""Score tahqiq.sources.extract_sources against the hand-annotated attribution gold.

The gold (``bench/data/attribution_gold.json``) stores, for Baly et al. (2018)
articles, only the claim id, the article's position in the claim file, the
sha256 of the display text, the normalizer version, the annotated character
range and labelled spans -- never text.  The scoring (rebuilding each document,
checking its hash, matching predictions to the gold one-to-one) is
``tahqiq.evaluation.attribution``, whose docstring states the matching rules;
this script prints precision, recall and F1 for the dev and test parts
separately.

The test part (split "test") is the fifth held-out sample (sample E, gold
version 6), drawn before the round-5 rules were frozen and annotated by reading;
the first four test splits (samples A, B, C and D) were scored once, read and
merged into dev (see the gold file's description).  ``--errors`` prints dev errors only,
never test.

    python bench/attribution_eval.py                 # dev and test
    python bench/attribution_eval.py --split dev --errors   # dev misses and false alarms
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"
GOLD = REPO / "bench" / "data" / "attribution_gold.json"


def _split_rows(split: str, t: dict[str, list[int]]) -> list[str]:
    """The table rows of one split's totals."""
    from tahqiq.evaluation.metrics import prf

    lines = []
    for field in ("outlets", "speakers", "cues", "contents"):
        tp, ng, npred = t[field]
        p, r, f = prf(tp, ng, npred)
        lines.append(f"| {split} | {field} | {ng} | {npred} | {p:.3f} | {r:.3f} | {f:.3f} |")
    right, total = t["kinds"][0], t["kinds"][1]
    lines.append(f"| {split} | speaker kind accuracy (matched speakers) | {total} | | "
                 f"{right / total if total else 0:.3f} | | |")
    for field, label in (("outlets_known", "in the gazetteer"), ("outlets_unknown", "not in it")):
        tp, ng = t[field][0], t[field][1]
        lines.append(f"| {split} | outlet recall, gold outlets {label} | {ng} | | | "
                     f"{tp / ng if ng else 0:.3f} | |")
    return lines


def render(result: dict[str, Any], gold: dict[str, Any]) -> str:
    """The scores as a Markdown table, the gold's size per split, and any stale articles."""
    from tahqiq.evaluation.attribution import gold_counts

    lines = ["| split | field | gold | pred | P | R | F1 |", "|---|---|---|---|---|---|---|"]
    for split in ("dev", "test"):
        if t := result["totals"].get(split):
            lines += _split_rows(split, t)
    lines.append("")
    for split, (n_art, n_att, n_out) in sorted(gold_counts(gold).items()):
        lines.append(f"{split}: {n_art} articles, {n_att} gold attributions, {n_out} gold cited outlets")
    if result["stale"]:
        lines.append(f"SKIPPED (display text changed since annotation, re-annotate): "
                     f"{', '.join(result['stale'])}")
    return "\n".join(lines)


def print_errors(result: dict[str, Any]) -> None:
    """Misses and false alarms with their text (dev only; printed, never stored)."""
    for art, doc, errs in result["errors"]:
        if art["split"] != "dev":
            continue
        for field, items in errs.items():
            for what, item in items:
                span = item[0] if field == "outlets" else item
                ctx = doc.text[max(0, span[0] - 40):span[1] + 20].replace("\n", " ")
                print(f"{art['claim_id']}#{art['article_index']} {field} {what} "
                      f"[{doc.text[span[0]:span[1]][:80]}] ... {ctx}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="all")
    parser.add_argument("--errors", action="store_true", help="print dev errors with context")
    args = parser.parse_args()
    if not args.data.is_dir():
        print(f"skipped: {args.data} is absent (the Baly et al. 2018 claim files are needed)")
        return 0
    from tahqiq.evaluation.attribution import evaluate, load_documents

    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    if args.split != "all":
        gold["articles"] = [a for a in gold["articles"] if a["split"] == args.split]
    result = evaluate(gold, load_documents(gold, args.data))
    print(render(result, gold))
    if args.errors:
        print_errors(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
