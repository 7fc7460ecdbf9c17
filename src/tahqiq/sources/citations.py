"""Does a text cite an outlet?  The citation test behind reuse direction and evidence units."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .outlets import Gazetteer
    from .reuse import Cites


def outlet_cites(gazetteer: Gazetteer | None = None) -> Cites:
    """A ``cites(text, outlet)`` function over the gazetteer's canonical names.

    ``outlet`` may be any spelling the gazetteer knows (``"رويترز"``,
    ``"Reuters"``); unknown names are compared as written.  The outlets a
    text cites are extracted once per text (cached).
    """
    from .attribution import extract_sources
    from .outlets import load_gazetteer

    table = gazetteer or load_gazetteer()

    @lru_cache(maxsize=2048)
    def cited(text: str) -> frozenset[str]:
        return frozenset(c.canonical for c in extract_sources("", text, table).cited_outlets)

    def cites(text: str, outlet: str) -> bool:
        return (table.canonical(outlet) or outlet) in cited(text)

    return cites


__all__ = ["outlet_cites"]
