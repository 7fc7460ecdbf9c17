"""Gazetteer of news outlets and agencies, and where they are named in a text.

The code lives in :mod:`tahqiq.sources.attrib` (:mod:`~.attrib.gazetteer`,
:mod:`~.attrib.names`, :mod:`~.attrib.lexicon`); this module keeps the names it always
had, so ``from tahqiq.sources.outlets import load_gazetteer`` and the other imports keep
working.  Nothing is read or compiled at import time.
"""

from __future__ import annotations

from .attrib.gazetteer import OUTLET_TYPES, Gazetteer, OutletEntry, display_name, load_gazetteer
from .attrib.lexicon import (
    TABLE_FILES,
    clitic_variants,
    fold_key,
    fold_with_map,
    load_table,
    tables_checksum,
    tables_version,
)
from .attrib.names import OutletMention, is_label

__all__ = [
    "OUTLET_TYPES",
    "TABLE_FILES",
    "Gazetteer",
    "OutletEntry",
    "OutletMention",
    "clitic_variants",
    "display_name",
    "fold_key",
    "fold_with_map",
    "is_label",
    "load_gazetteer",
    "load_table",
    "tables_checksum",
    "tables_version",
]
