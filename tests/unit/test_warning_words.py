"""Every warning a report can carry has Arabic words for readers."""

from __future__ import annotations

import re

import pytest

from tahqiq.verify.vocabulary import vocabulary, warning_text

WARNINGS = [
    "the claim is empty",
    "the claim is longer than 1000 characters; only its start was checked",
    "the claim is not in Arabic; the stance model is trained on Arabic and its judgements of other "
    "languages are unreliable",
    "nothing to search for: the query has no searchable words",
    "the corpus is empty: ingest articles first",
    "no article matches the claim's words",
    "12 stored articles are not yet checked for copying (run `tahqiq reuse`): copies among them count "
    "as independent evidence",
]


@pytest.mark.parametrize("warning", WARNINGS)
def test_each_warning_reads_in_arabic(warning: str) -> None:
    text = warning_text(warning)
    assert text != vocabulary()["warnings"]["fallback"]
    assert not re.search(r"[A-Za-z]", text.replace("tahqiq reuse", "")), text


def test_numbers_carry_over() -> None:
    assert "1000" in warning_text(WARNINGS[1]) and "12" in warning_text(WARNINGS[6])


def test_every_warning_the_verifier_writes_is_listed_here() -> None:
    from importlib import resources

    source = resources.files("tahqiq.verify").joinpath("verifier.py").read_text("utf-8")
    written = re.findall(r'warnings\.append\(f?"([^"]+)"|\["([^"]+)"\]|\*warnings, f?"([^"]+)"', source)
    starts = {next(g for g in groups if g)[:20] for groups in written}
    assert starts <= {w[:20] for w in WARNINGS} | {"{pending} stored art"}, starts
