"""Story vectors: any text gives a well-formed vector, and times read back as written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st
from strategies import arabic_text

from tahqiq.stories.vectors import hours_to_iso, story_vector, time_hours
from tahqiq.text.search import normalize_search


@given(arabic_text(), st.one_of(st.none(), st.text(max_size=40)))
def test_any_text_gives_a_sorted_positive_vector(text: str, title: str | None) -> None:
    vector = story_vector(7, normalize_search(text), title, None)
    terms = [t for t, _ in vector.terms]
    assert terms == sorted(set(terms))
    assert all(count > 0 and not term.isascii() for term, count in vector.terms)
    assert vector.lead == tuple(sorted(set(vector.lead)))
    assert vector.entities == tuple(sorted(set(vector.entities)))
    assert vector.rowid == 7 and vector.time is None


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1)),
       st.integers(min_value=-12, max_value=14))
def test_a_time_with_any_offset_reads_back_as_the_same_utc_minute(moment: datetime,
                                                                   offset: int) -> None:
    moment = moment.replace(second=0, microsecond=0)
    local = moment.replace(tzinfo=UTC).astimezone(timezone(timedelta(hours=offset)))
    assert hours_to_iso(time_hours(local.isoformat())) == moment.strftime("%Y-%m-%dT%H:%MZ")
