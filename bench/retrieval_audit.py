"""How far can retrieval go on pooled Baly?  The hand audit of missed relevant articles.

    python bench/retrieval_audit.py            # tally the audit, check each pair is still missed
    python bench/retrieval_audit.py --show 10  # print unjudged misses to judge (terminal only)

Builds the pooled corpus (all Baly articles of the four folds, text only), ranks
every claim with the shipped retrieval (``Corpus.rank``, expansion on), and reads
bench/data/retrieval_audit.json: claim id + article position -> on / loose / off.
Prints the tally, each audited pair's current rank, and the recall ceiling that
the 'off' share implies (``tahqiq.evaluation.retrieval`` does the work).  Nothing
from the data is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"
AUDIT = REPO / "bench" / "data" / "retrieval_audit.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", type=int, default=20)
    parser.add_argument("--show", type=int, default=0, help="print N unjudged misses")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.evaluation.retrieval import (
        article_positions,
        audit_summary,
        build_corpus,
        missed_pairs,
        rank_claims,
        read_audit,
    )
    from tahqiq.stance.data import read_baly, read_baly_facts

    pairs, facts = read_baly(DATA), read_baly_facts(DATA)
    with tempfile.TemporaryDirectory(prefix="tahqiq-audit-") as tmp:
        corpus, doc_ids = build_corpus(pairs, Path(tmp))
        with corpus:
            missed = missed_pairs(pairs, doc_ids, rank_claims(corpus, facts), args.k)
            if args.show:
                _show(missed, pairs, article_positions(pairs), corpus, doc_ids, args.show)
    summary = audit_summary(pairs, missed, read_audit(AUDIT), args.k)
    print(json.dumps(summary, ensure_ascii=False))
    return 0


def _show(missed, pairs, position, corpus, doc_ids, n) -> None:
    from tahqiq.text import query_terms, tokenize

    for i, rank in random.Random(11).sample(missed, min(n, len(missed))):
        pair, doc = pairs[i], corpus.get(doc_ids[i])
        wanted = set(query_terms(pair.claim))
        best = max(doc.sentences, key=lambda s: len(wanted & set(tokenize(s.text))), default=None)
        print(f"## {position[i]} rank {rank} {pair.stance} | {pair.claim[:150]}")
        print("   OPENING:", doc.text[:200].replace("\n", " / "))
        print("   BEST:", best.text[:240] if best else "")


if __name__ == "__main__":
    sys.exit(main())
