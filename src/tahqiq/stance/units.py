"""Evidence units: the sentences of an article, with the line each came from.

An article is read line by line (Baly et al. number rationale lines so), each
line is cleaned for display, boilerplate lines are skipped, and the rest is
segmented into sentences.  A unit keeps its folded tokens and stems, which
every feature is computed from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text.boilerplate import is_boilerplate
from ..text.display import clean_display
from ..text.glue import repair_glued
from ..text.search import arabic_stopwords, fold_tokens, stem
from ..text.segmenter import segment
from .cues import RELATION_FILE, cue_positions, stance_table

#: Units shorter than this many tokens carry no evidence.
MIN_UNIT_TOKENS = 4
#: Longest article read, in units (very long pages are cut here).
MAX_UNITS = 400
#: A text of at most this many units is a headline pair, not an article.
SHORT_PAIR_UNITS = 2
_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of an article, with everything about it that does not
    depend on the claim (computed once, whatever the number of claims)."""

    line: int
    text: str
    tokens: tuple[str, ...]
    stem_list: tuple[str, ...]
    stems: frozenset[str]
    numbers: frozenset[str]
    char4: frozenset[str]
    cues: dict[str, list[int]]


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim's folded tokens, content stems (no stopwords) and numbers."""

    text: str
    tokens: tuple[str, ...]
    stems: frozenset[str]
    stem_list: tuple[str, ...]
    numbers: frozenset[str]


#: The search stem (:func:`tahqiq.text.search.stem`, which keeps its own bounded cache).
_stem = stem


def content_stems(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """Stems of the tokens that are not stopwords or bare numbers."""
    stop = arabic_stopwords()
    return [_stem(t) for t in tokens if t not in stop and not _DIGITS.match(t) and len(t) > 1]


def numbers_of(tokens: tuple[str, ...] | list[str]) -> frozenset[str]:
    """The numbers among folded tokens (digits are ASCII after folding)."""
    return frozenset(t for t in tokens if _DIGITS.match(t))


def view_claim(claim: str) -> ClaimView:
    """Tokens, stems and numbers of a claim."""
    tokens = tuple(fold_tokens(claim))
    stems = content_stems(tokens) or [_stem(t) for t in tokens]
    return ClaimView(claim, tokens, frozenset(stems), tuple(dict.fromkeys(stems)), numbers_of(tokens))


def make_unit(line: int, text: str) -> Unit | None:
    """A unit of ``text``, or ``None`` when it is too short to be evidence."""
    tokens = tuple(fold_tokens(text))
    if len(tokens) < MIN_UNIT_TOKENS:
        return None
    stems = tuple(content_stems(tokens))
    return Unit(line, text, tokens, stems, frozenset(stems), numbers_of(tokens),
                char4(" ".join(tokens)), cue_positions(list(tokens)))


def char4(text: str) -> frozenset[str]:
    """Character 4-grams of ``text`` with whitespace runs folded to one space."""
    squashed = " ".join(text.split())
    return frozenset(squashed[i : i + 4] for i in range(max(len(squashed) - 3, 0)))


@cache
def _not_evidence_prefixes() -> tuple[tuple[str, ...], ...]:
    table = stance_table(RELATION_FILE)
    return tuple(tuple(fold_tokens(entry)) for entry in table["not_evidence"])


#: A line led by a caption, byline or sharing word is skipped when it is at most this long.
NOT_EVIDENCE_WORDS = 12


def not_evidence(line: str) -> bool:
    """Bylines, captions, "read also" and sharing lines: never evidence.

    A line qualifies when it starts with one of the table's lead words and is
    short, or when that lead word is followed by a colon (``بقلم:``, ``اقرأ أيضا:``).
    """
    tokens = fold_tokens(line[:200])
    if not tokens:
        return False
    for lead in _not_evidence_prefixes():
        if tuple(tokens[: len(lead)]) == lead:
            short = len(line.split()) <= NOT_EVIDENCE_WORDS
            colon = ":" in " ".join(line.split()[: len(lead)])
            return short or colon or lead[0] in ("اقرا", "شارك")
    return False


def article_units(text: str) -> list[Unit]:
    """The evidence units of a raw or cleaned article, in order."""
    units: list[Unit] = []
    for number, raw in enumerate(text.split("\n")):
        if not raw.strip():
            continue
        line = repair_glued(clean_display(raw))
        if not line or is_boilerplate(line) or not_evidence(line):
            continue
        for sentence in segment(line):
            unit = make_unit(number, sentence.text)
            if unit is not None:
                units.append(unit)
                if len(units) >= MAX_UNITS:
                    return units
    return units
