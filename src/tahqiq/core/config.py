"""Configuration, resolved once and passed explicitly.

:func:`resolve_settings` merges, lowest priority first: built-in defaults,
environment variables (``TAHQIQ_*``) and explicit overrides (CLI flags).
Nothing else in the library reads the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

#: Default database file when neither ``--db`` nor ``TAHQIQ_DB`` is given.
DEFAULT_DB = "tahqiq.db"

#: Default size limit for one input file (20 MB).
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
#: Most results one search or check may ask for (``-k``).
MAX_RESULTS = 1000
#: Most rows one listing may ask for (``--limit``), and the furthest it may skip (``--offset``).
MAX_LIST = 1_000_000
MAX_OFFSET = 1_000_000_000
#: Largest response body a fetch reads (5 MB); a longer one is cut and recorded as a failure.
DEFAULT_FETCH_MAX_BYTES = 5 * 1024 * 1024
#: Who tahqiq says it is when it fetches.
DEFAULT_USER_AGENT = "tahqiq/0.1 (news verification; +https://github.com/tahqiq/tahqiq)"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of a tahqiq run, resolved."""

    #: Path of the SQLite database. The search index lives beside it.
    db_path: Path = Path(DEFAULT_DB)
    #: Files larger than this are refused with a clear message.
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    #: Search engine id: ``"auto"`` picks the best installed engine.
    search_engine: str = "auto"
    #: Documents per store/index transaction during ingest.
    batch_size: int = 500
    #: Show progress bars (only ever on a terminal).
    progress: bool = True
    #: Find reuse links for new documents at the end of every ingest (else on
    #: the next ``reuse`` or ``check``).
    link_on_ingest: bool = True
    #: Processes for batch work such as linking (0: every core this process may use).
    workers: int = 0
    #: Bearer token the HTTP API requires on writes (empty: writes are open).
    api_token: str = field(default="", repr=False)
    #: Largest HTTP request body the API accepts, in bytes (uploads included).
    max_request_bytes: int = DEFAULT_MAX_FILE_BYTES + 1024 * 1024
    # -- fetching the news (tahqiq.fetch) ---------------------------------------------
    #: Seconds to wait for a connection, and between two reads of a response.
    fetch_connect_timeout: float = 10.0
    fetch_read_timeout: float = 20.0
    #: Seconds one whole fetch may take, redirects and body included.
    fetch_total_timeout: float = 60.0
    #: Largest response body read, in bytes (decompressed); longer ones are cut and fail.
    fetch_max_bytes: int = DEFAULT_FETCH_MAX_BYTES
    #: Redirects followed per fetch, each one checked again.
    fetch_max_redirects: int = 5
    #: Seconds between two requests to one host, and requests to one host at once.
    fetch_host_interval: float = 1.0
    fetch_host_concurrency: int = 2
    #: Retries of a failed fetch (connection errors, 429, 5xx), with growing waits.
    fetch_retries: int = 2
    #: Allow loopback, private, link-local and metadata addresses (off: an SSRF guard).
    fetch_allow_private: bool = False
    #: Hosts whose robots.txt is not honoured, comma-separated (the user's own sites).
    fetch_robots_ignore: str = ""
    #: The User-Agent header of every request.
    fetch_user_agent: str = DEFAULT_USER_AGENT
    #: A watch round reads again the pages first read in the last this many days, when
    #: they were last read this many hours ago or more (stealth edits); 0 days: never.
    watch_reread_days: float = 2.0
    watch_reread_hours: float = 6.0

    @property
    def index_path(self) -> Path:
        """Directory of the search index, beside the database."""
        return self.db_path.with_name(self.db_path.name + ".index")

    @property
    def archive_path(self) -> Path:
        """Directory of the WARC archive of fetched responses, beside the database."""
        return self.db_path.with_name(self.db_path.name + ".warc")

    @property
    def stories_path(self) -> Path:
        """Directory of the story clusterer's state, beside the database."""
        return self.db_path.with_name(self.db_path.name + ".stories")

    @property
    def reuse_path(self) -> Path:
        """Directory of the reuse (LSH) index, beside the database."""
        return self.db_path.with_name(self.db_path.name + ".reuse")


_ENV = {
    "TAHQIQ_DB": "db_path",
    "TAHQIQ_MAX_FILE_BYTES": "max_file_bytes",
    "TAHQIQ_SEARCH_ENGINE": "search_engine",
    "TAHQIQ_BATCH_SIZE": "batch_size",
    "TAHQIQ_LINK_ON_INGEST": "link_on_ingest",
    "TAHQIQ_WORKERS": "workers",
    "TAHQIQ_TOKEN": "api_token",
    "TAHQIQ_MAX_REQUEST_BYTES": "max_request_bytes",
    "TAHQIQ_FETCH_CONNECT_TIMEOUT": "fetch_connect_timeout",
    "TAHQIQ_FETCH_READ_TIMEOUT": "fetch_read_timeout",
    "TAHQIQ_FETCH_TOTAL_TIMEOUT": "fetch_total_timeout",
    "TAHQIQ_FETCH_MAX_BYTES": "fetch_max_bytes",
    "TAHQIQ_FETCH_MAX_REDIRECTS": "fetch_max_redirects",
    "TAHQIQ_FETCH_HOST_INTERVAL": "fetch_host_interval",
    "TAHQIQ_FETCH_HOST_CONCURRENCY": "fetch_host_concurrency",
    "TAHQIQ_FETCH_RETRIES": "fetch_retries",
    "TAHQIQ_FETCH_ALLOW_PRIVATE": "fetch_allow_private",
    "TAHQIQ_FETCH_ROBOTS_IGNORE": "fetch_robots_ignore",
    "TAHQIQ_FETCH_USER_AGENT": "fetch_user_agent",
    "TAHQIQ_WATCH_REREAD_DAYS": "watch_reread_days",
    "TAHQIQ_WATCH_REREAD_HOURS": "watch_reread_hours",
}

#: Integer settings that may be 0 (all others must be positive).
_ZERO_OK = {"workers", "fetch_max_redirects", "fetch_retries"}


def _coerce(name: str, value: Any) -> Any:
    kinds = {f.name: f.type for f in fields(Settings)}
    kind = kinds.get(name)
    if kind is None:
        raise ConfigError(f"unknown setting: {name}")
    try:
        if kind in ("Path", Path):
            return Path(value).expanduser()
        if kind in ("int", int):
            number = int(value)
            if number < (0 if name in _ZERO_OK else 1):
                raise ValueError("must be positive")
            return number
        if kind in ("float", float):
            real = float(value)
            if not 0 <= real < float("inf"):
                raise ValueError("must be a finite number, 0 or more")
            return real
        if kind in ("bool", bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"bad value for {name}: {value!r} ({exc})") from exc


def resolve_settings(
    overrides: Mapping[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Build :class:`Settings` from defaults, environment and overrides.

    ``overrides`` values that are ``None`` are ignored, so CLI options can be
    passed straight through.  ``env`` defaults to :data:`os.environ`.
    """
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    for var, name in _ENV.items():
        if env.get(var):
            values[name] = _coerce(name, env[var])
    for name, value in (overrides or {}).items():
        if value is not None:
            values[name] = _coerce(name, value)
    return replace(Settings(), **values)
