"""Which outlet names a text cites: used as a source or a channel of reported information.

A name is *not* cited in a footer, as an employer or affiliation (رئيس تحرير صحيفة X),
as the outlet of a correspondent who is no source, or as an adjective in parentheses.
It *is* cited as (part of) a speaker or a relayer, told something (لرويترز إن), as a
credit (``(رويترز)``, ``- أ ف ب``, a photo credit, a dateline, a translation credit, a
press-review label), after a citation word or a cue (بحسب، في حديث لـ ...), or as the
subject of a reporting or publishing verb.  The word lists are the ``citation`` section
of ``tables/outlets.v4.json`` and the ``words`` of ``tables/attribution.v1.json``.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ...core.types import CitedOutlet
from .._intervals import Intervals
from .gazetteer import display_name
from .lexicon import (
    boundary,
    citation_words,
    clitic_variants,
    fold_key,
    in_set,
    lexicon,
    pattern,
    raw_words,
    words,
)
from .names import OutletMention
from .publishers import in_footer
from .spans import Doc, balanced, cited_word, clause_follows


def is_cited(doc: Doc, m: OutletMention, spans: Intervals) -> bool:
    """An outlet name is cited when the text uses it as a source or a channel of reported
    information: not an employer or affiliation, a footer, a title separator or a place."""
    if in_footer(doc, m):
        return False
    verdict = _by_governor(doc, m, spans)
    if verdict is not None:
        return verdict
    if m.told:  # a context-only name found only as told (مصادر للجزيرة بأن)
        return clause_follows(doc, m.end) and _source_or_cue_before(doc, doc.token_at(m.start))
    if m.labelled:  # a context-only name as a press-review label (13. الرياض: ...)
        return True
    if spans.overlaps(m.start, m.end):
        return True
    before = doc.text[max(0, m.start - 300):m.start].rstrip(" «\"“")
    after = doc.text[m.end:m.end + 300].lstrip(" »\"”")
    if _told(doc, m, before) or _credited(doc, m, before, after):
        return True
    ambiguous = not m.quoted and _context_only(doc, m)
    return _trigger_before(doc, doc.token_at(m.start), ambiguous) or _verb_after(doc, m)


def _by_governor(doc: Doc, m: OutletMention, spans: Intervals) -> bool | None:
    """The verdict of the word that governs the name (an affiliation, a correspondent, a
    place head before a parenthesised name), or ``None`` when it decides nothing."""
    head, via_prep = _governor(doc, m)
    if head >= 0 and m.entry.type != "monitor" and cited_word(doc, head, "affiliations"):
        return False
    if head >= 0 and not via_prep and cited_word(doc, head, "correspondents"):
        return _correspondent_is_source(doc, head, m, spans)
    if m.parenthesised:
        if _paren_adjective(doc, m):
            return False
        return not (head >= 0 and not via_prep and cited_word(doc, head, "place_heads"))
    return None


def _told(doc: Doc, m: OutletMention, before: str) -> bool:
    """The outlet is told something (``لرويترز إن``، ``لـ«الجزيرة»:``، ``لوكالة X «...»``)."""
    told = m.proclitic.endswith("ل") or (m.quoted and before.endswith(raw_words("told_lam"))) or (
        _designator_told(doc, m))
    return told and _told_follows(doc, m)


def _credited(doc: Doc, m: OutletMention, before: str, after: str) -> bool:
    """The name stands as a credit: a photo credit, a translation credit, a dash or colon
    credit, a press-review label, a dateline, an agency heading a lead."""
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
    # an agency heading a lead: رويترز زار الرئيس ...
    return agency and (not before or before.endswith("\n")) and after[:1].isalpha()


@cache
def _datives() -> tuple[str, ...]:
    """The folded ل and ب of a dative, for ``str.endswith``."""
    return tuple(sorted(words("dative_proclitics")))


def _context_only(doc: Doc, m: OutletMention) -> bool:
    """The name as written is one of its outlet's context-only spellings (an ordinary word)."""
    if not m.entry.context_only:
        return False
    written = " ".join(fold_key(doc.text[m.start:m.end]).split())
    return any(" ".join(fold_key(c).split()) == written for c in m.entry.context_only)


