"""Find the input files under the paths a user gave."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..core.types import IngestFailure

logger = logging.getLogger(__name__)

#: File suffixes ingest reads (compared case-insensitively).
SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".html", ".htm", ".json", ".jsonl", ".xml", ".rss", ".atom"}
)


def is_supported(path: Path) -> bool:
    """Whether ``path`` has a suffix ingest reads."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def iter_sources(paths: Iterable[str | Path]) -> Iterator[Path | IngestFailure]:
    """Expand files and folders into input files, in a deterministic order.

    Folders are walked recursively in sorted order; inside them only files with
    a supported suffix are taken, and hidden files and folders (names starting
    with ``.``) are skipped.  A file named explicitly is always yielded if its
    suffix is supported, hidden or not.  Missing paths, unreadable folders and
    explicitly named files of an unsupported type become
    :class:`~tahqiq.types.IngestFailure` items.  Symbolic links are followed,
    but each folder is visited once, so link loops end; each file (by real
    path) is yielded once.  In a folder, its files come first, then its
    subfolders, each in name order.
    """
    seen_files: set[str] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        label = str(raw)
        try:
            path.stat()
        except FileNotFoundError:
            yield IngestFailure(label, "no such file or directory")
            continue
        except OSError as exc:
            yield IngestFailure(label, f"cannot access: {exc.strerror or exc}")
            continue
        if path.is_dir():
            yield from _walk(path, seen_dirs, seen_files)
        elif not is_supported(path):
            yield IngestFailure(label, unsupported_reason(path))
        elif _first_visit(path, seen_files):
            yield path


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Like :func:`iter_sources`, but only the files; problems are logged."""
    for item in iter_sources(paths):
        if isinstance(item, IngestFailure):
            logger.warning("skipping %s: %s", item.path, item.error)
        else:
            yield item


def unsupported_reason(path: Path) -> str:
    """The failure message for a file whose suffix ingest does not read."""
    suffix = path.suffix or "(none)"
    known = " ".join(sorted(SUPPORTED_SUFFIXES))
    return f"unsupported file type {suffix} (supported: {known})"


def _first_visit(path: Path, seen_files: set[str]) -> bool:
    key = os.path.realpath(path)
    if key in seen_files:
        return False
    seen_files.add(key)
    return True


def _walk(
    root: Path, seen_dirs: set[tuple[int, int]], seen_files: set[str]
) -> Iterator[Path | IngestFailure]:
    """Depth-first, name-sorted walk without recursion, guarding link loops."""
    stack: list[Path] = [root]
    while stack:
        folder = stack.pop()
        try:
            st = folder.stat()
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                continue
            seen_dirs.add(key)
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            yield IngestFailure(str(folder), f"cannot read folder: {exc.strerror or exc}")
            continue
        subfolders: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = folder / entry.name
            try:
                is_dir = entry.is_dir()
                is_file = entry.is_file()
            except OSError:
                continue
            if is_dir:
                subfolders.append(path)
            elif is_file and is_supported(path) and _first_visit(path, seen_files):
                yield path
        stack.extend(reversed(subfolders))
