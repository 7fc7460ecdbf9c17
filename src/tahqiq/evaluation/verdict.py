"""Scoring verdicts and retrieval on Baly-format claim files (``tahqiq eval verdict``).

One fresh corpus is built from every article in the folder (text only: no
URL, outlet or file name reaches the corpus, since in Baly they leak the
label).  Every claim is checked against the whole corpus.  Verdicts map to
the gold factuality as supported -> true and refuted -> false; contested and
unverified count as a third answer that is never right, and their spread over
the gold labels is reported.  Retrieval treats a claim's agree, disagree and
discuss articles as relevant.
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..stance import StanceClassifier
    from ..stance.data import LabelledPair
    from ..verify.verdict import VerdictPolicy

Progress = Callable[[int, int], None]
ANSWER = {"supported": "true", "refuted": "false"}


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


def evaluate_verdicts(directory: Path, *, model: StanceClassifier | None = None, k: int = 20,
                      policy: VerdictPolicy | None = None, claim_ids: Sequence[str] | None = None,
                      progress: Progress | None = None) -> dict[str, Any]:
    """Verdict metrics and retrieval recall@k / MRR over the claims of ``directory``.

    ``claim_ids`` restricts which claims are checked (the corpus still holds
    every article), which is how claim-level cross-validation scores a fold.
    """
    from ..stance.data import read_baly, read_baly_facts

    pairs, facts = read_baly(directory), read_baly_facts(directory)
    with tempfile.TemporaryDirectory(prefix="tahqiq-eval-") as tmp:
        corpus, doc_ids = build_corpus(pairs, Path(tmp))
        with corpus:
            rows = check_claims(facts, corpus.verifier(model=model, policy=policy), k,
                                claim_ids, progress)
    return summarize(rows, relevant_docs(pairs, doc_ids), k)


def check_claims(facts: dict[str, tuple[str, str]], verifier: Any, k: int,
                 claim_ids: Sequence[str] | None = None, progress: Progress | None = None,
                 reports: list | None = None) -> list[tuple[str, str, str, list[str]]]:
    """Check claims (``facts``: id -> (text, gold)) with ``verifier``; rows for :func:`summarize`.

    When ``reports`` is a list, each claim's full report is appended to it.
    """
    wanted = list(claim_ids) if claim_ids is not None else sorted(facts)
    rows = []
    for n, claim_id in enumerate(wanted, 1):
        report = verifier.check(facts[claim_id][0], k, include_unrelated=True)
        ranked = [a.doc_id for a in sorted(report.articles, key=lambda a: -a.retrieval_score)]
        rows.append((claim_id, facts[claim_id][1], report.verdict, ranked))
        if reports is not None:
            reports.append(report)
        if progress:
            progress(n, len(wanted))
    return rows


def summarize(rows: Sequence[tuple[str, str, str, list[str]]], relevant: dict[str, set[str]],
              k: int) -> dict[str, Any]:
    """Metrics from ``(claim_id, gold, verdict, ranked doc ids)`` rows."""
    from ..stance.metrics import classification_report

    gold = [g for _, g, _, _ in rows]
    predicted = [ANSWER.get(v, "none") for _, _, v, _ in rows]
    report = classification_report(gold, predicted, ("true", "false"))
    verdicts: dict[str, dict[str, int]] = defaultdict(lambda: {"true": 0, "false": 0})
    for _, g, v, _ in rows:
        verdicts[v][g] += 1
    recalls, reciprocal = [], []
    for claim_id, _, _, ranked in rows:
        rel = relevant.get(claim_id, set())
        if not rel:
            continue
        top = ranked[:k]
        recalls.append(len(rel & set(top)) / len(rel))
        first = next((i for i, d in enumerate(top) if d in rel), None)
        reciprocal.append(0.0 if first is None else 1.0 / (first + 1))
    return {
        "n": len(rows), "accuracy": report["accuracy"], "macro_f1": report["macro_f1"],
        "per_class": report["per_class"],
        "retrieval": {f"recall_at_{k}": _mean(recalls), "mrr": _mean(reciprocal),
                      "claims_with_relevant": len(recalls)},
        "verdicts": {v: dict(c) for v, c in sorted(verdicts.items())},
    }


def _mean(values: Sequence[float]) -> float:
    return round(sum(values) / len(values), 4) if values else 0.0


__all__ = ["build_corpus", "check_claims", "evaluate_verdicts", "relevant_docs", "summarize"]
