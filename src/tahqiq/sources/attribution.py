"""Who said what: reported speech and cited outlets in Arabic news text.

:func:`extract_sources` is a pure function over a document's display text.
It finds reporting cues (قال، أكد، نفى، أعلن، مضيفا، بحسب، على حد قوله ...)
from the versioned lexicon ``tables/cues.v1.json`` and, for each cue, the
speaker (verb-first, subject-first, after عن for نقل, after إلى for نسب, the
governing verb's subject for participles) and the reported content (after
أن/إن/بأن, after a colon, inside quotes, a noun phrase for أعلن/نفى/كشف/أكد,
or the clause a بحسب/وفقا لـ phrase attributes).  Outlet names come from the
gazetteer (:mod:`.outlets`); a name counts as *cited* when it is (part of) a
speaker or relays one, follows a citation word (بحسب، نقلا عن، في حديث لـ ...)
or a reporting verb, is told something (لرويترز، لـ«الجزيرة»), is the outlet of
a correspondent who is a source (حسب مراسل X), or stands as a credit
(``(رويترز)``, ``المصدر: ...``, ``بيروت - الكوثر:``) -- and is not an employer or
affiliation (رئيس تحرير صحيفة X، اعتدوا على مراسل قناة X), inside a footer, a
title separator (``- موقع قناة X -``), a place in parentheses or inside the
reported clause.  The site that publishes the text (named in its header, footer,
own credit line or dateline) is never a cited outlet.  Outlets the gazetteer does
not know are reported with ``known=False`` when a designator introduces them
(``صحيفة «X»``، ``كشفت صحيفة التيار``) in a citing position.  The word lists of these
rules are the ``citation`` section of ``tables/outlets.v4.json``.

Every span is a character offset into the given text: ``text[s:e]`` is
exactly the returned speaker, cue, content or outlet.  The rules are
documented in ``docs/sources.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from ..text.view import reading_view
from ..types import Attribution, CitedOutlet, SourceReport, Span
from ._intervals import Intervals
from ._speech import (
    Cue,
    Doc,
    TokRange,
    clause_before,
    content_after,
    content_from,
    find_cues,
    in_set,
    lexicon,
    np_after,
    saying,
    speaker_after,
    speaker_before,
    stops_speaker,
)
from .outlets import (
    Gazetteer,
    OutletEntry,
    OutletMention,
    clitic_variants,
    display_name,
    fold,
    is_label,
    load_gazetteer,
    load_table,
)

_NO_SPAN: Span = (-1, -1)
_WORDS = {
    "suffixed": ("قاله", "قالته", "أكده", "أكدته", "أعلنه", "أعلنته", "ذكره", "ذكرته", "أورده",
                 "أوردته", "نقله", "نقلته"),
    "passive": ("قيل", "أفيد"),
    "relative": ("ما", "لما", "بما", "مما", "وما"),
    "relative_pronouns": ("الذي", "التي", "الذين", "والذي", "والتي", "اللذي", "اللتي"),
    "not_a_verb_after": ("أي", "اي", "عدم", "دون"),
}


@cache
def _words(name: str) -> frozenset[str]:
    """Folded small word lists of the rules (built on first use)."""
    return frozenset(fold(w) for w in _WORDS[name])


@dataclass(slots=True)
class _Found:
    cue: Span
    content: Span
    speaker: TokRange | None = None
    passive: bool = False
    trim: int = 0  # characters of a leading ل to drop from the speaker (وفقا لوزارة)


def _cue_span(doc: Doc, cue: Cue) -> Span:
    return doc.span((cue.first, cue.last))


def _prev_key(doc: Doc, cue: Cue, lo: int) -> str:
    return doc.toks[cue.first - 1].key if cue.first > lo else ""


def _build_verb(doc: Doc, cue: Cue, lo: int, hi: int) -> tuple[_Found | None, list[Span]]:
    """A finite reporting verb: verb-first, subject-first, relayed (نقل) or attributed (نسب)."""
    toks, relayers = doc.toks, []
    key = toks[cue.first].key if cue.last - cue.first == 1 else ""
    prev = _prev_key(doc, cue, lo)
    after_dash = cue.last < hi and toks[cue.last].text in "-–"
    if after_dash or prev in _words("not_a_verb_after") or (key in _words("suffixed") and prev not in _words("relative")):
        return None, relayers
    relative = prev in _words("relative_pronouns")
    if cue.content in ("relay", "attribute"):
        speaker, j = _relayed(doc, cue, hi, relayers)
        if j < 0:
            return None, relayers
    else:
        speaker = speaker_after(doc, cue.last, hi)
        j = speaker[1] if speaker else cue.last
    found = content_after(doc, j, hi, np=cue.content in ("np", "relay"))
    if found is None and relative and cue.content == "np":
        span = np_after(doc, cue.last, hi)
        speaker, found = None, ((span, "np") if span else None)
    elif found is None and cue.content in ("np", "relay"):
        speaker, found = _np_content(doc, cue, lo, hi, speaker, relayed=cue.content == "relay")
    if found is None and speaker is not None:
        found = _content_before(doc, cue, lo, speaker[1], hi)
    if found is None or (cue.content == "quote" and found[1] not in ("quote", "colon")):
        return None, relayers
    if cue.content not in ("relay", "attribute") and not cue.conj and not relative:
        before = speaker_before(doc, cue.first, lo)
        if before is not None and _credit_word(doc, before[0]):
            before = None
        if before is not None and (speaker is None or (before[1] and found[1] != "before")):
            speaker = before[0]
        if speaker is None and prev in _words("relative"):
            return None, relayers
    passive = speaker is None and key in _words("passive")
    return _Found(_cue_span(doc, cue), found[0], speaker, passive), relayers


def _credit_word(doc: Doc, rng: TokRange) -> bool:
    """``الجماهير: وكالات قال ...``: the word before the cue is a site's credit (وكالات،
    متابعات، خاص) after a colon or a dash, not the subject."""
    if rng[1] - rng[0] != 1 or rng[0] == 0:
        return False
    words = _citation_words()["publisher_credits"]
    return doc.toks[rng[0]].key in words and doc.toks[rng[0] - 1].text in ":-–"


def _relayed(doc: Doc, cue: Cue, hi: int, relayers: list[Span]) -> tuple[TokRange | None, int]:
    """نقل X عن Y / نسب X إلى Y: the speaker Y, the token after it (-1: not a relay)."""
    marks = "relay_from" if cue.content == "relay" else "attribute_to"
    at = next((k for k in range(cue.last, min(hi, cue.last + 14)) if doc.is_word(k, marks)), None)
    if at is None:
        return None, -1
    if at > cue.last:
        relayers.append(doc.span((cue.last, at)))
    speaker = None
    if doc.toks[at].key in ("عن", "الي"):
        speaker = speaker_after(doc, at + 1, hi)
        j = speaker[1] if speaker else at + 1
    else:
        relayer = speaker_after(doc, at + 1, hi)
        if relayer:
            relayers.append(doc.span(relayer))
        j = relayer[1] if relayer else at + 1
    while j < hi and doc.toks[j].key in saying():
        j += 1
    return speaker, j


def _np_content(doc: Doc, cue: Cue, lo: int, hi: int, speaker: TokRange | None, relayed: bool
                ) -> tuple[TokRange | None, tuple[Span, str] | None]:
    """Speaker and noun-phrase content of أعلن/نفى/كشف/أكد/أفاد/نقل without أن."""
    if not cue.conj and not relayed:
        before = speaker_before(doc, cue.first, lo)
        if before is not None and before[1]:
            span = np_after(doc, cue.last, hi)
            return before[0], ((span, "np") if span else None)
    j = speaker[1] if speaker else cue.last
    span = np_after(doc, j, hi)
    if span is None and speaker is not None and not relayed:
        k = speaker[0] + 1
        while k < speaker[1] and (doc.toks[k].key.startswith("ال") or not doc.toks[k].word):
            k += 1
        if k < speaker[1]:
            speaker, span = (speaker[0], k), np_after(doc, k, hi)
    return speaker, ((span, "np") if span else None)


def _content_before(doc: Doc, cue: Cue, lo: int, after: int, hi: int
                    ) -> tuple[Span, str] | None:
    """``«...»، قال الوزير.`` / ``هذه الأسعار تزيد ... يقول التاجر ويضيف``: the content
    precedes a cue whose speaker closes the clause."""
    closes = after >= hi or doc.toks[after].text in ".،,!؟?" or after in doc.cue_tokens
    words = sum(t.word for t in doc.toks[lo:cue.first])
    k = cue.first - 1
    while k > lo and doc.toks[k].text in "،,":
        k -= 1
    quoted = doc.toks[k].text in "»\"”"
    if words < 3 or not closes or not (quoted or cue.lemma == "قال"):
        return None
    span = clause_before(doc, lo, cue.first)
    return (span, "before") if span else None


def _build_prep(doc: Doc, cue: Cue, lo: int, hi: int) -> tuple[_Found | None, int]:
    """بحسب / وفقا لـ / نقلا عن X, or بحسب ما أعلن X: the item and the last token used."""
    toks, j = doc.toks, cue.last
    while j < hi and (toks[j].key in ("ل", "عن") or toks[j].text in "-–"):
        j += 1
    cue_span = _cue_span(doc, cue)
    if j + 1 < hi and toks[j].key in _words("relative") and toks[j + 1].word:
        verb = doc.cue_at(j + 1)
        speaker: TokRange | None
        if verb is not None and verb[1] == "relay":
            speaker, last = _relayed(doc, Cue(j + 1, j + 2, verb[0], "verb", "relay"), hi, [])
            speaker = speaker if last >= 0 else None
        else:
            k = j + 2
            while k < hi and doc.is_word(k, "pronoun_objects"):
                k += 1
            speaker = speaker_after(doc, k, hi)
        if verb is not None:
            cue_span = doc.span((j + 1, j + 2))
        last = speaker[1] if speaker else j + 2
    else:
        speaker = speaker_after(doc, j, hi, lam_first=True)
        if speaker is None or not _source_like(doc, speaker):
            return None, cue.last
        last = speaker[1]
    ahead = last
    while ahead < hi and toks[ahead].text in "،,":
        ahead += 1
    follows = ahead < hi and (toks[ahead].text == ":" or doc.is_word(ahead, "complementizers"))
    if follows:
        found = content_from(doc, ahead, hi)
        content = found[0] if found else None
    elif any(t.word and t.key not in ("و", "ف") for t in toks[lo:cue.first]):
        content = clause_before(doc, lo, cue.first)
    else:
        found = content_from(doc, last, hi) if last < hi else None
        content = found[0] if found else None
    if content is None:
        return None, cue.last
    trim = 0
    if speaker is not None:
        head = toks[speaker[0]].text
        if head.startswith("ل") and not head.startswith("لل") and len(head) > 3:
            trim = 2 if head.startswith("لـ") else 1
    return _Found(cue_span, content, speaker, trim=trim), last


def _source_like(doc: Doc, speaker: TokRange) -> bool:
    """The noun after بحسب/وفقا لـ names a source (مصادر، الوكالة، وزير ...), not a rule."""
    words = [t for t in doc.toks[speaker[0]:speaker[1]] if t.word]
    if not words:
        return False
    head = words[0].key
    if len(words) > 1 and in_set(head, doc.lex.sets["quantifiers"]):
        head = words[1].key
    heads = doc.lex.sets["source_heads"] | doc.lex.kinds["person"] | doc.lex.kinds["unnamed"]
    if any(v in heads or (v.startswith("ال") and v[2:] in heads) for v in clitic_variants(head)):
        return True
    lo, hi = doc.span(speaker)
    return doc.overlaps_mention(lo, hi)


def _build_participle(doc: Doc, cue: Cue, hi: int, previous: list[tuple[_Found, int]]
                      ) -> _Found | None:
    """مضيفا / مشيرة إلى أن / قائلا: the speaker is the governing verb's subject."""
    if cue.first - 1 in doc.cue_tokens:  # وأضاف قائلا: one cue
        return None
    found = content_after(doc, cue.last, hi)
    if found is None and cue.content == "np":
        span = np_after(doc, cue.last, hi)
        found = (span, "np") if span else None
    if found is None:
        return None
    sentence = doc.sent_of[cue.first]
    speaker = next((item.speaker for item, s in reversed(previous) if s == sentence), None)
    return _Found(_cue_span(doc, cue), found[0], speaker)