def _label(doc: Doc, m: OutletMention, bare: str) -> bool:
    """``X: headline``: a source label of a press review or a list of headlines, in the middle
    of a line (``1. سيريانيوز: ...``, ``... أفغانستان؟! الرياض: ...``, ``... بوتين سي ان ان:
    بوتين يعلن``).  At least two words follow the colon on its line, and the word before the
    name (designators skipped) is no preposition (``ظهر على قناة X:``)."""
    line = doc.text[m.end:m.end + 80].split("\n", 1)[0]
    colon = line.find(":")
    if colon < 0 or len(pattern("label_word").findall(line[colon + 1:])) < 2:
        return False
    if not bare or bare.endswith(tuple(boundary())) or pattern("list_number").search(bare):
        return True
    last = bare.split()[-1].strip("«»\"“”()")
    words = citation_words()["label_prepositions"]
    return last[:1].isalpha() and not any(v in words for v in clitic_variants(fold_key(last)))


def _dateline_place(before: str, stops: str = "") -> bool:
    """``لندن -``: one or two Arabic words (no digit, no cue) after a line start, a sentence
    end (or one of ``stops``), as in the dateline ``لندن - «الحياة» هددت``."""
    cut = max(before.rfind(c) for c in boundary() + stops)
    words = before[cut + 1:].split()
    if not 1 <= len(words) <= 2 or cut < 0 and len(before) > 40:
        return False
    lex = lexicon()
    return all(len(w) > 2 and w.isalpha() and not w.isascii() and not any(
        v in lex.forms for v in clitic_variants(fold_key(w))) for w in words)


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
    if clause_follows(doc, m.end):
        return True
    i = doc.token_at(m.start)
    lo, hi = doc.sentence(i)
    j = doc.token_at(m.end - 1) + 1
    while j < hi and (doc.toks[j].text in "»\"”،," or cited_word(doc, j, "name_adjectives")):
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
            adjectives < 2 and cited_word(doc, j, "name_adjectives"))):
        adjectives += doc.toks[j].word
        j += 1
    if j + 1 >= hi or doc.toks[j].text not in "-–:":
        return False
    return cited_word(doc, j + 1, "translation_words")


def _paren_adjective(doc: Doc, m: OutletMention) -> bool:
    """``جريدة السجل (البغدادية)``: a context-only name ending in ية, in parentheses right
    after a designated name, is an adjective of that name, not a credit."""
    name = fold_key(doc.text[m.start:m.end])
    if " " in name or not name.startswith("ال") or not name.endswith("يه"):
        return False
    if name not in {" ".join(fold_key(c).split()) for c in m.entry.context_only}:
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


