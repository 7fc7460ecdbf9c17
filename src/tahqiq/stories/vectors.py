"""What story clustering reads of an article: content terms, lead, entities, time.

:func:`story_vector` is a pure function of a stored document's search text, title
and date, so a batch of them can run anywhere (:func:`vector_batch` on a Dask
worker) and give the same vectors.  The parameters and the entity names are the
versioned table ``stories/tables/stories.v1.json``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any

from ..core.errors import InvalidQueryError
from ..core.tables import read_table
from ..core.types import StoryVector
from ..text.search import arabic_stopwords, normalize_search, stem

TABLE = "stories.v1.json"

#: A stored document as story clustering reads it: rowid, search text, title, published.
VectorRow = tuple[int, str, str | None, str | None]


@cache
def stories_table() -> dict[str, Any]:
    """The stories table (parameters, join model, breaking rule, entity names)."""
    return read_table("tahqiq.stories", TABLE)


@dataclass(frozen=True, slots=True)
class VectorParams:
    """How much of an article is read: ``max_tokens`` of its body, the first
    ``lead_tokens`` content terms as its lead."""

    max_tokens: int = 4000
    lead_tokens: int = 40

    @classmethod
    def from_table(cls) -> VectorParams:
        """The parameters of the stories table."""
        params = stories_table()["params"]
        return cls(int(params["max_tokens"]), int(params["lead_tokens"]))


@cache
def _stop_terms() -> frozenset[str]:
    """Stopwords in search form (stemmed), the way search text holds them."""
    return frozenset(stem(word) for word in arabic_stopwords()) | arabic_stopwords()


@cache
def _entities() -> tuple[dict[str, str], dict[str, list[tuple[str, ...]]]]:
    """Entity names in search form: single-term names, and longer names (as term
    tuples) by their first term."""
    single: dict[str, str] = {}
    longer: dict[str, list[tuple[str, ...]]] = {}
    for names in stories_table()["entities"].values():
        for name in names:
            terms = tuple(normalize_search(name).split())
            if len(terms) == 1:
                single.setdefault(terms[0], terms[0])
            elif terms and terms not in longer.get(terms[0], ()):
                longer.setdefault(terms[0], []).append(terms)
    return single, longer


def find_entities(terms: Sequence[str]) -> tuple[str, ...]:
    """The entity names found in a sequence of search terms, sorted and distinct."""
    single, longer = _entities()
    found: set[str] = set()
    for i, term in enumerate(terms):
        if term in single:
            found.add(single[term])
        for name in longer.get(term, ()):
            if tuple(terms[i:i + len(name)]) == name:
                found.add(" ".join(name))
    return tuple(sorted(found))


def time_hours(published: str | None) -> float | None:
    """Hours since 1970 (UTC) of an ISO date or datetime; a bare date counts as its
    noon; ``None`` when there is no date or it cannot be read."""
    if not published:
        return None
    try:
        if len(published) == 10:
            moment = datetime.fromisoformat(published).replace(hour=12, tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(published.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    except ValueError:
        return None
    return round(moment.timestamp() / 3600.0, 4)


def parse_hours(value: str) -> float:
    """Hours since 1970 of a date or time a person gave (ISO 8601, RFC 822, or a date in
    Arabic or Latin words, as :func:`tahqiq.text.dates.parse_date` reads them);
    :class:`InvalidQueryError` when it is none of these."""
    from ..text.dates import parse_date

    hours = time_hours(parse_date(value))
    if hours is None:
        raise InvalidQueryError(f"{value[:40]!r} is not a date or time")
    return hours


def hours_to_iso(hours: float | None) -> str | None:
    """The ISO 8601 UTC time, to the nearest minute, of hours since 1970, or ``None``
    (hours are kept to 4 decimals, so the minute is rounded, not cut)."""
    if hours is None:
        return None
    return datetime.fromtimestamp(round(hours * 60.0) * 60.0, UTC).strftime("%Y-%m-%dT%H:%MZ")


def story_vector(rowid: int, search_text: str, title: str | None, published: str | None,
                 params: VectorParams | None = None) -> StoryVector:
    """The :class:`~tahqiq.core.types.StoryVector` of one stored document."""
    params = params or VectorParams.from_table()
    stop = _stop_terms()
    tokens = search_text.split()[:params.max_tokens]
    # Latin-script tokens of an Arabic page are mostly its machinery (menus, players,
    # sign-in forms): story terms are the others.
    content = [t for t in tokens if len(t) > 1 and not t.isascii() and t not in stop]
    title_terms = [t for t in normalize_search(title or "").split() if t not in stop]
    lead = set(title_terms) | set(content[:params.lead_tokens])
    counts = Counter(content)
    return StoryVector(rowid, tuple(sorted(counts.items())), tuple(sorted(lead)),
                       find_entities(title_terms + tokens), time_hours(published))


def vector_batch(params: VectorParams | None, rows: Sequence[VectorRow]) -> list[StoryVector]:
    """:func:`story_vector` of each row, in order (the batch function a mapper runs)."""
    return [story_vector(rowid, text, title, published, params)
            for rowid, text, title, published in rows]
