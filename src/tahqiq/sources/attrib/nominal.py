"""Nominal reporting: speech reported by a noun, not a verb.

- ``تصريحات الجنرال X بأن ...``, ``بيان وزارة الصحة أن ...``: the noun's genitive is
  the speaker and the content follows a complementizer, a colon or a quotation;
- ``رغم نفي الخارجية السودانية تلك الأنباء``: for a noun that takes a noun-phrase
  object (نفي، تأكيد، إعلان) the content may be that object;
- ``جدد المتحدث باسم الجيش X نفي وجود قوات``: after a verb that renews or repeats
  (جدد، كرر), the speaker is that verb's subject and the noun's object is the content
  (a possessive such as ``نفي بلاده`` is skipped).

The genitive must name a source -- a person's title, an office, an outlet, unnamed
sources, a place standing for its government -- so a content noun phrase
(``نفي وجود خطط``) is never taken for a speaker.  A noun inside the stretch of a
verb attribution already found (``قالت الوزارة في بيان إن``) is not read again.
The word lists are the ``nominal_*`` lists of ``tables/attribution.v1.json``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._intervals import Intervals
from .lexicon import clitic_variants, in_heads, in_set, words
from .phrases import content_after, np_after, speaker_after, stops_speaker
from .spans import OPEN_Q, Doc, Span, TokRange

#: Words a renewing verb's subject may run over before the noun (a title, an office and
#: a name: المتحدث الرسمي باسم وزارة الخارجية السودانية السفير معتز الفاتح).
_SUBJECT_REACH = 13
#: Tokens between a speaker and its content's first word, none of them a word other than a
#: complementizer or a day or time (``بأن``: 1; ``، أن``: 2; ``أمس السبت أن``: 3).
_CONTENT_GAP = 4


@dataclass(frozen=True, slots=True)
class Nominal:
    """A nominal report: the noun's span, the content's span and the speaker's tokens."""

    cue: Span
    content: Span
    speaker: TokRange


def nominal_cues(doc: Doc) -> list[int]:
    """Token indices of the reporting nouns of the text."""
    nouns = words("nominal_cues")
    return [k for k, tok in enumerate(doc.toks) if tok.word and any(v in nouns for v in clitic_variants(tok.key))]


def is_nominal_use(doc: Doc, i: int, lo: int) -> bool:
    """Whether the cue word at ``i`` that is written like a verb (نفي، اعلان) is its noun:
    after a word that governs a noun (رغم، بعد، إثر) or a renewing verb's subject."""
    if not in_set(doc.toks[i].key, words("nominal_cues")):
        return False
    prev = doc.toks[i - 1].key if i > lo else ""
    return in_set(prev, words("nominal_governors")) or _renewed_subject(doc, i, lo) is not None


def find_nominal(doc: Doc, blocked: list[Span]) -> list[Nominal]:
    """The nominal reports of ``doc`` outside the ``blocked`` character stretches."""
    out = []
    taken = Intervals(blocked)
    for i in nominal_cues(doc):
        start = doc.toks[i].start
        if taken.overlaps(start, start + 1):
            continue
        found = _read(doc, i)
        if found is not None:
            out.append(found)
    return out


def _read(doc: Doc, i: int) -> Nominal | None:
    lo, hi = doc.sentence(i)
    subject = _renewed_subject(doc, i, lo)
    j = i + 1
    if subject is None:
        if j < hi and in_set(doc.toks[j].key, words("nominal_adjectives")):
            return None  # بيان صحفي، بيان مشترك: the noun's adjective, not its speaker
        speaker = speaker_after(doc, j, hi)
        if speaker is None or not _names_source(doc, speaker):
            return None
        if not doc.toks[speaker[1] - 1].word or (
                speaker[1] - speaker[0] == 1 and speaker[1] < hi and doc.toks[speaker[1]].text in OPEN_Q):
            return None  # بتأكيد مؤسسة «فيتش ...»: the name is in the quotation
        if content_after(doc, speaker[1], hi) is None:
            speaker = _definite_part(doc, speaker)  # إعلان الحكومة العراقية هزيمة ...
        j = speaker[1]
    else:
        speaker = subject
        if j < hi and doc.toks[j].word and in_set(doc.toks[j].key, words("nominal_possessed")):
            j += 1  # نفي بلاده وجود ...: the country is the speaker's
    content = _content(doc, i, j, hi)
    if content is None:
        return None
    return Nominal(doc.span((i, i + 1)), content, speaker)


def _content(doc: Doc, i: int, j: int, hi: int) -> Span | None:
    """What the noun reports: a clause or quotation opening right after the speaker (at most
    a comma, a complementizer or a colon between), else, for نفي/تأكيد/إعلان, its object."""
    found = content_after(doc, j, hi)
    if found is not None:
        opens = doc.token_at(found[0][0])
        between = range(j, opens)
        close = len(between) <= _CONTENT_GAP and all(
            not doc.toks[k].word or doc.is_word(k, "complementizers") or _time_word(doc, k)
            for k in between)
        return found[0] if close else None
    if in_set(doc.toks[i].key, words("nominal_np_cues")):
        return np_after(doc, j, hi)
    return None


def _definite_part(doc: Doc, speaker: TokRange) -> TokRange:
    """An office or a place and its definite modifiers, before a noun-phrase object
    (``إعلان الحكومة العراقية هزيمة التنظيم``): the first indefinite word opens the object.
    A person's title runs on into a name, so a person's phrase is kept whole."""
    if in_heads(doc.toks[speaker[0]].key, doc.lex.kinds["person"]):
        return speaker
    k = speaker[0] + 1
    while k < speaker[1] and (doc.toks[k].key.startswith("ال") or not doc.toks[k].word):
        k += 1
    return speaker[0], k


def _time_word(doc: Doc, k: int) -> bool:
    """A day or time adjunct (أمس، اليوم، السبت) between a speaker and its content."""
    return doc.is_word(k, "adjunct_starts") and doc.toks[k].key not in words("object_prepositions")


def _renewed_subject(doc: Doc, i: int, lo: int) -> TokRange | None:
    """The subject of a renewing verb right before the noun at ``i`` (جدد X نفي): the words
    back to the verb, none of them a cue, a preposition opening an adjunct or punctuation."""
    k = i - 1
    while k >= lo and i - k <= _SUBJECT_REACH and doc.toks[k].word and \
            not in_set(doc.toks[k].key, words("renewing_verbs")) and not stops_speaker(doc, k):
        k -= 1
    if k < lo or k == i - 1 or not doc.toks[k].word or not in_set(doc.toks[k].key, words("renewing_verbs")):
        return None
    return (k + 1, i) if _names_source(doc, (k + 1, i)) else None


def _names_source(doc: Doc, speaker: TokRange) -> bool:
    """The phrase names who speaks: a title, an office, unnamed sources, a place or an outlet."""
    head = next((t.key for t in doc.toks[speaker[0]:speaker[1]] if t.word), "")
    if not head:
        return False
    heads = doc.lex.kinds["person"] | doc.lex.kinds["office"] | doc.lex.kinds["unnamed"] | \
        doc.lex.kinds["outlet"] | doc.lex.kinds["places"] | doc.lex.sets["source_heads"]
    if in_heads(head, heads):
        return True
    lo, hi = doc.span(speaker)
    return doc.overlaps_mention(lo, hi)


__all__ = ["Nominal", "find_nominal", "is_nominal_use", "nominal_cues"]
