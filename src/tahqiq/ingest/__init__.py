"""Read article files (text, HTML, JSON, JSON Lines, RSS/Atom) into raw documents.

>>> from tahqiq.ingest import read_paths
>>> for item in read_paths(["articles/"], max_bytes=20_000_000):  # doctest: +SKIP
...     print(item)

Every reader yields :class:`~tahqiq.types.RawDocument` items, and turns bad
input into :class:`~tahqiq.types.IngestFailure` items instead of raising.
This package never imports :mod:`tahqiq.text`; cleaning is the next stage.
"""

from __future__ import annotations

from .decode import decode_bytes
from .reader import read_bytes, read_file, read_jsonl_block, read_paths
from .sources import SUPPORTED_SUFFIXES, iter_files, iter_sources
from .stream import is_line_streamable, line_blocks, sniff
from .urls import outlet_from_url

__all__ = [
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "iter_files",
    "iter_sources",
    "outlet_from_url",
    "is_line_streamable",
    "line_blocks",
    "read_bytes",
    "read_file",
    "read_jsonl_block",
    "read_paths",
    "sniff",
]
