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
rules are the ``citation`` section of ``tables/outlets.v4.json`` and
``tables/attribution.v1.json``.

Every span is a character offset into the given text: ``text[s:e]`` is
exactly the returned speaker, cue, content or outlet.  The rules are
documented in ``docs/sources.md``; they live in :mod:`tahqiq.sources.attrib`, one job
a module, and this module keeps the entry point and its old names.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..core.types import Attribution, SourceReport
from ..text.view import reading_view
from ._intervals import Intervals
from .attrib.citations import cited_outlets, is_cited
from .attrib.coref import fullest
from .attrib.gazetteer import Gazetteer, OutletEntry, OutletMention, display_name, load_gazetteer
from .attrib.lexicon import clitic_variants, fold_key, lexicon, load_table
from .attrib.publishers import publishers
from .attrib.spans import Cue, Doc, Span, TokRange
from .attrib.speech import NO_SPAN as _NO_SPAN
from .attrib.speech import find_attributions
from .attrib.unknown import unknown_outlets

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
    report, full = _extract(doc_id, reading_view(text), gazetteer or load_gazetteer())
    return _as_published(report, full, text)


def _as_published(report: SourceReport, full: list[Span | None], text: str) -> SourceReport:
    """``report`` (found in the reading view of ``text``) with its strings sliced from ``text``;
    a speaker named again is reported by its fullest earlier form (``full``, :mod:`.attrib.coref`)."""
    attributions: list[Attribution] = []
    last = ""
    for att, fuller in zip(report.attributions, full, strict=True):
        if att.speaker_span != _NO_SPAN:
            own = text[att.speaker_span[0]:att.speaker_span[1]]
            speaker = last = " ".join(text[fuller[0]:fuller[1]].split()) if fuller else own
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


def _extract(doc_id: str, text: str, gazetteer: Gazetteer) -> tuple[SourceReport, list[Span | None]]:
    """:func:`extract_sources` on the reading view, and each speaker's fullest earlier form."""
    doc = Doc.read(text, gazetteer)
    attributions, spans = find_attributions(doc, MAX_ATTRIBUTIONS)
    ranges = [None if a.speaker_span == _NO_SPAN else
              (doc.token_at(a.speaker_span[0]), doc.token_at(a.speaker_span[1] - 1) + 1)
              for a in attributions]
    full = [None if r is None else doc.span(r)
            for r in fullest(doc, ranges, [a.speaker_kind for a in attributions])]
    spans += [a.speaker_span for a in attributions if a.speaker_span != _NO_SPAN]
    site = publishers(doc)
    sources = Intervals(spans)
    known = cited_outlets(doc, sources, site)
    unknown = unknown_outlets(doc, gazetteer, sources, site)
    outlets = sorted(known + tuple(unknown), key=lambda o: o.span)
    return SourceReport(doc_id, tuple(attributions), tuple(outlets)), full


__all__ = [
    "MAX_ATTRIBUTIONS",
    "Cue",
    "Doc",
    "Gazetteer",
    "OutletEntry",
    "OutletMention",
    "Span",
    "TokRange",
    "cited_outlets",
    "clitic_variants",
    "display_name",
    "extract_sources",
    "fold_key",
    "is_cited",
    "lexicon",
    "load_gazetteer",
    "load_table",
    "publishers",
    "unknown_outlets",
]
