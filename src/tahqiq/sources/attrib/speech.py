"""The rules per cue kind: each cue of a :class:`~.spans.Doc` becomes an attribution
(speaker, cue, content) or nothing.

Verbs take their speaker after or before them (after عن for نقل, after إلى for نسب),
participles the governing verb's subject, بحسب/وفقا لـ a source-like noun, idioms and
بالقول their own rules; contents come from :mod:`.phrases`.  The speaker kind comes from
the head word (``cues.v1.json``'s ``speaker_kinds``) or the gazetteer.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...core.types import Attribution, Span
from .lexicon import citation_words, in_heads, in_set, raw_words, words
from .nominal import find_nominal, is_nominal_use
from .phrases import (
    clause_before,
    content_after,
    content_from,
    np_after,
    saying,
    speaker_after,
    speaker_before,
)
from .spans import Cue, Doc, TokRange

NO_SPAN: Span = (-1, -1)

def find_attributions(doc: Doc, limit: int) -> tuple[list[Attribution], list[Span]]:
    """The attributions of ``doc`` (at most ``limit``: a text of thousands of cues is read
    that far), and the spans of the outlets that relay a speaker (``نقلت وكالة X عن ...``)."""
    found: list[tuple[_Found, int]] = []
    relayed: list[Span] = []
    used_until = -1
    for cue in doc.cues:
        if len(found) >= limit:
            break
        if cue.first < used_until:
            continue
        lo, hi = doc.sentence(cue.first)
        item: _Found | None
        if cue.kind == "verb":
            item, relayers = _build_verb(doc, cue, lo, hi)
            relayed.extend(relayers)
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
    items = [f for f, _ in found]
    items += [_Found(n.cue, n.content, n.speaker, kind="nominal")
              for n in find_nominal(doc, [_stretch(doc, f) for f in items])[:max(0, limit - len(items))]]
    return _attributions(doc, sorted(items, key=lambda f: f.cue[0])), relayed


def _stretch(doc: Doc, item: _Found) -> Span:
    """The characters an attribution covers, from its speaker or cue to its content's end."""
    start = min(item.cue[0], item.content[0], doc.toks[item.speaker[0]].start if item.speaker else item.cue[0])
    return start, max(item.cue[1], item.content[1])


@dataclass(slots=True)
class _Found:
    cue: Span
    content: Span
    speaker: TokRange | None = None
    passive: bool = False
    trim: int = 0  # characters of a leading ل to drop from the speaker (وفقا لوزارة)
    kind: str = "verb"  # the cue's kind in the report (Attribution.cue_kind)


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
    if after_dash or prev in words("not_a_verb_after") or (key in words("suffixed_cues") and prev not in words("relatives")):
        return None, relayers
    if prev in words("negations"):  # ولم يؤكد المتحدث الخبر: reported as not saying it
        return None, relayers
    if is_nominal_use(doc, cue.first, lo):  # رغم نفي الخارجية: the noun, read by .nominal
        return None, relayers
    after_relative = _after_prep_relative(doc, cue, lo, hi) if prev in words("prep_relatives") else None
    if after_relative is not None:  # ..., حسبما أعلن الوزير: the clause before is the content
        return after_relative, relayers
    relative = prev in words("relative_pronouns")
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
        if speaker is None and prev in words("relatives"):
            return None, relayers
    passive = speaker is None and key in words("passive_cues")
    return _Found(_cue_span(doc, cue), found[0], speaker, passive), relayers


def _after_prep_relative(doc: Doc, cue: Cue, lo: int, hi: int) -> _Found | None:
    """``..., حسبما أعلن X`` (بحسب ما written as one word): X is the speaker of the clause
    before the prepositional phrase."""
    speaker = speaker_after(doc, cue.last, hi)
    while lo > 0 and doc.toks[lo - 1].text in "،,":  # the segmenter cut the sentence at a comma
        lo = doc.sentence(lo - 1)[0]
    content = clause_before(doc, lo, cue.first - 1)
    if speaker is None or content is None:
        return None
    return _Found(_cue_span(doc, cue), content, speaker)


def _credit_word(doc: Doc, rng: TokRange) -> bool:
    """``الجماهير: وكالات قال ...``: the word before the cue is a site's credit (وكالات،
    متابعات، خاص) after a colon or a dash, not the subject."""
    if rng[1] - rng[0] != 1 or rng[0] == 0:
        return False
    words = citation_words()["publisher_credits"]
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
    if doc.toks[at].key in words("relay_speaker_marks"):
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
    if words < 3 or not closes or not (quoted or cue.lemma in raw_words("content_before_lemmas")):
        return None
    span = clause_before(doc, lo, cue.first)
    return (span, "before") if span else None


