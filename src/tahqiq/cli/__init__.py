"""The ``tahqiq`` command line: a thin click layer over :class:`tahqiq.Corpus`.

Every command takes ``--db PATH`` (else ``$TAHQIQ_DB``, else ``./tahqiq.db``)
and ``--json``.  Library errors become one line on stderr and an exit code.
"""

from __future__ import annotations

import sys

import click

from .check_commands import check
from .claims_commands import claims
from .commands import demo, ingest, list_documents, reindex, search, show, stats
from .serve_command import serve
from .sources_commands import reuse, sources
from .stance_commands import evaluate, train
from .story_commands import stories, story
from .watch_commands import export, feeds, fetch, revisions, watch


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="tahqiq", prog_name="tahqiq")
def cli() -> None:
    """tahqiq (تحقيق): make sense of conflicting Arabic news, offline."""


for _command in (ingest, search, show, list_documents, stats, reindex, check, reuse, sources, serve,
                 demo, train, evaluate, feeds, fetch, watch, revisions, export, stories, story,
                 claims):
    cli.add_command(_command)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; library errors exit with their code and a one-line message."""
    from ..core.errors import TahqiqError

    try:
        cli.main(args=argv, prog_name="tahqiq", standalone_mode=False)
    except TahqiqError as exc:
        click.echo(f"tahqiq: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("tahqiq: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:
        click.echo(f"tahqiq: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), err=True)
        sys.exit(1)


__all__ = ["cli", "main"]
