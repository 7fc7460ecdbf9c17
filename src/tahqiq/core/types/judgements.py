"""Stance judgements, reported speech, cited outlets and reuse links (part of :mod:`tahqiq.core.types`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that bears on a claim, and how.

    ``sentence_index`` is the sentence's 0-based position among the article's
    sentences, ``line`` the 0-based line of the article text it came from,
    ``stance`` the sentence's own stance (agree, disagree or discuss) and
    ``score`` its relevance to the claim in [0, 1].  It unpacks as the tuple
    ``(sentence_index, sentence, stance, score)``.
    """

    sentence_index: int
    sentence: str
    stance: str
    score: float
    line: int = -1
    #: How the sentence stands toward the claim's event: ``entails``, ``contradicts``,
    #: ``neutral`` or ``unaddressed`` ("" when not computed).
    relation: str = ""
    #: Why: the claim words it carries by element (``matched``), the operators that
    #: govern them (``operators``: kind and cue as written), a mismatched value
    #: (``clash``), and the claim-sentence similarity when meaning was compared.
    reasons: dict[str, Any] | None = None
    #: Whether this sentence decided the article's label.
    decisive: bool = False

    def __iter__(self) -> Iterator[Any]:
        """Unpack as ``(sentence_index, sentence, stance, score)``."""
        return iter((self.sentence_index, self.sentence, self.stance, self.score))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"sentence_index": self.sentence_index, "sentence": self.sentence,
                "stance": self.stance, "score": self.score, "line": self.line,
                "relation": self.relation, "decisive": self.decisive,
                "reasons": dict(self.reasons) if self.reasons else {}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Evidence:
        """The evidence :meth:`to_json` gave."""
        return cls(int(data["sentence_index"]), data["sentence"], data["stance"],
                   float(data["score"]), int(data.get("line", -1)), data.get("relation", ""),
                   data.get("reasons") or None, bool(data.get("decisive", False)))


