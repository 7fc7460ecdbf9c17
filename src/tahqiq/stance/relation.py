"""Claim-sentence relations: does a sentence entail, contradict, leave open or
not address the claim's event, and why.

A sentence *addresses* the claim when it carries enough of the claim's
content words (weighted by rarity; places, times and numbers count less than
the words that say what happened).  An operator (denial, a false-report
predicate, negation, cancellation, "no decision", status quo, hedge, rumour,
question, attribution, confirmation; versioned data in
``tables/relation.v1.json``) counts only when its scope covers the matched
claim content: a denial of another matter in the same article does not touch
the claim.  The sentence's polarity is then compared with the claim's own, so
a negative claim and a negating sentence agree.  A number next to the same
word with another value contradicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..text.search import arabic_stopwords, fold_tokens
from .sentence import (
    DIGITS,
    PUNCT,
    SentenceView,
    Word,
    element_words,
    not_before_words,
    number_value,
    operator_lexicon,
    place_key,
    place_sets,
    relation_table,
    shown,
    skeleton,
    view,
    word_key,
)
from .units import _stem

#: Relation labels, in the column order of :func:`relation_vector`.
RELATIONS = ("entails", "contradicts", "neutral", "unaddressed")
#: Operators that leave the claim open (a sentence they govern neither confirms nor denies).
OPEN_OPS = frozenset({"hedge", "modal", "rumour", "question"})
#: Operators that deny what they govern (one family: it flips polarity once).
DENIAL_OPS = frozenset({"deny", "false_report", "no_decision", "status_quo"})
#: Weight of a matched place, time or number word relative to an event word.
MINOR_WEIGHT = 0.35
#: A sentence addresses the claim at this weighted share of its event words or more.
ADDRESS_MIN = 0.5
#: Address kept by a sentence that names other places than the claim's and none of them.
ELSEWHERE_PENALTY = 0.5
#: Share of the claim words in its clause that an operator's scope must hold to govern them.
SCOPE_SHARE = 0.5
#: ... and of all the claim words the sentence carries (a clause about another matter does not count).
SENTENCE_SHARE = 0.3
_CLAUSE = {"direction": "both"}
_IMPERFECT = ("ي", "ت", "ن", "ا")


@dataclass(frozen=True, slots=True)
class Operator:
    """An operator found in a sentence, and whether it governs the claim's content."""

    kind: str
    cue: str
    start: int
    governs: bool


@dataclass(frozen=True, slots=True)
class Relation:
    """How one sentence stands toward the claim, with its reasons.

    ``address`` is the weighted share of the claim's content the sentence
    carries (event words count more than places, times and numbers);
    ``matched`` maps element kinds (``event``, ``place``, ``time``,
    ``number``) to the claim words found, as the claim spells them;
    ``operators`` are those that govern the matched content; ``clash`` names
    a mismatched value (``"number"``).
    """

    label: str
    address: float
    matched: dict[str, tuple[str, ...]]
    operators: tuple[Operator, ...]
    clash: str = ""
    negative: bool = False
    #: Cosine of the claim and the sentence (e5), when lexical overlap alone could not decide.
    similarity: float | None = None

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"relation": self.label, "address": round(self.address, 4),
                "matched": {k: list(v) for k, v in self.matched.items()},
                "operators": [{"kind": o.kind, "cue": o.cue} for o in self.operators],
                "clash": self.clash, "similarity": self.similarity}


@dataclass(frozen=True, slots=True)
class ClaimFrame:
    """What every sentence is compared with: the claim's words by element,
    their weights, its numbers with their neighbours, and its polarity."""

    text: str
    words: tuple[Word, ...]
    kinds: Mapping[str, str]
    weights: Mapping[str, float]
    numbers: Mapping[str, frozenset[str]]
    negative: bool
    change: bool
    open_ops: frozenset[str]
    denial: bool
    alt: Mapping[str, str]
    #: The comparison keys (stems, number values, places), their summed weight,
    #: and those that are event words and places.
    keyset: frozenset[str]
    total: float
    events: frozenset[str]
    places: frozenset[str]


