"""Tantivy engine (the ``search`` extra): fast BM25 with incremental adds.

Schema: ``body`` (whitespace-tokenized normalized text, term frequencies, no
positions), ``doc_id`` (stored, raw) and ``rowid`` (indexed fast i64).
Tantivy scores with k1 = 1.2, b = 0.75, idf = ln(1 + (N - n + 0.5) / (n + 0.5))
and document lengths quantized to one byte (exact up to 40 tokens).

One writer at a time: the writer (and its lock file) is created lazily on
the first :meth:`add` and released on :meth:`close`.  Searchers read the
last commit; a process that holds no writer sees other processes' commits
through tantivy's reload-on-commit policy.
"""

from __future__ import annotations

import json
import logging
import shutil
import struct
import time
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.errors import IndexMismatchError, MissingExtraError, SearchIndexError
from ..core.manifest import ArtifactManifest
from .base import Row, SearchIndex
from .manifest import MANIFEST, expect, new_manifest, read_manifest, sha256_text

log = logging.getLogger(__name__)

#: Writer memory budget (bytes, split across threads) and threads.
WRITER_HEAP = 128_000_000
WRITER_THREADS = 2
_READ_RETRIES = 5


def _tantivy() -> Any:
    try:
        import tantivy
    except ImportError as exc:
        raise MissingExtraError("tantivy", "search", "The tantivy search engine") from exc
    return tantivy


