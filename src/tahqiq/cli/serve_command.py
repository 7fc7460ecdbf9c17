"""``tahqiq serve``: the HTTP API and the web page, run with uvicorn."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterable

import click

#: Names that always reach this machine only.
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep the default unless behind a proxy).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="SQLite database (default: $TAHQIQ_DB, else ./tahqiq.db).")
@click.option("--readers", type=click.IntRange(min=1), default=4, show_default=True,
              help="Read-only connections serving searches, documents and reports.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="Another host name clients may address (repeatable; also $TAHQIQ_ALLOWED_HOSTS, "
                   "comma-separated). Loopback names and the listening address are always allowed.")
@click.option("--open-writes", is_flag=True,
              help="Beyond loopback, accept writes without TAHQIQ_TOKEN (refused by default).")
def serve(host: str, port: int, db: str | None, readers: int, allow_hosts: tuple[str, ...],
          open_writes: bool) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the Arabic web page at /.

    Writes (POST /documents) require `Authorization: Bearer $TAHQIQ_TOKEN`
    when TAHQIQ_TOKEN is set; listening beyond loopback requires it unless
    --open-writes.  Requests naming another host than the allowed ones are
    refused (a guard against DNS rebinding).
    """
    from ..core.config import resolve_settings
    from ..core.errors import MissingExtraError

    try:
        import uvicorn
    except ImportError:
        raise MissingExtraError("uvicorn", "api", "tahqiq serve") from None
    from ..api.app import create_app
    from ..api.service import Desk

    settings = resolve_settings({"db_path": db})
    if not settings.api_token and not open_writes and not is_loopback(host):
        raise click.UsageError(f"listening on {host} needs a write token: set TAHQIQ_TOKEN "
                               "(or pass --open-writes to accept writes from anyone)")
    hosts = allowed_hosts(host, [*allow_hosts, *os.environ.get("TAHQIQ_ALLOWED_HOSTS", "").split(",")])
    app = create_app(settings, desk=Desk(settings, readers=readers), allowed_hosts=hosts)
    token = "required" if settings.api_token else "open (set TAHQIQ_TOKEN to require one)"
    click.echo(f"tahqiq: serving {settings.db_path} on http://{host}:{port}/  writes: {token}",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` is reachable from this machine only."""
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def allowed_hosts(host: str, extra: Iterable[str]) -> list[str]:
    """The ``Host`` names a request may carry: loopback names, the listening address
    (for a wildcard address, this machine's name and addresses) and ``extra``."""
    names = {*LOOPBACK_NAMES, "[::1]", host}
    if host in ("0.0.0.0", "::", ""):
        names |= {socket.gethostname(), socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(socket.gethostname())[2])
        except OSError:
            pass
    names |= {name.strip() for name in extra if name.strip()}
    return sorted(n for n in names if n)
