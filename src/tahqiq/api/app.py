"""The FastAPI application: JSON endpoints, problem details, the web page.

Build it with :func:`create_app`; ``tahqiq serve`` runs it with uvicorn.
Every endpoint is a thin call into :class:`~tahqiq.api.service.Desk`.  (No
``from __future__ import annotations`` here: FastAPI reads the endpoints'
annotations, and the request models are imported inside :func:`create_app`.)
"""


import hmac
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from ..core.config import MAX_OFFSET, Settings
from ..core.errors import MissingExtraError, TahqiqError
from .problems import PROBLEM_TYPE, BodyLimit, for_error, problem_body
from .service import MAX_K, MAX_LINKS, Desk, public_paths

#: Upload field name of ``POST /documents`` (multipart/form-data).
UPLOAD_FIELD = "file"

#: The web page may run only its own script and style: article text can never
#: become markup, and nothing is fetched from elsewhere.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object", "required": ["text"],
                "properties": {name: {"type": "string"} for name in
                               ("text", "title", "url", "source", "published")},
            }},
            "multipart/form-data": {"schema": {
                "type": "object", "required": [UPLOAD_FIELD],
                "properties": {UPLOAD_FIELD: {"type": "string", "format": "binary"}},
            }},
        },
    },
}


def create_app(settings: Settings, *, desk: Desk | None = None,
               allowed_hosts: Sequence[str] | None = None) -> Any:
    """The ASGI app over the corpus of ``settings`` (a :class:`Desk` is opened unless given).

    With ``allowed_hosts``, a request whose ``Host`` names another host gets 400
    (``tahqiq serve`` passes loopback and its listening address)."""
    try:
        from fastapi import FastAPI
    except ImportError:
        raise MissingExtraError("fastapi", "api", "the HTTP API") from None
    from importlib.metadata import version

    desk = desk or Desk(settings)

    @asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        yield
        desk.close()

    app = FastAPI(title="tahqiq", version=version("tahqiq"), docs_url=None, redoc_url=None,
                  lifespan=lifespan, default_response_class=_public_json(),
                  description="Find, judge and report on claims across Arabic news articles.")
    _errors(app)
    _routes(app, desk, settings)
    _pages(app)
    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return BodyLimit(app, settings.max_request_bytes)


def _public_json() -> type:
    """The class every answer of a route is rendered with: JSON whose ``source_path``
    values are cut to file names (:func:`~tahqiq.api.service.public_paths`), so no
    route can hand an API reader the server's directories."""
    from fastapi.responses import JSONResponse

    class PublicJSON(JSONResponse):
        def render(self, content: Any) -> bytes:
            return super().render(public_paths(content))

    return PublicJSON


def _problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None,
             **extra: Any) -> Any:
    from fastapi.responses import JSONResponse

    return JSONResponse(problem_body(status, title, detail, **extra), status_code=status,
                        media_type=PROBLEM_TYPE, headers=headers)


#: Sent with server errors: the client opens a new connection rather than reuse one
#: the server may be dropping.
CLOSE = {"Connection": "close"}


