"""In-document coreference of speakers: a person named again is reported by the fullest name.

An article names a person in full once (``وزير الخارجية أحمد عطاف``, ``المتحدث الرسمي
باسم وزارة الخارجية السودانية السفير معتز الفاتح``) and then by a surname
(``عطاف``), a title and surname (``الوزير عطاف``) or a title alone (``المتحدث``,
``الوزير``).  :func:`fullest` finds, for each such speaker, the fullest form the
article used *before* it:

- a surname, or a title and surname, takes the longest earlier form that ends with
  the same surname: an earlier speaker, or any earlier phrase that runs from a
  person's title to that surname (``وكان وزير الخارجية أحمد عطاف قد زار ...``);
- a title alone takes the latest earlier person speaker or phrase whose title is the
  same word (``المتحدث`` -> ``المتحدث الرسمي باسم ... الفاتح``; ``الوزير`` ->
  ``وزير الخارجية أحمد عطاف``).

Spans are token ranges of the read :class:`~.spans.Doc`; nothing is changed in it.
"""

from __future__ import annotations

import bisect

from .lexicon import in_heads
from .phrases import stops_speaker
from .spans import Doc, TokRange

#: How many words a full name may run back from its surname to its title.
_REACH = 10
#: Longest speaker read as a short reference (a surname, or a title and a surname).
_SHORT = 2
#: Earlier speakers and mentions of a name looked at (the latest ones).
_RECENT = 32


def fullest(doc: Doc, speakers: list[TokRange | None], kinds: list[str]) -> list[TokRange | None]:
    """For each speaker (``None``: implicit), the token range of the fullest earlier form of
    the same person, or ``None`` when the speaker is already its fullest form."""
    out: list[TokRange | None] = []
    seen: list[TokRange] = []  # earlier explicit person speakers, in order
    where: dict[str, list[int]] = {}  # token key -> its positions, built on first need
    for speaker, kind in zip(speakers, kinds, strict=True):
        found = None
        if speaker is not None and kind == "person":
            found = _earlier_form(doc, speaker, seen[-_RECENT:], where)
            seen.append(found or speaker)
        out.append(found)
    return out


def _earlier_form(doc: Doc, speaker: TokRange, seen: list[TokRange],
                  where: dict[str, list[int]]) -> TokRange | None:
    words = [k for k in range(*speaker) if doc.toks[k].word]
    if not words or len(words) > _SHORT:
        return None
    if all(_is_title(doc, k) for k in words):
        return _by_title(doc, words[0], speaker, seen)
    if not where:
        for k, tok in enumerate(doc.toks):
            if tok.word:
                where.setdefault(tok.key, []).append(k)
    return _by_surname(doc, words[-1], speaker, seen, where)


def _by_surname(doc: Doc, last: int, speaker: TokRange, seen: list[TokRange],
                where: dict[str, list[int]]) -> TokRange | None:
    """The longest earlier form ending with the surname at token ``last`` (among the
    latest :data:`_RECENT` speakers and mentions, so a text repeating a name is linear)."""
    key = doc.toks[last].key
    size = speaker[1] - speaker[0]
    places = where.get(key, [])
    cut = bisect.bisect_left(places, speaker[0])
    earlier = places[max(0, cut - _RECENT):cut]
    candidates = [r for r in seen if r[1] <= speaker[0] and doc.toks[r[1] - 1].key == key]
    candidates += [r for k in earlier for r in [_titled_phrase(doc, k)] if r is not None]
    longer = [r for r in candidates if r[1] - r[0] > size]
    return max(longer, key=lambda r: (r[1] - r[0], r[0])) if longer else None


def _by_title(doc: Doc, title: int, speaker: TokRange, seen: list[TokRange]) -> TokRange | None:
    """The latest earlier person form whose first word is the same title as token ``title``."""
    head = _bare(doc.toks[title].key)
    size = speaker[1] - speaker[0]
    for r in reversed(seen):
        first = next((k for k in range(*r) if doc.toks[k].word), None)
        if r[1] <= speaker[0] and r[1] - r[0] > size + 1 and first is not None and \
                _bare(doc.toks[first].key) == head and not _is_title(doc, r[1] - 1):
            return r
    return None


def _titled_phrase(doc: Doc, end: int) -> TokRange | None:
    """The phrase from a person's title to the name ending at token ``end``
    (``وزير الخارجية أحمد عطاف``), or ``None`` when no title opens it."""
    start = None
    k = end
    while k >= 0 and end - k <= _REACH:
        tok = doc.toks[k]
        if not tok.word or (k < end and stops_speaker(doc, k)) or doc.is_word(k, "auxiliaries"):
            break
        if _is_title(doc, k):
            start = k
        k -= 1
    if start is None or start == end:
        return None
    return start, end + 1


def _bare(key: str) -> str:
    return key[2:] if key.startswith("ال") and len(key) > 4 else key


def _is_title(doc: Doc, k: int) -> bool:
    """Token ``k`` is a person's title or head word (وزير، الوزير، المتحدث، السفير ...)."""
    return in_heads(doc.toks[k].key, doc.lex.kinds["person"])


__all__ = ["fullest"]
