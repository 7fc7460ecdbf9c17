"""The reuse index beside the database: LSH segments on disk, links in the store.

Layout of ``<db>.reuse/``::

    manifest.json             format, normalizer version, parameters, segments + sha256
    seg-000001.keys.npy ...   one set of .npy arrays per segment (no pickle)
    df-<id>.ids.npy ...       token document frequencies (the details path only)

The store is the source of truth, as for the search index.  Links are saved
in the store together with the rowid of the last linked document; segments
are saved after.  On open, documents linked but missing from the segments
(a crash between the two) are sketched again, and documents not yet linked
are linked: :meth:`ReuseIndex.sync`.  A manifest that does not match (format,
normalizer, parameters, checksums, or documents the store does not hold)
makes the index rebuild from the store, links included.
"""

from __future__ import annotations

import json
import logging
import shutil
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import IndexMismatchError
from ..core.files import atomic_path, sha256_files
from ..core.parallel import Mapper, as_mapper
from ..store import links as stored
from .attrib.lexicon import tables_version
from .batch import (
    SideTable,
    candidate_pairs,
    every_pair_limit,
    link_pairs,
    new_table,
    sketch_batch,
    sketch_rows,
)
from .details_sketch import TokenDf, with_corpus
from .lsh import LshTable, Segment
from .reuse import REUSE_FORMAT, Cites, ReuseParams, body_ids

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
#: Documents linked per store round trip (and per fork of the worker pool).
SYNC_BATCH = 2000
#: Segments kept before they are merged into one.
MAX_SEGMENTS = 8

Progress = Callable[[int, int], None]


@dataclass(slots=True)
class ReuseManifest:
    """What a reuse index directory holds."""

    format_version: int
    normalizer_version: str
    params: dict[str, Any]
    segments: list[dict[str, Any]] = field(default_factory=list)
    updated_at: str = ""
    #: The attribution tables the links' directions were read with (``tables_version()``:
    #: a cited outlet decides which article copied which).
    sources_tables: str = ""
    #: The token document frequencies of the details path (name, documents, last_doc,
    #: sha256); empty when it is off.
    token_df: dict[str, Any] = field(default_factory=dict)

    @property
    def covered_rowid(self) -> int:
        """Highest document rowid in the segments (0: none)."""
        return max((int(s["last_doc"]) for s in self.segments), default=0)


