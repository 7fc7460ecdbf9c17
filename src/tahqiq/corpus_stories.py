"""A corpus's stories: articles grouped as they arrive, listed with their growth.

:class:`CorpusStories` is mixed into :class:`tahqiq.corpus.Corpus`.  New documents
are put into stories after each ingest (with linking); :meth:`CorpusStories.stories`
lists them with what a desk asks first: how big, which outlets, who reported first,
how many independent reports once copies are counted once, and whether the story
is growing fast now.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from .core.errors import NotFoundError
from .core.types import Story, StoryArticle, StorySummary

if TYPE_CHECKING:  # pragma: no cover
    from .core.config import Settings
    from .core.parallel import Mapper
    from .core.types import Document, ReuseLink
    from .store.sqlite import Store
    from .store.stories import MemberRow, StoryRow, StoryTable
    from .stories.index import StoryIndex

#: Most articles of one story read to count its units and outlets; a bigger story is
#: summarised from its first ones (``StorySummary.size`` still counts every article).
MAX_SUMMARISED = 10_000
#: Most articles a timeline shows unless asked for more.
TIMELINE_LIMIT = 200


class CorpusStories:
    """Stories of a corpus (a mixin of ``Corpus``)."""

    readonly: bool
    settings: Settings
    _stories: Any
    _mapper: Mapper | None

    if TYPE_CHECKING:  # provided by Corpus
        @property
        def store(self) -> Store: ...
        def links_among(self, doc_ids: Sequence[str]) -> list[ReuseLink]: ...
        def documents(self, doc_ids: Sequence[str]) -> dict[str, Document]: ...

    @property
    def story_table(self) -> StoryTable:
        """The stories as stored (no assignment happens here)."""
        from .store.stories import StoryTable

        return StoryTable(self.store)

    @property
    def story_index(self) -> StoryIndex:
        """The story clusterer beside the database (opened on first use; opening does
        not assign new documents, :meth:`assign_stories` does)."""
        if self._stories is None:
            from .core.parallel import default_workers
            from .stories.index import StoryIndex
            from .text import NORMALIZER_VERSION

            self._stories = StoryIndex.open(
                self.settings.stories_path, self.store, NORMALIZER_VERSION,
                workers=self._mapper or self.settings.workers or default_workers())
        return self._stories

    def pending_stories(self) -> int:
        """Documents stored but not yet put into a story."""
        return self.story_table.pending()

    def assign_stories(self, *, progress: Any = None) -> int:
        """Put every document stored since the last call into a story; returns how many
        (0 for a read-only corpus)."""
        if self.readonly or self.pending_stories() == 0:
            return 0
        return self.story_index.sync(progress)

    # -- reading ----------------------------------------------------------------------
    def stories(self, *, since_hours: float | None = None, at: float | None = None,
                limit: int = 20, offset: int = 0, min_size: int = 1) -> tuple[float | None, list[StorySummary]]:
        """The stories by latest article, newest first, after assigning new documents.

        ``at`` is the time the listing is made for, in hours since 1970 (default: the
        newest article's time, the stream's clock, so a replayed stream lists the same);
        ``since_hours`` keeps stories with an article dated within that many hours
        before it.  Returns ``(at, summaries)``.
        """
        self.assign_stories()
        table = self.story_table
        at = table.newest_time() if at is None else at
        since = None if since_hours is None or at is None else at - since_hours
        rows = table.stories(since, limit, offset, min_size)
        return at, [self._summary(row, at, *self._read(row)) for row in rows]

    def story(self, story_id: int, *, limit: int = TIMELINE_LIMIT, at: float | None = None) -> Story:
        """One story with its timeline (at most ``limit`` articles)."""
        self.assign_stories()
        table = self.story_table
        row = table.get(int(story_id))
        if row is None:
            raise NotFoundError(f"no story {story_id}")
        at = table.newest_time() if at is None else at
        members, units, copies = self._read(row)
        articles = tuple(_article(m, units, copies) for m in members[:max(1, limit)])
        return Story(self._summary(row, at, members, units, copies), articles,
                     max(0, row.size - len(articles)))

    def _read(self, row: StoryRow) -> tuple[list[MemberRow], dict[str, int], dict[str, str]]:
        """A story's articles in timeline order (at most :data:`MAX_SUMMARISED`), each
        one's unit, and the report each copy repeats."""
        members = self.story_table.members(row.id, MAX_SUMMARISED)
        return (members, *self._units([m.doc_id for m in members]))

    def _summary(self, row: StoryRow, at: float | None, members: Sequence[MemberRow],
                 units: dict[str, int], copies: dict[str, str]) -> StorySummary:
        from .stories.vectors import hours_to_iso, stories_table

        table = self.story_table
        first = _article(members[0], units, copies) if members else None
        rule = stories_table()["breaking"]
        window = float(rule["window_hours"])
        recent, before, undated = table.counts(row.id, at, window)
        breaking = recent >= int(rule["min_recent"]) and recent >= float(rule["ratio"]) * max(before, 1)
        outlets = tuple(sorted({m.source for m in members if m.source}))
        return StorySummary(
            id=row.id, title=self._title(members), size=row.size, outlets=outlets, first=first,
            first_time=hours_to_iso(row.first_time), last_time=hours_to_iso(row.last_time),
            units=len(set(units.values())), copies=len(copies), recent=recent, before=before,
            breaking=breaking, undated=undated)

    def _title(self, members: Sequence[MemberRow]) -> str | None:
        """The first report's title, else the start of its text."""
        if not members:
            return None
        for m in members[:5]:
            if m.title:
                return m.title
        doc = self.documents([members[0].doc_id]).get(members[0].doc_id)
        if doc is None:
            return None
        start = " ".join(doc.text.split())[:120]
        return start.rsplit(" ", 1)[0] + " …" if len(start) == 120 else start

    def _units(self, doc_ids: Sequence[str]) -> tuple[dict[str, int], dict[str, str]]:
        """Each article's unit (articles linked as copies share one, numbered from 1 in
        timeline order) and, for each article after the first of its unit, that first
        article: the report it repeats."""
        parent = {d: d for d in doc_ids}

        def find(d: str) -> str:
            while parent[d] != d:
                parent[d] = parent[parent[d]]
                d = parent[d]
            return d

        for link in self.links_among(doc_ids):
            a, b = find(link.a), find(link.b)
            if a != b:
                parent[b] = a
        numbers: dict[str, int] = {}
        heads: dict[str, str] = {}
        units, copies = {}, {}
        for d in doc_ids:  # timeline order: a unit's first article is its head
            root = find(d)
            units[d] = numbers.setdefault(root, len(numbers) + 1)
            head = heads.setdefault(root, d)
            if head != d:
                copies[d] = head
        return units, copies


def _article(member: MemberRow, units: dict[str, int], copies: dict[str, str]) -> StoryArticle:
    return StoryArticle(member.doc_id, member.title, member.source, member.published,
                        member.added_at, units.get(member.doc_id, 0), copies.get(member.doc_id),
                        round(member.score, 4))
