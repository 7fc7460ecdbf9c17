"""Scoring verdicts and retrieval on Baly-format claim files (``tahqiq eval verdict``).

One fresh corpus is built from every article in the folder (text only: no
URL, outlet or file name reaches the corpus, since in Baly they leak the
label).  Every claim is checked against the whole corpus.  Verdicts map to
the gold factuality as supported -> true and refuted -> false; contested and
unverified count as a third answer that is never right, and their spread over
the gold labels is reported.  Retrieval treats a claim's agree, disagree and
discuss articles as relevant (:mod:`.retrieval` builds the corpus and scores the ranking).
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .metrics import classification_report
from .retrieval import build_corpus, ranking_scores, relevant_docs

if TYPE_CHECKING:  # pragma: no cover
    from ..stance import StanceClassifier
    from ..verify.verdict import VerdictPolicy

Progress = Callable[[int, int], None]
ANSWER = {"supported": "true", "refuted": "false"}


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
    gold = [g for _, g, _, _ in rows]
    predicted = [ANSWER.get(v, "none") for _, _, v, _ in rows]
    report = classification_report(gold, predicted, ("true", "false"))
    verdicts: dict[str, dict[str, int]] = defaultdict(lambda: {"true": 0, "false": 0})
    for _, g, v, _ in rows:
        verdicts[v][g] += 1
    return {
        "n": len(rows), "accuracy": report["accuracy"], "macro_f1": report["macro_f1"],
        "per_class": report["per_class"],
        "retrieval": ranking_scores([(c, ranked) for c, _, _, ranked in rows], relevant, k),
        "verdicts": {v: dict(c) for v, c in sorted(verdicts.items())},
    }


__all__ = ["build_corpus", "check_claims", "evaluate_verdicts", "relevant_docs", "summarize"]
