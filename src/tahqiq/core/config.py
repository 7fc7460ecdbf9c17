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

    @property
    def index_path(self) -> Path:
        """Directory of the search index, beside the database."""
        return self.db_path.with_name(self.db_path.name + ".index")

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
}


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
            if number < (0 if name == "workers" else 1):
                raise ValueError("must be positive")
            return number
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
