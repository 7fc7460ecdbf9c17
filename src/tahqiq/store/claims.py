"""Watched claims in the store: the claims, their evidence, their checks and events.

- ``watched_claims``: the claim text and ``checked_rowid``, the last document a
  check has seen (the next check looks only at documents after it);
- ``claim_evidence``: each related article's judgement, kept so a later check judges
  new articles only;
- ``claim_checks``: one row per check that judged new articles, with the verdict and
  the comparable state (:func:`tahqiq.verify.watched.claim_state`);
- ``claim_events``: what a check raised (:func:`tahqiq.verify.watched.claim_events`).

A check's evidence, check row, events and new mark are written in one transaction.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..core.clock import utc_now
from ..core.errors import NotFoundError

if TYPE_CHECKING:  # pragma: no cover
    from .sqlite import Store


@dataclass(frozen=True, slots=True)
class WatchedClaim:
    """One watched claim, with its last check's verdict if it has one."""

    id: int
    claim: str
    added_at: str
    checked_rowid: int
    active: bool = True
    verdict: str | None = None
    confidence: float | None = None
    checked_at: str | None = None
    checks: int = 0

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {f: getattr(self, f) for f in self.__slots__}


@dataclass(frozen=True, slots=True)
class ClaimCheck:
    """One check of a watched claim that judged new articles."""

    id: int
    claim: int
    at: str
    upto_rowid: int
    new_articles: int
    verdict: str
    confidence: float
    state: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict."""
        return {f: getattr(self, f) for f in self.__slots__}


_CLAIMS = ("SELECT w.id, w.claim, w.added_at, w.checked_rowid, w.active, c.verdict, c.confidence,"
           " c.at, (SELECT count(*) FROM claim_checks AS k WHERE k.claim = w.id)"
           " FROM watched_claims AS w LEFT JOIN claim_checks AS c ON c.id ="
           " (SELECT max(id) FROM claim_checks WHERE claim = w.id)")


class ClaimTable:
    """The watched claims of one :class:`~tahqiq.store.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, claim: str) -> tuple[WatchedClaim, bool]:
        """Watch ``claim`` (already cleaned); returns it and whether it is new."""
        with self.store.write() as conn:
            cur = conn.execute("INSERT OR IGNORE INTO watched_claims (claim, added_at) VALUES (?, ?)",
                               (claim, utc_now()))
            added = cur.rowcount == 1
        rows = self.store.query(_CLAIMS + " WHERE w.claim = ?", (claim,))
        return _claim(rows[0]), added

    def get(self, claim_id: int) -> WatchedClaim:
        """One watched claim (:class:`NotFoundError` if none)."""
        rows = self.store.query(_CLAIMS + " WHERE w.id = ?", (int(claim_id),))
        if not rows:
            raise NotFoundError(f"no watched claim {claim_id} (see `tahqiq claims list`)")
        return _claim(rows[0])

    def all(self, active_only: bool = False) -> list[WatchedClaim]:
        """Every watched claim, by id."""
        where = " WHERE w.active = 1" if active_only else ""
        return [_claim(r) for r in self.store.query(_CLAIMS + where + " ORDER BY w.id")]

    def remove(self, claim_id: int) -> WatchedClaim:
        """Stop watching a claim; its history goes with it."""
        claim = self.get(claim_id)
        with self.store.write() as conn:
            for table in ("claim_events", "claim_checks", "claim_evidence"):
                conn.execute(f"DELETE FROM {table} WHERE claim = ?", (claim.id,))
            conn.execute("DELETE FROM watched_claims WHERE id = ?", (claim.id,))
        return claim

    def evidence(self, claim_id: int) -> list[tuple[str, float, dict[str, Any]]]:
        """``(doc_id, retrieval score, judgement JSON)`` of the claim's kept evidence."""
        rows = self.store.query(
            "SELECT d.doc_id, e.score, e.judgement FROM claim_evidence AS e"
            " JOIN documents AS d ON d.rowid = e.doc WHERE e.claim = ? ORDER BY e.doc", (claim_id,))
        return [(r[0], float(r[1]), json.loads(r[2])) for r in rows]

    def last_state(self, claim_id: int) -> dict[str, Any] | None:
        """The state of the claim's last check, or ``None`` before its first."""
        rows = self.store.query("SELECT state FROM claim_checks WHERE claim = ? ORDER BY id DESC"
                                " LIMIT 1", (claim_id,))
        return json.loads(rows[0][0]) if rows else None

    def advance(self, claim_id: int, upto: int) -> None:
        """Move the claim's mark without a check (no new article spoke to it)."""
        with self.store.write() as conn:
            conn.execute("UPDATE watched_claims SET checked_rowid = max(checked_rowid, ?)"
                         " WHERE id = ?", (upto, claim_id))

    def save_check(self, claim_id: int, upto: int, evidence: Sequence[tuple[str, float, str, dict]],
                   verdict: str, confidence: float, state: dict[str, Any],
                   events: Sequence[dict[str, Any]], new_articles: int) -> tuple[int, str]:
        """Keep a check: new evidence ``(doc_id, score, stance, judgement JSON)``, the
        check row, its events and the new mark, in one transaction.  Returns the check's
        id and time."""
        at = utc_now()
        with self.store.write() as conn:
            rowids = dict(conn.execute(
                f"SELECT doc_id, rowid FROM documents WHERE doc_id IN ({','.join('?' * len(evidence))})",
                [e[0] for e in evidence]).fetchall()) if evidence else {}
            conn.executemany(
                "INSERT OR REPLACE INTO claim_evidence (claim, doc, score, stance, judgement, judged_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(claim_id, rowids[d], score, stance, json.dumps(j, ensure_ascii=False), at)
                 for d, score, stance, j in evidence if d in rowids])
            cur = conn.execute(
                "INSERT INTO claim_checks (claim, at, upto_rowid, new_articles, verdict, confidence,"
                " state) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (claim_id, at, upto, new_articles, verdict, confidence,
                 json.dumps(state, ensure_ascii=False)))
            check_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO claim_events (claim, check_id, at, kind, event) VALUES (?, ?, ?, ?, ?)",
                [(claim_id, check_id, at, e["kind"], json.dumps(e, ensure_ascii=False))
                 for e in events])
            conn.execute("UPDATE watched_claims SET checked_rowid = max(checked_rowid, ?)"
                         " WHERE id = ?", (upto, claim_id))
        return check_id, at

    def checks(self, claim_id: int) -> list[ClaimCheck]:
        """Every check of a claim that judged new articles, oldest first."""
        rows = self.store.query(
            "SELECT id, claim, at, upto_rowid, new_articles, verdict, confidence, state"
            " FROM claim_checks WHERE claim = ? ORDER BY id", (claim_id,))
        return [ClaimCheck(*r[:7], json.loads(r[7])) for r in rows]

    def events(self, claim_id: int | None = None, since: str | None = None,
               after_id: int = 0, limit: int = 1000, check_id: int | None = None
               ) -> list[dict[str, Any]]:
        """Events, oldest first: of one claim or all (or of one check), at or after
        ``since`` (ISO time), with an id above ``after_id``."""
        where, params = ["e.id > ?"], [after_id]
        if check_id is not None:
            where.append("e.check_id = ?")
            params.append(check_id)
        if claim_id is not None:
            where.append("e.claim = ?")
            params.append(claim_id)
        if since is not None:
            where.append("e.at >= ?")
            params.append(since)
        rows = self.store.query(
            "SELECT e.id, e.claim, w.claim, e.check_id, e.at, e.event FROM claim_events AS e"
            " JOIN watched_claims AS w ON w.id = e.claim WHERE " + " AND ".join(where)
            + " ORDER BY e.id LIMIT ?", (*params, limit))
        return [{"id": r[0], "claim_id": r[1], "claim": r[2], "check": r[3], "at": r[4],
                 **json.loads(r[5])} for r in rows]


def _claim(row: Any) -> WatchedClaim:
    return WatchedClaim(int(row[0]), row[1], row[2], int(row[3]), bool(row[4]), row[5],
                        None if row[6] is None else float(row[6]), row[7], int(row[8]))
