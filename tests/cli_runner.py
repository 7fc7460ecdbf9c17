"""The CLI run in this process, as a user types it, through click's ``CliRunner``.

:func:`tahqiq` returns what :func:`subprocess.run` would (``returncode``, ``stdout``,
``stderr``) for ``tahqiq ARGS``, with the same error mapping as the installed script
(:func:`tahqiq.cli.main`), without starting a Python per call.  ``TAHQIQ_*``
variables of the test run are hidden from the command, as a fresh shell would.  A
few tests keep real processes for the entry point itself, concurrency and signals.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner


@dataclass(frozen=True)
class Completed:
    """What a finished command left: its exit code and its two streams."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


@contextlib.contextmanager
def _cwd(path: Path | None) -> Iterator[None]:
    if path is None:
        yield
        return
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def tahqiq(*args: str, env: Mapping[str, str] | None = None, cwd: Path | None = None,
           input: str | None = None) -> Completed:  # noqa: A002 - subprocess's name
    """Run ``tahqiq ARGS`` in this process."""
    from tahqiq.cli import main

    hidden: dict[str, str | None] = {k: None for k in os.environ if k.startswith("TAHQIQ_")}
    hidden.update(env or {})
    runner = CliRunner()
    with runner.isolation(input=input, env=hidden) as (out, err, _), _cwd(cwd):
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        sys.stdout.flush()  # what the process's exit would do
        sys.stderr.flush()
        stdout, stderr = out.getvalue(), err.getvalue()
    return Completed(tuple(args), code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))
