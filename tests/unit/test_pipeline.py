"""Read units: a large JSON Lines file split in blocks reads exactly as the whole file."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tahqiq.ingest import line_blocks
from tahqiq.pipeline import ReadUnit, parse_unit, plan_units
from tahqiq.types import Document, IngestFailure

WORDS = ["قال", "الوزير", "إن", "المفاوضات", "ستستأنف", "في", "القاهرة", "الأسبوع", "المقبل",
         "وأضاف", "أن", "الوفد", "سيصل", "غداً", "لبحث", "الملفات", "العالقة"]
LINES = st.one_of(
    st.lists(st.sampled_from(WORDS), min_size=6, max_size=30).map(
        lambda w: json.dumps({"text": " ".join(w)}, ensure_ascii=False)),
    st.just("{broken"), st.just(""), st.just('{"title": "no text"}'),
)


def _summary(items: list[Document | IngestFailure]) -> list[tuple[str, str]]:
    return [("doc", i.doc_id) if isinstance(i, Document) else ("fail", f"{i.path} {i.error}")
            for i in items]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(LINES, min_size=1, max_size=40), block=st.integers(min_value=1, max_value=400))
def test_blocks_read_like_the_whole_file(tmp_path: Path, lines: list[str], block: int) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if not any(line.strip() for line in lines):
        return  # an empty file is one failure either way, checked below
    whole = parse_unit(ReadUnit(str(path)), max_bytes=10_000)
    units = list(plan_units([path], block_bytes=block))
    assert all(isinstance(u, ReadUnit) for u in units)
    longest = max(len(line.encode()) + 1 for line in lines)
    if path.stat().st_size > 2 * (block + longest):
        assert len(units) >= 2  # the file really was split
    split = [item for unit in units for item in parse_unit(unit, max_bytes=10_000)]
    assert _summary(split) == _summary(whole)


def test_line_blocks_cover_the_file_on_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    data = b"".join(b"%d\n" % i * (i % 5 + 1) for i in range(200))
    path.write_bytes(data)
    blocks = line_blocks(path, 37)
    assert blocks[0][0] == 0 and blocks[-1][1] == len(data)
    for (_, end, _), (start, _, first) in zip(blocks, blocks[1:], strict=False):
        assert end == start and data[end - 1:end] == b"\n"
        assert first == data[:start].count(b"\n") + 1


def test_a_bad_unit_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    missing = ReadUnit(str(tmp_path / "gone.jsonl"), 0, 100, 1)
    out = parse_unit(missing, max_bytes=1000)
    assert len(out) == 1 and isinstance(out[0], IngestFailure) and "gone.jsonl" in out[0].path
