"""Watched claims: checked again as articles arrive, with a history and events.

:class:`ClaimWatch` keeps a desk's watched claims (:class:`~tahqiq.store.claims.ClaimTable`).
A claim is checked in full when it is added; every later check (each watch round,
or ``tahqiq claims check``) looks only at the articles stored since its last one:

1. the claim is searched, and the matching articles stored after the claim's mark
   (at most ``k``, among the ``RECHECK_DEPTH`` best matches) are judged;
2. the verdict is decided over them together with the kept judgements of earlier
   checks (:meth:`tahqiq.verify.Verifier.update`), so no article is judged twice;
3. the check, the new evidence, the events (:mod:`tahqiq.verify.watched`) and the
   new mark are saved together.

A check whose new articles do not match the claim only moves the mark: the history
holds checks that judged something.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .core.errors import InvalidQueryError
from .core.types import Document, Judgement, Report

if TYPE_CHECKING:  # pragma: no cover
    from .corpus import Corpus
    from .store.claims import ClaimCheck, ClaimTable, WatchedClaim

#: How many of the best matches of a claim are searched for new articles.
RECHECK_DEPTH = 1000
#: Longest watched claim, in characters (a longer one is refused, not cut).
MAX_WATCHED_CHARS = 1000


@dataclass(frozen=True, slots=True)
class ClaimUpdate:
    """What one check of a watched claim did: how many new articles it judged, the
    report (``None`` when nothing new matched) and the events it raised."""

    claim: WatchedClaim
    new_articles: int = 0
    check: int | None = None
    report: Report | None = None
    events: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    #: Whether :meth:`ClaimWatch.add` started watching the claim (not watched before).
    added: bool = False

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (``tahqiq claims check --json``)."""
        out: dict[str, Any] = {"claim": self.claim.to_json(), "new_articles": self.new_articles,
                               "check": self.check, "events": list(self.events)}
        if self.report is not None:
            out["verdict"] = self.report.verdict
            out["confidence"] = self.report.confidence
            out["independent_counts"] = dict(self.report.independent_counts or self.report.counts)
        return out


class ClaimWatch:
    """The watched claims of a corpus (see the module docstring).

    >>> watch = ClaimWatch(corpus)                                # doctest: +SKIP
    >>> update = watch.add("البنك المركزي يخفض قيمة الدينار")        # doctest: +SKIP
    >>> [e["kind"] for u in watch.check() for e in u.events]      # doctest: +SKIP
    """

    def __init__(self, corpus: Corpus, *, k: int = 20) -> None:
        self.corpus = corpus
        self.k = k

    @property
    def table(self) -> ClaimTable:
        """The store's watched claims."""
        from .store.claims import ClaimTable

        return ClaimTable(self.corpus.store)

    def add(self, claim: str) -> ClaimUpdate:
        """Watch ``claim`` and check it against every stored article.

        An empty claim, or one longer than :data:`MAX_WATCHED_CHARS`, is refused
        (:class:`InvalidQueryError`); a claim already watched is checked again.
        """
        watched, added = self.table.add(clean_claim(claim))
        return replace(self._check_one(watched), added=added)

    def remove(self, claim_id: int) -> WatchedClaim:
        """Stop watching a claim."""
        return self.table.remove(claim_id)

    def claims(self) -> list[WatchedClaim]:
        """Every watched claim with its last verdict."""
        return self.table.all()

    def check(self, claim_ids: Sequence[int] | None = None) -> list[ClaimUpdate]:
        """Check every watched claim (or those given) against the articles stored since
        its last check."""
        table = self.table
        claims = table.all(active_only=True) if claim_ids is None else \
            [table.get(i) for i in claim_ids]
        if claims:
            from .verify.verifier import LINK_ON_CHECK

            self.corpus.ensure_linked(LINK_ON_CHECK)
        return [self._check_one(c) for c in claims]

    def history(self, claim_id: int) -> tuple[WatchedClaim, list[ClaimCheck], list[dict[str, Any]]]:
        """A claim, its checks and its events, oldest first."""
        table = self.table
        claim = table.get(claim_id)
        return claim, table.checks(claim.id), table.events(claim.id)

    def events(self, *, since: str | None = None, after_id: int = 0,
               limit: int = 1000) -> list[dict[str, Any]]:
        """Events of every watched claim, oldest first: at or after ``since`` (an ISO date
        or time, any offset; without one, UTC) and with an id above ``after_id``."""
        from .core.clock import to_utc

        try:
            start = None if since is None else to_utc(since)
        except ValueError:
            raise InvalidQueryError(f"since must be an ISO 8601 date or time, not {since[:40]!r}") from None
        return self.table.events(since=start, after_id=after_id, limit=limit)

    # -- one check --------------------------------------------------------------------
    def _check_one(self, claim: WatchedClaim) -> ClaimUpdate:
        table, corpus = self.table, self.corpus
        top = corpus.store.max_rowid()
        before = table.last_state(claim.id)
        if before is not None and claim.checked_rowid >= top:
            return ClaimUpdate(claim)
        fresh = self._fresh(claim.claim, claim.checked_rowid)
        if before is not None and not fresh:
            table.advance(claim.id, top)
            return ClaimUpdate(table.get(claim.id))
        report, new = corpus.verifier().update(claim.claim, fresh, self._known(claim.id),
                                               mapper=corpus.mapper)
        from .verify.verdict import RELATED
        from .verify.watched import claim_events, claim_state

        state = claim_state(report)
        events = claim_events(before, state, report)
        kept = [(doc.doc_id, score, j.stance, j.to_json()) for doc, score, j in new
                if j.stance in RELATED]
        check_id, _ = table.save_check(claim.id, top, kept, report.verdict, report.confidence,
                                       state, events, len(fresh))
        return ClaimUpdate(table.get(claim.id), len(fresh), check_id, report,
                           tuple(table.events(claim.id, check_id=check_id)))

    def _fresh(self, claim: str, mark: int) -> list[tuple[str, float]]:
        """The best matches of ``claim`` among documents stored after ``mark``."""
        try:
            ranked = self.corpus.rank(claim, RECHECK_DEPTH)
        except InvalidQueryError:
            return []
        if not ranked:
            return []
        newer = {row[0] for row in self.corpus.store.query_in(
            f"SELECT doc_id FROM documents WHERE rowid > {int(mark)} AND doc_id IN ({{marks}})",
            [d for d, _ in ranked])}
        return [(d, s) for d, s in ranked if d in newer][:self.k]

    def _known(self, claim_id: int) -> list[tuple[Document, float, Judgement]]:
        kept = self.table.evidence(claim_id)
        docs = self.corpus.documents([d for d, _, _ in kept])
        return [(docs[d], score, Judgement.from_json(j)) for d, score, j in kept if d in docs]


def clean_claim(claim: str | None) -> str:
    """A claim to watch, its whitespace squeezed; refused when empty or too long."""
    from .text.display import valid_unicode

    text = " ".join(valid_unicode(claim or "").split())
    if not text:
        raise InvalidQueryError("the claim is empty: give the claim to watch")
    if len(text) > MAX_WATCHED_CHARS:
        raise InvalidQueryError(f"the claim is {len(text)} characters long; a watched claim is at "
                                f"most {MAX_WATCHED_CHARS}: watch its central statement")
    return text
