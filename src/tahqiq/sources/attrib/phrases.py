"""Where a speaker noun phrase or a reported clause starts and ends, in token indices.

The scanners behind the rules of :mod:`.speech`: a speaker after or before a cue
(with appositions and short «names»), and the content after a complementizer, a colon
or a quotation, a noun-phrase content, or the clause before a trailing cue.  Word lists
come from ``tables/cues.v1.json`` and ``tables/attribution.v1.json``.
"""

from __future__ import annotations

from .lexicon import in_set, proclitics, words
from .spans import OPEN_Q, Doc, Span, TokRange, quote_close


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
    if first is not None and _possessed(doc, first):
        return None  # أعلنت موافقتها، أعلن قيام دولته: the object, not the subject
    if first is not None and k > first + 1 and _bare_place(doc, first):
        return first, first + 1  # أعلنت تركيا انطلاق ...: a country's name ends at the name
    if first is not None and k < hi and toks[k].text in "،,":
        k = _apposition(doc, k, hi)
    return (first, k) if first is not None else None


def _bare_place(doc: Doc, k: int) -> bool:
    """Token ``k`` is a country or capital (تركيا، موسكو) followed by a word that cannot
    qualify it (no article: not a nisba such as التركية)."""
    nxt = doc.toks[k + 1]
    return doc.toks[k].key in doc.lex.kinds["places"] and nxt.word and not nxt.key.startswith("ال")


def _possessed(doc: Doc, k: int) -> bool:
    """Token ``k`` is a noun with an attached pronoun (موافقتها، ضمها، كلامه): a verb's object
    or a possession, never a speaker's head -- unless it is a speaker head word itself."""
    tok = doc.toks[k]
    text = tok.text
    if not tok.word or len(text) < 5 or not text.endswith(("ها", "هم", "هما", "ته", "تهم")):
        return False
    kinds = doc.lex.kinds
    heads = kinds["person"] | kinds["office"] | kinds["unnamed"] | kinds["outlet"] | kinds["other"]
    return not in_set(tok.key, heads)


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
    if k >= lo and toks[k].word and toks[k].key in words("object_prepositions") and start + 1 < end:
        start += 1  # في تونس تدوينات تزعم: the preposition's object is not the subject
    opens = k < lo or toks[k].text in "،,:." or doc.is_word(k, "complementizers")
    if comma and k >= lo and toks[k].word and doc.is_word(k, "auxiliaries") and toks[k].key not in words("aspect_particles"):
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


def saying() -> frozenset[str]:
    """قوله and its forms (``نقلت عنه قوله إن``)."""
    return words("saying")


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
            if found and (found[2] or (len(tok.key) > 3 and tok.key[0] in proclitics()[0])):
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
            if np and k == j and tok.key in words("np_prepositions"):
                return None
            if doc.is_word(k, "complementizers"):
                found = content_from(doc, k + 1, hi)
                return (found[0], "comp") if found else None
            if k > j and (k in doc.cue_tokens or tok.key in doc.lex.preps):
                return _past_relay(doc, k, hi)
            if tok.key in doc.lex.sets["breaks"]:
                return None
        elif tok.text == ":":
            found = content_from(doc, k + 1, hi)
            return (found[0], "colon" if found[1] == "clause" else found[1]) if found else None
        elif tok.text in OPEN_Q:
            close = quote_close(doc, k)
            inside = 0 if close is None else sum(t.word for t in toks[k + 1:close])
            last = close is not None and (close + 1 >= hi or toks[close + 1].text in ".!?؟")
            if inside >= 3 or (inside >= 1 and last):
                return content_from(doc, k, hi)
        elif tok.text in ".!?؟|":
            return None
    return None


def _past_relay(doc: Doc, k: int, hi: int) -> tuple[Span, str] | None:
    """``قال فلان، حسب قناة X، إن ...``: a بحسب/نقلا عن phrase set off by commas between the
    speaker and the complementizer is the channel, and the content follows it."""
    if doc.toks[k].key not in doc.lex.preps or doc.toks[k - 1].text not in "،,":
        return None
    close = next((n for n in range(k + 1, min(hi, k + 10)) if doc.toks[n].text in "،,"), None)
    if close is None or close + 1 >= hi or not doc.is_word(close + 1, "complementizers"):
        return None
    found = content_from(doc, close + 2, hi)
    return (found[0], "comp") if found else None


def np_after(doc: Doc, j: int, hi: int) -> Span | None:
    """A noun-phrase content (أعلن الجيش مقتل...، كشف عن...، أكد على ضرورة...)."""
    toks = doc.toks
    adjunct = j < hi and doc.is_word(j, "adjunct_starts")
    for k in range(j, min(hi, j + 12)):
        if toks[k].word and toks[k].key in words("np_prepositions") and k + 1 < hi and toks[k + 1].word:
            if k == j or (adjunct and not any(t.text in "،,.:" for t in toks[j:k])):
                return toks[k + 1].start, clause_end(doc, k + 1, doc.extended_end(k))
    k = j
    for _ in range(2):  # أعلنت الوزارتان في البلدين، في بيان مشترك اليوم، انطلاق ...
        if k < hi and (toks[k].text in "،," or (toks[k].word and doc.is_word(k, "adjunct_starts"))):
            k = next((n + 1 for n in range(k + 1, min(hi, k + 14)) if toks[n].text in "،,"), hi)
    while k < hi and toks[k].word and doc.is_word(k, "pronoun_objects"):
        k += 1
    # a demonstrative or a relative ما opens a noun phrase (نفى الوزير ما أوردته الصحف)
    opener = k < hi and (toks[k].key in words("demonstratives") or toks[k].key in words("relatives"))
    if k >= hi or not toks[k].word or (stops_speaker(doc, k) and not opener):
        return None
    return toks[k].start, clause_end(doc, k, doc.extended_end(k))


def clause_before(doc: Doc, lo: int, i: int) -> Span | None:
    """The clause a trailing بحسب X / حسب قوله attributes: from the sentence start (or an
    opening dash or quote) to just before the cue."""
    toks, end = doc.toks, i - 1
    while end >= lo and (not toks[end].word or toks[end].key in words("pointers_before_cue")):
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
