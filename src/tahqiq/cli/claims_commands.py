"""``tahqiq claims``: claims the desk watches, checked again as articles arrive."""

from __future__ import annotations

import json
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from .output import common_options, emit_json, open_corpus, open_scaled, scheduler_option


def events_option(func: Any) -> Any:
    """Add ``--events FILE`` (JSON Lines of the claims' events; ``-`` for stdout)."""
    return click.option(
        "--events", "events_to", default=None, metavar="FILE|-",
        help="Append each event of the watched claims as one JSON line to FILE "
             "(- for stdout), for other tools.")(func)


@contextmanager
def event_sink(target: str | None):  # type: ignore[no-untyped-def]
    """A ``write(events)`` callback appending JSON lines to ``target`` (nothing if ``None``)."""
    if target is None:
        yield lambda events: None
        return
    stream: IO[str]
    if target == "-":
        stream = click.get_text_stream("stdout")
    else:
        stream = Path(target).open("a", encoding="utf-8")  # noqa: SIM115 - closed below

    def write(events: Iterable[dict[str, Any]]) -> None:
        for event in events:
            stream.write(json.dumps(event, ensure_ascii=False) + "\n")
        stream.flush()

    try:
        yield write
    finally:
        if target != "-":
            stream.close()


def event_text(event: dict[str, Any]) -> str:
    """One event as a line for people (verdicts and stances with their Arabic words)."""
    from ..verify.vocabulary import word

    def verdict(value: str) -> str:
        return f"{value} ({word('verdicts', value)})"

    head = f"claim [{event['claim_id']}] «{_short(event['claim'], 60)}»"
    kind = event["kind"]
    if kind == "first_verdict":
        units = sum(event.get("independent_counts", {}).values())
        return f"{head}: first verdict {verdict(event['verdict'])}, confidence " \
               f"{event['confidence']:.2f}, {units} independent report{'s' if units != 1 else ''}"
    if kind == "verdict_changed":
        return f"{head}: verdict changed {verdict(event['from'])} → {verdict(event['to'])}, " \
               f"confidence {event['confidence']:.2f}"
    first = (event.get("articles") or [{}])[0]
    where = first.get("source") or first.get("doc_id", "")[:12]
    return f"{head}: new independent report ({event['stance']} — {word('stances', event['stance'])}, " \
           f"{event['voice']}): «{_short(first.get('title') or '', 70)}» — {where}"


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


@click.group()
def claims() -> None:
    """Claims this desk watches: each is checked again when new articles arrive."""


@claims.command("add")
@click.argument("claim")
@events_option
@common_options
def claims_add(claim: str, events_to: str | None, db: str | None, as_json: bool) -> None:
    """Watch CLAIM, and check it against every stored article now."""
    from ..watchlist import ClaimWatch

    with open_corpus(db) as corpus, event_sink(events_to) as write:
        update = ClaimWatch(corpus).add(claim)
        write(update.events)
    if as_json:
        emit_json(update.to_json())
        return
    click.echo(f"watching [{update.claim.id}] {update.claim.claim}")
    for event in update.events:
        click.echo("  " + event_text(event))


@claims.command("list")
@common_options
def claims_list(db: str | None, as_json: bool) -> None:
    """The watched claims and their last verdicts."""
    from ..watchlist import ClaimWatch

    with open_corpus(db, must_exist=True) as corpus:
        watched = ClaimWatch(corpus).claims()
    if as_json:
        emit_json({"claims": [c.to_json() for c in watched]})
        return
    if not watched:
        click.echo('no watched claims: add one with `tahqiq claims add "CLAIM"`')
    for c in watched:
        verdict = f"{c.verdict} ({c.confidence:.2f})" if c.verdict else "not checked"
        click.echo(f"[{c.id}] {verdict} · {c.checks} check{'s' if c.checks != 1 else ''}, "
                   f"last {c.checked_at or '-'}\n    {c.claim}")


@claims.command("history")
@click.argument("claim_id", type=int)
@common_options
def claims_history(claim_id: int, db: str | None, as_json: bool) -> None:
    """The checks of CLAIM_ID with their verdicts, and its events."""
    from ..watchlist import ClaimWatch

    with open_corpus(db, must_exist=True) as corpus:
        claim, checks, events = ClaimWatch(corpus).history(claim_id)
    if as_json:
        emit_json({"claim": claim.to_json(), "checks": [c.to_json() for c in checks],
                   "events": events})
        return
    click.echo(f"[{claim.id}] {claim.claim}\nwatched since {claim.added_at}")
    by_check: dict[int, list[dict[str, Any]]] = {}
    for event in events:
        by_check.setdefault(event["check"], []).append(event)
    for check in checks:
        counts = check.state.get("independent_counts", {})
        tally = ", ".join(f"{k} {v}" for k, v in counts.items() if v) or "no related article"
        click.echo(f"  {check.at}  {check.verdict} ({check.confidence:.2f})  "
                   f"{check.new_articles} new judged · independent: {tally}")
        for event in by_check.get(check.id, ()):
            click.echo("      " + event_text(event).split(": ", 1)[1])


@claims.command("check")
@click.argument("claim_ids", type=int, nargs=-1)
@events_option
@scheduler_option
@common_options
def claims_check(claim_ids: tuple[int, ...], events_to: str | None, scheduler: str | None,
                 db: str | None, as_json: bool) -> None:
    """Check the watched claims (or CLAIM_IDS) against the articles stored since their
    last check: new articles only."""
    from ..watchlist import ClaimWatch

    with open_scaled(db, scheduler, must_exist=True) as corpus, event_sink(events_to) as write:
        updates = ClaimWatch(corpus).check(list(claim_ids) or None)
        for update in updates:
            write(update.events)
    if as_json:
        emit_json({"claims": [u.to_json() for u in updates]})
        return
    for update in updates:
        c = update.claim
        click.echo(f"[{c.id}] {c.verdict or 'not checked'}: {update.new_articles} new article"
                   f"{'s' if update.new_articles != 1 else ''} judged")
        for event in update.events:
            click.echo("  " + event_text(event))


@claims.command("remove")
@click.argument("claim_id", type=int)
@common_options
def claims_remove(claim_id: int, db: str | None, as_json: bool) -> None:
    """Stop watching CLAIM_ID (its history goes with it)."""
    from ..watchlist import ClaimWatch

    with open_corpus(db, must_exist=True) as corpus:
        removed = ClaimWatch(corpus).remove(claim_id)
    if as_json:
        emit_json({"removed": removed.to_json()})
    else:
        click.echo(f"no longer watching [{removed.id}] {removed.claim}")