def _build_idiom(doc: Doc, cue: Cue, lo: int, hi: int) -> _Found | None:
    """حسب قوله / على حد تعبيره (implicit speaker) and على حد تعبير X (explicit)."""
    speaker = speaker_after(doc, cue.last, hi) if cue.kind == "idiom_x" else None
    found = content_after(doc, speaker[1], hi) if speaker else None
    content = found[0] if found else clause_before(doc, lo, cue.first)
    return _Found(_cue_span(doc, cue), content, speaker) if content else None


def _build_noun(doc: Doc, cue: Cue, lo: int, hi: int) -> _Found | None:
    """اكتفى بالقول: «...» (skipped after a cue verb: وتابع بالقول)."""
    if any(k in doc.cue_tokens for k in range(max(lo, cue.first - 4), cue.first)):
        return None
    found = content_after(doc, cue.last, hi)
    if found is None:
        return None
    before = speaker_before(doc, cue.first - 1, lo) if cue.first > lo else None
    return _Found(_cue_span(doc, cue), found[0], before[0] if before else None)


# --------------------------------------------------------------------------- kinds, outlets


def _kind(doc: Doc, speaker: TokRange) -> str:
    """person / office / unnamed / outlet / other, from the head word or the gazetteer."""
    words = [t for t in doc.toks[speaker[0]:speaker[1]] if t.word]
    if len(words) > 1 and in_set(words[0].key, doc.lex.sets["quantifiers"]):
        words = words[1:]
    if words:
        variants = clitic_variants(words[0].key)
        variants += [v[2:] for v in variants if v.startswith("ال")]
        for kind in ("person", "unnamed", "outlet", "other", "office", "places"):
            if any(v in doc.lex.kinds[kind] for v in variants):
                return "office" if kind == "places" else kind
    lo, hi = doc.span(speaker)
    for m in doc.mentions:
        if m.start < hi and lo < m.end:
            return "office" if m.entry.type == "monitor" else "outlet"
    return "person"


