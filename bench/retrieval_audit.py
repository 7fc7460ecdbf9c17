"""How far can retrieval go on pooled Baly?  The hand audit of missed relevant articles.

    python bench/retrieval_audit.py            # tally the audit, check each pair is still missed
    python bench/retrieval_audit.py --show 10  # print unjudged misses to judge (terminal only)

Builds the pooled corpus (all Baly articles of the four folds, text only), ranks
every claim with the shipped retrieval (``Corpus.rank``, expansion on), and reads
bench/data/retrieval_audit.json: claim id + article position -> on / loose / off.
Prints the tally, each audited pair's current rank, and the recall ceiling that
the 'off' share implies.  Nothing from the data is written to the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import Counter
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
    from tahqiq.evaluation.verdict import build_corpus
    from tahqiq.stance.data import read_baly, read_baly_facts

    pairs, facts = read_baly(DATA), read_baly_facts(DATA)
    position, seen = [], Counter()
    for pair in pairs:
        position.append((pair.claim_id, seen[pair.claim_id]))
        seen[pair.claim_id] += 1
    with tempfile.TemporaryDirectory(prefix="tahqiq-audit-") as tmp:
        corpus, doc_ids = build_corpus(pairs, Path(tmp))
        with corpus:
            ranks = {}
            for claim_id, (text, _) in facts.items():
                ranked = [d for d, _ in corpus.rank(text, 2000)]
                ranks[claim_id] = {d: i for i, d in enumerate(ranked)}
            missed = [(i, ranks[p.claim_id].get(doc_ids[i], 9999)) for i, p in enumerate(pairs)
                      if p.stance != "unrelated" and ranks[p.claim_id].get(doc_ids[i], 9999) >= args.k]
            relevant = sum(p.stance != "unrelated" for p in pairs)
            if args.show:
                _show(missed, pairs, position, corpus, doc_ids, args.show)
    audit = json.loads(AUDIT.read_text(encoding="utf-8"))["entries"]
    where = {pos: (i, rank) for i, rank in missed for pos in [position[i]]}
    tally = Counter(e["judgement"] for e in audit)
    still = sum((e["claim_id"], e["article"]) in where for e in audit)
    off_share = tally["off"] / max(1, len(audit))
    print(json.dumps({
        "relevant_pairs": relevant, f"missed_at_{args.k}": len(missed),
        "audited": len(audit), "audited_still_missed": still, "judgements": dict(tally),
        "off_topic_share_of_missed": round(off_share, 3),
        "pair_recall_now": round(1 - len(missed) / relevant, 3),
        "pair_recall_ceiling": round(1 - off_share * len(missed) / relevant, 3),
        f"claim_recall_at_{args.k}_ceiling": _claim_ceiling(pairs, missed, 1 - off_share),
    }, ensure_ascii=False))
    return 0


def _claim_ceiling(pairs, missed, findable: float, draws: int = 200) -> float:
    """Mean claim-level recall if each missed pair were found with probability ``findable``."""
    total, lost = Counter(), [pairs[i].claim_id for i, _ in missed]
    for p in pairs:
        total[p.claim_id] += p.stance != "unrelated"
    claims = [c for c, n in total.items() if n]
    rng, results = random.Random(0), []
    for _ in range(draws):
        still = Counter(c for c in lost if rng.random() >= findable)
        results.append(sum(1 - still[c] / total[c] for c in claims) / len(claims))
    return round(sum(results) / draws, 3)


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
