"""``tahqiq stories`` and ``tahqiq story``: the desk's articles grouped into stories."""

from __future__ import annotations

from typing import Any

import click

from .output import common_options, emit_json, open_corpus, parse_duration


def _at_option(func: Any) -> Any:
    return click.option(
        "--at", "at", default=None, metavar="TIME",
        help="List as of this ISO date or time (default: the newest article's time).")(func)


def _hours(at: str | None) -> float | None:
    from ..core.errors import InvalidQueryError
    from ..stories.vectors import parse_hours

    try:
        return None if at is None else parse_hours(at)
    except InvalidQueryError as exc:
        raise click.BadParameter(str(exc), param_hint="--at") from None


@click.command()
@click.option("--since", default=None, metavar="DURATION",
              help="Only stories with an article dated in this span before --at (e.g. 6h, 2d).")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0)
@click.option("--min-size", type=click.IntRange(1), default=1, show_default=True,
              help="Only stories of at least this many articles.")
@_at_option
@common_options
def stories(since: str | None, limit: int, offset: int, min_size: int, at: str | None,
            db: str | None, as_json: bool) -> None:
    """The stories of the desk, newest first: size, outlets, first report, copies and
    independent reports, and growth over the last hours."""
    from ..stories.vectors import hours_to_iso

    span = None if since is None else parse_duration(since, "--since", 60) / 3600
    with open_corpus(db, must_exist=True) as corpus:
        when, listed = corpus.stories(since_hours=span, at=_hours(at), limit=limit,
                                      offset=offset, min_size=min_size)
        total = corpus.story_table.count()
    if as_json:
        emit_json({"at": hours_to_iso(when), "total": total,
                   "stories": [s.to_json() for s in listed]})
        return
    click.echo(f"{len(listed)} of {total} stories, as of {hours_to_iso(when) or 'no dated article'}")
    print_stories(listed)


def print_stories(listed: Any) -> None:
    """Two lines per story: its figures, then its title."""
    for s in listed:
        click.echo(_summary_line(s))
        click.echo(f"    {s.title or '(untitled)'}")


def _summary_line(s: Any) -> str:
    copies = f" ({s.copies} {'copy' if s.copies == 1 else 'copies'})" if s.copies else ""
    first = ""
    if s.first is not None:
        first = f" · first {(s.first.published or 'undated')[:16]} {s.first.source or ''}".rstrip()
    growth = f" · BREAKING: {s.recent} in the last window, {s.before} before" if s.breaking else \
        (f" · {s.recent} new in the last window" if s.recent else "")
    return (f"[{s.id}] {s.size} article{'s' if s.size != 1 else ''} · {s.units} independent"
            f"{copies} · {len(s.outlets)} outlet{'s' if len(s.outlets) != 1 else ''}{first}{growth}")


@click.command()
@click.argument("story_id", type=int)
@click.option("--limit", type=click.IntRange(1, 10_000), default=200, show_default=True,
              help="Most articles shown.")
@_at_option
@common_options
def story(story_id: int, limit: int, at: str | None, db: str | None, as_json: bool) -> None:
    """The timeline of story STORY_ID: its articles by date, copies marked."""
    with open_corpus(db, must_exist=True) as corpus:
        found = corpus.story(story_id, limit=limit, at=_hours(at))
    if as_json:
        emit_json(found.to_json())
        return
    s = found.summary
    click.echo(f"{s.title or '(untitled)'}\n{_summary_line(s)}")
    if s.outlets:
        click.echo("outlets: " + "، ".join(s.outlets))
    for a in found.articles:
        copy = f"  (repeats [{a.copy_of[:12]}])" if a.copy_of else ""
        click.echo(f"  {(a.published or 'undated')[:16]:<16}  unit {a.unit:<3} "
                   f"{a.source or '-'}: {a.title or '(untitled)'}  [{a.doc_id[:12]}]{copy}")
    if found.truncated:
        click.echo(f"  … and {found.truncated} more (--limit)")
