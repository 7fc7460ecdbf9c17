"""Independent evidence units, unit-weighted verdicts and the timeline marks."""

from __future__ import annotations

from tahqiq.types import ArticleVerdict, Evidence, ReuseLink
from tahqiq.verify.report import timeline, unit_judgements
from tahqiq.verify.units import Backing, group_units
from tahqiq.verify.verdict import VerdictPolicy, decide

TEXT = "سطر أول.\nقالت الوزارة إن الخطة جاهزة.\nسطر ثالث بلا صلة."


def art(doc_id: str, stance: str = "agree", conf: float = 0.8, date: str | None = None,
        line: int = 1) -> ArticleVerdict:
    ev = Evidence(0, "قالت الوزارة إن الخطة جاهزة.", stance, 0.9, line)
    return ArticleVerdict(doc_id, None, None, None, None, date, stance, conf, (ev,))


def back(outlets=(), speakers=(), passages=((9, 38),)) -> Backing:
    return Backing(tuple(passages), frozenset(outlets), frozenset(speakers))


def link(a: str, b: str, span=(9, 38)) -> ReuseLink:
    return ReuseLink(a, b, (span,), (span,), 0.6, "a->b", "date", "test")


def test_copies_of_the_evidence_share_a_unit() -> None:
    arts = [art("a", date="2026-01-01"), art("b", date="2026-01-02"), art("c")]
    numbers, units = group_units(arts, {d: back() for d in "abc"}, [link("a", "b")])
    assert numbers["a"] == numbers["b"] != numbers["c"]
    unit = units[numbers["a"] - 1]
    assert unit.doc_ids == ("a", "b") and unit.origin == "a" and unit.basis == ("reuse",)


def test_a_link_outside_the_evidence_does_not_join() -> None:
    arts = [art("a"), art("b")]
    numbers, _ = group_units(arts, {d: back() for d in "ab"}, [link("a", "b", span=(60, 90))])
    assert numbers["a"] != numbers["b"]


def test_one_cited_outlet_or_named_speaker_is_one_unit() -> None:
    arts = [art("a"), art("b"), art("c"), art("d")]
    backings = {"a": back(outlets=["Reuters"]), "b": back(outlets=["Reuters"]),
                "c": back(speakers=["وزير الخارجيه"]), "d": back(speakers=["وزير الخارجيه"])}
    numbers, units = group_units(arts, backings, [])
    assert numbers["a"] == numbers["b"] and numbers["c"] == numbers["d"] != numbers["a"]
    assert units[numbers["a"] - 1].origin == "Reuters"
    assert units[numbers["a"] - 1].origin_kind == "outlet"
    shown = units[numbers["a"] - 1].to_json()  # readers see the outlet's Arabic name
    assert shown["origin"] == "Reuters" and shown["origin_display"] == "رويترز"
    assert shown["basis"] == ["outlet:Reuters"] and shown["basis_display"] == ["outlet:رويترز"]


def test_opposite_stances_never_share_a_unit() -> None:
    arts = [art("a", "agree"), art("b", "disagree")]
    numbers, _ = group_units(arts, {d: back(outlets=["Reuters"]) for d in "ab"}, [link("a", "b")])
    assert numbers["a"] != numbers["b"]


def test_copies_count_less_than_independent_reports() -> None:
    # four copies of one report against three independent denials
    arts = [art(f"r{i}", "agree", 0.8) for i in range(4)] + \
        [art(f"d{i}", "disagree", 0.7) for i in range(3)]
    links = [link("r0", f"r{i}") for i in range(1, 4)]
    _, units = group_units(arts, {a.doc_id: back() for a in arts}, links)
    assert len(units) == 4
    policy = VerdictPolicy()  # shipped: a unit counts once
    weights = [policy.unit_weight(len(u.doc_ids)) for u in units]
    assert weights == [1.0] * 4
    assert decide([_j(a) for a in arts], policy)[0] == "supported"  # counting articles
    assert decide(unit_judgements(units, arts), policy, weights)[0] == "refuted"  # counting units
    grow = VerdictPolicy(unit_growth=1.0)  # the old rule: four copies weighed 1 + log2(4) = 3
    assert decide(unit_judgements(units, arts), grow,
                  [grow.unit_weight(len(u.doc_ids)) for u in units])[0] == "contested"


def _j(a: ArticleVerdict):
    from tahqiq.types import Judgement

    return Judgement(a.stance, a.confidence, {a.stance: a.confidence})


def test_timeline_marks_first_report_copies_and_denials() -> None:
    arts = [art("a", date="2026-01-01"), art("b", date="2026-01-03"),
            art("d", "disagree", date="2026-01-02"), art("u", "unrelated", date="2025-12-31")]
    entries = timeline(arts, (), [link("a", "b")])
    assert [e.doc_id for e in entries] == ["a", "d", "b"]
    assert entries[0].marks == ("first_report",)
    assert entries[1].marks == ("denial",)
    assert entries[2].marks == ("copy",) and entries[2].copy_of == "a"


def test_backing_reads_sources_near_the_evidence_only() -> None:
    from tahqiq.verify.report import line_sources
    from tahqiq.verify.units import backing

    filler = "وتحدث السكان عن أوضاع معيشية صعبة في المنطقة منذ شهور طويلة. " * 8
    evidence = "نقلت وكالة رويترز عن مسؤول عسكري أن القوات بدأت الانسحاب من المدينة."
    later = "وفي سياق آخر ذكرت صحيفة الغارديان أن الأسعار ارتفعت."
    text = f"{filler}\n{evidence}\n{filler}{later}"
    article = ArticleVerdict("x", None, None, None, None, None, "agree", 0.8,
                             (Evidence(0, evidence, "agree", 0.9, 1),))
    found = backing(text, article, line_sources(text, article))
    start = text.index(evidence)
    assert found.passages == ((start, start + len(evidence)),)
    assert "Reuters" in found.outlets
    assert not any("Guardian" in o for o in found.outlets)  # cited far from the evidence


def test_a_speaker_is_shown_as_the_earliest_article_wrote_the_name() -> None:
    arts = [art("a"), art("b")]
    key = "وزير الخارجيه"  # the folded key the articles are joined on
    backings = {"a": Backing(((9, 38),), frozenset(), frozenset([key]), ((key, "وزير الخارجية"),)),
                "b": Backing(((9, 38),), frozenset(), frozenset([key]), ((key, "وزير الخارجيه"),))}
    _, units = group_units(arts, backings, [])
    shown = units[0].to_json()
    assert shown["basis"] == [f"speaker:{key}"]
    assert shown["basis_display"] == ["speaker:وزير الخارجية"]
