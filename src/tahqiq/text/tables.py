"""Versioned data tables of the text stage, and the normalizer version.

Every character map, word list and threshold the text stage uses lives in a
JSON file in ``tables/`` (``<name>.v<N>.json``).  Tables are read on first use
and cached (through the one reader, :func:`tahqiq.core.tables.read_table`); nothing
is read at import time.

:func:`normalizer_version` derives :data:`tahqiq.text.NORMALIZER_VERSION` from
the search table's name and version plus a checksum of *all* tables and the
code revision, so editing any table changes the version (and saved indexes
built with the old tables refuse to load).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..core.tables import checksum_tables, read_table

#: Bump when code (not data) changes what the text stage produces.
CODE_REVISION = 2  # 2: Arabic mojibake re-decoded in display cleaning

#: The tables in use, name -> file.  The version is part of the file name.
TABLE_FILES: dict[str, str] = {
    "display": "display.v2.json",
    "search": "search.v1.json",
    "boilerplate": "boilerplate.v2.json",
    "stopwords": "stopwords.v1.json",
    "dates": "dates.v1.json",
    "glue": "glue.v1.json",
    "segment": "segment.v2.json",
}


@cache
def load_table(name: str) -> dict[str, Any]:
    """Return the parsed table ``name`` (cached; treat it as read-only)."""
    try:
        filename = TABLE_FILES[name]
    except KeyError:
        raise KeyError(f"unknown text table: {name}") from None
    return read_table("tahqiq.text", filename)


@cache
def tables_checksum() -> str:
    """Hex sha256 over the canonical JSON of every table and the code revision."""
    return checksum_tables(TABLE_FILES, load_table, f"code:{CODE_REVISION}\n")


@cache
def normalizer_version() -> str:
    """``"<search name>.v<version>+<8 hex of tables_checksum>"``, e.g. ``ar-search.v1+1a2b3c4d``."""
    search = load_table("search")
    return f"{search['name']}.v{search['version']}+{tables_checksum()[:8]}"


def hex_chars(codes: list[str] | dict[str, Any]) -> list[str]:
    """Characters from hex code points (``"0640"``)."""
    return [chr(int(code, 16)) for code in codes]


def hex_ranges(ranges: list[list[str]]) -> list[str]:
    """Every character of inclusive hex ranges ``[["0660", "0669"], ...]``."""
    out: list[str] = []
    for lo, hi in ranges:
        out.extend(chr(cp) for cp in range(int(lo, 16), int(hi, 16) + 1))
    return out
