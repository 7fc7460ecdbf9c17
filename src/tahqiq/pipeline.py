"""The pure batch functions of ingest: plan read units, parse and clean them.

:class:`~tahqiq.corpus.Corpus` runs them in this process; :mod:`tahqiq.scale`
runs the very same functions on Dask workers.  They compose the ``ingest``
and ``text`` stages (which do not know each other) and touch no store:
the single writer commits what they return.

A *read unit* is one input file, or one block of a large JSON Lines file,
so a 500 MB dump spreads over many workers.  Block boundaries fall on line
ends and lines keep their numbers in the whole file, so results and failure
labels are the same however the file is split.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .core.errors import MissingExtraError, TahqiqError
from .core.types import Document, IngestFailure, RawDocument, StoredDocument

log = logging.getLogger(__name__)

#: JSON Lines files larger than this are read in blocks of this size.
BLOCK_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ReadUnit:
    """One file (``end is None``), or bytes ``[start, end)`` of a JSON Lines file."""

    path: str
    start: int = 0
    end: int | None = None
    first_line: int = 1


def plan_units(paths: Iterable[str | Path], block_bytes: int = BLOCK_BYTES
               ) -> Iterator[ReadUnit | IngestFailure]:
    """The read units of every input file under ``paths``, in ingest order."""
    from .ingest import is_line_streamable, iter_sources, line_blocks, sniff

    for source in iter_sources(paths):
        if isinstance(source, IngestFailure):
            yield source
            continue
        try:
            big = source.suffix.lower() == ".jsonl" and source.stat().st_size > block_bytes
            if big and is_line_streamable(sniff(source)):
                for start, end, first in line_blocks(source, block_bytes):
                    yield ReadUnit(str(source), start, end, first)
                continue
        except OSError as exc:
            yield IngestFailure(str(source), f"cannot read file: {exc.strerror or exc}")
            continue
        yield ReadUnit(str(source))


def parse_unit(unit: ReadUnit | IngestFailure, max_bytes: int) -> list[Document | IngestFailure]:
    """Read, clean and normalize one unit: its documents and its failures, in order.

    Never raises for bad input: every problem is an
    :class:`~tahqiq.types.IngestFailure` naming the file (and line).  Only a
    missing optional dependency propagates.
    """
    if isinstance(unit, IngestFailure):
        return [unit]
    from .ingest import read_file, read_jsonl_block

    path = Path(unit.path)
    try:
        if unit.end is None:
            items = read_file(path, max_bytes=max_bytes)
        else:
            items = read_jsonl_block(path, unit.start, unit.end, unit.first_line,
                                     max_bytes=max_bytes)
        return list(documents_from(items))
    except MissingExtraError:
        raise
    except Exception as exc:  # one bad unit never stops a long job
        log.exception("unexpected error reading %s", unit.path)
        return [IngestFailure(unit.path, f"internal error: {exc!r}")]


def documents_from(items: Iterable[RawDocument | IngestFailure]
                   ) -> Iterator[Document | IngestFailure]:
    """Clean each raw document; failures (and records that fail to clean) pass as failures."""
    from .text import build_document

    for item in items:
        if isinstance(item, IngestFailure):
            yield item
            continue
        try:
            yield build_document(item)
        except TahqiqError as exc:
            yield IngestFailure(where(item), getattr(exc, "reason", None) or str(exc))
        except Exception as exc:  # one bad record never stops a long job
            log.exception("unexpected error on %s", where(item))
            yield IngestFailure(where(item), f"internal error: {exc!r}")


def rebuild_documents(stored: list[StoredDocument]) -> list[StoredDocument | IngestFailure]:
    """Clean stored documents again from their originals with this tahqiq's text stage.

    Each keeps its ``doc_id`` (ids are given once, when a document is first
    stored, as :meth:`~tahqiq.store.Store.add_documents` does across
    normalizer versions).  A document that no longer cleans to any text is a
    failure naming it; the caller keeps its stored text.
    """
    from dataclasses import replace

    from .text import build_document

    out: list[StoredDocument | IngestFailure] = []
    for rowid, doc in stored:
        raw = RawDocument(text=doc.original, fmt=doc.fmt, title=doc.title, url=doc.url,
                          source=doc.source, source_path=doc.source_path, published=doc.published)
        try:
            out.append(StoredDocument(rowid, replace(build_document(raw), doc_id=doc.doc_id)))
        except TahqiqError as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            out.append(IngestFailure(doc.doc_id, f"kept the stored text: {reason}"))
    return out


def where(raw: RawDocument) -> str:
    """How a failure names a raw document: its path (and line, for JSON Lines)."""
    label = raw.source_path or raw.url or "<input>"
    return f"{label}:{raw.record + 1}" if raw.record is not None and raw.fmt == "jsonl" else label


__all__ = ["BLOCK_BYTES", "ReadUnit", "documents_from", "parse_unit", "plan_units",
           "rebuild_documents", "where"]
