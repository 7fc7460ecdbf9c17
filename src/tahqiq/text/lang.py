"""Cheap language identification: Arabic script vs. a few Latin-script languages."""

from __future__ import annotations

import re
from functools import cache

from .tables import load_table

_NON_LETTER = re.compile(r"[\W\d_]+")
_NOT_ARABIC = re.compile(
    r"[^\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
)
_LATIN_WORD = re.compile(r"[a-zà-ÿßœæ]+")

#: Latin-script languages told apart by stopword overlap.
LATIN_LANGS = ("en", "fr", "es", "de")


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    table = load_table("stopwords")
    return {lang: frozenset(table[lang]) for lang in LATIN_LANGS}


def detect_lang(text: str, sample: int = 1000) -> str:
    """``"ar"`` when most letters are Arabic script; else ``en``/``fr``/``es``/``de`` by
    stopword overlap, or ``"und"`` (also for empty text or text without letters).

    Only the first ``sample`` characters are looked at.
    """
    head = text[:sample]
    letters = len(_NON_LETTER.sub("", head))
    if letters == 0:
        return "und"
    arabic = len(_NOT_ARABIC.sub("", _NON_LETTER.sub("", head)))
    if arabic * 2 >= letters:
        return "ar"
    words = _LATIN_WORD.findall(head.lower())
    if not words:
        return "und"
    scores = {lang: sum(1 for w in words if w in stop) for lang, stop in _stopwords().items()}
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0 or (len(words) >= 10 and scores[best] < len(words) * 0.05):
        return "und"
    ties = [lang for lang, score in scores.items() if score == scores[best]]
    return best if len(ties) == 1 else "und"