def _build_prep(doc: Doc, cue: Cue, lo: int, hi: int) -> tuple[_Found | None, int]:
    """بحسب / وفقا لـ / نقلا عن X, or بحسب ما أعلن X: the item and the last token used."""
    toks, j = doc.toks, cue.last
    while j < hi and (toks[j].key in words("prep_links") or toks[j].text in "-–"):
        j += 1
    cue_span = _cue_span(doc, cue)
    if j + 1 < hi and toks[j].key in words("relatives") and toks[j + 1].word:
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
        if speaker is None or not (_source_like(doc, speaker) or _named_source(doc, speaker, hi)):
            return None, cue.last
        last = speaker[1]
    ahead = last
    while ahead < hi and toks[ahead].text in "،,":
        ahead += 1
    follows = ahead < hi and (toks[ahead].text == ":" or doc.is_word(ahead, "complementizers"))
    if follows:
        found = content_from(doc, ahead, hi)
        content = found[0] if found else None
    elif any(t.word and t.key not in words("conjunctions") for t in toks[lo:cue.first]):
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
    return _Found(cue_span, content, speaker, trim=trim, kind="prep"), last


def _source_like(doc: Doc, speaker: TokRange) -> bool:
    """The noun after بحسب/وفقا لـ names a source (مصادر، الوكالة، وزير ...), not a rule."""
    words = [t for t in doc.toks[speaker[0]:speaker[1]] if t.word]
    if not words:
        return False
    head = words[0].key
    if len(words) > 1 and in_set(head, doc.lex.sets["quantifiers"]):
        head = words[1].key
    if in_heads(head, doc.lex.sets["source_heads"] | doc.lex.kinds["person"] | doc.lex.kinds["unnamed"]):
        return True
    lo, hi = doc.span(speaker)
    return doc.overlaps_mention(lo, hi)


def _named_source(doc: Doc, speaker: TokRange, hi: int) -> bool:
    """``وفقا لماركوف فإن``، ``بحسب عاشور،``: a short name (no article, a word rare in general
    Arabic, or a kunya such as أبو) set off by a comma or followed by فإن/أن names a person."""
    from ...text.glue import zipf

    words = [t for t in doc.toks[speaker[0]:speaker[1]] if t.word]
    after = speaker[1]
    if not 1 <= len(words) <= 3 or after >= hi:
        return False
    if not (doc.toks[after].text in "،," or doc.is_word(after, "complementizers")):
        return False
    first = words[0].text
    if first.startswith("لل"):  # ل + ال: للاتفاق is definite, a rule or a document
        return False
    first = first[1:] if first.startswith("ل") and len(first) > 3 else first
    if first.startswith("ال"):
        return False
    return first in raw_words("kunya") or zipf(first) < _NAME_ZIPF


#: Below this Zipf frequency a word after وفقا لـ/بحسب may be a name (ماركوف 2.8, عاشور 3.9,
#: بوتين 4.2; اتفاق 4.7, خطة 5.0, قرار 5.2 are not).
_NAME_ZIPF = 4.3


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
    return _Found(_cue_span(doc, cue), content, speaker, kind="idiom") if content else None


def _build_noun(doc: Doc, cue: Cue, lo: int, hi: int) -> _Found | None:
    """اكتفى بالقول: «...» (skipped after a cue verb: وتابع بالقول)."""
    if any(k in doc.cue_tokens for k in range(max(lo, cue.first - 4), cue.first)):
        return None
    found = content_after(doc, cue.last, hi)
    if found is None:
        return None
    before = speaker_before(doc, cue.first - 1, lo) if cue.first > lo else None
    return _Found(_cue_span(doc, cue), found[0], before[0] if before else None, kind="noun")


def _kind(doc: Doc, speaker: TokRange) -> str:
    """person / office / unnamed / outlet / other, from the head word or the gazetteer."""
    words = [t for t in doc.toks[speaker[0]:speaker[1]] if t.word]
    if len(words) > 1 and in_set(words[0].key, doc.lex.sets["quantifiers"]):
        words = words[1:]
    if words:
        kind = _head_kind(doc, words[0].key)
        if kind is not None:
            return kind
    lo, hi = doc.span(speaker)
    for m in doc.mentions:
        if m.start < hi and lo < m.end:
            return "office" if m.entry.type == "monitor" else "outlet"
    return "person"


def _head_kind(doc: Doc, key: str) -> str | None:
    """The speaker kind a head word gives (a place speaks for its government: office)."""
    for kind in ("person", "unnamed", "outlet", "other", "office", "places"):
        if in_heads(key, doc.lex.kinds[kind]):
            return "office" if kind == "places" else kind
    return None


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
            span, speaker, kind = NO_SPAN, "", "other"
        else:
            span, speaker, kind = NO_SPAN, last_text, last_kind
        start, end = item.content
        out.append(Attribution(speaker=speaker, cue=text[item.cue[0]:item.cue[1]],
                               content=text[start:end], span=(start, end),
                               speaker_kind=kind,  # type: ignore[arg-type]
                               speaker_span=span, cue_span=item.cue, cue_kind=item.kind))
    return out
