"""Does a text cite an outlet?  The citation test behind reuse direction and evidence units."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from .outlets import Gazetteer
    from .reuse import Cites


def outlet_cites(gazetteer: Gazetteer | None = None) -> Cites:
    """A ``cites(text, outlet)`` function over the gazetteer's canonical names.

    ``outlet`` may be any spelling the gazetteer knows (``"رويترز"``,
    ``"Reuters"``); unknown names are compared as written.  The outlets a
    text cites are extracted once per text (cached).  The function pickles
    (for ``tahqiq.scale`` workers) without its cache.
    """
    return OutletCites(gazetteer)


class OutletCites:
    """The callable :func:`outlet_cites` returns."""

    #: Texts whose cited outlets are remembered.
    CACHE = 2048

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._given = gazetteer
        self._table: Gazetteer | None = gazetteer
        self._cache: OrderedDict[str, frozenset[str]] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, text: str, outlet: str) -> bool:
        table = self._gazetteer()
        return (table.canonical(outlet) or outlet) in self._cited(text)

    def _gazetteer(self) -> Gazetteer:
        if self._table is None:
            from .outlets import load_gazetteer

            self._table = load_gazetteer()
        return self._table

    def _cited(self, text: str) -> frozenset[str]:
        with self._lock:
            found = self._cache.get(text)
            if found is not None:
                self._cache.move_to_end(text)
                return found
        from .attribution import extract_sources

        found = frozenset(c.canonical for c in
                          extract_sources("", text, self._gazetteer()).cited_outlets)
        with self._lock:
            self._cache[text] = found
            if len(self._cache) > self.CACHE:
                self._cache.popitem(last=False)
        return found

    def __getstate__(self) -> dict[str, Any]:
        return {"given": self._given}  # the default gazetteer reloads from the package

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["given"])  # type: ignore[misc]


__all__ = ["OutletCites", "outlet_cites"]
