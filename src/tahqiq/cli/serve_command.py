"""``tahqiq serve``: the HTTP API and the web page, run with uvicorn."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep the default unless behind a proxy).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--db", "db", type=click.Path(dir_okay=False), default=None,
              help="SQLite database (default: $TAHQIQ_DB, else ./tahqiq.db).")
@click.option("--readers", type=click.IntRange(min=1), default=4, show_default=True,
              help="Read-only connections serving searches, documents and reports.")
def serve(host: str, port: int, db: str | None, readers: int) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the Arabic web page at /.

    Writes (POST /documents) require `Authorization: Bearer $TAHQIQ_TOKEN`
    when TAHQIQ_TOKEN is set.
    """
    from ..config import resolve_settings
    from ..errors import MissingExtraError

    try:
        import uvicorn
    except ImportError:
        raise MissingExtraError("uvicorn", "api", "tahqiq serve") from None
    from ..api.app import create_app
    from ..api.service import Desk

    settings = resolve_settings({"db_path": db})
    app = create_app(settings, desk=Desk(settings, readers=readers))
    token = "required" if settings.api_token else "open (set TAHQIQ_TOKEN to require one)"
    click.echo(f"tahqiq: serving {settings.db_path} on http://{host}:{port}/  writes: {token}",
               err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
