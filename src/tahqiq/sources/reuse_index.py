"""The reuse index beside the database: LSH segments on disk, links in the store.

Layout of ``<db>.reuse/``::

    manifest.json             the one artifact manifest: format, normalizer and data
                              versions, pinned tables, parameters, segments, sha256 per file
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

import logging
import shutil
import uuid
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from ..core.errors import IndexMismatchError
from ..core.files import atomic_path, sha256_files
from ..core.manifest import MANIFEST, ArtifactManifest, read_manifest, write_manifest
from ..core.parallel import Mapper, as_mapper
from ..core.types import LinkRow
from ..store.links import LinkTable
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

#: Documents linked per store round trip (and per fork of the worker pool).
SYNC_BATCH = 2000
#: Segments kept before they are merged into one.
MAX_SEGMENTS = 8

Progress = Callable[[int, int], None]


KIND = "tahqiq.reuse"
#: Link directions rest on cited outlets, so the attribution tables (the gazetteer
#: among them) are pinned; the text tables are pinned by the normalizer version.
STAGES = ("sources",)


def covered_rowid(manifest: ArtifactManifest) -> int:
    """Highest document rowid in the segments a manifest names (0: none)."""
    return max((int(s["last_doc"]) for s in manifest.state.get("segments", ())), default=0)


class ReuseIndex:
    """Keeps reuse links up to date with a :class:`~tahqiq.store.Store`."""

    def __init__(self, path: Path, store: Any, normalizer_version: str,
                 params: ReuseParams | None = None, cites: Cites | None = None,
                 workers: int | Mapper = 1) -> None:
        self.path = Path(path)
        self.store = store
        #: The links in ``store`` and the mark of the last linked document.
        self.links = LinkTable(store)
        self.params = params or ReuseParams()
        self.cites = cites
        #: Where batches are sketched and aligned: forked processes for large
        #: batches (an int), or a cluster (:mod:`tahqiq.scale`).  Candidate
        #: lookups stay in this process, beside the LSH table.
        self.mapper = as_mapper(max(1, workers) if isinstance(workers, int) else workers)
        #: The one artifact manifest: ``state`` names the segments (name, documents, last
        #: document) and the token df of the details path; ``files`` holds each array
        #: file's sha256.
        self.manifest = ArtifactManifest.new(KIND, REUSE_FORMAT, normalizer_version, stages=STAGES,
                                             params=self.params.to_json(),
                                             state={"segments": [], "token_df": {}})
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
            index._reset(clear_links=index.links.linked_rowid() > 0)
            return index
        try:
            index._load()
        except IndexMismatchError as exc:
            log.warning("rebuilding the reuse index %s: %s", index.path, exc)
            index._reset(clear_links=True)
        return index

    def _load(self) -> None:
        found = read_manifest(self.path, IndexMismatchError, "reuse index")
        wanted = self.manifest
        found.check(IndexMismatchError, kind=KIND, format_version=wanted.format_version,
                    normalizer_version=wanted.normalizer_version, stages=STAGES, what="reuse index")
        if dict(found.params) != dict(wanted.params):
            raise IndexMismatchError("reuse index params differs from this tahqiq's")
        covered = covered_rowid(found)
        if covered > max(self.store.max_rowid(), self.links.linked_rowid()):
            raise IndexMismatchError("the reuse index holds documents the store does not")
        entries = list(found.state.get("segments", ()))
        segments = [_read_segment(self.path, entry, found.files) for entry in entries]
        token_df = dict(found.state.get("token_df", {}))
        if self.params.details is not None:
            self.token_df = _read_df(self.path, token_df, covered, found.files)
            self._df_entry = token_df
        self.manifest = found
        self.table = new_table(self.params, segments)
        self._entries = {id(seg): entry for seg, entry in zip(segments, entries, strict=True)}

    def _reset(self, clear_links: bool) -> None:
        if clear_links:
            self.links.clear()
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True, exist_ok=True)
        self.manifest = replace(self.manifest, files={}).evolve(segments=[], token_df={})
        self.table = new_table(self.params)
        self._entries = {}
        self.token_df, self._df_entry = TokenDf(), {}
        self._write_manifest()

    # -- keeping up ------------------------------------------------------------------
    def pending(self) -> int:
        """Documents stored but not yet linked."""
        return self.links.pending()

    def sync(self, progress: Progress | None = None) -> int:
        """Link every document stored since the last sync; return how many were linked."""
        linked = self.links.linked_rowid()
        self._catch_up(linked)
        total, done = self.pending(), 0
        batch: list[LinkRow] = []
        for row in self.links.iter_rows(linked, SYNC_BATCH):
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
        rows = [r for r in self.links.iter_rows(covered, SYNC_BATCH) if r.rowid <= linked]
        ids = [(r.rowid, body_ids(r.search_text)) for r in rows]
        params = self._count_tokens([i for _, i in ids])
        self.table.add(sketch_batch(ids, params), MAX_SEGMENTS)

    def _count_tokens(self, docs: list[np.ndarray]) -> ReuseParams:
        """Count ``docs`` in the token df; the parameters to sketch and link them with."""
        if self.params.details is None:
            return self.params
        self.token_df.add(docs)
        self._df_entry = {}
        return replace(self.params, details=with_corpus(self.params.details, self.token_df))

    def _link_batch(self, rows: list[LinkRow]) -> int:
        mapper = self.mapper
        ids = [(r.rowid, self._remember(r.rowid, body_ids(r.search_text))) for r in rows] \
            if not mapper.distributed or self.params.details is not None else []
        params = self._count_tokens([i for _, i in ids])
        if mapper.distributed:  # workers sketch; the table stays here
            sketches = mapper.map(sketch_rows, [(r.rowid, r.search_text) for r in rows], params)
        else:
            sketches = sketch_batch(ids, params)
        pairs, window_df = candidate_pairs(
            sketches, self.table, 1 if mapper.distributed else mapper.workers,
            every_pair_below=every_pair_limit(params))
        sides = {r.rowid: r for r in rows}
        missing = {x for a, b, _ in pairs for x in (a, b) if x not in sides}
        sides.update(self.links.rows_by_rowid(missing))
        side = SideTable(sides, None if mapper.distributed else self._remembered)
        found = link_pairs(pairs, side, params, self.cites, window_df, mapper)
        self.links.save(found, max(r.rowid for r in rows))
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
        entries, files = {}, dict(self.manifest.files)
        for segment in self.table.segments:
            if id(segment) not in self._entries:
                self._entries[id(segment)] = _write_segment(self.path, segment, files)
            entries[id(segment)] = self._entries[id(segment)]
        self._entries = entries
        if self.params.details is not None and not self._df_entry:
            self._df_entry = _write_df(self.path, self.token_df, self.table, files)
        names = {e["name"] for e in entries.values()} | {self._df_entry.get("name", "")}
        files = {f: digest for f, digest in files.items() if f.split(".")[0] in names}
        self.manifest = replace(self.manifest, files=files).evolve(
            segments=[entries[id(seg)] for seg in self.table.segments], token_df=self._df_entry)
        self._write_manifest()
        _remove_stale(self.path, names)

    def _write_manifest(self) -> None:
        self.manifest = write_manifest(self.path, self.manifest)

    def info(self) -> dict[str, Any]:
        """Documents, segments, links and parameters."""
        return {"path": str(self.path), "documents": self.table.doc_count,
                "segments": len(self.table.segments), "links": self.links.count(),
                "linked_rowid": self.links.linked_rowid(), "params": self.manifest.params}


def _save_arrays(directory: Path, prefix: str, arrays: dict[str, np.ndarray],
                 files: dict[str, str]) -> str:
    """Write each array as ``<name>.<field>.npy`` under a fresh name (files the current
    manifest names are never overwritten), adding each file's sha256 to ``files``."""
    name = f"{prefix}-{uuid.uuid4().hex[:16]}"
    for field_name, array in arrays.items():
        target = directory / f"{name}.{field_name}.npy"
        with atomic_path(target) as tmp:
            with tmp.open("wb") as handle:
                np.save(handle, array, allow_pickle=False)
        files[target.name] = sha256_files([target])
    return name


