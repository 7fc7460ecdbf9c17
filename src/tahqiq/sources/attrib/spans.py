"""The read document: tokens, sentences, cues and outlet mentions of one display text.

:meth:`Doc.read` does all the reading once; a :class:`Doc` is frozen afterwards, so
the rules of :mod:`.phrases`, :mod:`.speech`, :mod:`.citations`, :mod:`.unknown` and
:mod:`.publishers` only look.  Spans are character offsets ``(start, end)``; token
ranges are ``[lo, hi)`` token indices.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from .._intervals import Intervals
from .lexicon import (
    Lexicon,
    citation_words,
    conj_variants,
    fold_key,
    in_heads,
    in_set,
    lexicon,
    limit,
    pattern,
)
from .names import OutletMention, is_label

if TYPE_CHECKING:  # pragma: no cover
    from .gazetteer import Gazetteer

Span = tuple[int, int]
TokRange = tuple[int, int]

OPEN_Q = "«\"“"
CLOSE_Q = {"«": "»", '"': '"', "“": "”"}


class Tok(NamedTuple):
    """A word or a punctuation mark with its character span and folded key (a named tuple:
    a document makes hundreds of thousands of them)."""

    start: int
    end: int
    text: str
    key: str
    word: bool


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting cue found in the token stream."""

    first: int
    last: int
    lemma: str
    kind: str  # verb | part | prep | idiom | idiom_x | noun
    content: str = "clause"  # clause | np | quote | relay | attribute
    conj: bool = False


@dataclass(frozen=True, slots=True)
class Doc:
    """Tokens, sentences, cues and outlet mentions of one display text (build it with
    :meth:`read`; never changed afterwards)."""

    text: str
    lex: Lexicon
    toks: tuple[Tok, ...]
    starts: tuple[int, ...]
    gazetteer: Gazetteer
    #: the outlet names found in the text (line labels only in a press review)
    mentions: tuple[OutletMention, ...]
    mention_spans: Intervals
    #: sentence number of each token, and each sentence's token range
    sent_of: tuple[int, ...]
    sents: tuple[TokRange, ...]
    cues: tuple[Cue, ...]
    cue_tokens: frozenset[int]
    #: several lines labelled with known outlets (``X: headline``)
    press_review: bool

    @classmethod
    def read(cls, text: str, gazetteer: Gazetteer) -> Doc:
        """Tokenize and segment ``text``, find its outlet names and its cues."""
        from ...text import segment

        lex = lexicon()
        toks = tuple(Tok(m.start(), m.end(), w, k, bool(k) and k[0].isalnum())
                     for m in pattern("token").finditer(text) for w in [m.group()] for k in [fold_key(w)])
        starts = tuple(t.start for t in toks)
        sent_of = [0] * len(toks)
        sents: list[TokRange] = []
        for number, sentence in enumerate(segment(text)):
            lo = bisect.bisect_left(starts, sentence.start)
            hi = bisect.bisect_left(starts, sentence.end)
            sent_of[lo:hi] = [number] * (hi - lo)
            sents.append((lo, hi))
        mentions = gazetteer.find(text)
        labels = sum(not m.labelled and is_label(text, m.start, m.end) for m in mentions)
        press_review = labels >= limit("press_review_labels")
        if not press_review and any(m.labelled for m in mentions):
            mentions = [m for m in mentions if not m.labelled]
        cues = tuple(_find_cues(toks, lex))
        return cls(text, lex, toks, starts, gazetteer, tuple(mentions),
                   Intervals((m.start, m.end) for m in mentions), tuple(sent_of), tuple(sents),
                   cues, frozenset(k for c in cues for k in range(c.first, c.last)), press_review)

    def overlaps_mention(self, lo: int, hi: int) -> bool:
        """Whether an outlet mention meets characters ``[lo, hi)`` (a binary search)."""
        return self.mention_spans.overlaps(lo, hi)

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
        return _cue_form(self.toks, self.lex, i)

    def is_word(self, k: int, name: str) -> bool:
        """Token ``k`` is a word of the lexicon set ``name``."""
        return self.toks[k].word and in_set(self.toks[k].key, self.lex.sets[name])

    def span(self, rng: TokRange) -> Span:
        """Character span of a token range."""
        return self.toks[rng[0]].start, self.toks[rng[1] - 1].end


