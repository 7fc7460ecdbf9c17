"""Read input files into :class:`~tahqiq.types.RawDocument` items."""

from __future__ import annotations

import io
import logging
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from ..core.errors import (
    DecodingError,
    EmptyDocumentError,
    FileTooLargeError,
    IngestError,
    UnsupportedFormatError,
)
from ..core.types import IngestFailure, RawDocument
from .decode import decode_bytes
from .feeds import read_feed
from .html import read_html
from .plain import read_txt
from .records import jsonl_records, read_json, read_jsonl
from .sources import iter_sources, unsupported_reason
from .stream import SNIFF_BYTES, handle_lines, is_line_streamable, iter_lines, sniff

logger = logging.getLogger(__name__)

Item = RawDocument | IngestFailure
Reader = Callable[[str, str], Iterator[Item]] | Callable[[str, str], Iterator[RawDocument]]

#: Reader for each supported suffix.
READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}


def read_file(path: Path, *, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Read one file into zero or more documents.

    Problems with the input never raise: they become
    :class:`~tahqiq.types.IngestFailure` items whose ``error`` is one line
    (for JSON Lines, a bad line is a failure of its own, labelled
    ``path:line``, and the other lines are still read).  Only a missing
    optional dependency (:class:`~tahqiq.errors.MissingExtraError`) and
    programming errors propagate.  The size is checked before reading.
    """
    label = str(path)
    try:
        reader = _reader_for(path)
        if reader is read_jsonl:
            yield from _read_jsonl_file(path, max_bytes)
            return
        text = _load(path, max_bytes)
        yield from reader(text, label)
    except IngestError as exc:
        yield IngestFailure(label, exc.reason)
    except OSError as exc:
        yield IngestFailure(label, f"cannot read file: {exc.strerror or exc}")


def read_bytes(data: bytes, name: str, *, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """Read an uploaded file's bytes as :func:`read_file` reads a file named ``name``.

    The reader is chosen by the suffix of ``name``; problems become
    :class:`~tahqiq.types.IngestFailure` items labelled ``name``.
    """
    try:
        reader = _reader_for(Path(name))
        if reader is read_jsonl and data.strip() and is_line_streamable(data[:SNIFF_BYTES]):
            # line by line, as a file is read: a NUL or a bad byte fails its line only
            yield from jsonl_records(handle_lines(io.BytesIO(data), name, max_bytes), name)
            return
        text = _decode(data, name, max_bytes)
        yield from reader(text, name)
    except IngestError as exc:
        yield IngestFailure(name, exc.reason)


def feed_links_of(data: bytes, name: str, *, max_bytes: int) -> list[tuple[str, str | None]]:
    """``(link, date)`` of the items of a feed's bytes (decoded as :func:`read_bytes` does);
    :class:`~tahqiq.errors.IngestError` when they are no readable feed."""
    from .feeds import feed_links

    return feed_links(_decode(data, name, max_bytes), name)


def read_jsonl_block(path: Path, start: int, end: int, first_line: int, *,
                     max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """The records of one block of a large JSON Lines file (see :func:`line_blocks`).

    Lines are numbered as in the whole file, so failures read ``path:line``
    exactly as :func:`read_file` would label them.
    """
    label = str(path)
    try:
        lines = iter_lines(path, max_bytes, start=start, end=end, first_line=first_line)
        yield from jsonl_records(lines, label, allow_empty=True)
    except OSError as exc:
        yield IngestFailure(label, f"cannot read file: {exc.strerror or exc}")


def read_paths(
    paths: Iterable[str | Path], *, max_bytes: int
) -> Iterator[RawDocument | IngestFailure]:
    """Documents and failures of every input file under ``paths``."""
    for item in iter_sources(paths):
        if isinstance(item, IngestFailure):
            yield item
        else:
            yield from read_file(item, max_bytes=max_bytes)


def _reader_for(path: Path) -> Reader:
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise UnsupportedFormatError(str(path), unsupported_reason(path))
    return reader


def _read_jsonl_file(path: Path, max_bytes: int) -> Iterator[RawDocument | IngestFailure]:
    """JSON Lines, streamed when the encoding allows (the limit is then per line)."""
    _check_regular(path)
    head = sniff(path)
    if not head.strip():
        raise EmptyDocumentError(str(path), "empty file")
    if not is_line_streamable(head):
        yield from read_jsonl(_load(path, max_bytes), str(path))
        return
    yield from jsonl_records(iter_lines(path, max_bytes), str(path))


def _check_regular(path: Path) -> int:
    """The size of ``path``; special files (devices, FIFOs) are refused."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise UnsupportedFormatError(str(path), "not a regular file")
    return info.st_size


def _load(path: Path, max_bytes: int) -> str:
    """The decoded text of ``path``, refusing special and oversized files."""
    label = str(path)
    size = _check_regular(path)
    if size > max_bytes:
        raise FileTooLargeError(label, _too_large(size, max_bytes))
    with path.open("rb") as handle:
        data = _read_capped(handle, max_bytes)
    return _decode(data, label, max_bytes)


def _decode(data: bytes, label: str, max_bytes: int) -> str:
    """The text of a file's bytes, refusing oversized, empty and undecodable ones."""
    if len(data) > max_bytes:
        raise FileTooLargeError(label, _too_large(len(data), max_bytes))
    if not data.strip():
        raise EmptyDocumentError(label, "empty file")
    try:
        text, encoding = decode_bytes(data)
    except DecodingError as exc:
        raise DecodingError(label, exc.reason) from None
    if not text.strip():
        raise EmptyDocumentError(label, "empty file")
    logger.debug("%s: decoded as %s", label, encoding)
    return text


def _read_capped(handle: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes, read in chunks: the limit itself may be huge,
    and the file may have grown since it was measured."""
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = handle.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int) -> str:
    return (
        f"file is {human_size(size)}, over the {human_size(limit)} limit "
        "(set TAHQIQ_MAX_FILE_BYTES)"
    )


def human_size(size: int) -> str:
    """``31.2 MB``, ``20 MB``, ``512 bytes``, ``3.5 KB`` (binary units)."""
    if size < 1024:
        return f"{size} bytes"
    value, unit = (size / 1024, "KB") if size < 1024 * 1024 else (size / 1024**2, "MB")
    text = f"{value:.1f}".removesuffix(".0")
    return f"{text} {unit}"
