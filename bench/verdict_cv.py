"""Claim-level cross-validation of `tahqiq check` verdicts and retrieval on Baly et al.

    python bench/verdict_cv.py [-k 20]

One corpus holds every article of the four folds (text only).  For each fold, a
stance model is fitted on the other three folds + ANS train + the contrast pairs
generated from those folds (shipped parameters,
no inner CV report), and the fold's claims are checked against the whole corpus
with it.  Prints the summary JSON of `tahqiq eval verdict` over all folds, plus
per-verdict counts, and saves the per-claim rows (with the judged stances) for
policy tuning under bench/out/.  Data is read from ../shared/data.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", type=int, default=20)
    parser.add_argument("--no-expand", action="store_true",
                        help="plain BM25 retrieval (no idf weighting or variants)")
    args = parser.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent")
        return 0
    from tahqiq.evaluation.retrieval import build_corpus, relevant_docs
    from tahqiq.evaluation.stance import _fit
    from tahqiq.evaluation.verdict import check_claims, summarize
    from tahqiq.stance import StanceClassifier
    from tahqiq.stance.data import read_ans, read_baly, read_baly_facts, read_folds
    from tahqiq.stance.weights import build_weights
    from tahqiq.verify import Verifier

    started = time.perf_counter()
    claims_dir = DATA / "baly2018" / "claims"
    pairs, ans = read_baly(claims_dir), read_ans(DATA / "ans" / "stance" / "train.csv")
    folds = read_folds(DATA / "baly2018" / "folds.txt")
    weights = build_weights()
    base = StanceClassifier(weights=weights)
    prep = [base.prepare(p.claim, p.text) for p in pairs]
    prep_ans = [base.prepare(p.claim, p.text) for p in ans]
    from tahqiq.stance.contrast import contrast_pairs, outside_fold

    generated = contrast_pairs(pairs) if base.params["contrast"] else []
    prep_gen = [base.prepare(p.claim, p.text) for p in generated]
    print(f"# prepared in {time.perf_counter() - started:.0f}s", file=sys.stderr, flush=True)
    facts = read_baly_facts(claims_dir)
    rows, reports = [], []
    with tempfile.TemporaryDirectory(prefix="tahqiq-verdict-cv-") as tmp:
        corpus, doc_ids = build_corpus(pairs, Path(tmp))
        relevant = relevant_docs(pairs, doc_ids)
        with corpus:
            for fold in sorted(set(folds.values())):
                train = [i for i, p in enumerate(pairs) if folds[p.claim_id] != fold]
                model = StanceClassifier(weights=weights)
                gen = outside_fold(generated, folds, fold)
                _fit(model, [pairs[i] for i in train] + ans + [generated[i] for i in gen],
                     [prep[i] for i in train] + prep_ans + [prep_gen[i] for i in gen])
                test_claims = sorted({p.claim_id for p in pairs if folds[p.claim_id] == fold})
                verifier = Verifier(corpus, model=model, retriever=(
                    (lambda claim, k: corpus.rank(claim, k, expand=False)) if args.no_expand
                    else None))
                rows += check_claims(facts, verifier, args.k, test_claims, reports=reports)
                print(f"# fold {fold}: {len(test_claims)} claims, {time.perf_counter() - started:.0f}s",
                      file=sys.stderr, flush=True)
    report = summarize(rows, relevant, args.k)
    report["seconds"] = round(time.perf_counter() - started)
    print(json.dumps(report, ensure_ascii=False))
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    from tahqiq.verify.report import unit_judgements

    saved = [{"claim_id": r[0], "gold": r[1], "articles": [
        {"doc_id": a.doc_id, "stance": a.stance, "confidence": a.confidence,
         "evidence_unit": a.evidence_unit, "relevant": a.doc_id in relevant.get(r[0], set())}
        for a in rep.articles], "units": [
        {"stance": j.stance, "confidence": j.confidence, "voice": u.voice}
        for u, j in zip(rep.units, unit_judgements(rep.units, rep.articles), strict=True)]}
        for r, rep in zip(rows, reports, strict=True)]
    name = "verdict_cv_rows_noexpand.json" if args.no_expand else "verdict_cv_rows.json"
    (out / name).write_text(json.dumps(saved, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
