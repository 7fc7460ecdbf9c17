"""Verdict rule, report contract and rendering of tahqiq.verify."""

from __future__ import annotations

import json

import pytest

from tahqiq.types import ArticleVerdict, Evidence, Judgement, Report, TimelineEntry
from tahqiq.verify import VerdictPolicy, decide, to_html, to_markdown


def j(stance: str, confidence: float) -> Judgement:
    rest = (1 - confidence) / 3
    probs = {label: rest for label in ("agree", "disagree", "discuss", "unrelated")}
    probs[stance] = confidence
    return Judgement(stance, confidence, probs)


def test_nothing_related_is_unverified() -> None:
    assert decide([]) == ("unverified", 1.0)
    verdict, confidence = decide([j("unrelated", 0.9), j("unrelated", 0.7)])
    assert verdict == "unverified" and confidence == pytest.approx(0.8)


def test_discussion_alone_takes_no_side() -> None:
    assert decide([j("discuss", 0.9), j("unrelated", 0.9)])[0] == "unverified"


def test_one_sided_evidence_wins_and_grows_with_more_articles() -> None:
    one = decide([j("agree", 0.8)])
    three = decide([j("agree", 0.8)] * 3)
    assert one[0] == three[0] == "supported"
    assert 0 < one[1] < three[1] <= 1
    assert decide([j("disagree", 0.9), j("discuss", 0.6)])[0] == "refuted"


def test_credible_agree_and_disagree_make_a_contest() -> None:
    even = VerdictPolicy(credible=0.5, contested_share=0.25, disagree_weight=1.0)
    assert decide([j("agree", 0.8), j("disagree", 0.7)], even)[0] == "contested"
    # a weak dissent below the credibility bar does not contest a strong majority
    assert decide([j("agree", 0.9)] * 3 + [j("disagree", 0.45)], even)[0] == "supported"
    assert decide([j("agree", 0.9)] * 3 + [j("disagree", 0.45)] * 4, even)[0] == "supported"
    # nor does a credible but small minority
    assert decide([j("agree", 0.9)] * 4 + [j("disagree", 0.6)], even)[0] == "supported"


def test_the_denial_weight_tips_a_close_balance() -> None:
    # 0.6 against 0.5: a plain majority for agree, unless a denial weighs 1.5 times a report
    assert decide([j("agree", 0.6), j("disagree", 0.5)],
                  VerdictPolicy(contested_share=0.5, disagree_weight=1.0))[0] == "supported"
    assert decide([j("agree", 0.6), j("disagree", 0.5)],
                  VerdictPolicy(contested_share=0.5, disagree_weight=1.5))[0] == "refuted"
    with pytest.raises(ValueError):
        VerdictPolicy(disagree_weight=0)
    with pytest.raises(ValueError):
        VerdictPolicy(unit_growth=-1)


def test_unit_weights_grow_with_the_log_of_their_members() -> None:
    policy = VerdictPolicy(unit_growth=1.0)
    assert [policy.unit_weight(n) for n in (1, 2, 4, 8)] == [1.0, 2.0, 3.0, 4.0]
    assert VerdictPolicy(unit_growth=0.0).unit_weight(8) == 1.0
    one, weighted = decide([j("agree", 0.8)]), decide([j("agree", 0.8)], weights=[3.0])
    assert one[0] == weighted[0] == "supported" and weighted[1] > one[1]


def test_policy_rejects_nonsense_thresholds() -> None:
    with pytest.raises(ValueError):
        VerdictPolicy(credible=1.5)
    with pytest.raises(ValueError):
        VerdictPolicy(contested_share=0.9)


def _report(title: str = "عنوان", sentence: str = "نفت الوزارة الخبر.") -> Report:
    ev = Evidence(0, sentence, "disagree", 0.9, 0)
    art = ArticleVerdict("d" * 16, title, "مصدر", "javascript:alert(1)", "a.html", "2026-11-10",
                         "disagree", 0.8, (ev,), 3.2, (f"قبل. {sentence} بعد.",))
    return Report("ادعاء <b>ما</b>", "refuted", 0.55, {"agree": 0, "disagree": 1, "discuss": 0},
                  (art,), (TimelineEntry("2026-11-10", "d" * 16, "disagree"),), ("تنبيه",))


def test_report_json_has_the_documented_keys() -> None:
    data = json.loads(json.dumps(_report().to_json(), ensure_ascii=False))
    assert set(data) == {"claim", "verdict", "confidence", "counts", "independent_counts",
                         "articles", "evidence_units", "timeline", "warnings"}
    assert set(data["counts"]) == set(data["independent_counts"]) == {"agree", "disagree", "discuss"}
    assert set(data["articles"][0]) == {"doc_id", "title", "source", "url", "source_path", "published",
                                        "stance", "confidence", "evidence", "evidence_unit", "origin"}
    assert set(data["articles"][0]["evidence"][0]) == {"sentence", "stance", "score", "context",
                                                       "relation", "decisive", "reasons"}
    assert data["timeline"] == [{"date": "2026-11-10", "doc_id": "d" * 16, "stance": "disagree",
                                 "evidence_unit": 0, "marks": [], "copy_of": None}]


def test_html_is_rtl_and_shows_hostile_text_as_text() -> None:
    page = to_html(_report(title="<script>alert(1)</script>", sentence="<img src=x onerror=alert(1)>"))
    assert '<html lang="ar" dir="rtl">' in page
    assert "<script>" not in page and "<img" not in page
    assert "&lt;script&gt;" in page and "<mark>&lt;img src=x onerror=alert(1)&gt;</mark>" in page
    assert "javascript:" not in page  # only http(s) links become anchors
    assert "&lt;b&gt;ما&lt;/b&gt;" in page


def test_markdown_highlights_evidence_in_its_context() -> None:
    md = to_markdown(_report())
    assert "قبل. **نفت الوزارة الخبر.** بعد." in md
    assert "مدحوض" in md and "ادعاء \\<b\\>ما\\</b\\>" in md


def test_one_vocabulary_names_verdicts_and_stances_in_every_report() -> None:
    from tahqiq.verify.vocabulary import SECTIONS, vocabulary, word

    table = vocabulary()
    assert all(table[section][key] for section, keys in SECTIONS.items() for key in keys)
    report = _report()
    for page in (to_markdown(report), to_html(report)):
        assert word("verdicts", report.verdict) in page
        assert word("stances", report.articles[0].stance) in page
    assert word("verdicts", "no-such-verdict") == "no-such-verdict"


def test_reports_show_evidence_units_and_timeline_marks() -> None:
    from tahqiq.types import EvidenceUnit

    base = _report()
    unit = EvidenceUnit(1, "disagree", "<Reuters>", "outlet", ("d" * 16, "e" * 16), ("outlet:<Reuters>",))
    entry = TimelineEntry("2026-11-11", "e" * 16, "disagree", 1, ("copy", "denial"), "d" * 16)
    report = Report(base.claim, base.verdict, base.confidence, base.counts, base.articles,
                    (*base.timeline, entry), base.warnings, {"agree": 0, "disagree": 1, "discuss": 0},
                    (unit,))
    md, page = to_markdown(report), to_html(report)
    assert "الأدلة المستقلة" in md and "الوحدة 1" in md and "نسخة عن dddddddddddd" in md
    assert "الأدلة المستقلة" in page and "&lt;Reuters&gt;" in page and "<Reuters>" not in page
    assert "نفي" in page
