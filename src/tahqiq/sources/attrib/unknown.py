"""Cited outlets the gazetteer does not know: a designator and a «quoted name»
(``قالت صحيفة «الصباح الجديد»``), a designator and a bare name of one to three words
(``كشفت صحيفة التيار``، ``لموقع ايزدينا``), and the labels of a numbered press review.
They are cited by the rules of :mod:`.citations`; their canonical name is the written one.
"""

from __future__ import annotations

from functools import cache

from ...core.types import CitedOutlet
from .._intervals import Intervals
from .citations import is_cited
from .gazetteer import Gazetteer, OutletEntry
from .lexicon import citation_words, clitic_variants, fold_key, in_set, pattern, proclitics, words
from .names import OutletMention
from .phrases import stops_speaker
from .spans import Doc, TokRange, cited_word, clause_follows

#: The entry of a name the gazetteer does not know.
_UNKNOWN = OutletEntry("", "website", "")


@cache
def _bare_head_forms() -> frozenset[str]:
    """The folded designators of the table's ``bare_heads`` with every proclitic that
    :func:`.lexicon.clitic_variants` strips (و ف, then ب ل ك)."""
    conj, prep = proclitics()
    return frozenset(c + p + h for h in words("bare_heads") for c in ("", *conj) for p in ("", *prep))


@cache
def _adjective_endings() -> tuple[str, ...]:
    """Folded endings of a word that reads as an adjective (أمريكية، سوريين)."""
    return tuple(sorted(words("adjective_endings")))


def unknown_outlets(doc: Doc, gazetteer: Gazetteer, spans: Intervals,
                     publishers: frozenset[str]) -> list[CitedOutlet]:
    """Outlets the gazetteer does not know, written as designator + «name» (``قالت صحيفة
    «الصباح الجديد»``) or designator + a bare name of one to three words (``كشفت صحيفة
    التيار``، ``لموقع ايزدينا``), and cited; ``canonical`` is the written name."""
    out, taken = [], []
    for match in pattern("designated_quote").finditer(doc.text):
        start, end = match.span("name")
        if not gazetteer.is_designator(match.group("des")) or gazetteer.resolve(match.group("name")):
            continue
        if _stop_name(match.group("name")):
            continue
        taken.append((match.start(), end))
        probe = OutletMention(start, end, _UNKNOWN, quoted=True, designated=True)
        if fold_key(doc.text[start:end]) not in publishers and is_cited(doc, probe, spans):
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
        if gazetteer.resolve(written) or fold_key(written) in publishers:
            continue
        proclitic = gazetteer.designator_proclitic(tok.text) or ""
        probe = OutletMention(start, end, _UNKNOWN, proclitic, designated=True)
        if is_cited(doc, probe, spans):
            out.append(CitedOutlet(written, written, (start, end), known=False))
    if doc.press_review:
        out.extend(_review_labels(doc, gazetteer, publishers))
    return out


def _review_labels(doc: Doc, gazetteer: Gazetteer, publishers: frozenset[str]) -> list[CitedOutlet]:
    """Unknown outlets of a numbered press review: ``3. X: headline``, a name of one to three
    words after a list number, in a page where several lines are labelled with known outlets."""
    out = []
    for match in pattern("review_label").finditer(doc.text):
        start, end = match.span("name")
        written = doc.text[start:end]
        folded = " ".join(fold_key(written).split())
        if gazetteer.resolve(written) or folded in publishers or doc.overlaps_mention(start, end):
            continue
        k = doc.token_at(start)
        if any(stops_speaker(doc, n) or cited_word(doc, n, "unknown_stop")
               for n in range(k, doc.token_at(end - 1) + 1)):
            continue
        out.append(CitedOutlet(written, written, (start, end), known=False))
    return out


def _bare_name(doc: Doc, d: int) -> TokRange | None:
    """The unquoted name after the designator at token ``d``: one to three words up to a verb,
    a preposition, a complementizer, punctuation or an adjective (البريطانية، الرسمية).  An
    agency, site, network or portal needs an outlet marker (للأنباء، الإخباري، نيوز ...) right
    after the name; words of ``unknown_stop`` (صحيفة أمريكية، موقع الحادث، قناة السويس) and
    a first word that reads as an adjective are never a name."""
    toks, (lo, hi) = doc.toks, doc.sentence(d)
    if d + 1 >= hi or not toks[d + 1].word or toks[d + 1].start - toks[d].end > 1:
        return None
    head = [v for v in clitic_variants(fold_key(toks[d].text)) if v in words("marked_heads")]
    first = d + 1
    news = bool(head) and head[0] in words("agency_heads") and toks[first].key in words("generic_news")
    first += news
    k = first
    while k < hi and k - first < 3 and toks[k].word and not _name_stop(doc, k, k == first):
        k += 1
        if k - first >= 2 and not toks[k - 1].key.startswith("ال") and cited_word(
                doc, k - 1, "outlet_markers"):
            break  # وكالة مسار برس بمقتل: the marker ends the name
    if k == first:
        return None
    marker = k < hi and toks[k].word and cited_word(doc, k, "outlet_markers")
    inner = k - first >= 2 and not toks[k - 1].key.startswith("ال") and cited_word(
        doc, k - 1, "outlet_markers")  # وكالة مسار برس: the marker ends the name
    if head and not (marker or inner or news):
        # an unmarked site or network only as a direct object or subject of a citation:
        # told (لموقع X أن) or right after a cue or publishing verb (نشر موقع X); an
        # unmarked agency only right after a cue or publishing verb (كشف لوكالة X بعد ... أن)
        told = (doc.gazetteer.designator_proclitic(toks[d].text) or "").endswith("ل") and (
            clause_follows(doc, toks[k - 1].end))
        verb = d > lo and toks[d - 1].word and (d - 1 in doc.cue_tokens or cited_word(
            doc, d - 1, "publication_verbs"))
        if toks[first].key.startswith("ال") or not (verb if head[0] in words("agency_heads") else told or verb):
            return None
    if marker and not toks[k].key.startswith("ال"):
        k += 1  # للأنباء، نيوز، برس are part of the name; الإخباري is an adjective
    return first, k


def _stop_name(name: str) -> bool:
    """A quoted name after a designator that is no outlet (موقع «تويتر»)."""
    folded = " ".join(fold_key(name).split())
    return not folded or folded in citation_words()["platforms"]


def _name_stop(doc: Doc, k: int, first: bool) -> bool:
    """Token ``k`` cannot be (the first word of) an unknown outlet's name."""
    tok = doc.toks[k]
    key = tok.key
    if not first and key in words("name_tails"):
        return False  # النهضة الجديدة، صوت اليوم
    if stops_speaker(doc, k) or cited_word(doc, k, "unknown_stop") or cited_word(
            doc, k, "name_adjectives") or cited_word(doc, k, "publication_verbs"):
        return True
    if doc.gazetteer.is_designator(tok.text) or (
            key not in words("source_heads_in_names") and in_set(key, doc.lex.sets["source_heads"])):
        return True
    if not key[:1].isalpha() or key.isascii():
        return False
    if first and len(key) < 3:
        return True  # ال of صحيفة ال - «غارديان», سي of قناة سي - إن - إن
    if first and (key.endswith(_adjective_endings()) or (key.endswith("ي") and len(key) > 4)):
        return True  # an adjective (أمريكية، إلكتروني) rather than a name
    return False
