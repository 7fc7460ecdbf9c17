"""``tahqiq check``: a claim's verdict, its articles and their evidence."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

import click

from ..core.config import MAX_RESULTS
from ..core.files import atomic_path
from .output import open_scaled, scheduler_option


@click.command()
@click.argument("claim", required=False)
@click.option("-k", "k", type=click.IntRange(min=1, max=MAX_RESULTS), default=20, show_default=True,
              help="How many matching articles to judge.")
@click.option("--claims", "claims_file", type=click.Path(dir_okay=False, exists=True),
              help="Batch mode: a JSONL file of claims; writes one JSON report per line.")
@click.option("--all", "include_unrelated", is_flag=True, help="Also list unrelated articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--md", "as_md", is_flag=True, help="Print the report as Markdown.")
@click.option("--html", "as_html", is_flag=True, help="Print the report as an HTML page.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of stdout.")
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="SQLite database (default: $TAHQIQ_DB, else ./tahqiq.db).")
@scheduler_option
def check(claim: str | None, k: int, claims_file: str | None, include_unrelated: bool,
          as_json: bool, as_md: bool, as_html: bool, out: str | None, db: str | None,
          scheduler: str | None) -> None:
    """Find, judge and report on CLAIM across the stored articles."""
    chosen = [name for name, on in (("json", as_json), ("md", as_md), ("html", as_html)) if on]
    if len(chosen) > 1:
        raise click.UsageError("choose one output format: " + " or ".join(f"--{c}" for c in chosen))
    fmt = chosen[0] if chosen else None
    if (claim is None) == (claims_file is None):
        raise click.UsageError("give either a CLAIM or --claims FILE.jsonl")
    if scheduler and not claims_file:
        raise click.UsageError("--scheduler works with --claims (one claim is judged here)")
    if claim is not None:
        _require_words(claim)
    with open_scaled(db, scheduler, must_exist=True) as corpus, _output(out) as stream:
        if claims_file:
            failures = _check_batch(corpus, Path(claims_file), k, include_unrelated, stream)
            if failures:
                click.echo(f"tahqiq: {failures} line(s) of {claims_file} could not be read", err=True)
            return
        report = corpus.check(claim or "", k, include_unrelated=include_unrelated)
        for warning in report.warnings:
            click.echo(f"tahqiq: warning: {warning}", err=True)
        stream.write(_render(report, fmt or "text"))


def _require_words(claim: str) -> None:
    """A claim with nothing to search for is bad usage, as it is for ``search``."""
    from ..core.errors import InvalidQueryError
    from ..text import query_terms

    if not query_terms(claim):
        raise InvalidQueryError("the claim has no searchable words")


def _render(report: Any, fmt: str) -> str:
    from ..verify import to_html, to_markdown

    if fmt == "json":
        return json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    return _text(report)


def _text(report: Any) -> str:
    from ..verify.render import captured_text, changed_text, why
    from ..verify.vocabulary import word

    lines = [f"claim:      {report.claim}",
             f"verdict:    {report.verdict} — {word('verdicts', report.verdict)} ({report.confidence:.2f})",
             "counts:     " + ", ".join(f"{k} {v}" for k, v in report.counts.items())]
    lines += tally_text(report.tally)
    for article in report.articles:
        lines.append(f"\n[{article.stance} {article.confidence:.2f}] {article.doc_id[:12]}  "
                     f"{article.published or '----------':10.10s}  {article.title or '(untitled)'}")
        if article.captured:
            lines.append(f"    {captured_text(article.captured)}")
        if article.changed_later:
            lines.append(f"    {changed_text(article.changed_later)}")
        for e in article.evidence:
            lines.append(f"    - ({e.stance} {e.score:.2f}) {e.sentence}")
            if e.decisive:
                lines.append(f"      ← {why(e)}")
    return "\n".join(lines) + "\n"


def tally_text(tally: Any) -> list[str]:
    """The verdict's sums, unit by unit, so the reader can redo them."""
    if tally is None:
        return []
    sides = [t for t in tally.units if t.stance in ("agree", "disagree")]
    if not sides:
        return []
    parts = [f"unit {t.unit} {t.stance} {t.confidence:.2f}×{t.weight:g} ({t.voice})"
             + (f" = {t.adds:.2f}" if t.counted else " (below credible: not counted)") for t in sides]
    weights = ", ".join(f"{v} {w:g}" for v, w in tally.voice_weights)
    return [f"sums:       support {tally.support:.2f}, refutation {tally.refute:.2f}"
            f" (denials × {tally.disagree_weight:g}; each unit once, weighed by who stands behind it:"
            f" {weights})",
            "            " + "; ".join(parts)]


#: Claims retrieved, judged (on the cluster, with --scheduler) and written per round.
CLAIMS_PER_ROUND = 64


def _check_batch(corpus: Any, path: Path, k: int, include_unrelated: bool, stream: TextIO) -> int:
    """One JSON report per input line; an unreadable line gets an error line, never a stop."""
    from .output import progress_bar

    failures = 0
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    numbered = [(n, _claim_of(line)) for n, line in enumerate(lines, 1) if line.strip()]
    from ..verify.verifier import LINK_ON_CHECK

    corpus.ensure_linked(LINK_ON_CHECK)  # a check only reads: link first, as `check` does
    verifier = corpus.verifier()
    with progress_bar(True, "check", unit="claim") as progress:
        for start in range(0, len(numbered), CLAIMS_PER_ROUND):
            chunk = numbered[start:start + CLAIMS_PER_ROUND]
            claims = [claim for _, claim in chunk if claim is not None]
            reports = iter(verifier.check_many(claims, k, include_unrelated=include_unrelated,
                                               mapper=corpus.mapper))
            for number, claim in chunk:
                if claim is None:
                    failures += 1
                    row = {"line": number, "error": "not a JSON claim "
                           '(expected {"claim": "..."} or a JSON string)'}
                else:
                    row = {"line": number, **next(reports).to_json()}
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
            stream.flush()
            progress(start + len(chunk), len(numbered))
    return failures


def _claim_of(line: str) -> str | None:
    try:
        value = json.loads(line)
    except ValueError:
        return None
    if isinstance(value, dict):
        value = value.get("claim", value.get("text"))
    return value if isinstance(value, str) else None


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """stdout, or a file written whole only when the command succeeds."""
    if path is None:
        yield sys.stdout
        return
    with atomic_path(Path(path), 0o644) as tmp, tmp.open("w", encoding="utf-8") as stream:
        yield stream