def _is_cited(doc: Doc, m: OutletMention, spans: Intervals) -> bool:
    """An outlet name is cited when the text uses it as a source or a channel of reported
    information: not an employer or affiliation, a footer, a title separator or a place."""
    if _in_footer(doc, m):
        return False
    head, via_prep = _governor(doc, m)
    if head >= 0 and m.entry.type != "monitor" and _cited_word(doc, head, "affiliations"):
        return False
    if head >= 0 and not via_prep and _cited_word(doc, head, "correspondents"):
        return _correspondent_is_source(doc, head, m, spans)
    if m.parenthesised:
        if _paren_adjective(doc, m):
            return False
        return not (head >= 0 and not via_prep and _cited_word(doc, head, "place_heads"))
    if m.told:  # a context-only name found only as told (مصادر للجزيرة بأن)
        return _clause_follows(doc, m.end) and _source_or_cue_before(doc, doc.token_at(m.start))
    if m.labelled:  # a context-only name as a press-review label (13. الرياض: ...)
        return True
    if spans.overlaps(m.start, m.end):
        return True
    before = doc.text[max(0, m.start - 300):m.start].rstrip(" «\"“")
    after = doc.text[m.end:m.end + 300].lstrip(" »\"”")
    told = m.proclitic.endswith("ل") or (m.quoted and before.endswith(("ل", "لـ", "ل -", "ل-"))) or (
        _designator_told(doc, m))
    if told and _told_follows(doc, m):
        return True
    agency = m.entry.type == "agency"
    if agency and (before.endswith("/") or after.startswith("/")):  # photo credit: فلان / رويترز
        return True
    if before.endswith("/") and _dateline_place(before[:-1], "-–"):  # فلان - كوباني / X
        return True
    if _translation_credit(doc, m):
        return True
    bare = _without_designators(doc, before)
    if after.startswith(("-", "–")) and bare and not bare.endswith(("-", "–", "|")):
        return True
    if before.endswith(("-", "–", "\\", "/")) and after.startswith((":", "\\", "/")):
        return True
    if after.startswith(":") and (not before or before.endswith(("\n", ".", ":")) or _label(doc, m, bare)):
        return True
    if bare.endswith(("-", "–")) and m.entry.canonical and (_dateline_place(bare[:-1]) or (
            agency and (not after or after.startswith(("(", "\n")))) or (
            after.startswith(")") and "(" in bare[-20:])):  # (أ ف ب - رويترز)
        return True  # لندن - «الحياة» هددت ...; صورة ... - جيتي (أرشيفية)
    if agency and (not before or before.endswith("\n")) and after[:1].isalpha():
        return True  # an agency heading a lead: رويترز زار الرئيس ...
    ambiguous = not m.quoted and _context_only(doc, m)
    return _trigger_before(doc, doc.token_at(m.start), ambiguous) or _verb_after(doc, m)


def _context_only(doc: Doc, m: OutletMention) -> bool:
    """The name as written is one of its outlet's context-only spellings (an ordinary word)."""
    if not m.entry.context_only:
        return False
    written = " ".join(fold(doc.text[m.start:m.end]).split())
    return any(" ".join(fold(c).split()) == written for c in m.entry.context_only)


#: A list number before a press-review label: ``1.``, ``2 -``, ``3)``.
_LIST_NUMBER = re.compile(r"(?:^|\s)\d{1,2}\s*[.)\-–]$")
#: Characters that end the text before a label, a dateline place or a lead.
_BOUNDARY = "\n.!؟?:؛;"


def _label(doc: Doc, m: OutletMention, bare: str) -> bool:
    """``X: headline``: a source label of a press review or a list of headlines, in the middle
    of a line (``1. سيريانيوز: ...``, ``... أفغانستان؟! الرياض: ...``, ``... بوتين سي ان ان:
    بوتين يعلن``).  At least two words follow the colon on its line, and the word before the
    name (designators skipped) is no preposition (``ظهر على قناة X:``)."""
    line = doc.text[m.end:m.end + 80].split("\n", 1)[0]
    colon = line.find(":")
    if colon < 0 or len(re.findall(r"[^\W\d_]{2,}", line[colon + 1:])) < 2:
        return False
    if not bare or bare.endswith(tuple(_BOUNDARY)) or _LIST_NUMBER.search(bare):
        return True
    last = bare.split()[-1].strip("«»\"“”()")
    words = _citation_words()["label_prepositions"]
    return last[:1].isalpha() and not any(v in words for v in clitic_variants(fold(last)))


def _dateline_place(before: str, stops: str = "") -> bool:
    """``لندن -``: one or two Arabic words (no digit, no cue) after a line start, a sentence
    end (or one of ``stops``), as in the dateline ``لندن - «الحياة» هددت``."""
    cut = max(before.rfind(c) for c in _BOUNDARY + stops)
    words = before[cut + 1:].split()
    if not 1 <= len(words) <= 2 or cut < 0 and len(before) > 40:
        return False
    lex = lexicon()
    return all(len(w) > 2 and w.isalpha() and not w.isascii() and not any(
        v in lex.forms for v in clitic_variants(fold(w))) for w in words)