def _governor(doc: Doc, m: OutletMention) -> tuple[int, bool]:
    """Token index of the word that governs the outlet phrase (``مراسل`` in ``مراسل قناة
    «X»``, ``تحرير`` in ``رئيس تحرير صحيفة X``), skipping designators, quotes and brackets;
    through في/لدى the word before it, flagged (``يعمل في قناة X``).  (-1, False) when there
    is none in the sentence, or when a ل/ب stands between (``قال المدير لقناة X``: a dative,
    not a construct)."""
    if m.proclitic.endswith(_datives()):
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
        if tok.key in words("dative_proclitics"):
            return -1, False
        proclitic = doc.gazetteer.designator_proclitic(tok.text)
        if proclitic is not None:
            if proclitic.endswith(_datives()):
                return -1, False
            k -= 1
            continue
        break
    if k < lo:
        return -1, False
    if doc.toks[k].key in words("affiliation_links") and k - 1 >= lo and doc.toks[k - 1].word:
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
    if key.startswith("ل") and clause_follows(doc, m.end):
        return True
    return _trigger_before(doc, c)


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
        if tok.text == "|" or (tok.text in "-–" and not (k > lo and doc.toks[k - 1].key in words("dative_proclitics"))):
            return False
        if not tok.word:
            continue
        if doc.is_word(k, "complementizers"):
            return False
        if cited_word(doc, k, "venues"):
            if _venue_object(doc, k, i) and (tok.key not in words("broadcast_venues") or (
                    not ambiguous and _speech_in_sentence(doc, i))):
                return True
        elif not cited_word(doc, k, "correspondents") and (
                k in doc.cue_tokens or doc.is_word(k, "citation_triggers")
                or cited_word(doc, k, "translation_words")
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
    return any(k in doc.cue_tokens or (doc.toks[k].key not in words("broadcast_venues") and cited_word(doc, k, "venues"))
               for k in range(lo, hi))


def _publishes(doc: Doc, k: int, i: int) -> bool:
    """Token ``k`` is a publishing verb whose subject is the outlet at token ``i``: only
    designators and quotes in between (``ونشر موقع X``، ``بثت قناة «X»``), so that the noun
    of ``بروتوكول نشر التعليقات على X`` does not count."""
    if not cited_word(doc, k, "publication_verbs"):
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
            doc.gazetteer.is_designator(doc.toks[k].text) or doc.toks[k].key in words("generic_news"))):
        k -= 1
    while k >= lo and doc.toks[k].word and doc.is_word(k, "auxiliaries"):
        k -= 1
    if k >= lo and not (doc.toks[k].text in "،,:.\n" or doc.toks[k].key in words("conjunctions")):
        return False
    j, adjectives = doc.token_at(m.end - 1) + 1, 0
    while j < hi and (not doc.toks[j].word and doc.toks[j].text in "»\"”()"
                      or doc.toks[j].word and cited_word(doc, j, "name_adjectives") and adjectives < 2):
        adjectives += doc.toks[j].word
        j += 1
    if j + 1 < hi and doc.toks[j].text in "،," and doc.toks[j + 1].word:
        j += 1
    if j >= hi or not doc.toks[j].word:
        return False
    cue = doc.cue_at(j)
    return (cue is not None and not cue[2]) or cited_word(doc, j, "publication_verbs")


def _venue_object(doc: Doc, v: int, i: int) -> bool:
    """Only fillers (خاص، هاتفي، مع، لـ ...), designators and quotes between the venue word
    ``v`` and token ``i``: ``في حديث خاص لـ«X»``, not ``في اتصال مع رئيس تحرير صحيفة X``."""
    for k in range(v + 1, i):
        tok = doc.toks[k]
        if not tok.word:
            if tok.text not in "«»\"“”(-–":
                return False
        elif not (cited_word(doc, k, "venue_fillers") or doc.gazetteer.is_designator(tok.text)):
            return False
    return True


def cited_outlets(doc: Doc, spans: Intervals, publishers: frozenset[str]) -> tuple[CitedOutlet, ...]:
    """The known outlets ``doc`` cites, other than its ``publishers``.  Mentions of one outlet
    with only brackets, quotes or dashes between them are one span, widened so that no
    bracket or quote is left half open."""
    merged: list[list[Any]] = []
    for m in doc.mentions:
        if m.entry.canonical in publishers or not is_cited(doc, m, spans):
            continue
        gap = doc.text[merged[-1][1]:m.start] if merged else "x"
        if merged and merged[-1][2] == m.entry.canonical and not gap.strip(" ()«»\"-–"):
            merged[-1][1] = m.end
        else:
            merged.append([m.start, m.end, m.entry.canonical])
    spans = [(balanced(doc.text, s, e), c) for s, e, c in merged]
    return tuple(CitedOutlet(doc.text[s:e], c, (s, e), display=display_name(c)) for (s, e), c in spans)
