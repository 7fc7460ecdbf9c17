"""tahqiq.store: the SQLite document store (the source of truth).

>>> from tahqiq.store import Store
>>> with Store("desk.db") as store:        # doctest: +SKIP
...     statuses = store.add_documents(docs)
...     doc = store.get(statuses[0].doc_id[:8])
"""

from __future__ import annotations

from .links import LinkTable
from .migrations import MIGRATIONS, Migrations
from .sqlite import MIN_PREFIX, Store

__all__ = ["MIGRATIONS", "MIN_PREFIX", "LinkTable", "Migrations", "Store"]