def _designator_told(doc: Doc, m: OutletMention) -> bool:
    """The designator right before the name carries the ل of a dative (``لوكالة فرانس برس``)."""
    k = doc.token_at(m.start) - 1
    while k >= 0 and not doc.toks[k].word and doc.toks[k].text in "«\"“":
        k -= 1
    return k >= 0 and (doc.gazetteer.designator_proclitic(doc.toks[k].text) or "").endswith("ل")


def _told_follows(doc: Doc, m: OutletMention) -> bool:
    """What a told outlet is told: a complementizer or a colon within three tokens, or a
    quotation right after the name and its adjectives, in a sentence with a cue before the
    name (``قال الشاهد ... لوكالة فرانس برس «كنت ...»``)."""
    if _clause_follows(doc, m.end):
        return True
    i = doc.token_at(m.start)
    lo, hi = doc.sentence(i)
    j = doc.token_at(m.end - 1) + 1
    while j < hi and (doc.toks[j].text in "»\"”،," or _cited_word(doc, j, "name_adjectives")):
        j += 1
    if j >= hi or doc.toks[j].text not in "«\"“":
        return False
    return any(k in doc.cue_tokens for k in range(lo, i))


def _translation_credit(doc: Doc, m: OutletMention) -> bool:
    """``صحيفة X الروسية - ترجمة وتحرير``: a translation credit after the name."""
    hi = doc.sentence(doc.token_at(m.start))[1]
    j = doc.token_at(m.end - 1) + 1
    adjectives = 0
    while j < hi and (doc.toks[j].text in "»\"”" or (
            adjectives < 2 and _cited_word(doc, j, "name_adjectives"))):
        adjectives += doc.toks[j].word
        j += 1
    if j + 1 >= hi or doc.toks[j].text not in "-–:":
        return False
    return _cited_word(doc, j + 1, "translation_words")


def _paren_adjective(doc: Doc, m: OutletMention) -> bool:
    """``جريدة السجل (البغدادية)``: a context-only name ending in ية, in parentheses right
    after a designated name, is an adjective of that name, not a credit."""
    name = fold(doc.text[m.start:m.end])
    if " " in name or not name.startswith("ال") or not name.endswith("يه"):
        return False
    if name not in {" ".join(fold(c).split()) for c in m.entry.context_only}:
        return False
    i = doc.token_at(m.start)
    k = i - 2  # the token before "("
    lo = doc.sentence(i)[0]
    for n in range(k, max(lo - 1, k - 4), -1):
        if doc.toks[n].word and doc.gazetteer.is_designator(doc.toks[n].text):
            return True
        if not doc.toks[n].word:
            break
    return False


@cache
def _citation_words() -> dict[str, frozenset[str]]:
    """The folded ``citation`` lists of the outlets table (word lists and footer phrases)."""
    table = load_table("outlets").get("citation", {})
    return {name: frozenset(" ".join(fold(w).split()) for w in words)
            for name, words in table.items() if isinstance(words, list)}


def _cited_word(doc: Doc, k: int, name: str) -> bool:
    """Token ``k`` is a word of the citation list ``name``, with or without proclitics and,
    except for ``place_heads`` (ناحية (X) names a place, المنطقة (X) ends a caption), ال."""
    if not doc.toks[k].word:
        return False
    words, article = _citation_words()[name], name != "place_heads"
    return any(v in words or (article and v.startswith("ال") and v[2:] in words)
               for v in clitic_variants(doc.toks[k].key))


def _in_footer(doc: Doc, m: OutletMention) -> bool:
    """The name follows a copyright or footer phrase on its line and in its sentence
    (``يمنع إعادة النشر بدون ذكر المصدر (X)``، ``© 2017 X``)."""
    i = doc.token_at(m.start)
    lo = max(doc.text.rfind("\n", max(0, m.start - 200), m.start) + 1, doc.toks[doc.sentence(i)[0]].start, m.start - 200)
    window = fold(doc.text[lo:m.start])
    tail = fold(doc.text[m.end:m.end + 30].split("\n")[0])
    markers = _citation_words()["footer_markers"]
    return any(w in window for w in markers) or any(w in tail for w in ("©", "جميع الحقوق"))


def _governor(doc: Doc, m: OutletMention) -> tuple[int, bool]:
    """Token index of the word that governs the outlet phrase (``مراسل`` in ``مراسل قناة
    «X»``, ``تحرير`` in ``رئيس تحرير صحيفة X``), skipping designators, quotes and brackets;
    through في/لدى the word before it, flagged (``يعمل في قناة X``).  (-1, False) when there
    is none in the sentence, or when a ل/ب stands between (``قال المدير لقناة X``: a dative,
    not a construct)."""
    if m.proclitic.endswith(("ل", "ب")):
        return -1, False
    i = doc.token_at(m.start)
    lo = doc.sentence(i)[0]
    k = i - 1
    while k >= lo:
        tok = doc.toks[k]
        if not tok.word:
            if tok.text in "«»\"“”(" or tok.text == "'":
                k -= 1
                continue
            return -1, False
        if tok.key in ("ل", "ب"):
            return -1, False
        proclitic = doc.gazetteer.designator_proclitic(tok.text)
        if proclitic is not None:
            if proclitic.endswith(("ل", "ب")):
                return -1, False
            k -= 1
            continue
        break
    if k < lo:
        return -1, False
    if doc.toks[k].key in ("في", "لدي") and k - 1 >= lo and doc.toks[k - 1].word:
        return k - 1, True
    return k, False


def _without_designators(doc: Doc, before: str) -> str:
    """``before`` without the designator words that end it (``... - موقع``: ``... -``)."""
    words = before.split(" ")
    while words and words[-1] and doc.gazetteer.is_designator(words[-1].strip("«\"“")):
        words.pop()
    return " ".join(words).rstrip(" «\"“")


def _correspondent_is_source(doc: Doc, c: int, m: OutletMention, spans: Intervals) -> bool:
    """``مراسل X`` cites X when the correspondent is a source: inside a speaker, after a
    citation word or a cue (``حسب مراسل X``، ``أفاد مراسل X``) or told something
    (``قال مصدر لمراسل X إن``) -- not in ``اعتدوا على مراسل قناة X``."""
    if spans.overlaps(doc.toks[c].start, m.end):
        return True
    key = doc.toks[c].key
    if key.startswith("ل") and _clause_follows(doc, m.end):
        return True
    return _trigger_before(doc, c)


