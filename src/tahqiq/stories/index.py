"""The story clusterer's state beside the database, kept in step with the store.

Layout of ``<db>.stories/``::

    manifest.json   the one artifact manifest: format, normalizer and data versions,
                    the pinned ``stories`` tables, the clusterer's parameters, the
                    rowid the state covers, sha256 of state.json
    state.json      the clusterer's state (:meth:`StoryClusterer.to_json`): document
                    frequencies, active stories, the stream clock

The store is the source of truth: each document's story is saved there with the
mark of the last assigned document, then the state is saved here.  When the two
disagree (a crash between them), or the manifest does not match this code's
format, normalizer, tables or parameters, the stories are assigned again from the
first document: clustering is deterministic, so a replay gives the same stories.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..core.errors import IndexMismatchError
from ..core.files import atomic_path
from ..core.manifest import MANIFEST, ArtifactManifest, read_manifest, write_manifest
from ..core.parallel import Mapper, as_mapper
from ..store.stories import StaleStoriesError, StoryTable
from .cluster import StoryClusterer, StoryParams
from .vectors import VectorParams, vector_batch

log = logging.getLogger(__name__)

KIND = "tahqiq.stories"
FORMAT = 1
STAGES = ("stories",)
STATE = "state.json"
#: Documents read from the store and assigned per transaction.
SYNC_BATCH = 2000

Progress = Callable[[int, int], None]


class StoryIndex:
    """Assigns stored documents to stories, in rowid order, and keeps the state."""

    def __init__(self, path: Path, store: Any, normalizer_version: str,
                 params: StoryParams | None = None, workers: int | Mapper = 1) -> None:
        self.path = Path(path)
        self.table = StoryTable(store)
        self.params = params or StoryParams.from_table()
        self.vector_params = VectorParams.from_table()
        #: Where vectors are computed: forked processes (an int) or a cluster; the
        #: assignment itself runs here, one article at a time, in rowid order.
        self.mapper = as_mapper(max(1, workers) if isinstance(workers, int) else workers)
        self.manifest = ArtifactManifest.new(
            KIND, FORMAT, normalizer_version, stages=STAGES,
            params={**self.params.to_json(), **_vector_json(self.vector_params)},
            state={"rowid": 0})
        self.clusterer = StoryClusterer(self.params)

    @classmethod
    def open(cls, path: Path, store: Any, normalizer_version: str,
             params: StoryParams | None = None, workers: int | Mapper = 1) -> StoryIndex:
        """Open (or create) the state; start again from the first document when it does
        not match the store or this code."""
        index = cls(path, store, normalizer_version, params, workers)
        index._reload(quiet=not (index.path / MANIFEST).exists() and not index.table.assigned_rowid())
        return index

    def _load(self) -> None:
        found = read_manifest(self.path, IndexMismatchError, "story state")
        wanted = self.manifest
        found.check(IndexMismatchError, kind=KIND, format_version=FORMAT,
                    normalizer_version=wanted.normalizer_version, stages=STAGES, what="story state")
        if dict(found.params) != dict(wanted.params):
            raise IndexMismatchError("the story state was built with other parameters")
        if int(found.state.get("rowid", -1)) != self.table.assigned_rowid():
            raise IndexMismatchError("the story state and the store disagree on the last document")
        found.check_files(self.path, IndexMismatchError, "story state")
        try:
            data = json.loads((self.path / STATE).read_text(encoding="utf-8"))
            self.clusterer = StoryClusterer.from_json(data, self.params)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexMismatchError(f"the story state is unreadable: {exc}") from None
        self.manifest = found

    def _reset(self) -> None:
        self.table.clear()
        shutil.rmtree(self.path, ignore_errors=True)
        self.clusterer = StoryClusterer(self.params)
        self.manifest = replace(self.manifest, files={}).evolve(rowid=0)
        self.save(0)

    # -- keeping up -------------------------------------------------------------------
    def pending(self) -> int:
        """Documents stored but not yet in a story."""
        return self.table.pending()

    def sync(self, progress: Progress | None = None) -> int:
        """Assign every document stored since the last sync; returns how many.

        When another process assigned documents since this state was read (a server
        and ``tahqiq watch`` on one desk), its saved state is read first; a batch that
        loses that race is dropped and the state read again, once.
        """
        try:
            return self._sync(progress)
        except StaleStoriesError:
            self._reload()
            return self._sync(progress)

    def _sync(self, progress: Progress | None) -> int:
        mark = self.table.assigned_rowid()
        if mark != int(self.manifest.state.get("rowid", 0)):
            self._reload()
            mark = int(self.manifest.state.get("rowid", 0))
        total, done = self.pending(), 0
        if not total:
            return 0
        # A failure midway leaves the state file behind the store: the next open then
        # assigns from the start, which gives the same stories.
        for rows in self.table.iter_rows(mark, SYNC_BATCH):
            vectors = self.mapper.map(vector_batch, rows, self.vector_params, min_items=512)
            assigned = [self.clusterer.assign(v) for v in vectors]
            self.table.save(assigned, {v.rowid: v.time for v in vectors}, rows[-1][0], mark)
            mark = rows[-1][0]
            done += len(rows)
            if progress:
                progress(done, total)
        self.save(mark)
        return done

    def _reload(self, quiet: bool = False) -> None:
        """Read the saved state (another process's, after a race); start again from the
        first document when it does not match the store or this code (saying so unless
        ``quiet``: a desk that never had stories)."""
        try:
            self._load()
        except IndexMismatchError as exc:
            if not quiet:
                log.warning("assigning stories again from the start: %s", exc)
            self._reset()

    def save(self, rowid: int) -> None:
        """Write the state, covering documents up to ``rowid``, then the manifest naming it."""
        self.path.mkdir(parents=True, exist_ok=True)
        with atomic_path(self.path / STATE) as tmp:
            tmp.write_text(json.dumps(self.clusterer.to_json(), ensure_ascii=False,
                                      separators=(",", ":")), encoding="utf-8")
        manifest = self.manifest.with_files(self.path, [STATE]).evolve(
            rowid=rowid, active=len(self.clusterer.stories),
            docs=self.clusterer.docs)
        self.manifest = write_manifest(self.path, manifest)


def _vector_json(params: VectorParams) -> dict[str, int]:
    return {"max_tokens": params.max_tokens, "lead_tokens": params.lead_tokens}
