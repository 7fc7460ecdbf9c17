"""The routes of stories and watched claims, added to the app by
:func:`tahqiq.api.app.create_app`.

- ``GET /stories`` and ``GET /stories/{id}``: the JSON of ``tahqiq stories --json`` and
  ``tahqiq story ID --json`` (new documents are put into stories first);
- ``GET /claims``, ``POST /claims`` (write token), ``GET /claims/{id}``,
  ``DELETE /claims/{id}`` (write token): the watched claims, as ``tahqiq claims``
  prints them;
- ``GET /claims/events?since=&after_id=``: what changed since a time, or since the
  last event a client saw.

(No ``from __future__ import annotations``: FastAPI reads the endpoints' annotations.)
"""


from collections.abc import Callable
from typing import Any

from ..core.config import MAX_OFFSET
from .service import MAX_EVENTS, MAX_ID, MAX_SINCE_HOURS, MAX_STORIES, MAX_TIMELINE, Desk

#: Longest ``at`` or ``since`` time accepted, in characters.
MAX_TIME_CHARS = 64


def add_news_routes(app: Any, desk: Desk, write_access: Callable[..., None]) -> None:
    """Add the story and watched-claim routes to ``app`` (writes behind ``write_access``)."""
    from fastapi import Depends, Path, Query

    from .models import WatchRequest

    at_query = Query(None, max_length=MAX_TIME_CHARS,
                     description="As of this ISO date or time (default: the newest article's time).")

    @app.get("/stories", summary="Stories: articles grouped as they arrive (`tahqiq stories --json`)")
    def stories(since_hours: float | None = Query(None, gt=0, le=MAX_SINCE_HOURS),
                limit: int = Query(20, ge=1, le=MAX_STORIES),
                offset: int = Query(0, ge=0, le=MAX_OFFSET),
                min_size: int = Query(1, ge=1, le=MAX_ID),
                at: str | None = at_query) -> Any:
        return desk.stories(since_hours, limit, offset, min_size, at)

    @app.get("/stories/{story_id}", summary="One story and its timeline (`tahqiq story ID --json`)")
    def story(story_id: int = Path(..., ge=1, le=MAX_ID),
              limit: int = Query(200, ge=1, le=MAX_TIMELINE),
              at: str | None = at_query) -> Any:
        return desk.story(story_id, limit, at)

    @app.get("/claims", summary="The watched claims and their last verdicts")
    def claims() -> Any:
        return desk.claims()

    @app.post("/claims", status_code=201, dependencies=[Depends(write_access)],
              summary="Watch a claim and check it now (201; 200 when it was already watched)")
    def watch(body: WatchRequest) -> Any:
        update = desk.watch(body.claim)
        return app.router.default_response_class(update.to_json(),
                                                 status_code=201 if update.added else 200)

    # before /claims/{claim_id}: "events" is not a claim id
    @app.get("/claims/events", summary="What changed for the watched claims since a time")
    def events(since: str | None = Query(None, max_length=MAX_TIME_CHARS,
                                         description="ISO date or time (a time without offset is UTC)."),
               after_id: int = Query(0, ge=0, le=MAX_ID, description="Only events after this one."),
               limit: int = Query(MAX_EVENTS, ge=1, le=MAX_EVENTS)) -> Any:
        return desk.claim_events(since, after_id, limit)

    @app.get("/claims/{claim_id}", summary="A watched claim, its checks and its events")
    def history(claim_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
        return desk.claim_history(claim_id)

    @app.delete("/claims/{claim_id}", dependencies=[Depends(write_access)],
                summary="Stop watching a claim (its history goes with it)")
    def unwatch(claim_id: int = Path(..., ge=1, le=MAX_ID)) -> Any:
        return desk.unwatch(claim_id)
