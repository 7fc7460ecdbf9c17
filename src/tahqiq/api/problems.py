"""Errors as JSON problem details (RFC 9457) and the request-size limit.

Every error the API returns has the media type ``application/problem+json``
and the members ``type``, ``title``, ``status`` and ``detail`` (plus
``failed`` when an upload held nothing that could be stored).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from ..core.errors import (
    ConfigError,
    FileTooLargeError,
    IngestError,
    InvalidQueryError,
    MissingExtraError,
    NotFoundError,
    StoreError,
    TahqiqError,
)

PROBLEM_TYPE = "application/problem+json"

#: HTTP status of each library error (the first matching class wins).
STATUS: tuple[tuple[type[TahqiqError], int, str], ...] = (
    (NotFoundError, 404, "not found"),
    (FileTooLargeError, 413, "too large"),
    (InvalidQueryError, 422, "invalid request"),
    (IngestError, 422, "unreadable input"),
    (ConfigError, 400, "bad configuration"),
    (MissingExtraError, 501, "missing optional dependency"),
    (StoreError, 503, "store unavailable"),
)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def problem_body(status: int, title: str, detail: str, **extra: Any) -> dict[str, Any]:
    """The members of one problem document."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    body.update(extra)
    return body


#: What a server-side failure says instead of its message (which may name files or quote text).
SERVER_DETAIL = {501: "an optional dependency of the server is missing",
                 503: "the store is unavailable; try again shortly", 500: "the server failed"}
#: An absolute path inside a message (POSIX or Windows).
_PATH = re.compile(r"(?:[A-Za-z]:\\|/)(?:[^\s'\":]+[/\\])+([^\s'\":/\\]+)")


def for_error(exc: TahqiqError) -> dict[str, Any]:
    """The problem document for a library error.  A client error keeps its
    message with absolute paths cut to their file names; a server error
    (5xx) says only what failed, never a path or a document's text."""
    for cls, status, title in STATUS:
        if isinstance(exc, cls):
            detail = SERVER_DETAIL[status] if status >= 500 else _PATH.sub(r"\1", str(exc))
            return problem_body(status, title, detail)
    return problem_body(500, "internal error", SERVER_DETAIL[500])


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with a 413 problem.

    A declared ``Content-Length`` over the limit is refused before any byte
    is read; a body sent without one is counted as it streams and cut off
    when it passes the limit.
    """

    def __init__(self, app: App, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.limit:
            await self._refuse(send)
            return
        seen = 0
        exceeded = refused = False

        async def counted() -> Message:
            nonlocal seen, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:  # the app sees a client that went away
                    exceeded = True
                    return {"type": "http.disconnect"}
            return message

        async def replaced(message: Message) -> None:
            nonlocal refused
            if not exceeded:
                await send(message)
            elif not refused:  # whatever the app answers, the client gets the 413
                refused = True
                await self._refuse(send)

        await self.app(scope, counted, replaced)
        if exceeded and not refused:
            await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        body = json.dumps(problem_body(
            413, "request too large", f"the request body is over the {self.limit}-byte limit",
        )).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", PROBLEM_TYPE.encode()),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
