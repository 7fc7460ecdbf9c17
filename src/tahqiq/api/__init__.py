"""tahqiq.api: the HTTP API (FastAPI, the ``api`` extra) over the library.

>>> from tahqiq.api import create_app          # doctest: +SKIP
>>> app = create_app(resolve_settings({"db_path": "desk.db"}))

``tahqiq serve`` runs it with uvicorn.  :class:`Desk` is the framework-free
part: one writer, read-only readers, one shared stance model.
"""

from __future__ import annotations

from typing import Any

from .service import Desk

__all__ = ["Desk", "create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """Build the ASGI app (see :func:`tahqiq.api.app.create_app`)."""
    from .app import create_app as build

    return build(*args, **kwargs)
