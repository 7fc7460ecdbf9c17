"""Check a claim against a corpus: retrieve, judge each article, decide, report."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from ..core.errors import InvalidQueryError
from ..core.types import Document, Judgement, Report, ReuseLink
from .batch import judge_chunk, resolve_model
from .ports import EvidenceSource
from .report import build_report
from .verdict import RELATED, VerdictPolicy, counts

if TYPE_CHECKING:  # pragma: no cover
    from ..core.parallel import Mapper
    from ..stance import StanceClassifier

#: Longest claim read, in characters; longer claims are cut here (with a warning).
MAX_CLAIM_CHARS = 1000
#: Callers that link before a check (``Corpus.check``, ``tahqiq check``) link at most
#: this many waiting documents first; with more waiting, the report says so.
LINK_ON_CHECK = 2000

Retriever = Callable[[str, int], Sequence[tuple[str, float]]]


class Verifier:
    """Checks claims against an :class:`~tahqiq.verify.ports.EvidenceSource` (a
    :class:`~tahqiq.corpus.Corpus`, or any object with its few methods).

    ``model`` is a stance model (default: the shipped one, loaded on first
    use); ``policy`` the verdict thresholds.  ``retriever(claim, k)`` returns
    ``(doc_id, score)`` pairs, best first (default: the source's ``rank``).
    A check only reads: it never links documents for reuse (see
    :meth:`EvidenceSource.ensure_linked`).

    >>> Verifier(corpus).check("مصر تنفي ...", k=20).verdict   # doctest: +SKIP
    'refuted'
    """

    def __init__(self, source: EvidenceSource, *, model: StanceClassifier | None = None,
                 policy: VerdictPolicy | None = None, retriever: Retriever | None = None) -> None:
        self.source = source
        self.policy = policy or VerdictPolicy()
        self._model = model
        self._retriever = retriever

    @property
    def model(self) -> StanceClassifier:
        """The stance model (the shipped one unless another was given)."""
        if self._model is None:  # loaded once per process, shared with cluster-style batches
            self._model = resolve_model("default")
        return self._model

    def check(self, claim: str, k: int = 20, *, include_unrelated: bool = False) -> Report:
        """Judge the ``k`` best-matching articles against ``claim`` and decide.

        Never raises on the claim's content: an empty, non-Arabic or huge
        claim, or an empty corpus, gives a report whose ``warnings`` say why
        (and, when nothing can be searched, the verdict ``unverified``).
        """
        return self.check_many([claim], k, include_unrelated=include_unrelated)[0]

    def check_many(self, claims: Sequence[str], k: int = 20, *, include_unrelated: bool = False,
                   mapper: Mapper | None = None) -> list[Report]:
        """:meth:`check` for each claim, in order.

        Retrieval and the report happen here; the stance judgements of the
        whole batch go through ``mapper`` (:func:`tahqiq.verify.batch.judge_chunk`
        on a cluster, :mod:`tahqiq.scale`), else run in this process.
        """
        if k <= 0:
            raise InvalidQueryError("k must be a positive number")
        prepared = [self._prepare(claim, k) for claim in claims]
        todo = [p for p in prepared if isinstance(p, _Retrieved)]
        items = [(p.claim, [doc.text for doc, _ in p.docs]) for p in todo]
        if mapper is not None and mapper.distributed:
            judged = mapper.map(judge_chunk, items, self._model_ref(), min_items=1)
        else:
            judged = judge_chunk(self.model, items)
        verdicts = iter(judged)
        return [self._conclude(p, next(verdicts), include_unrelated) if isinstance(p, _Retrieved)
                else p for p in prepared]

    def update(self, claim: str, fresh: Sequence[tuple[str, float]],
               known: Sequence[tuple[Document, float, Judgement]], *, mapper: Mapper | None = None
               ) -> tuple[Report, list[tuple[Document, float, Judgement]]]:
        """Judge only the ``fresh`` articles (``(doc_id, retrieval score)``) and decide over
        them together with the ``known`` judgements of earlier checks: how a watched claim
        is checked again when new articles arrive.  Returns the report and the fresh
        judgements (``(document, score, judgement)``, to keep for the next time)."""
        claim, warnings = _prepare_claim(claim)
        if not claim:
            return _empty_report(claim, warnings), []
        found = self.source.documents([doc_id for doc_id, _ in fresh])
        docs = [(found[d], score) for d, score in fresh if d in found]
        judged: list[Judgement] = []
        if docs:
            items = [(claim, [doc.text for doc, _ in docs])]
            if mapper is not None and mapper.distributed:
                judged = mapper.map(judge_chunk, items, self._model_ref(), min_items=1)[0]
            else:
                judged = judge_chunk(self.model, items)[0]
        new = [(doc, score, j) for (doc, score), j in zip(docs, judged, strict=True)]
        every = sorted([*known, *new], key=lambda item: (-item[1], item[0].doc_id))
        prepared = _Retrieved(claim, warnings, [(doc, score) for doc, score, _ in every])
        return self._conclude(prepared, [j for _, _, j in every], False), new

    def _prepare(self, claim: str, k: int) -> _Retrieved | Report:
        """Retrieve the articles to judge (or the report, when there is nothing to judge)."""
        claim, warnings = _prepare_claim(claim)
        if not claim:
            return _empty_report(claim, warnings)
        try:
            ranked = self._retrieve(claim, k)
        except InvalidQueryError as exc:
            return _empty_report(claim, [*warnings, f"nothing to search for: {exc}"])
        if not ranked:  # only now ask why: counting is not free on a large store
            if self.source.count() == 0:
                return _empty_report(claim, [*warnings, "the corpus is empty: ingest articles first"])
            warnings.append("no article matches the claim's words")
        docs = self.source.documents([doc_id for doc_id, _ in ranked])
        return _Retrieved(claim, warnings, [(docs[d], score) for d, score in ranked if d in docs])

    def _conclude(self, prepared: _Retrieved, judgements: Sequence[Judgement],
                  include_unrelated: bool) -> Report:
        judged = [(doc, score, j) for (doc, score), j in zip(prepared.docs, judgements, strict=True)]
        related = [doc.doc_id for doc, _, j in judged if j.stance in RELATED]
        warnings = prepared.warnings
        report = build_report(prepared.claim, judged, self.policy, include_unrelated, warnings,
                              self._links(related, warnings), self.source.first_captures(related),
                              self.source.later_versions(related))
        return replace(report, versions=check_versions(self.model))

    def _model_ref(self) -> Any:
        """How cluster workers get this verifier's model: by name when it is the shipped one."""
        return "default" if self._model is None else self._model

    def _links(self, doc_ids: Sequence[str], warnings: list[str]) -> list[ReuseLink]:
        """Reuse links among ``doc_ids``, as found so far (a check never links: when
        stored articles wait to be linked, the report says so)."""
        if len(doc_ids) < 2:
            return []
        pending = self.source.pending_links()
        if pending:
            warnings.append(f"{pending} stored articles are not yet checked for copying (run "
                            "`tahqiq reuse`): copies among them count as independent evidence")
        return self.source.links_among(doc_ids)

    def _retrieve(self, claim: str, k: int) -> Sequence[tuple[str, float]]:
        if self._retriever is not None:
            return self._retriever(claim, k)
        return self.source.rank(claim, k)


def check_versions(model: StanceClassifier) -> dict[str, str]:
    """What a check's verdict depends on (a report's ``versions``): the normalizer, the
    attribution tables (:func:`tahqiq.sources.outlets.tables_version`), the verify tables and
    the stance model (its format and a hash of its files' checksums)."""
    versions = dict(_table_versions())
    manifest = getattr(model, "manifest", None) or {}
    checksums = json.dumps(manifest.get("files", {}), sort_keys=True).encode()
    model_id = (f"format {manifest.get('format_version', '?')}, "
                f"{hashlib.sha256(checksums).hexdigest()[:12]}") if manifest else "unsaved"
    return {**versions, "stance_model": model_id}


@cache
def _table_versions() -> tuple[tuple[str, str], ...]:
    from ..core.tables import table_checksums
    from ..sources.outlets import tables_version
    from ..text.tables import normalizer_version

    verify = "+".join(f"{name.removeprefix('verify/').removesuffix('.json')}:{digest[:8]}"
                      for name, digest in sorted(table_checksums(("verify",)).items()))
    return (("normalizer", normalizer_version()), ("sources_tables", tables_version()),
            ("verify_tables", verify))


@dataclass(slots=True)
class _Retrieved:
    """A claim ready to judge: its text, its warnings so far, the retrieved documents."""

    claim: str
    warnings: list[str]
    docs: list[tuple[Document, float]]


def _prepare_claim(claim: str | None) -> tuple[str, list[str]]:
    from ..text.display import valid_unicode
    from ..text.lang import detect_lang

    warnings: list[str] = []
    text = " ".join(valid_unicode(claim or "").split())
    if not text:
        return "", ["the claim is empty"]
    if len(text) > MAX_CLAIM_CHARS:
        text = text[:MAX_CLAIM_CHARS].rsplit(" ", 1)[0] or text[:MAX_CLAIM_CHARS]
        warnings.append(f"the claim is longer than {MAX_CLAIM_CHARS} characters; only its start was checked")
    if detect_lang(text) != "ar":
        warnings.append("the claim is not in Arabic; the stance model is trained on Arabic and its "
                        "judgements of other languages are unreliable")
    return text, warnings


def _empty_report(claim: str, warnings: Sequence[str]) -> Report:
    return Report(claim, "unverified", 1.0, counts([]), (), (), tuple(warnings))


__all__ = ["LINK_ON_CHECK", "MAX_CLAIM_CHARS", "EvidenceSource", "Verifier", "build_report"]