def _errors(app: Any) -> None:
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    @app.exception_handler(TahqiqError)
    async def library_error(_request: Any, exc: TahqiqError) -> Any:
        body = for_error(exc)
        return _problem(body["status"], body["title"], body["detail"],
                        headers=CLOSE if body["status"] >= 500 else None)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Any, exc: RequestValidationError) -> Any:
        parts = ["{}: {}".format(".".join(str(p) for p in e.get("loc", ())), e.get("msg", ""))
                 for e in exc.errors()]
        return _problem(422, "invalid request", "; ".join(parts) or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(_request: Any, exc: HTTPException) -> Any:
        return _problem(exc.status_code, str(exc.detail), str(exc.detail),
                        headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crash(_request: Any, exc: Exception) -> Any:
        import logging

        logging.getLogger(__name__).exception("unhandled error")
        return _problem(500, "internal error", f"{type(exc).__name__}: the server failed", headers=CLOSE)


def _cross_site(request: Any) -> bool:
    """Whether a browser sent this request from another site's page: its
    ``Sec-Fetch-Site`` says so, or its ``Origin`` names another host than the one
    addressed.  A page on any site the user visits could otherwise upload into an
    open desk (a form POST needs no script and no CORS permission)."""
    site = request.headers.get("sec-fetch-site", "")
    if site in ("cross-site", "same-site"):
        return True
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    from urllib.parse import urlsplit

    return urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower()


def _routes(app: Any, desk: Desk, settings: Settings) -> None:
    from fastapi import Depends, Query, Request
    from starlette.concurrency import run_in_threadpool
    from starlette.exceptions import HTTPException

    from .models import MAX_CLAIM_CHARS, CheckRequest

    def write_access(request: Request) -> None:
        if _cross_site(request):
            raise HTTPException(403, "cross-site writes are refused")
        token = settings.api_token
        if not token:
            return
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise HTTPException(401, "a bearer token is required",
                                headers={"WWW-Authenticate": 'Bearer realm="tahqiq"'})
        if not hmac.compare_digest(value.strip().encode(), token.encode()):
            raise HTTPException(401, "the bearer token is not valid",
                                headers={"WWW-Authenticate": 'Bearer realm="tahqiq", error="invalid_token"'})

    @app.post("/documents", status_code=201, dependencies=[Depends(write_access)],
              openapi_extra=_DOCUMENT_BODY, summary="Ingest a JSON document or an uploaded file")
    async def add_document(request: Request) -> Any:
        data, name = await _upload(request)
        report = await run_in_threadpool(desk.ingest_bytes, data, name)
        body = report.to_json()
        if not report.documents:
            return _problem(422, "nothing stored", "; ".join(f.error for f in report.failed)
                            or "the input held no article", failed=body["failed"])
        return app.router.default_response_class(body, status_code=201 if report.added else 200)

    @app.get("/documents/{doc_id}", summary="One stored document, with its reuse links")
    def get_document(doc_id: str) -> Any:
        return desk.document(doc_id)

    @app.get("/documents/{doc_id}/sources", summary="Reported speech and cited outlets")
    def get_sources(doc_id: str) -> Any:
        return desk.sources(doc_id)

    @app.get("/search", summary="BM25 search with query expansion")
    def search(q: str = Query(..., max_length=MAX_CLAIM_CHARS),
               k: int = Query(10, ge=1, le=MAX_K)) -> Any:
        return desk.search(q, k)

    @app.post("/check", summary="Check a claim: the report of `tahqiq check --json`")
    def check(body: CheckRequest) -> Any:
        return _with_reasons(desk.check(body.claim, body.k, include_unrelated=body.all))

    @app.get("/reuse", summary="Passages that articles share (reuse links)")
    def reuse(doc: str | None = None, limit: int = Query(100, ge=1, le=MAX_LINKS),
              offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> Any:
        return desk.reuse(doc, limit, offset)

    @app.get("/stats", summary="What the store holds")
    def stats() -> Any:
        return desk.stats()

    @app.get("/vocabulary", summary="The Arabic words for verdicts, stances, marks, unit reasons and voices")
    def vocabulary() -> Any:
        from ..verify.vocabulary import SECTIONS
        from ..verify.vocabulary import vocabulary as table

        return {section: table()[section] for section in SECTIONS}

    @app.get("/health", summary="Liveness: the store answers")
    def health() -> Any:
        return desk.health()

    from .routes_news import add_news_routes

    add_news_routes(app, desk, write_access)


async def _upload(request: Any) -> tuple[bytes, str]:
    """The bytes of ``POST /documents`` and the file name that picks their reader."""
    from starlette.exceptions import HTTPException

    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        return await request.body(), "request.json"
    if kind == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=5)
        upload = form.get(UPLOAD_FIELD)
        if upload is None or isinstance(upload, str):
            raise HTTPException(422, f"the form has no '{UPLOAD_FIELD}' file")
        name = Path(upload.filename or "upload.txt").name
        return await upload.read(), name
    raise HTTPException(415, "send application/json or multipart/form-data")


def _pages(app: Any) -> None:
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import FileResponse
    from fastapi.staticfiles import StaticFiles

    from ..web import static_dir, swagger_dir

    static = static_dir()
    swagger = swagger_dir()  # mounted first: "/static" would shadow it
    if swagger is not None:
        app.mount("/static/swagger", StaticFiles(directory=swagger), name="swagger")

        @app.get("/docs", include_in_schema=False)
        def docs() -> Any:
            return get_swagger_ui_html(openapi_url="/openapi.json", title="tahqiq API",
                                       swagger_js_url="/static/swagger/swagger-ui-bundle.js",
                                       swagger_css_url="/static/swagger/swagger-ui.css",
                                       swagger_favicon_url="/static/favicon.svg")

    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> Any:
        return FileResponse(static / "index.html", media_type="text/html; charset=utf-8",
                            headers=PAGE_HEADERS)


def _with_reasons(report: Any) -> dict[str, Any]:
    """The report JSON, each deciding evidence sentence with ``why``: its reasons in Arabic,
    and ``warnings_ar``: the warnings as readers see them."""
    from ..verify.render import why
    from ..verify.vocabulary import warning_text

    data = report.to_json()
    if report.warnings:
        data["warnings_ar"] = [warning_text(w) for w in report.warnings]
    for article, shown in zip(report.articles, data["articles"], strict=True):
        for evidence, entry in zip(article.evidence, shown["evidence"], strict=True):
            if evidence.decisive:
                entry["why"] = why(evidence)
    return data