def claim_frame(claim: str, weights: Mapping[str, float]) -> ClaimFrame:
    """The frame of ``claim`` (``weights``: stem -> informativeness)."""
    sv = view(claim)
    words = sv.words
    times = element_words()[1]
    stop = arabic_stopwords()
    kinds: dict[str, str] = {}
    stem_w: dict[str, float] = {}
    framing = {i for kind in ("attribution", "confirm") for start, n in sv.spans[kind]
               for i in range(start, start + n)}
    for i, w in enumerate(words):
        if w.folded in stop or len(w.folded) < 2 and not DIGITS.match(w.folded) or i in framing:
            continue
        key = word_key(w)
        kind = ("number" if number_value(w.folded) else "place" if place_key(w.stem)
                else "time" if w.stem in times else "event")
        kinds.setdefault(key, kind)
        base = weights.get(w.stem, 8.0) if kind == "event" else 8.0 * MINOR_WEIGHT
        stem_w[key] = max(stem_w.get(key, 0.0), base)
    numbers = {v: near & frozenset(skeleton(k) for k in stem_w)
               for v, near in _number_neighbours(words).items()}
    change = bool({w.stem for w in words} & _change_stems())
    negative, ops = _polarity(sv, set(range(len(words))), change)
    governing = frozenset(o.kind for o in ops if o.governs)
    reported = "deny" in governing
    if reported:  # "X نفى Y": the denial is what the claim reports, not its polarity
        negative, _ = _polarity(sv, set(range(len(words))), change, skip=DENIAL_OPS)
    alt = {a: k for k, kind in kinds.items() if kind == "event" and len(a := _alt(k)) >= 3}
    return ClaimFrame(claim, words, kinds, stem_w, numbers, negative, change,
                      governing & OPEN_OPS, reported, alt, frozenset(stem_w),
                      sum(stem_w.values()) or 1.0,
                      frozenset(k for k, kind in kinds.items() if kind == "event"),
                      frozenset(k for k, kind in kinds.items() if kind == "place"))


def _alt(stem: str) -> str:
    """A stem without a future or imperfect verb prefix, reduced to its skeleton
    (سيخفض, تخفيض -> خفض; ترفع -> رفع), so verb and noun forms of one root meet."""
    if len(stem) >= 4 and stem[0] == "س" and stem[1] in "يتنا":
        stem = stem[1:]
    if len(stem) >= 4 and stem[0] in "يتنا":
        stem = stem[1:]
    return skeleton(stem)


@cache
def _change_stems() -> frozenset[str]:
    return frozenset(_stem(t) for w in relation_table()["change_words"] for t in fold_tokens(w))


def named_places(text: str) -> frozenset[str]:
    """The countries and cities a text names (place keys)."""
    return _places(view(text))


def _places(sv: SentenceView) -> frozenset[str]:
    return frozenset({place_key(w.stem) for w in sv.words} - {None})


def _elsewhere(frame: ClaimFrame, sv: SentenceView, context: frozenset[str] = frozenset()) -> bool:
    """Whether the sentence names countries (or cities) none of which the claim
    names, while the claim names one of that kind.  A sentence that names no
    place is read in its article's ``context`` (the places its lead names):
    "the central bank cut rates" in an article about Egypt's central
    bank is about Egypt."""
    if not frame.places:
        return False
    named = _places(sv) or context
    if not named or named & frame.places:
        return False
    return any(frame.places & kind and named & kind for kind in place_sets())


