"""Tokens, cue lexicon and span scanners behind :mod:`tahqiq.sources.attribution`.

Private module: the rules here find where a speaker noun phrase or a reported
clause starts and ends, in token indices of one document.  All word lists come
from ``tables/cues.v1.json`` and are folded with :func:`.outlets.fold`.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from ._intervals import Intervals
from .outlets import Gazetteer, OutletMention, clitic_variants, fold, load_table

Span = tuple[int, int]
TokRange = tuple[int, int]

OPEN_Q = "«\"“"
CLOSE_Q = {"«": "»", '"': '"', "“": "”"}
#: Words that open a new clause: a reported clause never reaches past them
#: while we look for its start.
_BREAKS = ("لكن", "لكنه", "لكنها", "ولكن", "بينما", "حيث", "عندما",
           "بعدما", "فيما", "إذ", "لأن", "كي", "لو", "إذا", "ثم", "بل", "حين", "حينما")
_TIME_PRONOUN = ("يومها", "حينها", "وقتها", "آنذاك", "دائما", "عادة", "مرارا", "دوما", "بدوره",
                 "بدورها", "النقاب")


class Tok(NamedTuple):
    """A word or a punctuation mark with its character span and folded key (a named tuple:
    a document makes hundreds of thousands of them)."""

    start: int
    end: int
    text: str
    key: str
    word: bool


@dataclass(slots=True)
class Cue:
    """A reporting cue found in the token stream."""

    first: int
    last: int
    lemma: str
    kind: str  # verb | part | prep | idiom | idiom_x | noun
    content: str = "clause"  # clause | np | quote | relay | attribute
    conj: bool = False


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The folded word lists of ``cues.v1.json``."""

    forms: dict[str, tuple[str, str, bool]]
    preps: frozenset[str]
    idioms: dict[str, tuple[tuple[tuple[str, ...], bool], ...]]
    nouns: frozenset[str]
    sets: dict[str, frozenset[str]]
    kinds: dict[str, frozenset[str]]
    #: every folded token that may be a single-word cue (a superset, for a quick rejection)
    single: frozenset[str] = frozenset()


@cache
def lexicon() -> Lexicon:
    """Load and fold the cue table (cached)."""
    table: dict[str, Any] = load_table("cues")
    forms: dict[str, tuple[str, str, bool]] = {}
    for verb in table["verbs"]:
        for form in verb["forms"]:
            forms.setdefault(fold(form), (verb["lemma"], verb["content"], False))
        for form in verb["participles"]:
            forms.setdefault(fold(form), (verb["lemma"], verb["content"], True))
    listed = [(tuple(fold(w) for w in words), False) for words in table["idioms_implicit"]]
    listed += [(tuple(fold(w) for w in words), True) for words in table["idioms_explicit"]]
    by_first: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for words, explicit in listed:
        for first in (words[0], "و" + words[0], "ف" + words[0]):
            by_first.setdefault(first, []).append((words, explicit))
    idioms = {first: tuple(items) for first, items in by_first.items()}
    names = ("complementizers", "relay_from", "attribute_to", "auxiliaries", "adjunct_starts",
             "clause_particles", "pronoun_objects", "source_heads", "quantifiers",
             "citation_triggers")
    sets = {name: frozenset(fold(w) for w in table[name]) for name in names}
    sets["breaks"] = frozenset(fold(w) for w in _BREAKS)
    sets["adjunct_starts"] |= frozenset(fold(w) for w in _TIME_PRONOUN)
    kinds = {kind: frozenset(fold(w) for w in words)
             for kind, words in table["speaker_kinds"].items()}
    preps = frozenset(fold(p) for p in table["prepositions"])
    nouns = frozenset(fold(n) for n in table["noun_cues"])
    single = {c + w for w in (*forms, *preps) for c in ("", "و", "ف")}
    for noun in nouns:
        for c in ("", "و", "ف"):
            single.update(c + p + noun for p in ("", "ب", "ل", "ك"))
            if noun.startswith("ال"):
                single.add(c + "لل" + noun[2:])
    return Lexicon(forms, preps, idioms, nouns, sets, kinds, frozenset(single))


@cache
def _token_re() -> re.Pattern[str]:
    return re.compile(r"[\w\u064B-\u065F\u0670\u0640]+|[^\s\w]")


def conj_variants(key: str) -> list[str]:
    """``key`` and, for longer words, ``key`` without a leading و/ف."""
    return [key, key[1:]] if len(key) > 3 and key[0] in "وف" else [key]


def in_set(key: str, words: frozenset[str]) -> bool:
    """Whether the folded word, with or without proclitics, is in ``words``."""
    return any(v in words for v in clitic_variants(key))