@dataclass(frozen=True, slots=True)
class Judgement:
    """An article's stance toward a claim, with the sentences that decide it.

    ``probabilities`` maps every label to its probability; ``confidence`` is
    the probability of ``stance``; ``evidence`` is ranked by score, best first.
    """

    stance: str
    confidence: float
    probabilities: dict[str, float]
    evidence: tuple[Evidence, ...] = ()
    #: Why the label: ``no_sentence_addresses``, ``contradicts``, ``denies_reports``,
    #: ``entails``, ``neutral``, ``trees`` (the learned decision, within what the
    #: sentences allow) or a bad-input code.
    reason: str = ""
    #: Problems with the input that shaped the label (``claim_too_short``,
    #: ``claim_truncated``, ``no_sentences``, ``not_arabic``).
    warnings: tuple[str, ...] = ()

    @property
    def decisive(self) -> Evidence | None:
        """The evidence sentence that decided the label, if one did."""
        return next((e for e in self.evidence if e.decisive), None)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; evidence items carry their line, relation and reasons too."""
        return {"stance": self.stance, "confidence": self.confidence,
                "probabilities": dict(self.probabilities), "reason": self.reason,
                "warnings": list(self.warnings),
                "evidence": [e.to_json() for e in self.evidence]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Judgement:
        """The judgement :meth:`to_json` gave (a stored judgement of a watched claim)."""
        return cls(data["stance"], float(data["confidence"]), dict(data["probabilities"]),
                   tuple(Evidence.from_json(e) for e in data.get("evidence", ())),
                   data.get("reason", ""), tuple(data.get("warnings", ())))


#: A character span ``(start, end)`` in a document's display text (``Document.text``).
Span = tuple[int, int]

#: What kind of speaker an attribution names.
SpeakerKind = Literal["person", "office", "unnamed", "outlet", "other"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """Reported speech: who said what, with which verb, and where in the text.

    ``speaker`` is the speaker as written (``"مصدر أمني"``, ``"وزير الخارجية
    الروسي سيرغي لافروف"``) -- for a person named again by a surname
    (``"لافروف"``, ``"الوزير لافروف"``), the fullest form the article used before,
    while ``speaker_span`` still marks the words of this sentence; ``cue`` the reporting verb as written (``"قال"``,
    ``"نفى"``); ``content`` the quoted or reported content and ``span`` its
    character span in the document's display text.  ``speaker_span`` and
    ``cue_span`` locate the other two parts (``(-1, -1)`` when implicit,
    e.g. a speaker carried over from the previous sentence).
    """

    speaker: str
    cue: str
    content: str
    span: Span
    speaker_kind: SpeakerKind = "other"
    speaker_span: Span = (-1, -1)
    cue_span: Span = (-1, -1)
    #: ``verb`` (a reporting verb or participle), ``prep`` (بحسب، وفقا لـ، نقلا عن), ``idiom``
    #: (على حد قوله), ``noun`` (بالقول) or ``nominal`` (speech reported by a noun: تصريحات X
    #: بأن، رغم نفي X، جدد X نفي).
    cue_kind: str = "verb"

    def to_json(self) -> dict[str, Any]:
        """One entry of ``attributions`` in ``tahqiq sources --json``."""
        return {"speaker": self.speaker, "cue": self.cue, "content": self.content,
                "span": list(self.span), "speaker_kind": self.speaker_kind,
                "speaker_span": list(self.speaker_span), "cue_span": list(self.cue_span),
                "cue_kind": self.cue_kind}


@dataclass(frozen=True, slots=True)
class CitedOutlet:
    """A news outlet or agency a document cites, resolved through the gazetteer.

    ``name`` is the outlet as written, ``canonical`` its gazetteer name (the
    written name when the gazetteer does not know it) and ``span`` where the
    name stands in the document's display text.
    """

    name: str
    canonical: str
    span: Span
    known: bool = True
    #: The outlet's name for readers (Arabic when the gazetteer has one).
    display: str = ""

    def to_json(self) -> dict[str, Any]:
        """One entry of ``cited_outlets`` in ``tahqiq sources --json``."""
        return {"name": self.name, "canonical": self.canonical, "span": list(self.span),
                "known": self.known, "display": self.display or self.canonical}


@dataclass(frozen=True, slots=True)
class SourceReport:
    """Who said what in one document, and which outlets it cites."""

    doc_id: str
    attributions: tuple[Attribution, ...] = ()
    cited_outlets: tuple[CitedOutlet, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """``tahqiq sources --json``."""
        return {"doc_id": self.doc_id,
                "attributions": [a.to_json() for a in self.attributions],
                "cited_outlets": [c.to_json() for c in self.cited_outlets]}


#: Which way text was copied between two documents of a reuse link.
Direction = Literal["a->b", "b->a", "unknown"]


@dataclass(frozen=True, slots=True)
class ReuseLink:
    """A passage shared by two documents.

    ``spans_a`` / ``spans_b`` are the aligned character spans in each
    document's display text (pairwise: ``spans_a[i]`` matches
    ``spans_b[i]``); ``shared_fraction`` is the share of the shorter
    document's words inside the aligned spans.  ``direction`` is ``"a->b"``
    when ``a`` is the source; ``direction_basis`` says why (``"date"``,
    ``"citation"`` or ``None``), and ``reason`` explains the link in words.
    """

    a: str
    b: str
    spans_a: tuple[Span, ...]
    spans_b: tuple[Span, ...]
    shared_fraction: float
    direction: Direction = "unknown"
    direction_basis: str | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        """One entry of ``links`` in ``tahqiq reuse --json``."""
        return {"a": self.a, "b": self.b, "spans_a": [list(s) for s in self.spans_a],
                "spans_b": [list(s) for s in self.spans_b],
                "shared_fraction": self.shared_fraction, "direction": self.direction,
                "direction_basis": self.direction_basis, "reason": self.reason}