def _clause_follows(doc: Doc, end: int) -> bool:
    """A complementizer or a colon within three tokens after character ``end``."""
    k = doc.token_at(end - 1)
    for n in range(k + 1, min(len(doc.toks), k + 4)):
        if doc.toks[n].text == ":" or doc.is_word(n, "complementizers"):
            return True
    return False


def _trigger_before(doc: Doc, i: int, ambiguous: bool = False) -> bool:
    """A citation word or a reporting cue among the five words before token ``i``, in its
    sentence, without crossing ``|``, a title dash or a complementizer (a name after أن/إن
    is inside the reported clause).  A venue word (حديث، مقابلة، اتصال ...) counts only with
    the name as its direct object; a correspondent word never counts here (see
    :func:`_correspondent_is_source`)."""
    lo = doc.sentence(i)[0]
    seen = 0
    for k in range(i - 1, max(lo - 1, i - 12), -1):
        tok = doc.toks[k]
        if tok.text == "|" or (tok.text in "-–" and not (k > lo and doc.toks[k - 1].key in ("ل", "ب"))):
            return False
        if not tok.word:
            continue
        if doc.is_word(k, "complementizers"):
            return False
        if _cited_word(doc, k, "venues"):
            if _venue_object(doc, k, i) and (tok.key != "عبر" or (
                    not ambiguous and _speech_in_sentence(doc, i))):
                return True
        elif not _cited_word(doc, k, "correspondents") and (
                k in doc.cue_tokens or doc.is_word(k, "citation_triggers")
                or _cited_word(doc, k, "translation_words")
                or tok.key in doc.lex.preps or _publishes(doc, k, i)):
            return True
        seen += 1
        if seen >= 5:
            break
    return False


def _speech_in_sentence(doc: Doc, i: int) -> bool:
    """A cue or a venue word other than عبر in the (extended) sentence of token ``i``:
    ``وأسهب فلان، عبر قناة X، بالحديث``, not ``بلورت، عبر شبكة X، سرديات``."""
    lo, hi = doc.sentence(i)[0], doc.extended_end(i)
    return any(k in doc.cue_tokens or (doc.toks[k].key != "عبر" and _cited_word(doc, k, "venues"))
               for k in range(lo, hi))


def _publishes(doc: Doc, k: int, i: int) -> bool:
    """Token ``k`` is a publishing verb whose subject is the outlet at token ``i``: only
    designators and quotes in between (``ونشر موقع X``، ``بثت قناة «X»``), so that the noun
    of ``بروتوكول نشر التعليقات على X`` does not count."""
    if not _cited_word(doc, k, "publication_verbs"):
        return False
    return all(not t.word and t.text in "«\"“(" or t.word and doc.gazetteer.is_designator(t.text)
               for t in doc.toks[k + 1:i])


def _source_or_cue_before(doc: Doc, i: int) -> bool:
    """A cue or a source head word (مصادر، مسؤول ...) among the three words before token
    ``i`` in its sentence: ``أفادت مصادر للجزيرة بأن``, not ``لا معنى للحياة إن``."""
    lo, seen = doc.sentence(i)[0], 0
    for k in range(i - 1, lo - 1, -1):
        if not doc.toks[k].word:
            continue
        if doc.gazetteer.is_designator(doc.toks[k].text) or doc.overlaps_mention(
                doc.toks[k].start, doc.toks[k].start + 1):
            return False  # part of a longer name: وكالة إنترفاكس للأنباء إن
        if seen == 0 and k in doc.cue_tokens and doc.cue_at(k) is None:
            return False  # governed by بحسب / وفقا: ووفقا للبيان فإن (the statement)
        if k in doc.cue_tokens or doc.is_word(k, "source_heads") or in_set(
                doc.toks[k].key, doc.lex.kinds["person"] | doc.lex.kinds["unnamed"]):
            return True
        seen += 1
        if seen >= 3:
            break
    return False


def _verb_after(doc: Doc, m: OutletMention) -> bool:
    """The outlet opens its clause and a reporting or publishing verb follows it, after at
    most two adjectives and a comma (``«الحياة» اللندنية ذكرت``، ``صحيفة التيار نشرت``،
    ``وكانت وكالة الأنباء «X» الروسية، أكدت``).  Before it may stand كان/قد and the
    generic أنباء of ``وكالة الأنباء «X»``."""
    i = doc.token_at(m.start)
    lo, hi = doc.sentence(i)
    k = i - 1
    while k >= lo and (not doc.toks[k].word and doc.toks[k].text in "«\"“(" or doc.toks[k].word and (
            doc.gazetteer.is_designator(doc.toks[k].text) or doc.toks[k].key in _GENERIC_NEWS)):
        k -= 1
    while k >= lo and doc.toks[k].word and doc.is_word(k, "auxiliaries"):
        k -= 1
    if k >= lo and not (doc.toks[k].text in "،,:.\n" or doc.toks[k].key in ("و", "ف")):
        return False
    j, adjectives = doc.token_at(m.end - 1) + 1, 0
    while j < hi and (not doc.toks[j].word and doc.toks[j].text in "»\"”()"
                      or doc.toks[j].word and _cited_word(doc, j, "name_adjectives") and adjectives < 2):
        adjectives += doc.toks[j].word
        j += 1
    if j + 1 < hi and doc.toks[j].text in "،," and doc.toks[j + 1].word:
        j += 1
    if j >= hi or not doc.toks[j].word:
        return False
    cue = doc.cue_at(j)
    return (cue is not None and not cue[2]) or _cited_word(doc, j, "publication_verbs")


#: The generic word of ``وكالة الأنباء «X»`` (folded).
_GENERIC_NEWS = frozenset({"الانباء", "انباء"})


def _venue_object(doc: Doc, v: int, i: int) -> bool:
    """Only fillers (خاص، هاتفي، مع، لـ ...), designators and quotes between the venue word
    ``v`` and token ``i``: ``في حديث خاص لـ«X»``, not ``في اتصال مع رئيس تحرير صحيفة X``."""
    for k in range(v + 1, i):
        tok = doc.toks[k]
        if not tok.word:
            if tok.text not in "«»\"“”(-–":
                return False
        elif not (_cited_word(doc, k, "venue_fillers") or doc.gazetteer.is_designator(tok.text)):
            return False
    return True


