"""Repair words that scraping glued together (or split apart).

A token is split only when it is unknown or rare *as a whole* and some split
point yields two common words (wordfreq's Arabic list).  A teh marbuta or
alef maqsura inside a token (``ة``/``ى`` only ever end a word) is a strong
glue signal.  Arabic glued to Latin letters is split at the script change.
Optionally, fragments such as ``"ي مكننا"`` are rejoined when the joined
form is a common word and one side is not a word at all.

Only spaces are ever inserted or removed; letters are never changed.
Thresholds live in ``tables/glue.v1.json``.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import Any

from .tables import load_table

_CORE = re.compile(r"^([^\u0621-\u064aA-Za-z]*)(.*?)([^\u0621-\u064aA-Za-z]*)$", re.S)
_ARABIC_ONLY = re.compile(r"[\u0621-\u063a\u0641-\u064a]+")
_SCRIPT_CHANGE = re.compile(r"(?<=[A-Za-z])(?=[\u0621-\u064a])|(?<=[\u0621-\u064a])(?=[A-Za-z])")
_CLITIC_LATIN = re.compile(r"^(?:[وفبلك]?ال|لل|[وفبلك])[A-Za-z]")

@cache
def _freq() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("ar", wordlist="large")


def zipf(word: str) -> float:
    """Zipf frequency of ``word`` in wordfreq's Arabic list (0.0 when unknown)."""
    freq = _freq().get(word)
    return math.log10(freq) + 9.0 if freq else 0.0


@cache
def _params() -> dict[str, Any]:
    return load_table("glue")


@cache
def _never_alone() -> frozenset[str]:
    return frozenset(_params()["never_alone"])


def _part_zipf(part: str, rule: dict[str, Any]) -> float:
    """The part's zipf if it may stand alone as a word under ``rule``, else -1."""
    if len(part) < rule["min_part_len"] or part in _never_alone():
        return -1.0
    value = zipf(part)
    if len(part) == 2 and value < _params()["short_part_zipf"]:
        return -1.0
    return value if value >= rule["min_part_zipf"] else -1.0


def _plain_left_ok(left: str) -> bool:
    """Reject left halves that are clitic clusters ("ولي", "الع") rather than words."""
    return not (len(left) == 3 and (left.startswith("ال") or left[0] in "وفلب"))


def _plain_right_ok(right: str, rule: dict[str, Any]) -> bool:
    """Reject right halves starting with a bare alef unless it is the article."""
    if right in rule["never_right"]:
        return False
    return not right.startswith(rule["reject_right_prefix"]) or right.startswith(
        rule["allow_right_prefix"]
    )


def is_inflected_word(core: str) -> bool:
    """Whether ``core`` minus one listed prefix and/or suffix is a common word."""
    spec = _params()["inflection"]
    keep, known = spec["min_stem_len"], spec["known_zipf"]
    for prefix in ("", *spec["prefixes"]):
        if not core.startswith(prefix):
            continue
        for suffix in ("", *spec["suffixes"]):
            if (prefix or suffix) and core.endswith(suffix):
                stem = core[len(prefix) : len(core) - len(suffix)]
                if len(stem) >= keep and zipf(stem) >= known:
                    return True
    return False


def _known(word: str, min_zipf: float) -> bool:
    return zipf(word) >= min_zipf or is_inflected_word(word)


def _particle_split(core: str) -> int | None:
    """Split point after a particle glued to the next word (``منالحدود``, ``فيتونس``)."""
    spec = _params()["particle"]
    best = 0
    for particle in spec["particles"]:
        rest = core[len(particle) :]
        if not core.startswith(particle) or len(particle) <= best:
            continue
        if rest.startswith(spec["article"]):
            if len(rest) >= spec["min_rest_len"] and _known(rest, spec["min_rest_zipf"]):
                best = len(particle)
        elif particle in spec["bare_particles"] and len(rest) >= spec["bare_min_rest_len"]:
            if zipf(rest) >= spec["bare_min_rest_zipf"]:
                best = len(particle)
    return best or None


def _conjunction_split(core: str) -> int | None:
    """Split point before a glued و-conjunction (``سميروالوزير``), or ``None``."""
    spec = _params()["conjunction"]
    best, best_score = None, -1.0
    start = spec["min_left_len"]
    for i in range(start, len(core) - spec["min_rest_len"]):
        if core[i] != spec["letter"]:
            continue
        left, rest = core[:i], core[i + 1 :]
        if left in _never_alone() or not _plain_left_ok(left) or len(rest) < spec["min_rest_len"]:
            continue
        zl, zr = zipf(left), zipf(rest)
        inflected = len(rest) >= spec["min_inflected_rest_len"] and is_inflected_word(rest)
        definite = left.startswith("ال") and rest.startswith("ال")
        min_left = spec["definite_pair_min_left_zipf"] if definite else spec["min_left_zipf"]
        if zl < min_left or not (zr >= spec["min_rest_zipf"] or inflected):
            continue
        joined_key = "definite_pair_min_joined_rest_zipf" if definite else "min_joined_rest_zipf"
        if zipf(core[i:]) < spec[joined_key]:
            continue
        if len(left) <= spec["short_left_len"] and len(rest) < spec["short_left_min_rest_len"]:
            continue
        if zl + zr > best_score:
            best, best_score = i, zl + zr
    return best


def best_split(core: str) -> int | None:
    """Index at which an Arabic-only ``core`` should be split, or ``None``."""
    params = _params()
    whole = zipf(core)
    if len(core) < params["min_token_len"] or whole > params["signal"]["max_whole_zipf"]:
        return None
    if whole > params["max_whole_zipf"]:  # too common for plain splits: only after ة/ى
        return _scored_split(core, params, whole)
    if is_inflected_word(core):
        return None
    particle = _particle_split(core)
    if particle is not None:
        return particle
    cut = _scored_split(core, params, whole)
    return cut if cut is not None else _conjunction_split(core)


