"""``tahqiq feeds``, ``fetch``, ``watch``, ``revisions`` and ``export warc``: a desk that watches the news."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import click

from .claims_commands import event_sink, event_text, events_option
from .output import common_options, emit_json, open_corpus, parse_duration


def _allow_private(func: Any) -> Any:
    return click.option(
        "--allow-private", is_flag=True, default=None,
        help="Also fetch loopback, private and link-local addresses (off: an SSRF guard; "
             "for a desk's own servers only).")(func)


@click.group()
def feeds() -> None:
    """The feeds (RSS, Atom, sitemaps) this desk follows."""


@feeds.command("add")
@click.argument("url")
@click.option("--outlet", default=None, help="The outlet's name, shown beside its articles.")
@common_options
def feeds_add(url: str, outlet: str | None, db: str | None, as_json: bool) -> None:
    """Follow the feed at URL."""
    from ..fetch.guard import check_scheme
    from ..store.fetching import FeedTable

    check_scheme(url)
    with open_corpus(db) as corpus:
        feed, added = FeedTable(corpus.store).add(url, outlet)
    if as_json:
        emit_json({"feed": feed.to_json(), "added": added})
    else:
        click.echo(f"{'following' if added else 'already following'} [{feed.id}] {feed.url}"
                   + (f"  ({feed.outlet})" if feed.outlet else ""))


@feeds.command("list")
@common_options
def feeds_list(db: str | None, as_json: bool) -> None:
    """The feeds followed, and how their last poll went."""
    from ..store.fetching import FeedTable

    with open_corpus(db, must_exist=True) as corpus:
        followed = FeedTable(corpus.store).all()
    if as_json:
        emit_json({"feeds": [f.to_json() for f in followed]})
        return
    for feed in followed:
        state = f"failing ({feed.failures}): {feed.last_error}" if feed.failures else \
            f"polled {feed.last_polled}" if feed.last_polled else "not polled yet"
        click.echo(f"[{feed.id}] {feed.url}" + (f"  ({feed.outlet})" if feed.outlet else "")
                   + f"  — {state}")


@feeds.command("remove")
@click.argument("feed")
@common_options
def feeds_remove(feed: str, db: str | None, as_json: bool) -> None:
    """Stop following FEED (its URL or id); what was fetched from it stays."""
    from ..store.fetching import FeedTable

    with open_corpus(db, must_exist=True) as corpus:
        removed = FeedTable(corpus.store).remove(feed)
    if as_json:
        emit_json({"removed": removed.to_json()})
    else:
        click.echo(f"no longer following [{removed.id}] {removed.url}")


@click.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--outlet", default=None, help="The outlet's name, where a page names none.")
@_allow_private
@common_options
def fetch(urls: tuple[str, ...], outlet: str | None, allow_private: bool | None, db: str | None,
          as_json: bool) -> None:
    """Fetch pages or feeds now: archive every answer, ingest the articles, link them."""
    from ..watch import Watcher

    with open_corpus(db) as corpus, Watcher(corpus, allow_private=allow_private) as watcher:
        report = watcher.fetch_urls(list(urls), outlet)
    _print_round(report, as_json)


@click.command()
@events_option
@click.option("--every", default="10m", show_default=True,
              help="Time between rounds: a number of seconds, or with s, m or h (e.g. 10m).")
@click.option("--once", is_flag=True, help="One round, then exit.")
@_allow_private
@common_options
def watch(events_to: str | None, every: str, once: bool, allow_private: bool | None,
          db: str | None, as_json: bool) -> None:
    """Poll every followed feed, fetch new items, ingest, link and put them into stories,
    then check the watched claims against them; again and again."""
    from ..watch import Watcher

    pause = _seconds(every)
    with open_corpus(db, must_exist=True) as corpus, event_sink(events_to) as write, \
            Watcher(corpus, allow_private=allow_private) as watcher:
        while True:
            report = watcher.poll()
            write(report.events)
            # with the events on stdout, the round's summary goes to stderr
            _print_round(report, as_json, err=events_to == "-")
            if once:
                return
            try:
                time.sleep(pause)
            except KeyboardInterrupt:
                click.echo("tahqiq: watch stopped", err=True)
                return


@click.command()
@click.argument("doc_id")
@common_options
def revisions(doc_id: str, db: str | None, as_json: bool) -> None:
    """The versions of the page DOC_ID was fetched from, with what changed word by word."""
    from ..text.diff import word_diff

    with open_corpus(db, must_exist=True) as corpus:
        doc = corpus.get(doc_id)
        versions = corpus.revisions(doc.doc_id)
        texts = {d.doc_id: d for d in corpus.documents([v[0] for v in versions]).values()}
    steps = [{"doc_id": new, "read_at": at, "url": url, "previous": old,
              "changes": [p.to_json() for p in word_diff(texts[old].text, texts[new].text)]}
             for (old, _, _), (new, at, url) in zip(versions, versions[1:], strict=False)]
    if as_json:
        emit_json({"doc_id": doc.doc_id,
                   "versions": [{"doc_id": d, "read_at": at, "url": url} for d, at, url in versions],
                   "changes": steps})
        return
    if len(versions) < 2:
        click.echo("no other version: the page read the same every time it was fetched"
                   if versions else "not fetched: this document came from a file")
        return
    first = versions[0]
    click.echo(f"{first[2]}\n  first read {first[1]}  [{first[0][:12]}]")
    for step in steps:
        click.echo(f"  changed, read {step['read_at']}  [{step['doc_id'][:12]}]")
        for part in step["changes"]:
            mark = {"same": "   ", "removed": " - ", "added": " + "}[part["op"]]
            click.echo(f"   {mark}{part['text']}")


@click.group()
def export() -> None:
    """Write what the desk holds for other tools."""


@export.command("warc")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
@common_options
def export_warc(target: Path, db: str | None, as_json: bool) -> None:
    """Write every archived response into one WARC file (gzip) at TARGET."""
    from ..fetch.warc import WarcArchive
    from ..store.fetching import CaptureTable

    with open_corpus(db, must_exist=True) as corpus:
        captures = CaptureTable(corpus.store).all()
        written = WarcArchive(corpus.settings.archive_path).export(target, captures)
    if as_json:
        emit_json({"target": str(target), "records": written})
    else:
        click.echo(f"wrote {written} archived responses to {target}")


def _seconds(every: str) -> float:
    return parse_duration(every, "--every", 10, 7 * 86400)


def _print_round(report: Any, as_json: bool, err: bool = False) -> None:
    if as_json and not err:
        emit_json(report.to_json())
        return
    counts: dict[str, int] = {}
    for item in report.fetched:
        counts[item.outcome] = counts.get(item.outcome, 0) + 1
    done = ", ".join(f"{outcome} {n}" for outcome, n in sorted(counts.items())) or "nothing fetched"
    click.echo(f"feeds {report.feeds}; {done}; failed {len(report.failures)}; linked {report.linked}"
               f"; into stories {report.storied}", err=err)
    for event in report.events:
        click.echo("  " + event_text(event), err=err)
    for failure in report.failures:
        click.echo(f"  failed: {failure.url}: {failure.reason}", err=True)
    for url, n in report.skipped.items():
        click.echo(f"  {url}: {n} more new items left for the next round", err=True)
