"""Who stands behind a piece of evidence, and what that is worth in the verdict's sums.

An article's evidence is read for its *voice* (the rule is documented in
``docs/verify.md``, "Who stands behind the evidence"):

- ``party``: an on-record statement by the party the claim concerns -- an
  office or institution, or an official by title (وزير، متحدث باسم، محافظ ...),
  whose name shares a specific word with the claim: the ministry that denies
  its own act, the central bank on its own currency, the Egyptian foreign
  ministry on a claim about Egypt;
- ``named``: another on-record speaker named in the text (a person, an
  office, a statement or document);
- ``outlet``: another news outlet, cited by name;
- ``unattributed``: the publishing outlet's own words, with no source named;
- ``anonymous``: unnamed sources (مصادر، مصدر مطلع، مسؤول رفض الكشف عن اسمه);
- ``opinion``: an opinion piece's own words (a title or byline marks it).

The reported speech whose content overlaps a *decisive* evidence sentence
(one that decided the article's label) decides the voice; when several do,
the most credible one.  A speaker reported as *not*
saying something (``ولم يؤكد المتحدث الخبر``) is no voice.  Titles and heads of speaker
names (وزير، وزارة، حكومة، رئيس ...) never make a speaker the party: a defence
ministry is not the party of a claim about a health ministry.  The weight of
each voice is part of the verdict policy (:class:`~tahqiq.verify.verdict.VerdictPolicy`)
and every report's tally shows it.  Word lists are the versioned table
``tables/credibility.v1.json``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import Any

from ..core.errors import ConfigError
from ..core.types import Attribution

#: The voices, from the most to the least credible (ties in weight break in this order).
VOICES = ("party", "named", "outlet", "unattributed", "anonymous", "opinion")
CREDIBILITY_FILE = "credibility.v1.json"
#: A speaker kind of :class:`~tahqiq.types.Attribution` -> the voice it gives (``party``
#: is decided apart, from the claim's words).
_BY_KIND = {"person": "named", "office": "named", "other": "named", "outlet": "outlet",
            "unnamed": "anonymous"}
#: Which speaker of an article's decisive sentences gives its voice: the first of this
#: order.  An outlet that names its own source is a channel ("نقلت رويترز عن مصدرين
#: عسكريين أن ..." rests on anonymous sources), so an outlet speaks only when nobody else does.
_IN_ARTICLE = ("party", "named", "anonymous", "outlet")
#: Characters of an article's opening searched for an opinion byline ("بقلم ...").
_OPENING = 300


@cache
def table() -> dict[str, Any]:
    """The credibility word lists (cached; read-only use).  Raises :class:`ConfigError` if
    a list is missing."""
    from ..core.tables import read_table

    data = read_table("tahqiq.verify", CREDIBILITY_FILE)
    for key in ("official_titles", "generic_words", "opinion_titles", "opinion_bylines"):
        if not isinstance(data.get(key), list) or not data[key]:
            raise ConfigError(f"{CREDIBILITY_FILE}: {key!r} must be a non-empty list of words")
    return data


@cache
def _generic() -> frozenset[str]:
    """Search forms that never tie a speaker to a claim: titles, heads of institution names
    and the cue table's person, unnamed, outlet and document heads (not its office heads:
    خارجية، دفاع، صحة tell ministries apart)."""
    from ..sources._speech import lexicon
    from ..text.search import tokenize

    words = [*table()["official_titles"], *table()["generic_words"]]
    heads = [w for kind in ("person", "other", "unnamed", "outlet")
             for w in lexicon().kinds.get(kind, ())]
    return frozenset(t for w in (*words, *heads) for t in tokenize(w))


#: A document speaks for an office when an office or title comes in its first words.
_DOCUMENT_HEAD = 4


def _issued_by_office(document: str) -> bool:
    """Whether an office or an official by title comes in a document's first words
    (``بيان لوزارة الصحة``; not ``بيانات جمعتها وكالة رويترز``)."""
    from ..sources.attrib.lexicon import fold_key, in_heads, lexicon

    heads = lexicon().kinds.get("office", frozenset()) | lexicon().kinds.get("person", frozenset())
    return any(in_heads(fold_key(word), heads) for word in document.split()[1:_DOCUMENT_HEAD])


@cache
def _titles() -> frozenset[str]:
    from ..text.search import tokenize

    return frozenset(t for w in table()["official_titles"] for t in tokenize(w))


@cache
def _opinion_title() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in table()["opinion_titles"])
    return re.compile(rf"^\s*[«\"“]?(?:{words})\s*[:：|\-–—]")


@cache
def _opinion_byline() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in table()["opinion_bylines"])
    return re.compile(rf"(?:^|\n|\s)(?:{words})(?:\s|:)")


def placed(text: str, speaker_end: int) -> str:
    """The place a speaker is of, when the text names it right after the speaker span
    (``وزارتا الدفاع`` + `` في مصر والسودان``): that tail, else ``""``.  Speaker spans leave
    such phrases out (they are adjuncts to the gold), but they say whose office speaks."""
    match = _PLACE_TAIL.match(text, speaker_end)
    if match is None:
        return ""
    from ..text.search import tokenize

    return match.group(0) if _places() & _specific(tokenize(match.group(1))) else ""


_PLACE_TAIL = re.compile(r"\s+(?:في|ب)\s*((?:[^\s،,.:؛«»\"]+)(?:\s+[^\s،,.:؛«»\"]+){0,3})")


def negated(text: str, cue_start: int) -> bool:
    """Whether the reporting verb at ``cue_start`` follows a negation (``ولم يؤكد``): the
    speaker is reported *not* to have said it."""
    from ..sources.attrib.lexicon import fold_key, words

    before = text[max(0, cue_start - 8):cue_start].split()
    return bool(before) and fold_key(before[-1]) in words("negations")  # the attribution rules' list


def is_opinion(title: str | None, text: str) -> bool:
    """Whether an article is an opinion piece: its title is marked (``رأي: ...``,
    ``مقال: ...``) or its opening carries a byline (``بقلم ...``)."""
    return bool(_opinion_title().search(title or "") or _opinion_byline().search(text[:_OPENING]))


def _specific(words: Iterable[str]) -> set[str]:
    """Search forms that may name a party, with a nisba also read as its noun (مصري: مصر)."""
    out = set()
    for w in words:
        if w in _generic() or len(w) < 3:
            continue
        out.add(w)
        if w.endswith("ي") and len(w) >= 4:
            out.add(w[:-1])
    return out


@cache
def _places() -> frozenset[str]:
    """Search forms of the countries and capitals of the cue table (a nisba reads as its
    noun through :func:`_specific`)."""
    from ..sources._speech import lexicon
    from ..text.search import tokenize

    return frozenset(t for w in lexicon().kinds.get("places", ()) for t in tokenize(w))


@lru_cache(maxsize=64)
def _claim_words(claim: str) -> frozenset[str]:
    """:func:`_specific` of the claim (one check asks it for every speaker it reads)."""
    from ..text.search import tokenize

    return frozenset(_specific(tokenize(claim)))


def is_party(speaker: str, kind: str, claim: str) -> bool:
    """Whether a speaker is the party the claim concerns (see the module docstring).

    The speaker's name must share a specific word with the claim, and when both
    name a country, one of the same: the Saudi foreign ministry is not the
    party of a claim about the Egyptian one.
    """
    from ..text.search import tokenize

    words = tokenize(speaker)
    if kind == "person":
        if not any(w in _titles() for w in words):
            return False  # a person quoted without an office speaks for no party
    elif kind == "other":  # a statement or document: of an office ("بيان لوزارة الخارجية")
        if not _issued_by_office(speaker):
            return False
    elif kind != "office":
        return False
    mine, theirs = _specific(words), _claim_words(claim)
    places_mine, places_theirs = mine & _places(), theirs & _places()
    if places_mine and places_theirs and not places_mine & places_theirs:
        return False
    return bool(mine & theirs)


def voice(attributions: Iterable[Attribution], outlets: Iterable[str], claim: str,
          opinion: bool) -> tuple[str, str]:
    """The voice behind an article's evidence and who it is: ``(voice, speaker)``.

    ``attributions`` are the reported speech whose content overlaps an evidence
    sentence; ``outlets`` the outlets the evidence is cited from; ``opinion``
    whether the article is an opinion piece.
    """
    found: list[tuple[int, str, str]] = []
    for item in attributions:
        if not item.speaker:
            continue
        kind = "party" if is_party(item.speaker, item.speaker_kind, claim) else \
            _BY_KIND.get(item.speaker_kind, "named")
        found.append((_IN_ARTICLE.index(kind), kind, " ".join(item.speaker.split())))
    if found:
        _, kind, speaker = min(found)
        return kind, speaker
    if any(outlets):
        return "outlet", ""
    return ("opinion" if opinion else "unattributed"), ""


__all__ = ["CREDIBILITY_FILE", "VOICES", "is_opinion", "is_party", "negated", "placed", "table", "voice"]