class Doc:
    """Tokens, sentences, cues and outlet mentions of one display text."""

    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        from ..text import segment

        self.text = text
        self.lex = lexicon()
        self.toks = [Tok(m.start(), m.end(), w, k, bool(k) and k[0].isalnum())
                     for m in _token_re().finditer(text) for w in [m.group()] for k in [fold(w)]]
        self.starts = [t.start for t in self.toks]
        self.gazetteer = gazetteer
        self.mentions = gazetteer.find(text)
        self.sent_of = [0] * len(self.toks)
        self.sents: list[TokRange] = []
        for number, sentence in enumerate(segment(text)):
            lo = bisect.bisect_left(self.starts, sentence.start)
            hi = bisect.bisect_left(self.starts, sentence.end)
            self.sent_of[lo:hi] = [number] * (hi - lo)
            self.sents.append((lo, hi))
        self.cue_tokens: set[int] = set()
        self.press_review = False  # several lines labelled with known outlets (set by the caller)

    @property
    def mentions(self) -> list[OutletMention]:
        """The outlet names found in the text (the caller may filter them)."""
        return self._mentions

    @mentions.setter
    def mentions(self, value: list[OutletMention]) -> None:
        self._mentions = value
        self._mention_spans: Intervals | None = None

    def overlaps_mention(self, lo: int, hi: int) -> bool:
        """Whether an outlet mention meets characters ``[lo, hi)`` (a binary search)."""
        if self._mention_spans is None:
            self._mention_spans = Intervals((m.start, m.end) for m in self._mentions)
        return self._mention_spans.overlaps(lo, hi)

    def sentence(self, i: int) -> TokRange:
        """Token range ``[lo, hi)`` of the sentence holding token ``i``."""
        return self.sents[self.sent_of[i]] if self.sents else (0, len(self.toks))

    def extended_end(self, i: int) -> int:
        """End token of token ``i``'s sentence, continued while a sentence ends with a comma
        (the segmenter cuts long sentences at commas)."""
        number = self.sent_of[i] if self.sents else 0
        hi = self.sentence(i)[1]
        while hi > 0 and self.toks[hi - 1].text in "،," and number + 1 < len(self.sents):
            number += 1
            hi = self.sents[number][1]
        return hi

    def token_at(self, char: int) -> int:
        """Index of the token that holds (or last starts before) character ``char``."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def cue_at(self, i: int) -> tuple[str, str, bool] | None:
        """(lemma, content kind, is participle) when token ``i`` is a cue verb form."""
        tok = self.toks[i]
        if not tok.word:
            return None
        for variant in conj_variants(tok.key):
            if variant in self.lex.forms:
                return self.lex.forms[variant]
        return None

    def is_word(self, k: int, name: str) -> bool:
        """Token ``k`` is a word of the lexicon set ``name``."""
        return self.toks[k].word and in_set(self.toks[k].key, self.lex.sets[name])

    def span(self, rng: TokRange) -> Span:
        """Character span of a token range."""
        return self.toks[rng[0]].start, self.toks[rng[1] - 1].end


def find_cues(doc: Doc) -> list[Cue]:
    """Every cue of the text, left to right (idioms and split words first)."""
    cues, i = [], 0
    while i < len(doc.toks):
        cue = _idiom_at(doc, i) or _joined_at(doc, i) or _single_at(doc, i)
        if cue is None:
            i += 1
            continue
        cues.append(cue)
        doc.cue_tokens.update(range(cue.first, cue.last))
        i = cue.last
    return cues


def _idiom_at(doc: Doc, i: int) -> Cue | None:
    for words, explicit in doc.lex.idioms.get(doc.toks[i].key, ()):
        window = doc.toks[i:i + len(words)]
        if len(window) < len(words) or not all(t.word for t in window):
            continue
        if all(t.key == w for t, w in zip(window[1:], words[1:], strict=True)):
            return Cue(i, i + len(words), " ".join(words), "idiom_x" if explicit else "idiom")
    return None


def _joined_at(doc: Doc, i: int) -> Cue | None:
    """A cue word the glue repair split in two (``قائل ا``، ``أك دت``، ``ون قل``)."""
    toks = doc.toks
    if i + 1 >= len(toks) or not (toks[i].word and toks[i + 1].word):
        return None
    if toks[i + 1].start != toks[i].end + 1 or min(len(toks[i].key), len(toks[i + 1].key)) > 2:
        return None
    if doc.cue_at(i):
        return None
    joined = toks[i].key + toks[i + 1].key
    for variant in conj_variants(joined):
        if variant in doc.lex.forms:
            lemma, content, part = doc.lex.forms[variant]
            return Cue(i, i + 2, lemma, "part" if part else "verb", content, variant != joined)
    return None


def _single_at(doc: Doc, i: int) -> Cue | None:
    tok = doc.toks[i]
    if not tok.word or tok.key not in doc.lex.single:
        return None
    for variant in conj_variants(tok.key):
        if variant in doc.lex.forms:
            lemma, content, part = doc.lex.forms[variant]
            return Cue(i, i + 1, lemma, "part" if part else "verb", content, variant != tok.key)
        if variant in doc.lex.preps:
            return Cue(i, i + 1, variant, "prep", conj=variant != tok.key)
    if in_set(tok.key, doc.lex.nouns):
        return Cue(i, i + 1, tok.key, "noun")
    return None


# --------------------------------------------------------------------------- speakers


def quote_close(doc: Doc, k: int, limit: int = 400) -> int | None:
    """Token index of the quote closing the one that opens at token ``k``."""
    toks, opener = doc.toks, doc.toks[k].text
    closer, depth = CLOSE_Q.get(opener, opener), 0
    for n in range(k + 1, min(len(toks), k + limit)):
        if opener == "«" and toks[n].text == "«":
            depth += 1
        elif toks[n].text == closer:
            if depth == 0:
                return n
            depth -= 1
    return None


def stops_speaker(doc: Doc, k: int) -> bool:
    """Token ``k`` cannot be inside a speaker noun phrase."""
    tok = doc.toks[k]
    if len(tok.key) <= 1 or tok.key[:1].isdigit() or k in doc.cue_tokens or doc.cue_at(k):
        return True
    if tok.key in doc.lex.preps or tok.key in saying():
        return True
    return any(doc.is_word(k, name) for name in
               ("complementizers", "adjunct_starts", "clause_particles", "pronoun_objects"))


def _lam_stop(doc: Doc, key: str) -> bool:
    """A ل-prefixed word that opens an adjunct (لرويترز، للصحفيين، لوكالة)."""
    if len(key) <= 3 or key[0] != "ل":
        return False
    return key.startswith("لل") or key[1:] in doc.lex.sets["source_heads"] or (
        key[1:] in doc.lex.kinds["outlet"])


def speaker_after(doc: Doc, j: int, hi: int, lam_first: bool = False) -> TokRange | None:
    """Token range of the speaker noun phrase starting at token ``j``."""
    toks, k, first = doc.toks, j, None
    while k < hi and k - j < 14:
        tok = toks[k]
        if tok.word:
            quantifier = first is None and tok.key in doc.lex.sets["quantifiers"]
            if (stops_speaker(doc, k) and not quantifier) or (
                    _lam_stop(doc, tok.key) and not (first is None and lam_first)):
                break
            first = k if first is None else first
            k += 1
            continue
        close = _absorb(doc, k, hi, first is not None)
        if close is None:
            break
        first = k if first is None else first
        k = close + 1
        if k < hi and toks[k].word and not toks[k].key.startswith("ال"):
            break
    if first is not None and k < hi and toks[k].text in "،,":
        k = _apposition(doc, k, hi)
    return (first, k) if first is not None else None


def _apposition(doc: Doc, comma: int, hi: int) -> int:
    """End token of a speaker continued past ``comma`` by an apposition (a title, a name, an
    office: ``قال فلان، المتحدث باسم الوزارة، إن``), or ``comma`` itself.  The apposition
    must end at a second comma or at a complementizer or colon that opens the content, and
    hold no cue, adjunct or clause particle (``قال الوزير، في بيان، إن`` stays the minister)."""
    toks, k = doc.toks, comma + 1
    while k < hi and k - comma <= 10:
        tok = toks[k]
        if tok.word:
            if stops_speaker(doc, k) or doc.is_word(k, "auxiliaries"):
                break
            k += 1
            continue
        if tok.text in OPEN_Q or tok.text == "(":
            close = _absorb(doc, k, hi, True)
            if close is None:
                break
            k = close + 1
            continue
        break
    if k == comma + 1 or k >= hi:
        return comma
    if toks[k].text in "،,":
        after = k + 1
        if after < hi and (toks[after].text == ":" or doc.is_word(after, "complementizers")):
            return k
        return comma
    if toks[k].text == ":" or doc.is_word(k, "complementizers"):
        return k
    return comma


def _absorb(doc: Doc, k: int, hi: int, inside: bool) -> int | None:
    """End token of a short «name» or (abbreviation) that belongs to a speaker."""
    text = doc.toks[k].text
    if text in OPEN_Q:
        close = quote_close(doc, k, 8)
        head = doc.toks[k - 1].key if k > 0 else ""
        named = not inside or in_set(head, doc.lex.kinds["outlet"] | doc.lex.kinds["office"])
        if close is not None and close < hi and close - k <= 5 and named:
            return close
    if text == "(":
        return next((n for n in range(k + 1, min(hi, k + 7)) if doc.toks[n].text == ")"), None)
    if text == "»" and inside:  # a broken «name»: مراسل» سمارت «
        return next((n for n in range(k + 1, min(hi, k + 5)) if doc.toks[n].text == "«"), None)
    return None


def speaker_before(doc: Doc, i: int, lo: int) -> tuple[TokRange, bool] | None:
    """Subject written before the cue (``الوزير قال``) and whether it is a clear subject:
    it opens its clause (sentence start, a complementizer, a comma or a colon before it)
    and touches the cue (no comma in between)."""
    toks, k = doc.toks, i - 1
    while k >= lo and toks[k].word and doc.is_word(k, "auxiliaries"):
        k -= 1
    comma = k >= lo and toks[k].text in "،,"
    if comma:
        k -= 1
    end, start = k + 1, None
    while k >= lo and end - k <= 8:
        if toks[k].word:
            if doc.is_word(k, "pronoun_objects"):
                start, k = k, k - 1
                continue
            if stops_speaker(doc, k) or doc.is_word(k, "auxiliaries"):
                break
            start, k = k, k - 1
            continue
        opener = _opening_before(doc, k, lo)
        if opener is None:
            break
        start, k = opener, opener - 1
    while start is not None and start < end and doc.is_word(start, "pronoun_objects"):
        start += 1
    if start is None or start >= end:
        return None
    if k >= lo and toks[k].text in "،,":
        head = _apposed_head(doc, k, lo)
        if head is not None:  # وكان مدير المرصد، رامي عبد الرحمن، قد أفاد
            return (head, end), True
    opens = k < lo or toks[k].text in "،,:." or doc.is_word(k, "complementizers")
    if comma and k >= lo and toks[k].word and doc.is_word(k, "auxiliaries") and toks[k].key != "قد":
        return (start, end), True  # وكانت وكالة «X» الروسية، أكدت: كان needs its verb
    return (start, end), opens and not comma


def _apposed_head(doc: Doc, comma: int, lo: int) -> int | None:
    """Start of the head noun phrase before ``comma`` when the subject found after it is an
    apposition and the head opens its clause after كان (``وكان مدير المرصد، فلان، قد أفاد``)."""
    toks, k = doc.toks, comma - 1
    start = None
    while k >= lo and comma - k <= 8 and toks[k].word and not (
            stops_speaker(doc, k) or doc.is_word(k, "auxiliaries")):
        start, k = k, k - 1
    if start is None or k < lo or not (toks[k].word and doc.is_word(k, "auxiliaries")):
        return None
    return start


def _opening_before(doc: Doc, k: int, lo: int) -> int | None:
    want = {"»": "«", "\"": "\"", "”": "“", ")": "("}.get(doc.toks[k].text)
    if want is None:
        return None
    return next((n for n in range(k - 1, max(lo - 1, k - 8), -1) if doc.toks[n].text == want), None)


@cache
def saying() -> frozenset[str]:
    """قوله and its forms (``نقلت عنه قوله إن``)."""
    return frozenset(fold(w) for w in ("قوله", "قولها", "قولهم", "قولهما"))


@cache
def _demonstratives() -> frozenset[str]:
    return frozenset(fold(w) for w in ("هذه", "هذا", "تلك", "ذلك", "هذين", "هاتين"))


# --------------------------------------------------------------------------- contents


#: The longest reported clause, in tokens: a run-on "sentence" of thousands of cues
#: (hostile or broken text) costs linear time, not one pass to its end per cue.
MAX_CLAUSE_TOKENS = 400


def clause_end(doc: Doc, k: int, hi: int) -> int:
    """Character end of the clause from token ``k``: the (extended) sentence end, or just
    before a coordinated cue outside quotes (``، مضيفا``، ``وأضاف``), at most
    :data:`MAX_CLAUSE_TOKENS` tokens on."""
    toks, depth, last = doc.toks, 0, k
    for n in range(k, min(hi, k + MAX_CLAUSE_TOKENS)):
        tok = toks[n]
        if tok.text == "«":
            depth += 1
        elif tok.text == "»":
            depth = max(0, depth - 1)
        elif depth == 0 and n > k and tok.word:
            found = doc.cue_at(n)
            if found and (found[2] or (len(tok.key) > 3 and tok.key[0] in "وف")):
                break
        last = n
    while last > k and (toks[last].text in "،,.:؛;-–|" or doc.is_word(last, "auxiliaries")):
        last -= 1
    return toks[last].end


def content_from(doc: Doc, k: int, hi: int) -> tuple[Span, str] | None:
    """Content starting at token ``k``: the inside of a quotation, or a clause."""
    toks = doc.toks
    while k < hi and (toks[k].text in "،,:»”" or doc.is_word(k, "complementizers")):
        k += 1
    if k >= hi:
        return None
    if toks[k].text in OPEN_Q:
        close = quote_close(doc, k)
        if close is not None and close > k + 1:
            after = close + 1
            ends = after >= len(toks) or doc.sent_of[after] != doc.sent_of[k] or (
                toks[after].text in "،,.:؛" or doc.cue_at(after) is not None)
            if ends or close >= hi:
                return (toks[k + 1].start, toks[close - 1].end), "quote"
    return (toks[k].start, clause_end(doc, k, doc.extended_end(k))), "clause"


def content_after(doc: Doc, j: int, hi: int, np: bool = False) -> tuple[Span, str] | None:
    """Reported content after a cue and its speaker: after أن/إن, a colon or a quotation,
    with adjuncts (في بيان، يوم الأربعاء، لرويترز ...) allowed in between.  For a cue that
    takes a noun phrase (``np``), عن/على right after the speaker leaves it to :func:`np_after`."""
    toks = doc.toks
    for k in range(j, min(hi, j + 18)):
        tok = toks[k]
        if tok.word:
            if np and k == j and tok.key in ("عن", "علي"):
                return None
            if doc.is_word(k, "complementizers"):
                found = content_from(doc, k + 1, hi)
                return (found[0], "comp") if found else None
            if k > j and (k in doc.cue_tokens or tok.key in doc.lex.preps):
                return None
            if tok.key in doc.lex.sets["breaks"]:
                return None
        elif tok.text == ":":
            found = content_from(doc, k + 1, hi)
            return (found[0], "colon" if found[1] == "clause" else found[1]) if found else None
        elif tok.text in OPEN_Q:
            close = quote_close(doc, k)
            words = 0 if close is None else sum(t.word for t in toks[k + 1:close])
            last = close is not None and (close + 1 >= hi or toks[close + 1].text in ".!?؟")
            if words >= 3 or (words >= 1 and last):
                return content_from(doc, k, hi)
        elif tok.text in ".!?؟|":
            return None
    return None


def np_after(doc: Doc, j: int, hi: int) -> Span | None:
    """A noun-phrase content (أعلن الجيش مقتل...، كشف عن...، أكد على ضرورة...)."""
    toks = doc.toks
    adjunct = j < hi and doc.is_word(j, "adjunct_starts")
    for k in range(j, min(hi, j + 12)):
        if toks[k].word and toks[k].key in ("عن", "علي") and k + 1 < hi and toks[k + 1].word:
            if k == j or (adjunct and not any(t.text in "،,.:" for t in toks[j:k])):
                return toks[k + 1].start, clause_end(doc, k + 1, doc.extended_end(k))
    k = j
    if k < hi and (toks[k].text in "،," or (toks[k].word and doc.is_word(k, "adjunct_starts"))):
        k = next((n + 1 for n in range(k + 1, min(hi, k + 14)) if toks[n].text in "،,"), hi)
    while k < hi and toks[k].word and doc.is_word(k, "pronoun_objects"):
        k += 1
    demonstrative = k < hi and toks[k].key in _demonstratives()
    if k >= hi or not toks[k].word or (stops_speaker(doc, k) and not demonstrative):
        return None
    return toks[k].start, clause_end(doc, k, doc.extended_end(k))


def clause_before(doc: Doc, lo: int, i: int) -> Span | None:
    """The clause a trailing بحسب X / حسب قوله attributes: from the sentence start (or an
    opening dash or quote) to just before the cue."""
    toks, end = doc.toks, i - 1
    while end >= lo and (not toks[end].word or toks[end].key in ("وهذا", "وذلك", "هذا")):
        if toks[end].text in "»\"”" and end > lo:
            break
        end -= 1
    if end < lo:
        return None
    start = lo
    for n in range(end, lo - 1, -1):
        if toks[n].text in "-–" and n < end:
            start = n + 1
            break
    while start < end and not toks[start].word and toks[start].text not in OPEN_Q:
        start += 1
    if toks[start].text in OPEN_Q and toks[end].text in "»\"”":
        start, end = start + 1, end - 1
    return (toks[start].start, toks[end].end) if start <= end else None
