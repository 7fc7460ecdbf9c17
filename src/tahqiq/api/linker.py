"""Linking off the request: one background thread finds reuse links for new documents,
and makes documents other processes stored searchable.

An upload stores and indexes its documents and returns; the :class:`Linker`
is then woken and links them with a corpus of its own (its own SQLite
connection and the reuse index), outside the desk's write lock.  Links are
committed batch by batch with their high-water mark, so a server stopped in
the middle loses nothing: the next linker (or ``tahqiq reuse``) resumes.  It
runs in a thread of this process -- never a forked worker of the threaded
server -- and stops between batches when asked.

Each round also calls ``catch_up`` (the desk's): a ``tahqiq ingest`` on the
same database while the server holds the search-index writer stores documents
it cannot index, and the server indexes them within :data:`POLL_SECONDS`.  After
linking, it calls ``follow_up`` (the desk's): new documents go into stories and the
watched claims are checked against them, as after a watch round.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ..core.config import Settings
from ..core.errors import TahqiqError

log = logging.getLogger(__name__)

#: How often the linker looks for pending documents without being woken (seconds).
POLL_SECONDS = 5.0


class Linker:
    """A daemon thread that links pending documents whenever :meth:`wake` is called
    (and every :data:`POLL_SECONDS`), after calling ``catch_up``; ``link=False`` only
    catches up."""

    def __init__(self, settings: Settings, catch_up: Callable[[], Any] | None = None, *,
                 link: bool = True, follow_up: Callable[[], Any] | None = None) -> None:
        self._settings = replace(settings, workers=1, link_on_ingest=False)
        self._catch_up = catch_up
        self._follow_up = follow_up
        self._link = link
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._busy = threading.Event()
        self.last_error: str | None = None
        self._thread = threading.Thread(target=self._run, name="tahqiq-linker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Ask for a linking round soon (returns at once)."""
        self._wake.set()

    @property
    def busy(self) -> bool:
        """Whether a linking round is running now."""
        return self._busy.is_set()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop after the current batch; wait at most ``timeout`` seconds (the thread is a
        daemon: a round still running when the process ends loses no committed link)."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        from ..corpus import Corpus

        corpus: Any = None
        try:
            while not self._stop.is_set():
                self._wake.wait(POLL_SECONDS)
                self._wake.clear()
                if self._stop.is_set():
                    break
                if corpus is None and self._link:
                    corpus = Corpus(settings=self._settings)
                self._round(corpus)
        finally:
            if corpus is not None:
                corpus.close()

    def _round(self, corpus: Any) -> None:
        self._busy.set()
        try:
            if self._catch_up is not None:
                self._catch_up()
            if corpus is not None and corpus.pending_links():
                corpus.link(progress=self._check_stop)
            if self._follow_up is not None and not self._stop.is_set():
                self._follow_up()
            self.last_error = None
        except _Stopped:
            pass
        except TahqiqError as exc:  # the store is busy or broken: try again at the next round
            self.last_error = str(exc)
            log.warning("linking or indexing failed, will retry: %s", exc)
        finally:
            self._busy.clear()

    def _check_stop(self, done: int, total: int) -> None:
        """Progress callback between batches: end the round when the server stops."""
        if self._stop.is_set():
            raise _Stopped


class _Stopped(Exception):
    """Raised between batches to end a linking round at shutdown."""