def _load_arrays(directory: Path, name: str, fields: tuple[str, ...],
                 files: Mapping[str, str]) -> dict[str, np.ndarray]:
    """The arrays of ``name``, each checked against its sha256 in ``files``
    (:class:`IndexMismatchError` on any mismatch or unreadable file)."""
    arrays = {}
    for field_name in fields:
        path = directory / f"{name}.{field_name}.npy"
        try:
            if sha256_files([path]) != files[path.name]:
                raise IndexMismatchError(f"{path.name} does not match its checksum")
            arrays[field_name] = np.load(path, allow_pickle=False)
        except (OSError, KeyError, ValueError) as exc:
            raise IndexMismatchError(f"cannot read {path}: {exc}") from exc
    return arrays


def _write_segment(directory: Path, segment: Segment, files: dict[str, str]) -> dict[str, Any]:
    name = _save_arrays(directory, "seg", {f: getattr(segment, f) for f in Segment.FIELDS}, files)
    return {"name": name, "docs": segment.doc_count, "last_doc": int(segment.sig_docs.max())
            if segment.doc_count else 0}


def _read_segment(directory: Path, entry: Mapping[str, Any], files: Mapping[str, str]) -> Segment:
    return Segment(**_load_arrays(directory, entry["name"], Segment.FIELDS, files))


def _write_df(directory: Path, df: TokenDf, table: LshTable, files: dict[str, str]) -> dict[str, Any]:
    name = _save_arrays(directory, "df", {"ids": df.ids, "counts": df.counts}, files)
    last = max((int(s.sig_docs.max()) for s in table.segments if s.doc_count), default=0)
    return {"name": name, "documents": df.documents, "last_doc": last}


def _read_df(directory: Path, entry: Mapping[str, Any], covered: int,
             files: Mapping[str, str]) -> TokenDf:
    """The token df the manifest names; it must cover the same documents as the segments."""
    if not entry:
        if covered:
            raise IndexMismatchError("the reuse index has no token document frequencies")
        return TokenDf()
    if int(entry.get("last_doc", -1)) != covered:
        raise IndexMismatchError("the token document frequencies do not match the segments")
    arrays = _load_arrays(directory, entry["name"], ("ids", "counts"), files)
    return TokenDf(arrays["ids"], arrays["counts"], int(entry["documents"]))


def _remove_stale(directory: Path, keep: set[str]) -> None:
    for path in [*directory.glob("seg-*.npy"), *directory.glob("df-*.npy")]:
        if path.name.split(".")[0] not in keep:
            path.unlink(missing_ok=True)


__all__ = ["KIND", "MANIFEST", "ReuseIndex", "covered_rowid"]
