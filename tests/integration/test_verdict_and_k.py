"""Raising -k changes a verdict only by adding evidence units, and the sums can be redone."""

from __future__ import annotations

import pytest

from corpus_fixtures import sample_corpus

CLAIMS = [
    "مصر والسودان تستعدان لتنفيذ عملية عسكرية مشتركة في المثلث الحدودي قرب جبل العوينات",
    "البنك المركزي التونسي يعتزم تخفيض قيمة الدينار",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    yield from sample_corpus(tmp_path_factory, "k")


@pytest.mark.parametrize("claim", CLAIMS)
def test_more_results_change_the_verdict_only_through_new_units(corpus, claim: str) -> None:
    reports = [corpus.check(claim, k) for k in (5, 10, 20, 40)]
    for small, large in zip(reports, reports[1:], strict=False):
        judged = {a.doc_id: (a.stance, a.confidence) for a in large.articles}
        assert all(judged[a.doc_id] == (a.stance, a.confidence) for a in small.articles)
        before = {frozenset(u.doc_ids): t for u, t in zip(small.units, small.tally.units, strict=True)}
        after = {frozenset(u.doc_ids): t for u, t in zip(large.units, large.tally.units, strict=True)}
        for members, item in before.items():
            grown = [m for m in after if members <= m]
            assert len(grown) == 1  # every unit is still there, perhaps with new members
            if grown[0] == members:  # unchanged units add exactly what they added
                assert (after[members].stance, after[members].adds) == (item.stance, item.adds)
        if after.keys() == before.keys():
            assert (large.verdict, large.confidence) == (small.verdict, small.confidence)


@pytest.mark.parametrize("claim", CLAIMS)
def test_a_reader_can_redo_the_sums(corpus, claim: str) -> None:
    from tahqiq.verify.verdict import VerdictPolicy

    report = corpus.check(claim, 20)
    tally, policy = report.tally, VerdictPolicy()
    assert len(tally.units) == len(report.units)
    for item in tally.units:
        side = 1.0 if item.stance == "agree" else policy.disagree_weight
        expected = side * item.confidence * item.weight if item.counted else 0.0
        assert item.adds == pytest.approx(expected, abs=1e-3)
        # each unit counts once, whatever its size: its weight is its voice's alone
        assert item.weight == policy.voice_weight(item.voice) == item.voice_weight
    assert tally.support == pytest.approx(sum(t.adds for t in tally.units if t.stance == "agree"), abs=1e-3)
    assert tally.refute == pytest.approx(sum(t.adds for t in tally.units if t.stance == "disagree"), abs=1e-3)


def test_a_report_names_what_produced_it(corpus) -> None:
    from tahqiq.sources.outlets import tables_version
    from tahqiq.text.tables import normalizer_version

    versions = corpus.check(CLAIMS[0], 5).to_json()["versions"]
    assert versions["sources_tables"] == tables_version()
    assert versions["normalizer"] == normalizer_version()
    assert "credibility.v1:" in versions["verify_tables"] and versions["stance_model"].startswith("format ")
