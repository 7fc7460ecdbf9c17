"""The one way tahqiq writes the time now: ISO-8601, UTC, to the second."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> str:
    """The time now, e.g. ``2026-12-06T04:30:37+00:00``."""
    return datetime.now(UTC).isoformat(timespec="seconds")


__all__ = ["utc_now"]
