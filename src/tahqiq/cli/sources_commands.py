"""``tahqiq reuse`` and ``tahqiq sources``: who copied whom, who said what."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..core.config import MAX_LIST
from .output import (
    common_options,
    emit_json,
    open_corpus,
    open_scaled,
    progress_bar,
    scheduler_option,
)


@click.command()
@click.option("--doc", "doc_id", default=None, help="Only the links of this document (id or prefix).")
@click.option("--limit", type=click.IntRange(min=1, max=MAX_LIST), default=None, help="At most this many links.")
@click.option("--rebuild", is_flag=True, help="Forget every link and find them all again.")
@scheduler_option
@common_options
def reuse(doc_id: str | None, limit: int | None, rebuild: bool, scheduler: str | None,
          db: str | None, as_json: bool) -> None:
    """Passages shared between stored articles: who copied whom.

    New articles are linked first.  Each link gives both documents, the
    aligned character spans in each one's text, the shared fraction of the
    shorter one, and the direction (earlier to later by date, else by
    citation, else unknown).
    """
    with open_scaled(db, scheduler, must_exist=True) as corpus:
        with progress_bar(not as_json, "reuse", unit="doc") as progress:
            if rebuild:
                corpus.relink(progress=progress)
            else:
                corpus.link(progress=progress)
        links = corpus.links(doc_id, limit=limit)
        docs = corpus.documents(sorted({d for link in links for d in (link.a, link.b)}))
    if as_json:
        emit_json({"links": [link.to_json() for link in links]})
        return
    print_links(links, docs)


def print_links(links: list[Any], docs: dict[str, Any]) -> None:
    """Print reuse links for people: both sides' outlets and first passage, and why."""
    if not links:
        click.echo("no shared passages found")
    for link in links:
        arrow = {"a->b": "->", "b->a": "<-"}.get(link.direction, "--")
        click.echo(f"{link.a} {arrow} {link.b}  shared {link.shared_fraction:.0%}"
                   f"  ({link.direction_basis or 'direction unknown'})")
        for side, spans in ((link.a, link.spans_a), (link.b, link.spans_b)):
            doc = docs.get(side)
            if doc is not None and spans:
                start, end = spans[0]
                excerpt = " ".join(doc.text[start:end].split())
                where = doc.source or (Path(doc.source_path).name if doc.source_path else side[:8])
                click.echo(f"    {where}: "
                           f"{excerpt[:120]}{'…' if len(excerpt) > 120 else ''}")
        click.echo(f"    why: {link.reason}")


@click.command()
@click.argument("doc_id")
@common_options
def sources(doc_id: str, db: str | None, as_json: bool) -> None:
    """Reported speech (speaker, cue, content) and cited outlets of one article."""
    with open_corpus(db, must_exist=True) as corpus:
        report = corpus.sources(doc_id)
    if as_json:
        emit_json(report.to_json())
        return
    click.echo(f"doc_id: {report.doc_id}")
    click.echo(f"cited outlets ({len(report.cited_outlets)}):")
    for outlet in report.cited_outlets:
        known = "" if outlet.known else "  (not in the gazetteer)"
        click.echo(f"  {outlet.name} -> {outlet.canonical}{known}")
    click.echo(f"attributions ({len(report.attributions)}):")
    for item in report.attributions:
        click.echo(f"  [{item.speaker_kind}] {item.speaker or '(implicit)'} | {item.cue} | "
                   f"{item.content[:140]}{'…' if len(item.content) > 140 else ''}")
