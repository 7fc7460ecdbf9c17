"""Shared CLI plumbing: common options, JSON output and progress bars."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def common_options(func: F) -> F:
    """Add ``--db`` and ``--json`` to a command."""
    func = click.option(
        "--json", "as_json", is_flag=True, help="Print machine-readable JSON on stdout."
    )(func)
    func = click.option(
        "--db",
        "db",
        type=click.Path(dir_okay=False),
        default=None,
        help="SQLite database (default: $TAHQIQ_DB, else ./tahqiq.db).",
    )(func)
    return func


def open_corpus(db: str | None, *, must_exist: bool = False) -> Any:
    """Resolve settings once (flag > environment > default) and open a corpus.

    With ``must_exist`` (commands that only read a desk), a missing database
    is an error instead of a new empty one, so a mistyped ``--db`` creates nothing.
    """
    from ..corpus import Corpus

    return Corpus(settings=_settings(db, must_exist))


def _settings(db: str | None, must_exist: bool) -> Any:
    from ..core.config import resolve_settings
    from ..core.errors import NotFoundError

    settings = resolve_settings({"db_path": db})
    if must_exist and not settings.db_path.is_file():
        raise NotFoundError(f"no database at {settings.db_path}: ingest articles into it first, "
                            "or give the right --db (or $TAHQIQ_DB)")
    return settings


def scheduler_option(func: F) -> F:
    """Add ``--scheduler`` (run the batch work on Dask) to a command."""
    return click.option(
        "--scheduler", default=None, metavar="tcp://HOST:PORT|local[:N]",
        help="Run parsing, reuse and stance batches on a Dask cluster (the 'dask' extra); "
             "this process still does every write.",
    )(func)


@contextmanager
def open_scaled(db: str | None, scheduler: str | None, *, must_exist: bool = False) -> Iterator[Any]:
    """:func:`open_corpus`, with its batch work on the Dask cluster ``scheduler`` when given."""
    if scheduler is None:
        with open_corpus(db, must_exist=must_exist) as corpus:
            yield corpus
        return
    from ..corpus import Corpus
    from ..scale import connect

    settings = _settings(db, must_exist)
    with connect(scheduler) as mapper, Corpus(settings=settings, mapper=mapper) as corpus:
        yield corpus


#: Duration units: seconds, minutes, hours, days.
DURATION_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str, option: str, low: float = 0.0, high: float = float("inf")) -> float:
    """Seconds in a duration such as ``90``, ``30s``, ``10m``, ``6h`` or ``2d`` (a bare
    number is seconds); :class:`click.BadParameter` naming ``option`` outside
    ``[low, high]`` or when it is no duration."""
    value = text.strip().lower()
    unit = DURATION_UNITS.get(value[-1:]) if value else None
    try:
        seconds = float(value[:-1] if unit else value) * (unit or 1)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not a duration such as 90, 30s, 10m, 6h or 2d",
                                 param_hint=option) from None
    if not low <= seconds <= high:
        raise click.BadParameter(f"{text!r} is out of range", param_hint=option)
    return seconds


def emit_json(data: Any) -> None:
    """Print one JSON document, UTF-8, Arabic unescaped."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@contextmanager
def progress_bar(enabled: bool, desc: str, unit: str = "file"
                 ) -> Iterator[Callable[[int, int], None]]:
    """A ``progress(done, total)`` callback drawing a bar on a terminal only."""
    if not enabled or not sys.stderr.isatty():
        yield lambda done, total: None
        return
    from tqdm import tqdm

    bar: Any = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, leave=False)
        bar.n = done
        bar.refresh()

    try:
        yield update
    finally:
        if bar is not None:
            bar.close()
