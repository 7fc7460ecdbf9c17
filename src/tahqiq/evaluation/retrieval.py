"""Retrieval quality on Baly-format claim files: the pooled corpus, relevance,
recall@k / MRR, and the hand audit of missed relevant articles.

The pooled corpus holds every article of the claim files, text only (in Baly
the URL, outlet and file name leak the label).  A claim's agree, disagree and
discuss articles are relevant to it; unrelated ones are not.
``bench/retrieval_audit.py`` and ``tahqiq eval verdict``
(:mod:`tahqiq.evaluation.verdict`) score with these functions.
"""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.config import MAX_RESULTS
from .metrics import mean, recall_at_k, reciprocal_rank

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import Corpus
    from ..stance.data import LabelledPair

#: The rank given to an article the ranking did not return at all.
UNRANKED = 9999


def build_corpus(pairs: Sequence[LabelledPair], workdir: Path) -> tuple[Any, list[str]]:
    """Ingest the article of every pair into a new corpus; doc id per pair, in order."""
    from ..corpus import Corpus

    dump = workdir / "articles.jsonl"
    with dump.open("w", encoding="utf-8") as handle:
        for i, pair in enumerate(pairs):
            handle.write(json.dumps({"id": f"a{i}", "text": pair.text}, ensure_ascii=False) + "\n")
    corpus = Corpus(workdir / "eval.db")
    report = corpus.ingest([dump])
    return corpus, [d.doc_id for d in report.documents]


def relevant_docs(pairs: Sequence[LabelledPair], doc_ids: Sequence[str]) -> dict[str, set[str]]:
    """Claim id -> doc ids of its agree, disagree and discuss articles."""
    relevant: dict[str, set[str]] = defaultdict(set)
    for pair, doc_id in zip(pairs, doc_ids, strict=True):
        if pair.stance != "unrelated":
            relevant[pair.claim_id].add(doc_id)
    return relevant


def ranking_scores(rankings: Iterable[tuple[str, Sequence[str]]],
                   relevant: Mapping[str, set[str]], k: int) -> dict[str, Any]:
    """Mean recall@k and MRR over ``(claim id, ranked doc ids)``; claims with no
    relevant article are left out (``claims_with_relevant`` counts the rest)."""
    recalls, reciprocal = [], []
    for claim_id, ranked in rankings:
        rel = relevant.get(claim_id, set())
        if not rel:
            continue
        recalls.append(recall_at_k(ranked, rel, k))
        reciprocal.append(reciprocal_rank(ranked, rel, k))
    return {f"recall_at_{k}": mean(recalls), "mrr": mean(reciprocal),
            "claims_with_relevant": len(recalls)}


def article_positions(pairs: Sequence[LabelledPair]) -> list[tuple[str, int]]:
    """``(claim id, position of the article in its claim file)`` per pair, in order."""
    position, seen = [], Counter()
    for pair in pairs:
        position.append((pair.claim_id, seen[pair.claim_id]))
        seen[pair.claim_id] += 1
    return position


def rank_claims(corpus: Corpus, facts: Mapping[str, tuple[str, str]],
                depth: int = MAX_RESULTS) -> dict[str, dict[str, int]]:
    """Claim id -> {doc id: 0-based rank} under the shipped retrieval (``Corpus.rank``), to
    the deepest rank it gives (:data:`~tahqiq.core.config.MAX_RESULTS`)."""
    ranks = {}
    for claim_id, (text, _) in facts.items():
        ranked = [d for d, _ in corpus.rank(text, depth)]
        ranks[claim_id] = {d: i for i, d in enumerate(ranked)}
    return ranks


def missed_pairs(pairs: Sequence[LabelledPair], doc_ids: Sequence[str],
                 ranks: Mapping[str, Mapping[str, int]], k: int) -> list[tuple[int, int]]:
    """``(pair index, rank)`` of every relevant article ranked ``k`` or lower
    (:data:`UNRANKED` when not ranked at all)."""
    return [(i, ranks[p.claim_id].get(doc_ids[i], UNRANKED)) for i, p in enumerate(pairs)
            if p.stance != "unrelated" and ranks[p.claim_id].get(doc_ids[i], UNRANKED) >= k]


def claim_recall_ceiling(pairs: Sequence[LabelledPair], missed: Sequence[tuple[int, int]],
                         findable: float, draws: int = 200) -> float:
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


def read_audit(path: Path) -> list[dict[str, Any]]:
    """The audit's entries: ``{"claim_id", "article", "judgement"}`` (on / loose / off)."""
    return json.loads(path.read_text(encoding="utf-8"))["entries"]


def audit_summary(pairs: Sequence[LabelledPair], missed: Sequence[tuple[int, int]],
                  audit: Sequence[Mapping[str, Any]], k: int) -> dict[str, Any]:
    """The audit's tally, how many audited pairs are still missed, and the recall
    ceilings that the share of off-topic misses implies."""
    position = article_positions(pairs)
    relevant = sum(p.stance != "unrelated" for p in pairs)
    where = {position[i] for i, _ in missed}
    tally = Counter(e["judgement"] for e in audit)
    still = sum((e["claim_id"], e["article"]) in where for e in audit)
    off_share = tally["off"] / max(1, len(audit))
    return {
        "relevant_pairs": relevant, f"missed_at_{k}": len(missed),
        "audited": len(audit), "audited_still_missed": still, "judgements": dict(tally),
        "off_topic_share_of_missed": round(off_share, 3),
        "pair_recall_now": round(1 - len(missed) / relevant, 3),
        "pair_recall_ceiling": round(1 - off_share * len(missed) / relevant, 3),
        f"claim_recall_at_{k}_ceiling": claim_recall_ceiling(pairs, missed, 1 - off_share),
    }


__all__ = ["UNRANKED", "article_positions", "audit_summary", "build_corpus",
           "claim_recall_ceiling", "missed_pairs", "rank_claims", "ranking_scores", "read_audit",
           "relevant_docs"]
