"""File helpers shared by the stages: atomic replacement and checksums."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_path(target: Path, mode: int | None = None) -> Iterator[Path]:
    """A fresh temporary path beside ``target`` that replaces it on success.

    Write to the yielded path; when the block ends without an error the file
    is moved over ``target`` in one step (with permissions ``mode`` when
    given), otherwise it is removed and ``target`` is left as it was.  Each
    call gets its own temporary name, so concurrent writers never share one.
    """
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def sha256_files(paths: Iterable[Path]) -> str:
    """Hex sha256 over the bytes of ``paths`` in order (one path: that file's sha256)."""
    digest = hashlib.sha256()
    for path in paths:
        with Path(path).open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):  # noqa: B023 - used at once
                digest.update(chunk)
    return digest.hexdigest()
