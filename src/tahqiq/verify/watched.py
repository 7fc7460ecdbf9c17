"""What changed for a watched claim between two checks: its events.

A check's *state* (:func:`claim_state`) is what a desk compares from one check to
the next: the verdict, its confidence, and the independent evidence units (the
articles each holds, its stance and its voice).  :func:`claim_events` compares two
states:

- ``first_verdict``: the claim's first check;
- ``verdict_changed``: the verdict is not the one of the last check;
- ``new_unit``: an evidence unit none of whose articles was evidence before, that is,
  a new independent report (a copy of known evidence joins its unit and is no event).

Events are plain JSON-ready dicts; the caller adds the claim, the check and the time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..core.types import ArticleVerdict, Report

#: Event kinds, in the order a check raises them.
EVENT_KINDS = ("first_verdict", "verdict_changed", "new_unit")


def claim_state(report: Report) -> dict[str, Any]:
    """The comparable state of one check (JSON-ready)."""
    return {
        "verdict": report.verdict, "confidence": round(report.confidence, 4),
        "counts": dict(report.counts),
        "independent_counts": dict(report.independent_counts or report.counts),
        "units": [{"stance": u.stance, "doc_ids": sorted(u.doc_ids), "voice": u.voice,
                   "origin": u.origin_display or u.origin} for u in report.units],
    }


def claim_events(before: Mapping[str, Any] | None, after: Mapping[str, Any],
                 report: Report) -> list[dict[str, Any]]:
    """The events between the state of the last check (``None``: none yet) and this one."""
    if before is None:
        return [{"kind": "first_verdict", "verdict": after["verdict"],
                 "confidence": after["confidence"], "units": len(after["units"]),
                 "independent_counts": after["independent_counts"]}]
    events: list[dict[str, Any]] = []
    if after["verdict"] != before["verdict"]:
        events.append({"kind": "verdict_changed", "from": before["verdict"],
                       "to": after["verdict"], "confidence": after["confidence"],
                       "independent_counts": after["independent_counts"]})
    known = {d for unit in before.get("units", ()) for d in unit["doc_ids"]}
    articles = {a.doc_id: a for a in report.articles}
    for unit in after["units"]:
        if known.isdisjoint(unit["doc_ids"]):
            events.append({"kind": "new_unit", "stance": unit["stance"], "voice": unit["voice"],
                           "origin": unit["origin"],
                           "articles": [_article(articles[d]) for d in unit["doc_ids"]
                                        if d in articles]})
    return events


def _article(article: ArticleVerdict) -> dict[str, Any]:
    return {"doc_id": article.doc_id, "title": article.title, "source": article.source,
            "published": article.published, "url": article.url, "stance": article.stance}
