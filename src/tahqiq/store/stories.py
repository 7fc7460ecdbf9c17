"""Stories in the store: each document's story, each story's span, and the mark of
the last document assigned.

The ``meta`` entry ``stories_rowid`` records the highest rowid assigned; it is
written in the same transaction as the assignments, like the reuse links' mark.
Times are hours since 1970 (UTC), as :func:`tahqiq.stories.vectors.time_hours`
gives them; a document with no date has none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from ..core.errors import StoreError
from ..core.types import StoryAssignment

if TYPE_CHECKING:  # pragma: no cover
    from .sqlite import Store

ASSIGNED_KEY = "stories_rowid"


class StaleStoriesError(StoreError):
    """Another process assigned documents to stories since this one read its state."""


class StoryRow(NamedTuple):
    """One story as stored."""

    id: int
    first_doc: int
    size: int
    first_time: float | None
    last_time: float | None


class MemberRow(NamedTuple):
    """One article of a story, with what its timeline shows."""

    rowid: int
    doc_id: str
    title: str | None
    source: str | None
    published: str | None
    added_at: str
    score: float
    time: float | None


class StoryTable:
    """The stories of one :class:`~tahqiq.store.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    # -- the mark and the rows to assign ----------------------------------------------
    def assigned_rowid(self) -> int:
        """The highest rowid assigned to a story (0: none)."""
        value = self.store.get_meta(ASSIGNED_KEY)
        return int(value) if value else 0

    def pending(self) -> int:
        """Documents stored but not yet assigned."""
        return max(0, self.store.max_rowid() - self.assigned_rowid())

    def iter_rows(self, after: int, batch: int) -> Iterator[list[tuple[int, str, str | None, str | None]]]:
        """``(rowid, search_text, title, published)`` of documents after ``after``, in
        rowid order, a batch at a time."""
        while True:
            rows = self.store.query(
                "SELECT rowid, search_text, title, published FROM documents WHERE rowid > ?"
                " ORDER BY rowid LIMIT ?", (after, batch))
            if not rows:
                return
            yield [(int(r[0]), r[1], r[2], r[3]) for r in rows]
            after = int(rows[-1][0])

    # -- writing ----------------------------------------------------------------------
    def save(self, assignments: Sequence[StoryAssignment], times: Mapping[int, float | None],
             upto: int, expected: int) -> None:
        """Store assignments (with each document's time) and advance the mark from
        ``expected`` to ``upto``, in one transaction.  Raises :class:`StaleStoriesError`,
        writing nothing, when the mark is not ``expected``: another process assigned
        documents since this one read its state."""
        spans: dict[int, list] = {}
        for a in assignments:
            when = times.get(a.rowid)
            span = spans.setdefault(a.story, [a.rowid, 0, when, when])
            span[0], span[1] = min(span[0], a.rowid), span[1] + 1
            if when is not None:
                span[2] = when if span[2] is None else min(span[2], when)
                span[3] = when if span[3] is None else max(span[3], when)
        with self.store.write() as conn:
            found = conn.execute("SELECT value FROM meta WHERE key = ?", (ASSIGNED_KEY,)).fetchone()
            if int(found[0] if found and found[0] else 0) != expected:
                raise StaleStoriesError("stories were assigned by another process meanwhile")
            conn.executemany(
                "INSERT OR REPLACE INTO story_members (doc, story, score, time) VALUES (?, ?, ?, ?)",
                [(a.rowid, a.story, a.score, times.get(a.rowid)) for a in assignments])
            conn.executemany(
                "INSERT INTO stories (id, first_doc, size, first_time, last_time)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET"
                " first_doc = min(first_doc, excluded.first_doc), size = size + excluded.size,"
                " first_time = coalesce(min(first_time, excluded.first_time), first_time,"
                " excluded.first_time),"
                " last_time = coalesce(max(last_time, excluded.last_time), last_time,"
                " excluded.last_time)",
                [(sid, *span) for sid, span in spans.items()])
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                         (ASSIGNED_KEY, str(upto)))

    def clear(self) -> None:
        """Delete every story and reset the mark (before a replay)."""
        with self.store.write() as conn:
            conn.execute("DELETE FROM story_members")
            conn.execute("DELETE FROM stories")
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '0')", (ASSIGNED_KEY,))

    # -- reading ----------------------------------------------------------------------
    def count(self) -> int:
        """Stories stored."""
        return int(self.store.query("SELECT count(*) FROM stories")[0][0])

    def newest_time(self) -> float | None:
        """The latest article time of any story (the stream's clock)."""
        value = self.store.query("SELECT max(last_time) FROM stories")[0][0]
        return None if value is None else float(value)

    def stories(self, since: float | None = None, limit: int = 20, offset: int = 0,
                min_size: int = 1) -> list[StoryRow]:
        """Stories by their latest article, newest first (undated stories last); with
        ``since``, only those with an article dated at or after it."""
        where = "size >= ?" + (" AND last_time >= ?" if since is not None else "")
        params = (min_size, since) if since is not None else (min_size,)
        rows = self.store.query(
            f"SELECT id, first_doc, size, first_time, last_time FROM stories WHERE {where}"
            " ORDER BY last_time IS NULL, last_time DESC, size DESC, id LIMIT ? OFFSET ?",
            (*params, limit, offset))
        return [StoryRow(*r) for r in rows]

    def get(self, story: int) -> StoryRow | None:
        """One story, or ``None``."""
        rows = self.store.query(
            "SELECT id, first_doc, size, first_time, last_time FROM stories WHERE id = ?", (story,))
        return StoryRow(*rows[0]) if rows else None

    def members(self, story: int, limit: int | None = None) -> list[MemberRow]:
        """A story's articles by time (undated last), then arrival; at most ``limit``."""
        rows = self.store.query(
            "SELECT d.rowid, d.doc_id, d.title, d.source, d.published, d.added_at, m.score, m.time"
            " FROM story_members AS m JOIN documents AS d ON d.rowid = m.doc WHERE m.story = ?"
            " ORDER BY m.time IS NULL, m.time, d.rowid LIMIT ?", (story, -1 if limit is None else limit))
        return [MemberRow(*r) for r in rows]

    def counts(self, story: int, at: float | None, window: float) -> tuple[int, int, int]:
        """Articles of a story dated in the window ending at ``at``, in the window before
        it, and with no date: ``(recent, before, undated)`` (no window without ``at``)."""
        edge = float("-inf") if at is None else at
        rows = self.store.query(
            "SELECT coalesce(sum(time > ? AND time <= ?), 0), coalesce(sum(time > ? AND time <= ?), 0),"
            " coalesce(sum(time IS NULL), 0) FROM story_members WHERE story = ?",
            (edge - window, edge, edge - 2 * window, edge - window, story))
        recent, before, undated = rows[0]
        return int(recent), int(before), int(undated)
