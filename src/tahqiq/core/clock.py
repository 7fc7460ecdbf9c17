"""The one way tahqiq writes the time now: ISO-8601, UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    """The time now, e.g. ``2026-12-06T04:30:37+00:00``."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def to_utc(value: str) -> str:
    """An ISO 8601 date or time in the form :func:`utc_now` writes, so that stored times
    compare as text; a time without an offset is UTC (:class:`ValueError` if it is not
    ISO 8601)."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"{value[:40]!r} is not an ISO 8601 date or time") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


__all__ = ["to_utc", "utc_now"]
