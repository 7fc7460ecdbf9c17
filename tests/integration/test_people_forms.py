"""Only people's forms reach people: every Arabic word a rendered report shows
comes from a text as published (the claim, an article's display text, title or
outlet, a speaker as written), the gazetteer's Arabic names or the interface's
own words, never from the search normalization (وزاره، الاردنيه، احمد)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from corpus_fixtures import sample_corpus

ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0670-\u06d3]+")


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory):
    yield from sample_corpus(tmp_path_factory, "forms")


def _published_words(corpus, claim: str) -> set[str]:
    from tahqiq.sources.outlets import load_gazetteer
    from tahqiq.verify import render
    from tahqiq.verify.vocabulary import vocabulary

    texts = [claim, json.dumps(vocabulary(), ensure_ascii=False), Path(render.__file__).read_text("utf-8")]
    for row in corpus.store.list_documents():
        doc = corpus.get(row["doc_id"])
        texts += [doc.text, doc.title or "", doc.source or ""]
    texts += [name for entry in load_gazetteer() for name in entry.arabic]
    return set(ARABIC_WORD.findall("\n".join(texts)))


def _claims() -> list[str]:
    from tahqiq.data import sample_path

    with sample_path() as sample:
        path = Path(sample).parent / "labels" / "claims.jsonl"
        return [json.loads(line)["claim"] for line in path.read_text("utf-8").splitlines() if line.strip()]


def test_no_search_normalized_form_reaches_a_rendered_report(desk) -> None:
    from tahqiq.verify import to_html, to_markdown

    leaks: dict[str, set[str]] = {}
    for claim in _claims():
        report = desk.check(claim, k=20)
        known = _published_words(desk, claim)
        shown = "\n".join([to_markdown(report), to_html(report)])
        for unit in report.units:  # what the web page shows of a unit
            shown += "\n" + " ".join([unit.origin_display, *unit.basis_display])
        unknown = set(ARABIC_WORD.findall(shown)) - known
        if unknown:
            leaks[claim] = unknown
    assert not leaks, leaks