class ReuseIndex:
    """Keeps reuse links up to date with a :class:`~tahqiq.store.Store`."""

    def __init__(self, path: Path, store: Any, normalizer_version: str,
                 params: ReuseParams | None = None, cites: Cites | None = None,
                 workers: int | Mapper = 1) -> None:
        self.path = Path(path)
        self.store = store
        self.params = params or ReuseParams()
        self.cites = cites
        #: Where batches are sketched and aligned: forked processes for large
        #: batches (an int), or a cluster (:mod:`tahqiq.scale`).  Candidate
        #: lookups stay in this process, beside the LSH table.
        self.mapper = as_mapper(max(1, workers) if isinstance(workers, int) else workers)
        self.manifest = ReuseManifest(REUSE_FORMAT, normalizer_version, self.params.to_json(),
                                      sources_tables=tables_version())
        self.table: LshTable = new_table(self.params)
        self._entries: dict[int, dict[str, Any]] = {}  # id(segment) -> its manifest entry
        self._ids: OrderedDict[int, np.ndarray] = OrderedDict()
        #: How many documents hold each token (rarity of the details path).
        self.token_df = TokenDf()
        self._df_entry: dict[str, Any] = {}

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, store: Any, normalizer_version: str,
             params: ReuseParams | None = None, cites: Cites | None = None,
             workers: int | Mapper = 1) -> ReuseIndex:
        """Open (or create) the index; rebuild it from the store when it does not match."""
        index = cls(path, store, normalizer_version, params, cites, workers)
        if not (index.path / MANIFEST).is_file():
            index._reset(clear_links=stored.linked_rowid(store) > 0)
            return index
        try:
            index._load()
        except IndexMismatchError as exc:
            log.warning("rebuilding the reuse index %s: %s", index.path, exc)
            index._reset(clear_links=True)
        return index

    def _load(self) -> None:
        try:
            data = json.loads((self.path / MANIFEST).read_text(encoding="utf-8"))
            found = ReuseManifest(**data)
        except (OSError, ValueError, TypeError) as exc:
            raise IndexMismatchError(f"{self.path / MANIFEST} is unreadable: {exc}") from exc
        wanted = self.manifest
        for key in ("format_version", "normalizer_version", "params", "sources_tables"):
            if getattr(found, key) != getattr(wanted, key):
                raise IndexMismatchError(f"reuse index {key} differs from this tahqiq's")
        if found.covered_rowid > max(self.store.max_rowid(), stored.linked_rowid(self.store)):
            raise IndexMismatchError("the reuse index holds documents the store does not")
        segments = [_read_segment(self.path, entry) for entry in found.segments]
        if self.params.details is not None:
            self.token_df = _read_df(self.path, found.token_df, found.covered_rowid)
            self._df_entry = found.token_df
        self.manifest.segments = found.segments
        self.manifest.token_df = found.token_df
        self.table = new_table(self.params, segments)
        self._entries = {id(seg): entry for seg, entry in zip(segments, found.segments, strict=True)}

    def _reset(self, clear_links: bool) -> None:
        if clear_links:
            stored.clear_links(self.store)
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True, exist_ok=True)
        self.manifest.segments = []
        self.manifest.token_df = {}
        self.table = new_table(self.params)
        self._entries = {}
        self.token_df, self._df_entry = TokenDf(), {}
        self._write_manifest()

    # -- keeping up ------------------------------------------------------------------
    def pending(self) -> int:
        """Documents stored but not yet linked."""
        return stored.pending_count(self.store)

    def sync(self, progress: Progress | None = None) -> int:
        """Link every document stored since the last sync; return how many were linked."""
        linked = stored.linked_rowid(self.store)
        self._catch_up(linked)
        total, done = self.pending(), 0
        batch: list[tuple] = []
        for row in stored.iter_link_rows(self.store, linked, SYNC_BATCH):
            batch.append(row)
            if len(batch) >= SYNC_BATCH:
                done += self._link_batch(batch)
                batch = []
                if progress:
                    progress(done, total)
        if batch:
            done += self._link_batch(batch)
            if progress:
                progress(done, total)
        if done:
            self.save()
        return done

    def rebuild(self, progress: Progress | None = None) -> int:
        """Drop every link and segment, then link the whole store again."""
        self._reset(clear_links=True)
        return self.sync(progress)

    def _catch_up(self, linked: int) -> None:
        """Sketch documents already linked but missing from the segments (after a crash)."""
        covered = max((int(s.sig_docs.max()) for s in self.table.segments if s.doc_count),
                      default=0)
        if covered >= linked:
            return
        rows = [r for r in stored.iter_link_rows(self.store, covered, SYNC_BATCH) if r[0] <= linked]
        ids = [(r[0], body_ids(r[5])) for r in rows]
        params = self._count_tokens([i for _, i in ids])
        self.table.add(sketch_batch(ids, params), MAX_SEGMENTS)

    def _count_tokens(self, docs: list[np.ndarray]) -> ReuseParams:
        """Count ``docs`` in the token df; the parameters to sketch and link them with."""
        if self.params.details is None:
            return self.params
        self.token_df.add(docs)
        self._df_entry = {}
        return replace(self.params, details=with_corpus(self.params.details, self.token_df))

    def _link_batch(self, rows: list[tuple]) -> int:
        mapper = self.mapper
        ids = [(r[0], self._remember(r[0], body_ids(r[5]))) for r in rows] \
            if not mapper.distributed or self.params.details is not None else []
        params = self._count_tokens([i for _, i in ids])
        if mapper.distributed:  # workers sketch; the table stays here
            sketches = mapper.map(sketch_rows, [(r[0], r[5]) for r in rows], params)
        else:
            sketches = sketch_batch(ids, params)
        pairs, window_df = candidate_pairs(
            sketches, self.table, 1 if mapper.distributed else mapper.workers,
            every_pair_below=every_pair_limit(params))
        sides = {r[0]: r for r in rows}
        missing = {x for a, b, _ in pairs for x in (a, b) if x not in sides}
        sides.update({rowid: (rowid, *row) for rowid, row in
                      stored.rows_by_rowid(self.store, missing).items()})
        side = SideTable(sides, None if mapper.distributed else self._remembered)
        found = link_pairs(pairs, side, params, self.cites, window_df, mapper)
        stored.save_links(self.store, found, max(r[0] for r in rows))
        self.table.add(sketches, MAX_SEGMENTS)
        return len(rows)

    def _remembered(self, rowid: int, search_text: str) -> np.ndarray:
        return self._remember(rowid, None, search_text)

    def _remember(self, rowid: int, ids: np.ndarray | None, search_text: str = "") -> np.ndarray:
        """Term ids of a document, kept for the next few thousand lookups."""
        if rowid in self._ids:
            self._ids.move_to_end(rowid)
            return self._ids[rowid]
        value = ids if ids is not None else body_ids(search_text)
        self._ids[rowid] = value
        if len(self._ids) > 4096:
            self._ids.popitem(last=False)
        return value

    # -- saving ----------------------------------------------------------------------
    def save(self) -> None:
        """Write the segments not yet on disk, then the manifest; drop files it no longer names."""
        entries = {}
        for segment in self.table.segments:
            entries[id(segment)] = self._entries.get(id(segment)) or \
                _write_segment(self.path, segment)
        self._entries = entries
        self.manifest.segments = [entries[id(seg)] for seg in self.table.segments]
        if self.params.details is not None and not self._df_entry:
            self._df_entry = _write_df(self.path, self.token_df, self.table)
        self.manifest.token_df = self._df_entry
        self._write_manifest()
        _remove_stale(self.path, self.manifest)

    def _write_manifest(self) -> None:
        self.manifest.updated_at = datetime.now(UTC).isoformat(timespec="seconds")
        with atomic_path(self.path / MANIFEST) as tmp:
            tmp.write_text(json.dumps(asdict(self.manifest), indent=1, sort_keys=True), "utf-8")

    def info(self) -> dict[str, Any]:
        """Documents, segments, links and parameters."""
        return {"path": str(self.path), "documents": self.table.doc_count,
                "segments": len(self.table.segments), "links": stored.count_links(self.store),
                "linked_rowid": stored.linked_rowid(self.store), "params": self.manifest.params}


