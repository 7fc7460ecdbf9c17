"""Date parsing for feeds, metadata and Arabic running text.

:func:`parse_date` accepts ISO 8601 dates and datetimes, RFC 822 feed dates,
numeric ``DD/MM/YYYY`` (day first, as in the Arab world; ``YYYY/MM/DD`` is
also read) and Arabic or Latin month names in every regional variant listed
in ``tables/dates.v1.json`` (Egyptian/Gulf يناير..ديسمبر, Levantine كانون
الثاني..كانون الأول, Maghrebi جانفي..ديسمبر), with either digit set.
It returns ``YYYY-MM-DD`` or, when a time is given in ISO/RFC 822 form,
``YYYY-MM-DDTHH:MM:SS`` plus the UTC offset if one was given.  Impossible
dates and garbage give ``None``; nothing here raises.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_to_datetime
from functools import cache
from typing import Any

from .charmap import fold
from .display import to_ascii_digits
from .tables import load_table

_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_RFC822 = re.compile(r"^\s*(?:[a-z]{3},\s*)?\d{1,2}\s+[a-z]{3}\s+\d{2,4}\s+\d{1,2}:\d{2}", re.I)


@cache
def _month_re() -> tuple[re.Pattern[str], dict[str, int]]:
    table = load_table("dates")
    names: dict[str, int] = {}
    for number, variants in table["months"].items():
        for name in variants:
            names[fold(name)] = int(number)
    alts = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(names, key=len, reverse=True))
    month = f"(?:{alts})(?![^\\W\\d_])"
    sep = r"\s*[,،]?\s*"
    pattern = (
        rf"(?<![\w])(?:(?P<d1>\d{{1,2}})\s*(?P<m1>{month})(?:\s*[/(-]\s*{month}\s*\)?)?{sep}(?P<y1>\d{{4}})"
        rf"|(?P<m2>{month}){sep}(?P<d2>\d{{1,2}}){sep}(?P<y2>\d{{4}}))(?!\d)"
        r"|(?<![\d/.-])(?:(?P<d3>\d{1,2})(?P<s3>[/.-])(?P<m3>\d{1,2})(?P=s3)(?P<y3>\d{4})"
        r"|(?P<y4>\d{4})(?P<s4>[/.-])(?P<m4>\d{1,2})(?P=s4)(?P<d4>\d{1,2}))(?![\d/-]|\.\d)"
    )
    return re.compile(pattern), names


def _valid(year: int, month: int, day: int) -> str | None:
    table = load_table("dates")
    if not table["min_year"] <= year <= table["max_year"]:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _from_match(match: re.Match[str], names: dict[str, int]) -> str | None:
    groups: dict[str, Any] = match.groupdict()
    for i in "1234":
        if groups.get(f"y{i}"):
            raw_month = groups[f"m{i}"]
            month = int(raw_month) if raw_month.isdigit() else names.get(_squash(raw_month))
            if month is None:
                return None
            return _valid(int(groups[f"y{i}"]), month, int(groups[f"d{i}"]))
    return None


def _squash(name: str) -> str:
    return " ".join(name.split())


def _iso(value: str) -> str | None:
    match = _ISO.fullmatch(value)
    if not match:
        return None
    year, month, day, hour, minute, second, tz = match.groups()
    day_iso = _valid(int(year), int(month), int(day))
    if day_iso is None or hour is None:
        return day_iso
    if int(hour) > 23 or int(minute) > 59 or int(second or 0) > 59:
        return None
    offset = ""
    if tz:
        if tz == "Z":
            offset = "+00:00"
        else:
            digits = tz[1:].replace(":", "").ljust(4, "0")
            if int(digits[:2]) > 23 or int(digits[2:]) > 59:
                return None
            offset = f"{tz[0]}{digits[:2]}:{digits[2:]}"
    return f"{day_iso}T{hour}:{minute}:{second or '00'}{offset}"


def _rfc822(value: str) -> str | None:
    if not _RFC822.match(value):
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if _valid(parsed.year, parsed.month, parsed.day) is None:
        return None
    return parsed.replace(microsecond=0).isoformat()


def find_date(text: str) -> str | None:
    """The first plausible date written in ``text`` (``YYYY-MM-DD``), or ``None``."""
    if not text:
        return None
    try:
        folded = fold(to_ascii_digits(text))
        pattern, names = _month_re()
        for match in pattern.finditer(folded):
            found = _from_match(match, names)
            if found:
                return found
        for match in _ISO.finditer(folded):
            found = _valid(*(int(g) for g in match.groups()[:3]))
            if found:
                return found
    except (ValueError, OverflowError):
        return None
    return None


def parse_date(value: str | None) -> str | None:
    """Parse a date or datetime string to ISO 8601 (see module doc), or ``None``."""
    if not value or not isinstance(value, str):
        return None
    text = to_ascii_digits(value).strip()
    if len(text) > 200:
        text = text[:200]
    if _ISO.fullmatch(text):
        return _iso(text)  # ISO-shaped but impossible stays impossible
    return _rfc822(text) or find_date(text)