def _schema(tantivy: Any) -> Any:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="whitespace", index_option="freq")
    builder.add_text_field("doc_id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("rowid", stored=False, indexed=True, fast=True)
    return builder.build()


class TantivyIndex(SearchIndex):
    """BM25 search in a tantivy index directory."""

    engine = "tantivy"
    #: Bump whenever :func:`_schema` or the tokenization changes.
    format_version = 2  # 2: the one artifact manifest (tahqiq.core.manifest)

    def __init__(self, path: Path, manifest: ArtifactManifest, index: Any, schema: Any) -> None:
        super().__init__(path, manifest)
        self._tv = _tantivy()
        self._index = index
        self._schema = schema
        self._writer: Any = None

    # -- opening ----------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, normalizer_version: str) -> TantivyIndex:
        """A new, empty index in ``path`` (which must be empty or absent)."""
        tantivy = _tantivy()
        path.mkdir(parents=True, exist_ok=True)
        schema = _schema(tantivy)
        index = tantivy.Index(schema, path=str(path), reuse=False)
        manifest = new_manifest(cls.engine, cls.format_version, normalizer_version)
        self = cls(path, manifest, index, schema)
        self._write_manifest()
        return self

    @classmethod
    def load(cls, path: Path, normalizer_version: str) -> TantivyIndex:
        """Open an existing index; :class:`IndexMismatchError` if it does not match.

        The manifest records the sha256 of the schema in tantivy's
        ``meta.json`` and the commit opstamp (see :func:`_meta_checksums`); a
        writer in another process may commit between our two reads, so a
        mismatch is re-read a few times before it is believed.
        """
        tantivy = _tantivy()
        for attempt in range(_READ_RETRIES):
            manifest = read_manifest(path)
            expect(manifest, cls.engine, cls.format_version, normalizer_version)
            found = _meta_checksums(path)
            if found == dict(manifest.files):
                break
            time.sleep(0.02 * (attempt + 1))
        else:
            raise IndexMismatchError(f"{path}: meta.json does not match {MANIFEST}")
        verify_segments(path)
        try:
            index = tantivy.Index.open(str(path))
        except (OSError, ValueError) as exc:
            raise IndexMismatchError(f"{path}: tantivy cannot open the index: {exc}") from exc
        return cls(path, manifest, index, index.schema)

    # -- engine hooks -------------------------------------------------------------
    def _writer_or_create(self) -> Any:
        if self._writer is None:
            try:
                self._writer = self._index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
            except ValueError as exc:
                raise SearchIndexError(
                    f"{self.path} is being written by another process: {exc}"
                ) from exc
        return self._writer

    def _acquire(self) -> int | None:
        if self._writer is not None:
            return self._last_rowid
        try:
            self._writer_or_create()
        except SearchIndexError:
            return None
        self._index.reload()
        return self._max_rowid()

    def _max_rowid(self) -> int:
        searcher = self._index.searcher()
        if searcher.num_docs == 0:
            return 0
        hits = searcher.search(self._tv.Query.all_query(), limit=1, order_by_field="rowid").hits
        return int(hits[0][0]) if hits else 0

    def _add(self, rows: list[Row]) -> None:
        writer = self._writer_or_create()
        document = self._tv.Document
        for rowid, doc_id, text in rows:
            writer.add_document(document(body=text, doc_id=doc_id, rowid=rowid))

    def _commit(self) -> None:
        if self._writer is None:
            return
        self._writer.commit()
        self._index.reload()

    def _clear(self) -> None:
        self._writer_or_create().delete_all_documents()

    def _search(self, terms: list[str], k: int,
                weights: Mapping[str, float] | None = None) -> list[tuple[str, float]]:
        tv = self._tv
        should = tv.Occur.Should
        clauses = []
        for t in terms:
            query = tv.Query.term_query(self._schema, "body", t, "freq")
            weight = 1.0 if weights is None else float(weights.get(t, 1.0))
            clauses.append((should, query if weight == 1.0 else tv.Query.boost_query(query, weight)))
        query = tv.Query.boolean_query(clauses)
        searcher = self._index.searcher()
        try:
            hits = searcher.search(query, limit=k, count=False).hits
        except ValueError as exc:
            raise SearchIndexError(f"tantivy search failed: {exc}") from exc
        return [(searcher.doc(addr)["doc_id"][0], float(score)) for score, addr in hits]

    def _count(self) -> int:
        return int(self._index.searcher().num_docs)

    def _doc_freqs(self, terms: list[str]) -> dict[str, int]:
        searcher = self._index.searcher()
        return {t: int(searcher.doc_freq("body", t)) for t in terms}

    def _checksums(self) -> dict[str, str]:
        return _meta_checksums(self.path)

    def _refresh(self) -> None:
        self._index.reload()

    def _close(self) -> None:
        """Release the writer and its lock file, after the segment merges it started: a
        dropped writer leaves its merges running, and they keep writing into the
        directory after close (a folder removed then is not empty; an exit mid-merge
        leaves orphan files)."""
        writer, self._writer = self._writer, None
        if writer is not None:
            try:
                writer.wait_merging_threads()
            except (RuntimeError, ValueError) as exc:  # a failed merge loses nothing committed
                log.warning("index %s: a segment merge failed at close: %s", self.path, exc)


def _meta_checksums(path: Path) -> dict[str, str]:
    """Identity of the committed index, read from tantivy's ``meta.json``.

    ``meta.json`` itself is rewritten by background segment merges, which
    change no content, so hashing its bytes would fail spuriously.  We record
    the sha256 of its schema and index settings (the format) and the commit
    ``opstamp`` (merges keep it; every commit raises it), which catches a
    commit the manifest does not know about and a foreign or altered index.
    """
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        layout = json.dumps([meta["schema"], meta.get("index_settings")], sort_keys=True)
        return {"meta.schema": sha256_text(layout), "meta.opstamp": str(meta["opstamp"])}
    except (OSError, ValueError, KeyError):
        return {}


#: tantivy ends every segment file with a JSON footer holding the CRC-32 of the bytes
#: before it, then the footer's length and this magic number (both little-endian u32).
_FOOTER_MAGIC = 1337
#: The files every segment of our schema has (a ``.del`` file only after deletions).
_SEGMENT_PARTS = (".fast", ".fieldnorm", ".idx", ".pos", ".store", ".term")
_CRC_CHUNK = 1 << 20


def verify_segments(path: Path) -> int:
    """Check every file of the committed segments against the CRC-32 in its tantivy footer.

    A flipped byte, a truncated file or a missing one raises
    :class:`IndexMismatchError`, so the index is rebuilt from the store instead
    of answering with wrong ranks.  Files of segments that ``meta.json`` no longer
    names (left for deletion after a merge) are not read.  A writer in another
    process may merge segments while we read: a failure under a ``meta.json``
    that changed meanwhile is read again.  Returns the bytes read.
    """
    for attempt in range(_READ_RETRIES):
        before = _read_meta_bytes(path)
        try:
            return _verify_once(path)
        except IndexMismatchError:
            if _read_meta_bytes(path) == before or attempt == _READ_RETRIES - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    return 0  # pragma: no cover - the loop returns or raises


def _read_meta_bytes(path: Path) -> bytes:
    try:
        return (path / "meta.json").read_bytes()
    except OSError:
        return b""


def _verify_once(path: Path) -> int:
    try:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        ids = {str(seg["segment_id"]).replace("-", "") for seg in meta.get("segments", [])}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexMismatchError(f"{path}: meta.json is unreadable: {exc}") from None
    files = [f for f in path.iterdir() if f.name.split(".", 1)[0] in ids]
    present = {(f.name.split(".", 1)[0], f.suffix) for f in files}
    missing = sorted(f"{seg}{part}" for seg in ids for part in _SEGMENT_PARTS if (seg, part) not in present)
    if missing:
        raise IndexMismatchError(f"{path}: segment file {missing[0]} is missing")
    total = 0
    for file in files:
        total += _check_footer(file)
    return total


def _check_footer(file: Path) -> int:
    try:
        with open(file, "rb") as handle:
            size = handle.seek(0, 2)
            if size < 8:
                raise ValueError("shorter than its footer")
            handle.seek(size - 8)
            length, magic = struct.unpack("<II", handle.read(8))
            if magic != _FOOTER_MAGIC or length + 8 > size:
                raise ValueError("no tantivy footer")
            handle.seek(size - 8 - length)
            expected = json.loads(handle.read(length))["crc"]
            handle.seek(0)
            crc, left = 0, size - 8 - length
            while left:
                chunk = handle.read(min(_CRC_CHUNK, left))
                if not chunk:
                    raise ValueError("truncated")
                crc, left = zlib.crc32(chunk, crc), left - len(chunk)
    except (OSError, ValueError, KeyError, TypeError, struct.error) as exc:
        raise IndexMismatchError(f"{file}: unreadable segment file ({exc})") from None
    if crc != expected:
        raise IndexMismatchError(f"{file}: segment file fails its checksum")
    return size


def remove_index_dir(path: Path) -> None:
    """Delete an index directory (used before a rebuild)."""
    shutil.rmtree(path, ignore_errors=True)