def _number_neighbours(words: Sequence[Word]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for i, w in enumerate(words):
        value = number_value(w.folded)
        if value:
            near = {skeleton(x.stem) for x in words[max(i - 2, 0) : i + 3]
                    if x is not w and not number_value(x.folded) and len(x.folded) > 2}
            out[value] = frozenset(near)
    return out


def relate(frame: ClaimFrame, text: str, address_min: float = ADDRESS_MIN,
           context: frozenset[str] = frozenset()) -> Relation:
    """The relation of one sentence ``text`` to the claim of ``frame``; a
    sentence carrying less than ``address_min`` of the claim is unaddressed.
    ``context``: the places the sentence's article names (:func:`named_places`)."""
    sv = view(text)
    words = sv.words
    keys_at = [k if k in frame.weights else frame.alt.get(_alt(k), k) for k in sv.keys]
    matched_at = {i for i, k in enumerate(keys_at) if k in frame.weights}
    keys = {keys_at[i] for i in matched_at}
    address = sum(frame.weights[k] for k in keys) / frame.total
    if frame.events and not frame.events & keys:
        address = min(address, 0.2)
    if _elsewhere(frame, sv, context):
        address *= ELSEWHERE_PENALTY
    negative, ops = _polarity(sv, matched_at, frame.change, DENIAL_OPS if frame.denial else frozenset())
    governing = tuple(o for o in ops if o.governs)
    clash = "number" if _number_clash(frame, words) else ""
    return Relation(_label(frame, address, negative, governing, clash, address_min), address,
                    _matched_shown(frame, keys), governing, clash, negative)


#: The relation of a sentence that shares nothing with the claim.
UNADDRESSED = Relation("unaddressed", 0.0, {}, ())


def relate_unit(frame: ClaimFrame, text: str, stems: frozenset[str],
                numbers: frozenset[str], context: frozenset[str] = frozenset()) -> Relation:
    """:func:`relate`, skipping sentences whose stems and numbers share nothing with the claim."""
    keys = frame.keyset
    alt = frame.alt.keys()
    if not (stems & keys or numbers & keys or alt and (stems & alt or {_alt(s) for s in stems} & alt)):
        return UNADDRESSED
    return relate(frame, text, context=context)


def relate_units(frame: ClaimFrame, units: Sequence[Any]) -> list[Relation]:
    """:func:`relate_unit` for each of an article's units (objects with ``text``,
    ``stems`` and ``numbers``), each read in the places its lead (first unit)
    names: the lead says where a story happens, while a place further down is as
    often a surname or a comparison ("فهد التركي")."""
    context = named_places(units[0].text) if frame.places and units else frozenset()
    return [relate_unit(frame, u.text, u.stems, u.numbers, context) for u in units]


def _label(frame: ClaimFrame, address: float, negative: bool, ops: Sequence[Operator],
           clash: str, address_min: float) -> str:
    kinds = {o.kind for o in ops}
    denied = bool(kinds & DENIAL_OPS) and not frame.denial
    open_ = kinds - frame.open_ops & OPEN_OPS
    if address < address_min:
        return "unaddressed"
    if frame.denial:  # the claim reports a denial: a sentence that denies or negates the matter agrees
        if clash:
            return "contradicts"
        return "entails" if negative or kinds & DENIAL_OPS else "neutral"
    if open_ and not denied:
        return "neutral"
    if clash or negative != frame.negative:
        return "contradicts"
    return "entails"


def _matched_shown(frame: ClaimFrame, keys: set[str]) -> dict[str, tuple[str, ...]]:
    out: dict[str, list[str]] = {}
    for w in frame.words:
        k = word_key(w)
        if k in keys and k in frame.kinds:
            text = w.shown.strip(PUNCT)
            if text not in out.setdefault(frame.kinds[k], []):
                out[frame.kinds[k]].append(text)
    return {k: tuple(v) for k, v in out.items()}


def _polarity(sv: SentenceView, matched_at: set[int], change: bool,
              skip: frozenset[str] = frozenset()) -> tuple[bool, list[Operator]]:
    """Whether the operators governing the matched words flip their polarity.

    Each family of polarity operators (a denial in any of its forms, a
    cancellation, a negation) flips at most once, so "نفت … مؤكدة أنها عارية
    عن الصحة" is one denial, while "نفت إلغاء …" (a denied cancellation) is
    two flips and keeps the claim.  A cue inside a longer cue of another kind
    ("لم" in "لم يتخذ") is not counted again.
    """
    table = relation_table()
    words, folded = sv.words, sv.folded
    hits = [(start, length, kind) for kind, found in sv.spans.items() for start, length in found
            if _fires(kind, folded, start, length) and (kind != "status_quo" or change)]
    hits = [h for h in hits if not any(o is not h and o[2] != h[2] and o[0] <= h[0]
                                       and h[0] + h[1] <= o[0] + o[1] and o[1] > h[1] for o in hits)]
    ops: list[Operator] = []
    flipped: set[str] = set()
    for start, length, kind in sorted(hits):
        spec = table["operators"][kind]
        governs = _governs(_scope(spec, words, start, length), _scope(_CLAUSE, words, start, length),
                           matched_at, start, length, spec["direction"] == "clause_near")
        ops.append(Operator(kind, shown(words[start : start + length]),
                            start, governs))
        if governs and spec["polarity"] and kind not in skip:
            flipped.add(_family(kind))
    return len(flipped) % 2 == 1, ops


@cache
def _families() -> dict[str, str]:
    return {kind: family for family, kinds in relation_table()["operator_families"].items()
            for kind in kinds}


def _family(kind: str) -> str:
    return _families().get(kind, kind)


def _fires(kind: str, folded: Sequence[str], start: int, length: int) -> bool:
    """Whether a lexicon hit is really an operator here."""
    nxt = folded[start + length] if start + length < len(folded) else ""
    prev = folded[start - 1] if start else ""
    if kind == "negation":
        return nxt not in not_before_words()
    if folded[start] == "قد":  # قد + imperfect verb: "may"; قد + past verb: "has"
        past = nxt.endswith(("ت", "وا")) or nxt in ("تم", "كان") or any(operator_lexicon().spans([nxt]).values())
        return nxt.startswith(_IMPERFECT) and not past
    if kind == "cancel" and prev == "من":
        return False  # من أجل: "in order to"
    if kind == "rumour" and "وكاله" in folded[max(start - 3, 0) : start]:
        return False  # وكالة … للأنباء: a news agency's name
    return True


def _scope(spec: Mapping[str, Any], words: Sequence[Word], start: int, length: int) -> range:
    clause = words[start].clause
    lo = start
    while lo > 0 and words[lo - 1].clause == clause:
        lo -= 1
    hi = start + length
    while hi < len(words) and words[hi].clause == clause:
        hi += 1
    direction = spec["direction"]
    if direction == "both":
        return range(lo, hi)
    if direction == "clause_near":
        return range(lo, min(hi, start + length + int(spec.get("span", 4))))
    if direction == "near":
        return range(start + length, min(hi, start + length + int(spec.get("span", 4))))
    return range(start + length, hi)


def _governs(scope: range, clause: range, matched_at: set[int], start: int, length: int,
             right_needed: bool = False) -> bool:
    """Whether a scope holds enough of the matched claim words (and, for a
    negation, at least one just after it: "لا يعني تخفيضا" negates the verb it
    precedes, not the subject before it)."""
    own = set(range(start, start + length))
    targets = matched_at - own
    if not targets:
        return False
    inside = sum(1 for i in targets if i in scope)
    if right_needed and not any(start + length <= i < scope.stop for i in targets):
        return False
    local = sum(1 for i in targets if clause.start <= i < clause.stop)
    return inside > 0 and inside >= SCOPE_SHARE * local and inside >= SENTENCE_SHARE * len(targets)


def _number_clash(frame: ClaimFrame, words: Sequence[Word]) -> bool:
    """A number beside one of the claim's number's neighbours, with another value."""
    if not frame.numbers:
        return False
    found = _number_neighbours(words)
    for value, near in frame.numbers.items():
        if value in found or not near:
            continue
        if any(v != value and near & other for v, other in found.items()):
            return True
    return False


def relation_vector(rel: Relation) -> list[float]:
    """Numeric features of a relation: one-hot label, address, polarity, clash,
    and which operator kinds govern the claim."""
    kinds = {o.kind for o in rel.operators}
    return [*(float(rel.label == r) for r in RELATIONS), rel.address, float(rel.negative),
            float(bool(rel.clash)), *(float(k in kinds) for k in OPERATOR_KINDS)]


OPERATOR_KINDS = ("deny", "false_report", "negation", "cancel", "no_decision", "status_quo",
                  "hedge", "rumour", "question", "attribution", "confirm")


#: Words that point back at reports an article has already named ("the reports", "what circulated").
ANAPHORS = frozenset({"انباء", "الانباء", "اخبار", "الاخبار", "الخبر", "خبر", "شائعات", "الشائعات", "الشائعه",
            "المعلومات", "التقارير", "تقارير", "ما", "هذه", "ذلك", "هذا", "ادعاءات", "الادعاءات", "مزاعم"})
#: Foreign content words a denial's scope may hold and still point back at the claim.
ANAPHOR_SLACK = 0
_NEUTRAL = frozenset({"يتم", "تم", "صحه", "حول", "بشان", "مؤخرا", "اليوم", "امس"})
#: Tokens after the pointing word read for what the denied reports are about.
ANAPHOR_WINDOW = 5


def anaphoric_denial(frame: ClaimFrame, text: str) -> Operator | None:
    """A denial or false-report operator whose object points back at reports
    (``الأخبار المتداولة عارية عن الصحة``) rather than naming another matter."""
    sv = view(text)
    if not sv.spans["deny"] and not sv.spans["false_report"]:
        return None
    words, folded = sv.words, sv.folded
    table = relation_table()["operators"]
    stop = arabic_stopwords()
    skip = {"deny", "false_report", "rumour", "attribution", "confirm", "hedge"}
    cue_at = {i for k, hits in sv.spans.items() if k in skip for s, n in hits for i in range(s, s + n)}
    lex = operator_lexicon()
    for kind in ("deny", "false_report"):
        for start, length in sv.spans[kind]:
            scope = _scope(table[kind], words, start, length)
            refs = [i for i in scope if set(lex.bare(folded[i])) & ANAPHORS]
            if not refs:
                continue
            after = range(refs[0] + 1, min(refs[0] + 1 + ANAPHOR_WINDOW, len(words)))
            foreign = [i for i in after if i not in cue_at and folded[i] not in stop
                       and folded[i] not in _NEUTRAL and not set(lex.bare(folded[i])) & ANAPHORS
                       and sv.keys[i] not in frame.weights and len(folded[i]) > 2]
            if len(foreign) <= ANAPHOR_SLACK:
                return Operator(kind, shown(words[start : start + length]),
                                start, True)
    return None
