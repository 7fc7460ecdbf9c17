"""Reach a Dask scheduler, or start a local cluster, from a ``--scheduler`` value."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..core.errors import ConfigError, MissingExtraError
from .mapper import DaskMapper

log = logging.getLogger(__name__)


def parse_scheduler(spec: str) -> tuple[str, int | str]:
    """``("local", workers)`` for ``local`` / ``local:N``, ``("remote", address)`` for a URL.

    ``local`` alone means one worker per core this process may use.
    """
    from ..core.parallel import default_workers

    text = spec.strip()
    if text == "local":
        return "local", default_workers()
    if text.startswith("local:"):
        try:
            workers = int(text.removeprefix("local:"))
        except ValueError:
            workers = 0
        if workers < 1:
            raise ConfigError(f"bad scheduler {spec!r}: local:N needs a positive N")
        return "local", workers
    if "://" in text:
        return "remote", text
    raise ConfigError(f"bad scheduler {spec!r}: use local, local:N or tcp://HOST:PORT")


@contextmanager
def connect(spec: str, *, memory_limit: str | float | None = "auto") -> Iterator[DaskMapper]:
    """A :class:`DaskMapper` over the cluster ``spec`` names, closed on exit.

    ``local[:N]`` starts a LocalCluster of N single-threaded worker processes
    (stopped on exit); ``tcp://HOST:PORT`` connects to a running
    ``dask scheduler`` whose workers have tahqiq installed and can read the
    input files by the same paths.
    """
    kind, target = parse_scheduler(spec)
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MissingExtraError("distributed", "dask", "--scheduler") from None
    cluster: Any = None
    if kind == "local":
        cluster = LocalCluster(n_workers=int(target), threads_per_worker=1, processes=True,
                               dashboard_address=None, memory_limit=memory_limit)
        client = Client(cluster)
    else:
        try:
            client = Client(str(target), timeout="20s")
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler {target}: {exc}") from exc
    log.info("dask: %s workers at %s", len(client.scheduler_info()["workers"]), client.scheduler.address)
    try:
        yield DaskMapper(client)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
