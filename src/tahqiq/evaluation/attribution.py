"""Scoring :func:`tahqiq.sources.extract_sources` against hand-annotated attribution gold.

The gold stores, for Baly et al. (2018) articles, only the claim id, the
article's position in the claim file, the sha256 of the display text, the
normalizer version, the annotated character range and labelled spans -- never
text.  Each document is rebuilt (``read_baly`` + ``build_document(RawDocument(
text, fmt="txt"))``) and its hash checked: a changed cleaner makes the article
stale (reported and skipped, never silently mis-scored).

Matching (all one-to-one, greedy by best score first; a prediction counts only
when its span starts inside the article's annotated range):

- cited outlets: a predicted outlet matches a gold outlet when their character
  spans overlap (>= 1 character) and the canonical names are equal after
  lower-casing and dropping everything that is not a letter or digit
  ("Al-Watan" == "al watan").  Unknown outlets (``known=False``) count as
  predictions too; their canonical is the written Arabic name, which cannot be
  compared with the gold's Latin canonical, so they match on span overlap alone.
- speakers: the distinct explicit speaker spans (gold speaker not null;
  predicted ``speaker_span != (-1, -1)``) match when they overlap.  Implicit
  speakers (وأضاف، وقال إنه) are scored through the cue and content only.
- cues: exact span equality.
- nominal reporting (``cue_kind == "nominal"``) is outside the gold's cue
  inventory, so it is not scored.
- contents (secondary): ``|gold & pred| / max(|gold|, |pred|) >= 0.5``.
- speaker kind (secondary): accuracy of ``speaker_kind`` over matched speakers.
- outlet recall split (secondary): recall over the gold outlets whose canonical
  name the packaged gazetteer knows, and over the others.

``bench/attribution_eval.py`` is the command line; the gold stays in
``bench/data`` and the articles in ``../shared/data``.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import Any

from .metrics import Span, span_overlap

#: The counted fields of :func:`score_article`, summed by :func:`evaluate`.
FIELDS = ("outlets", "speakers", "cues", "contents", "kinds", "outlets_known", "outlets_unknown")
Pairs = list[tuple[int, int]]


def canonical_key(name: str) -> str:
    """Comparison key of a canonical outlet name."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def greedy(gold: Sequence[Any], pred: Sequence[Any], score: Callable[[Any, Any], float]) -> Pairs:
    """One-to-one pairs (gold index, pred index) with score > 0, best first."""
    cands = [(s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if (s := score(g, p)) > 0]
    cands.sort(key=lambda c: -c[0])
    used_g, used_p, pairs = set(), set(), []
    for _s, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def content_score(g: Span, p: Span) -> float:
    """Overlap over the longer span, when at least half; else 0.0."""
    ratio = span_overlap(g, p) / max(g[1] - g[0], p[1] - p[0], 1)
    return ratio if ratio >= 0.5 else 0.0


def known_canonicals() -> set[str]:
    """Comparison keys of the packaged gazetteer's canonical names (for the recall split)."""
    from ..sources import load_gazetteer

    return {canonical_key(e.canonical) for e in load_gazetteer()}


def _errors(out: list[Any], gold: Sequence[Any], pred: Sequence[Any], pairs: Pairs) -> None:
    mg, mp = {g for g, _ in pairs}, {p for _, p in pairs}
    out.extend(("miss", g) for i, g in enumerate(gold) if i not in mg)
    out.extend(("false", p) for i, p in enumerate(pred) if i not in mp)


def _score_outlets(res: dict[str, Any], gold: Mapping[str, Any], outs: Sequence[Any],
                   known: Collection[str]) -> None:
    g_out = [(tuple(o["span"]), canonical_key(o["canonical"])) for o in gold["cited_outlets"]]
    p_out = [(tuple(o.span), canonical_key(o.canonical) if o.known else None) for o in outs]
    pairs = greedy(g_out, p_out,
                   lambda g, p: span_overlap(g[0], p[0]) if p[1] is None or g[1] == p[1] else 0)
    res["outlets"] = (len(pairs), len(g_out), len(p_out))
    found = {gi for gi, _ in pairs}
    in_gaz = [gi for gi, g in enumerate(g_out) if g[1] in known]
    res["outlets_known"] = (len(found & set(in_gaz)), len(in_gaz))
    res["outlets_unknown"] = (len(found - set(in_gaz)), len(g_out) - len(in_gaz))
    _errors(res["errors"]["outlets"], g_out, p_out, pairs)


def _score_speakers(res: dict[str, Any], gold: Mapping[str, Any], atts: Sequence[Any]) -> None:
    g_spk = sorted({tuple(a["speaker"]) for a in gold["attributions"] if a["speaker"]})
    p_spk = sorted({tuple(a.speaker_span) for a in atts if tuple(a.speaker_span) != (-1, -1)})
    pairs = greedy(g_spk, p_spk, lambda g, p: span_overlap(g, p))
    res["speakers"] = (len(pairs), len(g_spk), len(p_spk))
    _errors(res["errors"]["speakers"], g_spk, p_spk, pairs)
    g_kind = {tuple(a["speaker"]): a["speaker_kind"] for a in gold["attributions"] if a["speaker"]}
    p_kind = {tuple(a.speaker_span): a.speaker_kind for a in atts}
    res["kinds"] = (sum(g_kind[g_spk[g]] == p_kind[p_spk[p]] for g, p in pairs), len(pairs))


def _score_cues_contents(res: dict[str, Any], gold: Mapping[str, Any],
                         atts: Sequence[Any]) -> None:
    g_cue = sorted({tuple(a["cue"]) for a in gold["attributions"]})
    p_cue = sorted({tuple(a.cue_span) for a in atts})
    pairs = greedy(g_cue, p_cue, lambda g, p: 1 if g == p else 0)
    res["cues"] = (len(pairs), len(g_cue), len(p_cue))
    _errors(res["errors"]["cues"], g_cue, p_cue, pairs)
    g_con = [tuple(a["content"]) for a in gold["attributions"]]
    p_con = [tuple(a.span) for a in atts]
    pairs = greedy(g_con, p_con, content_score)
    res["contents"] = (len(pairs), len(g_con), len(p_con))
    _errors(res["errors"]["contents"], g_con, p_con, pairs)


def score_article(gold: Mapping[str, Any], report: Any,
                  known: Collection[str] | None = None) -> dict[str, Any]:
    """Counts per field for one article -- ``(tp, n_gold, n_pred)`` for outlets,
    speakers, cues and contents; ``(right, matched)`` for kinds; ``(found, n_gold)``
    for the outlet recall split -- and the errors (``errors[field]``: ``("miss",
    gold item)`` / ``("false", predicted item)``).  ``report`` is what
    ``extract_sources`` returns; ``known`` defaults to :func:`known_canonicals`.
    """
    lo, hi = gold["annotated_range"]

    def inside(span: Span) -> bool:
        return lo <= span[0] < hi

    # nominal reporting (تصريحات X بأن، رغم نفي X) is outside the gold's cue inventory (see
    # the guideline): it is neither annotated nor scored, and is tested by unit tests
    atts = [a for a in report.attributions if inside(a.cue_span) and a.cue_kind != "nominal"]
    outs = [o for o in report.cited_outlets if inside(o.span)]
    res: dict[str, Any] = {"errors": defaultdict(list)}
    _score_outlets(res, gold, outs, known_canonicals() if known is None else known)
    _score_speakers(res, gold, atts)
    _score_cues_contents(res, gold, atts)
    return res


def load_documents(gold: Mapping[str, Any], data: Path) -> dict[tuple[str, int], Any]:
    """(claim id, article index) -> Document, for the articles the gold names."""
    from ..core.types import RawDocument
    from ..stance.data import read_baly
    from ..text import build_document

    wanted = {(a["claim_id"], a["article_index"]) for a in gold["articles"]}
    position: dict[str, int] = defaultdict(int)
    docs = {}
    for pair in read_baly(data):
        key = (pair.claim_id, position[pair.claim_id])
        position[pair.claim_id] += 1
        if key in wanted:
            docs[key] = build_document(RawDocument(text=pair.text, fmt="txt"))
    return docs


def text_sha256(text: str) -> str:
    """The hash the gold stores of an article's display text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def evaluate(gold: Mapping[str, Any], docs: Mapping[tuple[str, int], Any],
             known: Collection[str] | None = None) -> dict[str, Any]:
    """Extract sources from every gold article and sum the counts per split.

    ``{"totals": {split: {field: [counts]}}, "stale": ["claim#index", ...],
    "errors": [(gold article, document, errors), ...]}``; an article whose
    document is missing or whose display text no longer hashes as annotated is
    stale and not scored.
    """
    from ..sources import extract_sources

    known = known_canonicals() if known is None else known
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    stale, errors = [], []
    for art in gold["articles"]:
        key = (art["claim_id"], art["article_index"])
        doc = docs.get(key)
        if doc is None or text_sha256(doc.text) != art["sha256"]:
            stale.append(f"{key[0]}#{key[1]}")
            continue
        res = score_article(art, extract_sources(doc.doc_id, doc.text), known)
        for field in FIELDS:
            counts = totals[art["split"]][field]
            for n, value in enumerate(res[field]):
                counts[n] += value
        errors.append((art, doc, res["errors"]))
    return {"totals": totals, "stale": stale, "errors": errors}


def gold_counts(gold: Mapping[str, Any]) -> dict[str, list[int]]:
    """Split -> ``[articles, gold attributions, gold cited outlets]``."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for art in gold["articles"]:
        c = counts[art["split"]]
        c[0] += 1
        c[1] += len(art["attributions"])
        c[2] += len(art["cited_outlets"])
    return counts


__all__ = ["FIELDS", "canonical_key", "content_score", "evaluate", "gold_counts", "greedy",
           "known_canonicals", "load_documents", "score_article", "text_sha256"]
