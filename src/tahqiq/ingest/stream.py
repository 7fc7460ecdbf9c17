"""Stream a JSON Lines file line by line, so that a dump of any size is read
in constant memory; the size limit applies to each line, not to the file."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..core.errors import DecodingError
from ..core.types import IngestFailure
from .decode import decode_bytes, looks_like_utf16

#: Read this much to decide whether the file is UTF-16/32 (not line-streamable).
SNIFF_BYTES = 65536
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_line_streamable(head: bytes) -> bool:
    """Whether a file starting with ``head`` uses an ASCII-compatible encoding,
    so that its lines can be split on ``\\n`` bytes before decoding."""
    return not head.startswith(_WIDE_BOMS) and not looks_like_utf16(head)


def sniff(path: Path) -> bytes:
    """The first bytes of ``path``, to choose between streaming and loading."""
    with path.open("rb") as handle:
        return handle.read(SNIFF_BYTES)


def iter_lines(path: Path, max_bytes: int, *, start: int = 0, end: int | None = None,
               first_line: int = 1) -> Iterator[tuple[int, str | IngestFailure]]:
    """Numbered decoded lines of an ASCII-compatible text file.

    A line longer than ``max_bytes`` or in no supported encoding becomes an
    :class:`~tahqiq.types.IngestFailure` labelled ``path:line``; it is skipped
    without being held in memory whole.  ``start``/``end``/``first_line``
    read one block of :func:`line_blocks` (lines numbered as in the file).
    """
    with path.open("rb") as handle:
        handle.seek(start)
        yield from handle_lines(handle, str(path), max_bytes, end=end, first_line=first_line)


def handle_lines(handle: BinaryIO, label: str, max_bytes: int, *, end: int | None = None,
                 first_line: int = 1) -> Iterator[tuple[int, str | IngestFailure]]:
    """:func:`iter_lines` over an open binary stream (a file, or an upload's bytes in
    ``io.BytesIO``): each line is decoded on its own, so one bad line fails alone."""
    number = first_line - 1
    while end is None or handle.tell() < end:
        raw = handle.readline(max_bytes + 1)
        if not raw:
            return
        number += 1
        where = f"{label}:{number}"
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            size = len(raw) + _drain_line(handle)
            yield number, IngestFailure(where, f"line is {size:,} bytes, over the limit")
            continue
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        line = _decode_line(raw, where)
        if isinstance(line, str) and "\r" in line.rstrip("\r\n"):  # lone CRs end lines too
            parts = line.rstrip("\r\n").split("\r")
            yield from enumerate(parts, start=number)
            number += len(parts) - 1
            continue
        yield number, line


def line_blocks(path: Path, block_bytes: int) -> list[tuple[int, int, int]]:
    """``(start, end, first line number)`` of blocks of about ``block_bytes`` that
    end at line ends, so each block can be read on its own (by another worker)."""
    size = path.stat().st_size
    blocks: list[tuple[int, int, int]] = []
    start, line = 0, 1
    with path.open("rb") as handle:
        while start < size:
            end = start + block_bytes
            if end >= size:
                blocks.append((start, size, line))
                break
            handle.seek(end - 1)  # finish the line holding the block's last byte
            end += _drain_line(handle) - 1
            blocks.append((start, end, line))
            line += _count_newlines(handle, start, end)
            start = end
    return blocks


def _count_newlines(handle: BinaryIO, start: int, end: int) -> int:
    handle.seek(start)
    count, left = 0, end - start
    while left > 0:
        chunk = handle.read(min(1 << 22, left))
        if not chunk:
            break
        count += chunk.count(b"\n")
        left -= len(chunk)
    return count


def _drain_line(handle: BinaryIO) -> int:
    """Skip the rest of an over-long line; the number of bytes skipped."""
    skipped = 0
    while True:
        chunk = handle.readline(1 << 20)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _decode_line(raw: bytes, where: str) -> str | IngestFailure:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not raw.strip():
        return ""
    try:
        return decode_bytes(raw)[0]
    except DecodingError as exc:
        return IngestFailure(where, exc.reason)