def _scored_split(core: str, params: dict[str, Any], whole: float) -> int | None:
    """The best split after an inner ة/ى (signal) or between two common words (plain)."""
    plain = params["plain"]
    plain_ok = len(core) >= plain["min_token_len"] and whole <= plain["max_whole_zipf"]
    ends = params["end_letters"]
    best, best_score = None, -1.0
    for i in range(1, len(core)):
        left, right = core[:i], core[i:]
        if right[0] in ends or any(ch in left[:-1] or ch in right[:-1] for ch in ends):
            continue
        signal = left[-1] in ends
        if not (signal or (plain_ok and _plain_left_ok(left) and _plain_right_ok(right, plain))):
            continue
        rule = params["signal"] if signal else plain
        zl = _part_zipf(left, rule)
        zr = _part_zipf(right, rule) if zl >= 0 else -1.0
        if zl < 0 or zr < 0:
            continue
        score = zl + zr + (10.0 if signal else 0.0)
        if score > best_score:
            best, best_score = i, score
    return best


#: Longest token looked at for a glued split.  Two glued Arabic words (with clitics and
#: punctuation) stay well under it; the search for a split costs the square of a token's
#: length (a 100 KB "word" took 98 s), so longer tokens are left as they are.
MAX_GLUE_TOKEN = 64


@lru_cache(maxsize=262_144)
def _split_token(token: str) -> str:
    if len(token) > MAX_GLUE_TOKEN:
        return token
    match = _CORE.match(token)
    lead, core, trail = match.groups() if match else ("", token, "")
    if not core:
        return token
    if _SCRIPT_CHANGE.search(core) and not re.search(r"[^\u0621-\u064aA-Za-z]", core):
        if not _CLITIC_LATIN.match(core):  # "الCD", "بالـGPS" are written so on purpose
            core = _SCRIPT_CHANGE.sub(" ", core)
    elif _ARABIC_ONLY.fullmatch(core):
        cut = best_split(core)
        if cut is not None:
            core = core[:cut] + " " + core[cut:]
    return lead + core + trail


def _should_join(prev: str, word: str) -> bool:
    """Whether ``prev word`` is one word split apart (``"ي مكننا"``, ``"الم حتوى"``)."""
    spec = _params()["rejoin"]
    if prev in spec["never_join"] or word in spec["never_join"]:
        return False
    if not (_ARABIC_ONLY.fullmatch(prev) and _ARABIC_ONLY.fullmatch(word)):
        return False
    orphans = spec["orphan_letters"]
    if len(word) == 1 and (word in orphans or prev in spec["article_fragments"]):
        return False  # an orphan verb prefix belongs to the next word; "ال م" is not a word
    orphan = len(prev) == 1 and prev in orphans
    if len(prev) + len(word) < spec["min_joined_len"] or (len(prev) == 1 and not orphan):
        return False
    limit = spec["max_fragment_zipf"]
    if not (orphan or len(word) == 1 or zipf(prev) < limit or zipf(word) < limit):
        return False
    joined = zipf(prev + word)
    if len(word) == 1 and zipf(prev) >= spec["common_word_zipf"]:
        return joined >= spec["after_common_word_joined_zipf"]  # "عن د" yes, "هو م" no
    if orphan and zipf(word) >= spec["orphan_common_word_zipf"]:
        return joined >= spec["orphan_common_joined_zipf"]  # "ن بعد" stays apart
    if len(prev) + len(word) <= spec["short_joined_len"]:
        return joined >= spec["short_joined_zipf"]
    return joined >= spec["min_joined_zipf"]


@lru_cache(maxsize=262_144)
def _may_join(word: str) -> bool:
    """Cheap filter: could ``word`` take part in a rejoin at all (short, rare or orphan)?"""
    if not _ARABIC_ONLY.fullmatch(word):
        return False
    spec = _params()["rejoin"]
    return len(word) == 1 or zipf(word) < spec["max_fragment_zipf"]


Edit = tuple[str, str, str]


def _repair_line(line: str, edits: list[Edit] | None) -> str:
    pieces = line.split(" ")
    for i in range(len(pieces)):
        fixed = _split_token(pieces[i])
        if fixed != pieces[i]:
            if edits is not None:
                edits.append(("split", pieces[i], fixed))
            pieces[i] = fixed
    if not _params()["rejoin"]["enabled"] or len(pieces) < 2:
        return " ".join(pieces)
    flags = [_may_join(word) for word in pieces]
    if not any(flags):
        return " ".join(pieces)
    out = [pieces[0]]
    prev_flag = flags[0]
    for i in range(1, len(pieces)):
        prev, word = out[-1], pieces[i]
        if (prev_flag or flags[i]) and _should_join(prev, word):
            if edits is not None:
                edits.append(("join", f"{prev} {word}", prev + word))
            out[-1] = prev + word
            prev_flag = _may_join(out[-1])
        else:
            out.append(word)
            prev_flag = flags[i]
    return " ".join(out)


def repair_glued(text: str) -> str:
    """Split glued words (and rejoin split fragments) in display text.

    Whitespace between words is preserved except where two fragments are
    joined; only spaces are inserted or removed, never letters.
    """
    return "\n".join(_repair_line(line, None) for line in text.split("\n"))


def glue_edits(text: str) -> list[Edit]:
    """The edits :func:`repair_glued` makes, as ``(kind, before, after)``; kind is split/join."""
    edits: list[Edit] = []
    for line in text.split("\n"):
        _repair_line(line, edits)
    return edits