def _unknown_outlets(doc: Doc, gazetteer: Gazetteer, spans: Intervals,
                     publishers: frozenset[str]) -> list[CitedOutlet]:
    """Outlets the gazetteer does not know, written as designator + «name» (``قالت صحيفة
    «الصباح الجديد»``) or designator + a bare name of one to three words (``كشفت صحيفة
    التيار``، ``لموقع ايزدينا``), and cited; ``canonical`` is the written name."""
    out, taken = [], []
    for match in _designated_quote_re().finditer(doc.text):
        start, end = match.span("name")
        if not gazetteer.is_designator(match.group("des")) or gazetteer.resolve(match.group("name")):
            continue
        if _stop_name(match.group("name")):
            continue
        taken.append((match.start(), end))
        probe = OutletMention(start, end, _UNKNOWN, quoted=True, designated=True)
        if fold(doc.text[start:end]) not in publishers and _is_cited(doc, probe, spans):
            out.append(CitedOutlet(doc.text[start:end], doc.text[start:end], (start, end), known=False))
    heads = _bare_head_forms()
    quoted = Intervals(taken)
    for k, tok in enumerate(doc.toks):
        if tok.key not in heads:
            continue
        name = _bare_name(doc, k)
        if name is None:
            continue
        start, end = doc.span(name)
        near = doc.toks[min(len(doc.toks) - 1, name[1] + 3)].end
        if quoted.overlaps(start, start + 1) or doc.overlaps_mention(start, near):
            continue  # a known name overlaps or follows (وكالة أنباء الصين الرسمية شينخوا)
        written = doc.text[start:end]
        if gazetteer.resolve(written) or fold(written) in publishers:
            continue
        proclitic = gazetteer.designator_proclitic(tok.text) or ""
        probe = OutletMention(start, end, _UNKNOWN, proclitic, designated=True)
        if _is_cited(doc, probe, spans):
            out.append(CitedOutlet(written, written, (start, end), known=False))
    if doc.press_review:
        out.extend(_review_labels(doc, gazetteer, publishers))
    return out


def _review_labels(doc: Doc, gazetteer: Gazetteer, publishers: frozenset[str]) -> list[CitedOutlet]:
    """Unknown outlets of a numbered press review: ``3. X: headline``, a name of one to three
    words after a list number, in a page where several lines are labelled with known outlets."""
    out = []
    for match in _review_label_re().finditer(doc.text):
        start, end = match.span("name")
        written = doc.text[start:end]
        folded = " ".join(fold(written).split())
        if gazetteer.resolve(written) or folded in publishers or doc.overlaps_mention(start, end):
            continue
        k = doc.token_at(start)
        if any(stops_speaker(doc, n) or _cited_word(doc, n, "unknown_stop")
               for n in range(k, doc.token_at(end - 1) + 1)):
            continue
        out.append(CitedOutlet(written, written, (start, end), known=False))
    return out


@cache
def _review_label_re() -> re.Pattern[str]:
    return re.compile(r"(?:^|\s)\d{1,2}\s*[.)]\s*(?P<name>[^\W\d_]{2,}(?:\s[^\W\d_]{2,}){0,2})\s*:"
                      r"(?=\s*[^\W\d_]{2,}[^\n]*?\s[^\W\d_]{2,})")