def _save_arrays(directory: Path, prefix: str, arrays: dict[str, np.ndarray]) -> tuple[str, dict[str, str]]:
    """Write each array as ``<name>.<field>.npy`` under a fresh name (files the current
    manifest names are never overwritten); the name and each file's sha256."""
    name = f"{prefix}-{uuid.uuid4().hex[:16]}"
    checksums = {}
    for field_name, array in arrays.items():
        target = directory / f"{name}.{field_name}.npy"
        with atomic_path(target) as tmp:
            with tmp.open("wb") as handle:
                np.save(handle, array, allow_pickle=False)
        checksums[field_name] = sha256_files([target])
    return name, checksums


def _load_arrays(directory: Path, entry: dict[str, Any], fields: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The arrays a manifest entry names, each checked against its sha256
    (:class:`IndexMismatchError` on any mismatch or unreadable file)."""
    arrays = {}
    for field_name in fields:
        path = directory / f"{entry['name']}.{field_name}.npy"
        try:
            if sha256_files([path]) != entry["sha256"][field_name]:
                raise IndexMismatchError(f"{path.name} does not match its checksum")
            arrays[field_name] = np.load(path, allow_pickle=False)
        except (OSError, KeyError, ValueError) as exc:
            raise IndexMismatchError(f"cannot read {path}: {exc}") from exc
    return arrays


def _write_segment(directory: Path, segment: Segment) -> dict[str, Any]:
    name, checksums = _save_arrays(directory, "seg", {f: getattr(segment, f) for f in Segment.FIELDS})
    return {"name": name, "docs": segment.doc_count, "last_doc": int(segment.sig_docs.max())
            if segment.doc_count else 0, "sha256": checksums}


def _read_segment(directory: Path, entry: dict[str, Any]) -> Segment:
    return Segment(**_load_arrays(directory, entry, Segment.FIELDS))


def _write_df(directory: Path, df: TokenDf, table: LshTable) -> dict[str, Any]:
    name, checksums = _save_arrays(directory, "df", {"ids": df.ids, "counts": df.counts})
    last = max((int(s.sig_docs.max()) for s in table.segments if s.doc_count), default=0)
    return {"name": name, "documents": df.documents, "last_doc": last, "sha256": checksums}


def _read_df(directory: Path, entry: dict[str, Any], covered: int) -> TokenDf:
    """The token df the manifest names; it must cover the same documents as the segments."""
    if not entry:
        if covered:
            raise IndexMismatchError("the reuse index has no token document frequencies")
        return TokenDf()
    if int(entry.get("last_doc", -1)) != covered:
        raise IndexMismatchError("the token document frequencies do not match the segments")
    arrays = _load_arrays(directory, entry, ("ids", "counts"))
    return TokenDf(arrays["ids"], arrays["counts"], int(entry["documents"]))


def _remove_stale(directory: Path, manifest: ReuseManifest) -> None:
    keep = {entry["name"] for entry in manifest.segments}
    keep.add(manifest.token_df.get("name", ""))
    for path in [*directory.glob("seg-*.npy"), *directory.glob("df-*.npy")]:
        if path.name.split(".")[0] not in keep:
            path.unlink(missing_ok=True)


__all__ = ["MANIFEST", "ReuseIndex", "ReuseManifest"]
