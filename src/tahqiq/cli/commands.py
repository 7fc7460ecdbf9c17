"""The CLI commands. Each one parses options, calls the library, prints."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from ..core.config import MAX_LIST, MAX_OFFSET, MAX_RESULTS
from .output import (
    common_options,
    emit_json,
    open_corpus,
    open_scaled,
    progress_bar,
    scheduler_option,
)
from .sources_commands import print_links

#: The query `tahqiq demo` runs over the sample corpus.
DEMO_QUERY = "عملية عسكرية مشتركة على الحدود"
#: The claim `tahqiq demo` checks against the sample corpus.
DEMO_CLAIM = "مصر والسودان تستعدان لتنفيذ عملية عسكرية مشتركة في المثلث الحدودي قرب جبل العوينات"
#: Stories the demo lists (those of more than one article).
DEMO_STORIES = 5


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--no-link", is_flag=True,
              help="Do not look for copied passages or put the articles into stories now "
                   "(done at the next reuse or check, and the next stories).")
@scheduler_option
@common_options
def ingest(paths: tuple[str, ...], no_link: bool, scheduler: str | None, db: str | None,
           as_json: bool) -> None:
    """Read articles from files and folders (txt, html, json, jsonl, rss, atom)."""
    with open_scaled(db, scheduler) as corpus:
        with progress_bar(not as_json, "ingest") as progress:
            report = corpus.ingest(paths, progress=progress, link=False)
        if not no_link and corpus.settings.link_on_ingest and report.added:
            with progress_bar(not as_json, "reuse", unit="doc") as progress:
                corpus.link(progress=progress)
            with progress_bar(not as_json, "stories", unit="doc") as progress:
                corpus.assign_stories(progress=progress)
        lag = corpus.index_lag() if report.added else 0
    if as_json:
        emit_json({**report.to_json(), "index_lag": lag})
    else:
        _print_ingest(report)
    if lag:
        click.echo(f"{lag} documents are not searchable yet: another process holds the search index "
                   "(a running 'tahqiq serve' indexes them within seconds, else the next command does)",
                   err=True)
    if not report.documents:  # nothing could be read
        sys.exit(1)


def _print_ingest(report: Any) -> None:
    for failure in report.failed:
        click.echo(f"skipped {failure.path}: {failure.error}", err=True)
    if not report.documents and not report.failed:
        click.echo("no supported files found (.txt .html .htm .json .jsonl .xml .rss .atom)",
                   err=True)
    click.echo(
        f"added {report.added}, duplicates {report.duplicates}, failed {len(report.failed)}"
    )


@click.command()
@click.argument("query")
@click.option("-k", "k", type=click.IntRange(min=1, max=MAX_RESULTS), default=10, show_default=True,
              help="How many results.")
@common_options
def search(query: str, k: int, db: str | None, as_json: bool) -> None:
    """Rank stored articles by BM25 against QUERY."""
    with open_corpus(db, must_exist=True) as corpus:
        hits = corpus.search(query, k=k)
    if as_json:
        emit_json({"query": query, "results": [h.to_json() for h in hits]})
        return
    _print_hits(hits)


def _print_hits(hits: list[Any]) -> None:
    if not hits:
        click.echo("no results")
    for rank, hit in enumerate(hits, 1):
        click.echo(f"{rank:2d}. [{hit.doc_id}] {hit.score:7.3f}  {(hit.published or '----------')[:10]}  "
                   f"{hit.title or '(untitled)'}  — {hit.source or hit.source_path or ''}")
        if hit.snippet:
            click.echo(f"    {hit.snippet}")


@click.command()
@click.argument("doc_id")
@common_options
def show(doc_id: str, db: str | None, as_json: bool) -> None:
    """Show one stored document (an id or a unique id prefix)."""
    with open_corpus(db, must_exist=True) as corpus:
        doc = corpus.get(doc_id)
        captures = corpus.captures(doc.doc_id)
    if as_json:
        emit_json({**doc.to_json(), **({"captures": [c.to_json() for c in captures]}
                                       if captures else {})})
        return
    for key in ("doc_id", "title", "source", "published", "url", "source_path", "lang"):
        value = getattr(doc, key)
        if value:
            click.echo(f"{key + ':':13s}{value}")
    for capture in captures:
        click.echo(f"{'captured:':13s}{capture.fetched_at}  HTTP {capture.status}  "
                   f"sha256 {capture.sha256[:16]}  {capture.warc_file}@{capture.offset}")
    click.echo(f"{'sentences:':13s}{len(doc.sentences)}\n")
    click.echo(doc.text)


@click.command("list")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIST), default=None, help="At most this many.")
@click.option("--offset", type=click.IntRange(min=0, max=MAX_OFFSET), default=0, help="Skip this many.")
@common_options
def list_documents(limit: int | None, offset: int, db: str | None, as_json: bool) -> None:
    """List stored documents."""
    with open_corpus(db, must_exist=True) as corpus:
        docs = corpus.list(limit=limit, offset=offset)
    if as_json:
        emit_json({"documents": docs})
        return
    for d in docs:
        click.echo(f"{d['doc_id']}  {d['published'] or '----------':10.10s}  {d['lang']:3s} "
                   f"{(d['source'] or '-')[:24]:24s}  {d['title'] or '(untitled)'}")


@click.command()
@click.option("--no-link", is_flag=True, help="Do not find reuse links again (run 'tahqiq reuse "
              "--rebuild' later; links found before keep spans of the old text until then).")
@scheduler_option
@common_options
def reindex(no_link: bool, scheduler: str | None, db: str | None, as_json: bool) -> None:
    """Clean stored articles again with this tahqiq's text rules, from their stored originals.

    Needed after an upgrade that changes cleaning (``tahqiq stats`` says so).
    Ids stay; the search index is rebuilt and copies are found again.
    """
    with open_scaled(db, scheduler, must_exist=True) as corpus:
        with progress_bar(not as_json, "reindex", unit="doc") as progress:
            report = corpus.reindex(progress=progress, relink=not no_link)
    if as_json:
        emit_json(report.to_json())
        return
    for failure in report.kept:
        click.echo(f"kept {failure.path}: {failure.error}", err=True)
    click.echo(f"rebuilt {report.rebuilt} ({report.changed} changed), kept {len(report.kept)}, "
               f"relinked {report.relinked}; normalizer {report.normalizer_version}")


@click.command()
@common_options
def stats(db: str | None, as_json: bool) -> None:
    """Report what the database holds."""
    with open_corpus(db, must_exist=True) as corpus:
        result = corpus.stats()
        indexed = corpus.indexed_count()  # after catching up, when no other process holds the index
        stale = corpus.stale_count()
    lag = max(0, result.documents - indexed)
    if as_json:
        emit_json({**result.to_json(), "indexed": indexed, "index_lag": lag, "stale": stale})
        return
    if stale:
        click.echo(f"{stale} documents were cleaned by an older tahqiq; run 'tahqiq reindex'", err=True)
    _print_stats(result)
    click.echo(f"{'indexed:':12s}{indexed}" + (f"  ({lag} not searchable yet: another process "
                                                "holds the index; they are indexed when it lets go)"
                                                if lag else ""))


def _print_stats(result: Any) -> None:
    click.echo(f"documents:  {result.documents}")
    click.echo(f"sentences:  {result.sentences}")
    if result.first_published:
        click.echo(f"published:  {result.first_published} .. {result.last_published}")
    for title, counts in (("languages", result.by_lang), ("formats", result.by_format),
                          ("sources", result.by_source)):
        if counts:
            parts = ", ".join(f"{k or '?'} {v}" for k, v in sorted(counts.items(),
                                                                  key=lambda kv: -kv[1]))
            click.echo(f"{title + ':':12s}{parts}")


@click.command()
@click.option("-k", "k", type=click.IntRange(min=1, max=MAX_RESULTS), default=5, show_default=True,
              help="How many search results to show.")
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="Keep the demo's database in this file (default: a temporary one, "
                   "removed at the end; $TAHQIQ_DB is not used).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON on stdout.")
def demo(k: int, db: str | None, as_json: bool) -> None:
    """Ingest the bundled sample corpus, then show a search, what is stored, the copies,
    the stories and a claim's check."""
    from ..data import sample_path
    from ..stories.vectors import hours_to_iso
    from .story_commands import print_stories

    with tempfile.TemporaryDirectory(prefix="tahqiq-demo-") as tmp:
        target = db or str(Path(tmp) / "demo.db")
        with sample_path() as sample, open_corpus(target) as corpus:
            with progress_bar(not as_json, "ingest") as progress:
                report = corpus.ingest([sample], progress=progress)
            hits = corpus.search(DEMO_QUERY, k=k)
            result = corpus.stats()
            checked = corpus.check(DEMO_CLAIM, k=20)
            links = corpus.links()
            linked_docs = corpus.documents(sorted({d for link in links for d in (link.a, link.b)}))
            at, stories = corpus.stories(limit=DEMO_STORIES, min_size=2)
        if as_json:
            emit_json({"db": target if db else None, "ingest": report.to_json(),
                       "search": {"query": DEMO_QUERY, "results": [h.to_json() for h in hits]},
                       "stats": result.to_json(), "check": checked.to_json(),
                       "reuse": {"links": [link.to_json() for link in links]},
                       "stories": {"at": hours_to_iso(at), "stories": [s.to_json() for s in stories]}})
            return
        click.echo(f"== ingest: the sample corpus -> {target if db else '(temporary database)'}")
        _print_ingest(report)
        click.echo(f"\n== search: {DEMO_QUERY}")
        _print_hits(hits)
        click.echo("\n== stats")
        _print_stats(result)
        click.echo("\n== reuse: passages copied between articles")
        print_links(links, linked_docs)
        click.echo("\n== stories: the articles grouped as they arrived (more than one article)")
        print_stories(stories)
        click.echo(f"\n== check: {DEMO_CLAIM}")
        _print_check(checked, k)


def _print_check(report: Any, k: int) -> None:
    from ..verify.vocabulary import word

    counts = ", ".join(f"{label} {n}" for label, n in report.counts.items())
    independent = ", ".join(f"{label} {n}" for label, n in report.independent_counts.items())
    click.echo(f"verdict: {report.verdict} — {word('verdicts', report.verdict)} "
               f"(confidence {report.confidence:.2f}); {counts}")
    if independent:
        click.echo(f"independent evidence (copies and shared sources counted once): {independent}")
    from .check_commands import tally_text

    for line in tally_text(report.tally):
        click.echo(line.strip())
    for article in report.articles[:k]:
        click.echo(f"  [{article.stance:8s} {article.confidence:.2f}] "
                   f"{article.published or '----------':10.10s}  {article.title or '(untitled)'}")
        if article.evidence:
            click.echo(f"      {article.evidence[0].sentence[:160]}")
            if article.evidence[0].decisive:
                from ..verify.render import why

                click.echo(f"      ← {why(article.evidence[0])}")