@cache
def _bare_head_forms() -> frozenset[str]:
    """The folded designators of :data:`_BARE_HEADS` with every proclitic that
    :func:`clitic_variants` strips (و ف, then ب ل ك)."""
    return frozenset(c + p + h for h in _BARE_HEADS for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك"))


def _bare_name(doc: Doc, d: int) -> TokRange | None:
    """The unquoted name after the designator at token ``d``: one to three words up to a verb,
    a preposition, a complementizer, punctuation or an adjective (البريطانية، الرسمية).  An
    agency, site, network or portal needs an outlet marker (للأنباء، الإخباري، نيوز ...) right
    after the name; words of ``unknown_stop`` (صحيفة أمريكية، موقع الحادث، قناة السويس) and
    a first word that reads as an adjective are never a name."""
    toks, (lo, hi) = doc.toks, doc.sentence(d)
    if d + 1 >= hi or not toks[d + 1].word or toks[d + 1].start - toks[d].end > 1:
        return None
    head = [v for v in clitic_variants(fold(toks[d].text)) if v in _MARKED_HEADS]
    first = d + 1
    news = bool(head) and head[0] == "وكاله" and toks[first].key in ("انباء", "الانباء")
    first += news
    k = first
    while k < hi and k - first < 3 and toks[k].word and not _name_stop(doc, k, k == first):
        k += 1
        if k - first >= 2 and not toks[k - 1].key.startswith("ال") and _cited_word(
                doc, k - 1, "outlet_markers"):
            break  # وكالة مسار برس بمقتل: the marker ends the name
    if k == first:
        return None
    marker = k < hi and toks[k].word and _cited_word(doc, k, "outlet_markers")
    inner = k - first >= 2 and not toks[k - 1].key.startswith("ال") and _cited_word(
        doc, k - 1, "outlet_markers")  # وكالة مسار برس: the marker ends the name
    if head and not (marker or inner or news):
        # an unmarked site or network only as a direct object or subject of a citation:
        # told (لموقع X أن) or right after a cue or publishing verb (نشر موقع X); an
        # unmarked agency only right after a cue or publishing verb (كشف لوكالة X بعد ... أن)
        told = (doc.gazetteer.designator_proclitic(toks[d].text) or "").endswith("ل") and (
            _clause_follows(doc, toks[k - 1].end))
        verb = d > lo and toks[d - 1].word and (d - 1 in doc.cue_tokens or _cited_word(
            doc, d - 1, "publication_verbs"))
        if toks[first].key.startswith("ال") or not (verb if head[0] == "وكاله" else told or verb):
            return None
    if marker and not toks[k].key.startswith("ال"):
        k += 1  # للأنباء، نيوز، برس are part of the name; الإخباري is an adjective
    return first, k


def _stop_name(name: str) -> bool:
    """A quoted name after a designator that is no outlet (موقع «تويتر»)."""
    folded = " ".join(fold(name).split())
    return not folded or folded in _citation_words()["platforms"]


#: Words (folded) that continue an unknown name although they read as adjectives or dates.
_NAME_TAILS = frozenset({"الجديد", "الجديده", "اليوم", "الحر", "الحره"})
#: Designators (folded) that may precede an unquoted unknown name.
_BARE_HEADS = frozenset({"صحيفه", "جريده", "قناه", "وكاله", "موقع", "تلفزيون", "اذاعه", "راديو",
                         "مجله", "شبكه"})
#: Designators that need an outlet marker after an unknown name (folded): an agency,
#: site or network is too often something else (وكالة الطاقة، موقع الحادث).
_MARKED_HEADS = frozenset({"وكاله", "موقع", "شبكه"})


def _name_stop(doc: Doc, k: int, first: bool) -> bool:
    """Token ``k`` cannot be (the first word of) an unknown outlet's name."""
    tok = doc.toks[k]
    key = tok.key
    if not first and key in _NAME_TAILS:
        return False  # النهضة الجديدة، صوت اليوم
    if stops_speaker(doc, k) or _cited_word(doc, k, "unknown_stop") or _cited_word(
            doc, k, "name_adjectives") or _cited_word(doc, k, "publication_verbs"):
        return True
    if doc.gazetteer.is_designator(tok.text) or (
            key != "صوت" and in_set(key, doc.lex.sets["source_heads"])):
        return True
    if not key[:1].isalpha() or key.isascii():
        return False
    if first and len(key) < 3:
        return True  # ال of صحيفة ال - «غارديان», سي of قناة سي - إن - إن
    if first and (key.endswith(("يه", "يين", "يون")) or (key.endswith("ي") and len(key) > 4)):
        return True  # an adjective (أمريكية، إلكتروني) rather than a name
    return False


@cache
def _designated_quote_re() -> re.Pattern[str]:
    # a designator is one short word, matched from its first letter: a 10 MB "word" costs
    # one pass, not one per letter
    return re.compile(r"(?<![\w\u0640])(?P<des>[\w\u0640]{1,30})\s*[«\"“]\s*(?P<name>[^«»\"“”\n]{2,40}?)\s*[»\"”]")


_UNKNOWN = OutletEntry("", "website", "")


def _publishers(doc: Doc) -> frozenset[str]:
    """Canonical names (and folded written names) of the site that publishes the text, as
    the text itself shows it: a name in a copyright or footer line, a name that opens a
    segment of the page header (``عنوان | السورية نت |``، ``عنوان - عنب بلدي الأحد``،
    ``موقع خبرني:``), a site's own credit line (``الجماهير: وكالات``، ``X - خاص``), a
    dateline ``مكان - X:`` of an outlet that is not an agency, and a header byline ``X -
    فلان الجمعة،`` (a name of one to three words, then a weekday).  The publisher is never a
    cited outlet: a site naming itself is not a source it rests on."""
    found: set[str] = set()
    text, gazetteer = doc.text, doc.gazetteer
    for m in doc.mentions:
        before = text[max(0, m.start - 300):m.start].rstrip(" «\"“")
        after = text[m.end:m.end + 300].lstrip(" »\"”")
        dateline = before.endswith(("-", "–")) and after.startswith(":") or _PLACE_AFTER.match(after)
        byline = m.start < _HEADER and _byline_re().match(fold(after[:80]))
        if _in_footer(doc, m) or (m.entry.type != "agency" and (dateline or byline) and not m.parenthesised):
            found.add(m.entry.canonical)
    head = text[:_HEADER]
    for match in _segment_re().finditer(head):
        if _LIST_NUMBER.search(head[max(0, match.start() - 6):match.start()].rstrip()):
            continue  # 1.\nX: the first item of a list of headlines, not the header
        sep, words = match.group("sep"), match.group("seg").split()
        words = words[:next((n for n, w in enumerate(words) if any(c in w for c in "()«»\"")),
                            len(words))]
        for n in range(min(4, len(words)), 0, -1):
            entry = gazetteer.resolve(" ".join(words[:n]))
            if entry is None:
                continue
            bare = " ".join(fold(w) for w in words[:n])
            co = any(" ".join(fold(c).split()) == bare for c in entry.context_only)
            agency_ok = entry.type != "agency" or match.start("seg") < 40
            if agency_ok and (not co or sep == "|"):
                found.add(entry.canonical)
            break
    for match in _self_credit_re().finditer(text):
        words = match.group("name").split()
        for n in range(min(4, len(words)), 0, -1):
            written = " ".join(words[-n:])
            entry = gazetteer.resolve(written)
            if entry is not None:
                found.add(entry.canonical)
                break
        else:
            found.add(" ".join(fold(w) for w in words[-2:]))
    return frozenset(found)


_HEADER = 300
#: Lines labelled with a known outlet (``X: headline``) that make a page a press review, in
#: which a context-only name used as a label (``الرياض: ...``) is an outlet too.
_PRESS_REVIEW = 3
#: ``بانيت - الاردن:``: a site's own dateline, the name before the place.
_PLACE_AFTER = re.compile(r"[-–]\s*[^\s\d:\-–|]{2,20}(?:\s[^\s\d:\-–|]{2,20})?\s*:")


@cache
def _byline_re() -> re.Pattern[str]:
    """(Folded) ``- فلان الفلاني الجمعة``: the author and day of a header byline after a name."""
    days = "|".join(sorted({re.escape(fold(w)) for w in load_table("outlets")["citation"]["weekdays"]}))
    return re.compile(rf"[-–]\s*(?:[^\W\d_]+\s+){{1,3}}(?:{days})(?![\w])")


@cache
def _segment_re() -> re.Pattern[str]:
    """A header segment and the separator before it (text start, ``|``, `` - ``, a line)."""
    return re.compile(r"(?:^|(?P<sep>\||\s[-–]\s|\n))\s*(?P<seg>(?:(?!\s[-–]\s)[^|\n:]){2,60})")


@cache
def _self_credit_re() -> re.Pattern[str]:
    """``الجماهير: وكالات``، ``مراسل سوري - خاص``: a site's credit line for its own items."""
    words = "|".join(re.escape(w) for w in load_table("outlets")["citation"]["publisher_credits"])
    return re.compile(rf"(?:^|\n|\.\.\.\s|[.!؟]\s)(?P<name>[^\s:\-–|\n][^:\-–|\n]{{1,30}}?)\s*[:\-–]\s*(?:{words})(?![\w])")


def _cited_outlets(doc: Doc, spans: Intervals, publishers: frozenset[str]) -> tuple[CitedOutlet, ...]:
    merged: list[list[Any]] = []
    for m in doc.mentions:
        if m.entry.canonical in publishers or not _is_cited(doc, m, spans):
            continue
        gap = doc.text[merged[-1][1]:m.start] if merged else "x"
        if merged and merged[-1][2] == m.entry.canonical and not gap.strip(" ()«»\"-–"):
            merged[-1][1] = m.end
        else:
            merged.append([m.start, m.end, m.entry.canonical])
    spans = [(_balanced(doc.text, s, e), c) for s, e, c in merged]
    return tuple(CitedOutlet(doc.text[s:e], c, (s, e), display=display_name(c)) for (s, e), c in spans)


#: Brackets and quotes a written outlet name must not leave open.
_PAIRS = {"(": ")", "«": "»", "[": "]"}


def _balanced(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a written outlet name, widened so that it leaves no bracket or quote
    half open (``وكالة الأنباء الأردنية (بترا`` -> ``... (بترا)``, ``الوطن» الكويتية`` ->
    ``«الوطن» الكويتية``)."""
    for opener, closer in _PAIRS.items():
        while text.count(opener, start, end) > text.count(closer, start, end) and text[end:end + 1] == closer:
            end += 1
        while text.count(closer, start, end) > text.count(opener, start, end) and start and \
                text[start - 1] == opener:
            start -= 1
    return start, end


# --------------------------------------------------------------------------- entry point


#: Most reported-speech items read from one document.  A news article holds tens; a text
#: of thousands (a run-on list of cues, a dump pasted as one article) is read up to here,
#: so its cost and its report stay bounded.
MAX_ATTRIBUTIONS = 2000


def extract_sources(doc_id: str, text: str, gazetteer: Gazetteer | None = None) -> SourceReport:
    """Reported speech and cited outlets of one document's display text.

    Returns a :class:`~tahqiq.types.SourceReport`.  Each attribution carries
    the speaker, the cue and the content with their offsets into ``text``;
    ``speaker_span`` is ``(-1, -1)`` when the speaker is implicit (``وأضاف``,
    ``وقال إنه``): ``speaker`` is then the last explicit speaker before it, or
    ``""`` for a passive cue (قيل، أفيد).  ``gazetteer`` defaults to
    :func:`~tahqiq.sources.outlets.load_gazetteer`.  Pure: the same text
    gives the same report; any string is accepted.  The rules read the
    text's :func:`~tahqiq.text.view.reading_view` (one quote convention); every
    string in the report is the publisher's, sliced from ``text``.
    """
    text = text or ""
    return _as_published(_extract(doc_id, reading_view(text), gazetteer or load_gazetteer()), text)


def _as_published(report: SourceReport, text: str) -> SourceReport:
    """``report`` (found in the reading view of ``text``) with its strings sliced from ``text``."""
    attributions: list[Attribution] = []
    last = ""
    full: dict[str, str] = {}  # a person's last name (folded) -> the fullest form seen so far
    for att in report.attributions:
        if att.speaker_span != _NO_SPAN:
            speaker = last = _fullest(text[att.speaker_span[0]:att.speaker_span[1]],
                                      att.speaker_kind, full)
        else:
            speaker = last if att.speaker else ""
        attributions.append(replace(att, speaker=speaker, cue=text[att.cue_span[0]:att.cue_span[1]],
                                    content=text[att.span[0]:att.span[1]]))
    outlets = []
    for outlet in report.cited_outlets:
        written = text[outlet.span[0]:outlet.span[1]]
        fields: dict[str, Any] = {"name": written}
        if not outlet.known:
            fields["canonical"] = written
            if outlet.display == outlet.name:
                fields["display"] = written
        outlets.append(replace(outlet, **fields))
    return SourceReport(report.doc_id, tuple(attributions), tuple(outlets))


def _fullest(speaker: str, kind: str, full: dict[str, str]) -> str:
    """A person named again by a surname or a title and surname (``عطاف``, ``الوزير عطاف``)
    is reported by the fullest form the article used before (``وزير الخارجية أحمد عطاف``);
    ``full`` remembers, by folded last name, the longest form seen so far."""
    words = speaker.split()
    if kind != "person" or not words:
        return speaker
    key = fold(words[-1].strip("«»\"()،,"))
    known = full.get(key)
    if known is not None and len(known.split()) > len(words) and len(words) <= 2:
        return known
    if known is None or len(words) > len(known.split()):
        full[key] = " ".join(words)
    return speaker


def _extract(doc_id: str, text: str, gazetteer: Gazetteer) -> SourceReport:
    """:func:`extract_sources` on the reading view."""
    doc = Doc(text, gazetteer)
    labels = sum(not m.labelled and is_label(doc.text, m.start, m.end) for m in doc.mentions)
    doc.press_review = labels >= _PRESS_REVIEW
    if not doc.press_review and any(m.labelled for m in doc.mentions):
        doc.mentions = [m for m in doc.mentions if not m.labelled]
    found: list[tuple[_Found, int]] = []
    spans: list[Span] = []
    used_until = -1
    for cue in find_cues(doc):
        if len(found) >= MAX_ATTRIBUTIONS:
            break
        if cue.first < used_until:
            continue
        lo, hi = doc.sentence(cue.first)
        item: _Found | None
        if cue.kind == "verb":
            item, relayers = _build_verb(doc, cue, lo, hi)
            spans.extend(relayers)
        elif cue.kind == "prep":
            item, used_until = _build_prep(doc, cue, lo, hi)
        elif cue.kind == "part":
            item = _build_participle(doc, cue, hi, found)
        elif cue.kind in ("idiom", "idiom_x"):
            item = _build_idiom(doc, cue, lo, hi)
        else:
            item = _build_noun(doc, cue, lo, hi)
        if item is not None and item.content[0] < item.content[1]:
            found.append((item, doc.sent_of[cue.first]))
    attributions = _attributions(doc, [f for f, _ in found])
    spans += [a.speaker_span for a in attributions if a.speaker_span != _NO_SPAN]
    publishers = _publishers(doc)
    sources = Intervals(spans)
    known = _cited_outlets(doc, sources, publishers)
    unknown = _unknown_outlets(doc, gazetteer, sources, publishers)
    outlets = sorted(known + tuple(unknown), key=lambda o: o.span)
    return SourceReport(doc_id, tuple(attributions), tuple(outlets))


def _attributions(doc: Doc, items: list[_Found]) -> list[Attribution]:
    out: list[Attribution] = []
    last_text, last_kind = "", "other"
    text = doc.text
    for item in items:
        if item.speaker is not None:
            span = doc.span(item.speaker)
            span = (span[0] + item.trim, span[1])
            speaker, kind = text[span[0]:span[1]], _kind(doc, item.speaker)
            last_text, last_kind = speaker, kind
        elif item.passive:
            span, speaker, kind = _NO_SPAN, "", "other"
        else:
            span, speaker, kind = _NO_SPAN, last_text, last_kind
        start, end = item.content
        out.append(Attribution(speaker=speaker, cue=text[item.cue[0]:item.cue[1]],
                               content=text[start:end], span=(start, end),
                               speaker_kind=kind,  # type: ignore[arg-type]
                               speaker_span=span, cue_span=item.cue))
    return out
