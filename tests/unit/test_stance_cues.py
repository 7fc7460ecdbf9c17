"""Stance cues and metrics."""

from __future__ import annotations

import pytest

from tahqiq.evaluation.metrics import classification_report
from tahqiq.stance.cues import cue_positions
from tahqiq.text.search import fold_tokens


@pytest.mark.parametrize(
    "sentence",
    [
        "ونفت وزارة الخارجية هذه الأنباء",
        "وصف المتحدث التقارير بأنها عارية عن الصحة",
        "وقال المصدر إنه لا صحة لما يتم تداوله",
        "كذّب الجيش الرواية المتداولة",
        "واعتبر البيان أن الحديث عن العملية مجرد شائعات",
        "وأكد أن الأخبار مفبركة",
    ],
)
def test_denials_are_found_in_their_spelling_variants(sentence: str) -> None:
    assert cue_positions(fold_tokens(sentence))["deny"]


@pytest.mark.parametrize(
    "sentence",
    ["أعلنت وزارة الدفاع انطلاق التمرين المشترك", "وصل الوفد إلى الخرطوم صباح اليوم"],
)
def test_plain_reports_carry_no_denial(sentence: str) -> None:
    assert not cue_positions(fold_tokens(sentence))["deny"]


def test_classification_report_counts_by_hand() -> None:
    report = classification_report(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b"])
    assert report["accuracy"] == 0.75
    assert report["per_class"]["a"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert report["per_class"]["b"]["precision"] == pytest.approx(0.6667, abs=1e-4)
    assert report["confusion"] == {"a": {"a": 1, "b": 1}, "b": {"a": 0, "b": 2}}
    assert report["macro_f1"] == pytest.approx((0.6667 + 0.8) / 2, abs=1e-4)
