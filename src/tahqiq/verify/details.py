"""Specific details of an evidence passage, to tell one piece of evidence retold from two.

Outlet B may take a passage from outlet A and reword it: the source clause
dropped, verbs and nouns swapped for synonyms, the order changed.  What it
rarely changes are the *specific details*: names, rare words, numbers and the
items of a list.  :func:`details` reads them from an article's evidence
passages.  Two passages that share enough of them are one piece of evidence
(:func:`same_details`); :mod:`tahqiq.verify.units` joins their articles.

A word is a detail when it is rare in general Arabic (wordfreq's Zipf
frequency below :data:`RARE_ZIPF`, after stripping a proclitic) and is not a
word of the claim itself: every article on a claim repeats the claim's own
names, so they tell nothing about who copied whom.  Numbers of two or more
digits are details, except years.  Details are compared by their search form
(folded and light-stemmed), so spelling variants meet; readers see them as the
article wrote them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text.display import to_ascii_digits
from ..text.glue import zipf
from ..text.search import tokenize

#: Below this Zipf frequency a word is rare enough to be a detail (مفبركة 3.1, الدينار 3.3;
#: المثلث 3.6 and مشتركة 4.6 are not).
RARE_ZIPF = 3.3
#: Two passages are one piece of evidence when they share at least this many details ...
MIN_SHARED = 3
#: ... and the shared details are at least this share of the smaller passage's details.
MIN_SHARE = 0.5
#: Proclitics and pronoun suffixes stripped before a word's frequency is looked up, so an
#: inflected common word (أكدته, وبالحكومة) is not taken for a rare one.
_PROCLITICS = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "س")
_SUFFIXES = ("هما", "ها", "هم", "هن", "كم", "نا", "ه", "ا")  # "ا": the alef of tanween (تخفيضاً)
_WORD = re.compile(r"(?:[^\W\d_]|[\u0640\u064b-\u0652\u0670]){3,}|\d[\d.,٫٬]*\d|\d")
_YEAR = re.compile(r"(19|20)\d\d")
_MARKS = re.compile("[\u0640\u064b-\u0652\u0670]")


def details(passages: Iterable[str], claim: str) -> dict[str, str]:
    """The specific details of ``passages``: search form -> the word as first written."""
    skip = set(tokenize(claim))
    found: dict[str, str] = {}
    for passage in passages:
        for match in _WORD.finditer(passage):
            word = match.group(0)
            if not _is_detail(word):
                continue
            key = " ".join(tokenize(word))
            if key and key not in skip:
                found.setdefault(key, word)
    return found


def _is_detail(word: str) -> bool:
    if word[0].isdigit():
        digits = "".join(ch for ch in to_ascii_digits(word) if ch.isdigit())
        return len(digits) >= 2 and not (len(digits) == 4 and _YEAR.fullmatch(digits))
    bare = _MARKS.sub("", word)  # tatweel and diacritics (تخفيضاً is تخفيضا)
    forms = [bare] + [bare[len(p):] for p in _PROCLITICS if bare.startswith(p) and len(bare) - len(p) >= 3]
    forms += [f[: -len(x)] for f in list(forms) for x in _SUFFIXES if f.endswith(x) and len(f) - len(x) >= 3]
    return max(zipf(spelling) for form in forms for spelling in _spellings(form)) < RARE_ZIPF


def _spellings(word: str) -> tuple[str, ...]:
    """``word`` and its standard spelling where a site drops a hamza or writes ة as ه and
    ى as ي (``الجنوبيه`` is الجنوبية, a common word, not a detail)."""
    out = [word]
    if word.endswith("ه"):
        out.append(word[:-1] + "ة")
    if word.endswith("ي"):
        out.append(word[:-1] + "ى")
    if word.startswith("ا"):
        out += ["أ" + word[1:], "إ" + word[1:]]
    return tuple(out)


def same_details(a: Iterable[str], b: Iterable[str]) -> tuple[str, ...]:
    """The details two passages share when they make them one piece of evidence, else ``()``."""
    a, b = set(a), set(b)
    shared = a & b
    if len(shared) >= MIN_SHARED and len(shared) >= MIN_SHARE * min(len(a), len(b)):
        return tuple(sorted(shared))
    return ()


__all__ = ["MIN_SHARE", "MIN_SHARED", "RARE_ZIPF", "details", "same_details"]
