"""Tokens, cue lexicon and span scanners behind :mod:`tahqiq.sources.attribution`.

Private module kept for its old import path: the code lives in
:mod:`tahqiq.sources.attrib` (:mod:`~.attrib.lexicon`, :mod:`~.attrib.spans`,
:mod:`~.attrib.phrases`).
"""

from __future__ import annotations

from .attrib.lexicon import Lexicon, conj_variants, in_set, lexicon
from .attrib.phrases import (
    MAX_CLAUSE_TOKENS,
    clause_before,
    clause_end,
    content_after,
    content_from,
    np_after,
    saying,
    speaker_after,
    speaker_before,
    stops_speaker,
)
from .attrib.spans import CLOSE_Q, OPEN_Q, Cue, Doc, Span, Tok, TokRange, find_cues, quote_close

__all__ = [
    "CLOSE_Q",
    "MAX_CLAUSE_TOKENS",
    "OPEN_Q",
    "Cue",
    "Doc",
    "Lexicon",
    "Span",
    "Tok",
    "TokRange",
    "clause_before",
    "clause_end",
    "conj_variants",
    "content_after",
    "content_from",
    "find_cues",
    "in_set",
    "lexicon",
    "np_after",
    "quote_close",
    "saying",
    "speaker_after",
    "speaker_before",
    "stops_speaker",
]