# --------------------------------------------------------------------------- cues


def find_cues(doc: Doc) -> list[Cue]:
    """Every cue of the text, left to right (idioms and split words first)."""
    return list(doc.cues)


def _find_cues(toks: tuple[Tok, ...], lex: Lexicon) -> list[Cue]:
    cues, i = [], 0
    while i < len(toks):
        cue = _idiom_at(toks, lex, i) or _joined_at(toks, lex, i) or _single_at(toks, lex, i)
        if cue is None:
            i += 1
            continue
        cues.append(cue)
        i = cue.last
    return cues


def _cue_form(toks: tuple[Tok, ...], lex: Lexicon, i: int) -> tuple[str, str, bool] | None:
    tok = toks[i]
    if not tok.word:
        return None
    for variant in conj_variants(tok.key):
        if variant in lex.forms:
            return lex.forms[variant]
    return None


def _idiom_at(toks: tuple[Tok, ...], lex: Lexicon, i: int) -> Cue | None:
    for words, explicit in lex.idioms.get(toks[i].key, ()):
        window = toks[i:i + len(words)]
        if len(window) < len(words) or not all(t.word for t in window):
            continue
        if all(t.key == w for t, w in zip(window[1:], words[1:], strict=True)):
            return Cue(i, i + len(words), " ".join(words), "idiom_x" if explicit else "idiom")
    return None


def _joined_at(toks: tuple[Tok, ...], lex: Lexicon, i: int) -> Cue | None:
    """A cue word the glue repair split in two (``قائل ا``، ``أك دت``، ``ون قل``)."""
    if i + 1 >= len(toks) or not (toks[i].word and toks[i + 1].word):
        return None
    if toks[i + 1].start != toks[i].end + 1 or min(len(toks[i].key), len(toks[i + 1].key)) > 2:
        return None
    if _cue_form(toks, lex, i):
        return None
    joined = toks[i].key + toks[i + 1].key
    for variant in conj_variants(joined):
        if variant in lex.forms:
            lemma, content, part = lex.forms[variant]
            return Cue(i, i + 2, lemma, "part" if part else "verb", content, variant != joined)
    return None


def _single_at(toks: tuple[Tok, ...], lex: Lexicon, i: int) -> Cue | None:
    tok = toks[i]
    if not tok.word or tok.key not in lex.single:
        return None
    for variant in conj_variants(tok.key):
        if variant in lex.forms:
            lemma, content, part = lex.forms[variant]
            return Cue(i, i + 1, lemma, "part" if part else "verb", content, variant != tok.key)
        if variant in lex.preps:
            return Cue(i, i + 1, variant, "prep", conj=variant != tok.key)
    if in_set(tok.key, lex.nouns):
        return Cue(i, i + 1, tok.key, "noun")
    return None


# --------------------------------------------------------------------------- token helpers


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


def cited_word(doc: Doc, k: int, name: str) -> bool:
    """Token ``k`` is a word of the citation list ``name``, with or without proclitics and,
    except for ``place_heads`` (ناحية (X) names a place, المنطقة (X) ends a caption), ال."""
    if not doc.toks[k].word:
        return False
    words = citation_words()[name]
    if name == "place_heads":
        return in_set(doc.toks[k].key, words)
    return in_heads(doc.toks[k].key, words)


def clause_follows(doc: Doc, end: int) -> bool:
    """A complementizer or a colon within three tokens after character ``end``."""
    k = doc.token_at(end - 1)
    for n in range(k + 1, min(len(doc.toks), k + 4)):
        if doc.toks[n].text == ":" or doc.is_word(n, "complementizers"):
            return True
    return False


#: Brackets and quotes a written outlet name must not leave open.
_PAIRS = {"(": ")", "«": "»", "[": "]"}


def balanced(text: str, start: int, end: int) -> tuple[int, int]:
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
