"""JSON and JSON Lines records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tahqiq.ingest import read_file
from tahqiq.types import IngestFailure, RawDocument

MB = 1024 * 1024
RECORD = {
    "text": "أعلن البنك المركزي رفع سعر الفائدة نصف نقطة.",
    "title": "رفع سعر الفائدة",
    "url": "https://www.econ-news.example/a/7",
    "published": "2024-03-01",
    "author": "ignored",
}


def _read(tmp_path: Path, name: str, content: str) -> list[RawDocument | IngestFailure]:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return list(read_file(path, max_bytes=MB))


@pytest.mark.parametrize(
    "payload", [RECORD, [RECORD], {"documents": [RECORD]}], ids=["object", "list", "documents"]
)
def test_json_shapes(tmp_path: Path, payload: object) -> None:
    [doc] = _read(tmp_path, "a.json", json.dumps(payload, ensure_ascii=False))
    assert isinstance(doc, RawDocument)
    assert doc.fmt == "json"
    assert doc.text == RECORD["text"]
    assert doc.title == "رفع سعر الفائدة"
    assert doc.url == RECORD["url"]
    assert doc.source == "econ-news.example"  # no 'source': outlet of the URL
    assert doc.published == "2024-03-01"
    assert doc.record == 0
    assert doc.source_path == str(tmp_path / "a.json")


def test_explicit_source_wins(tmp_path: Path) -> None:
    [doc] = _read(tmp_path, "a.json", json.dumps({**RECORD, "source": "وكالة الأنباء"}))
    assert doc.source == "وكالة الأنباء"


def test_bad_records_fail_alone(tmp_path: Path) -> None:
    records = [
        RECORD,
        {"title": "x"},
        "text",
        {"text": 3},
        {"text": " "},
        {"text": "نص", "url": 5},
        {**RECORD, "title": None},
    ]
    items = _read(tmp_path, "a.json", json.dumps(records))
    path = str(tmp_path / "a.json")
    assert [i.record for i in items if isinstance(i, RawDocument)] == [0, 6]
    assert [i for i in items if isinstance(i, IngestFailure)] == [
        IngestFailure(path, "record 2 has no 'text' field"),
        IngestFailure(path, "record 3 is not an object (got a string)"),
        IngestFailure(path, "record 4 has a 'text' that is a number, not a string"),
        IngestFailure(path, "record 5 has an empty 'text'"),
        IngestFailure(path, "record 6 has a 'url' that is a number, not a string"),
    ]


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ('{"text": "a"\n "title": "b"}', "invalid JSON on line 2: Expecting ',' delimiter"),
        ('"just text"', "expected a JSON object or a list of objects, got a string"),
        ("42", "expected a JSON object or a list of objects, got a number"),
        ("[]", "no records in file"),
        ('{"documents": {"text": "x"}}', "'documents' must be a list of objects, got an object"),
        ("[" * 100000 + "]" * 100000, "invalid JSON: nested too deeply"),
    ],
)
def test_json_file_failures(tmp_path: Path, content: str, error: str) -> None:
    assert _read(tmp_path, "a.json", content) == [IngestFailure(str(tmp_path / "a.json"), error)]


def test_jsonl_bad_line_among_good_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps(RECORD, ensure_ascii=False),
        "",
        '{"text": "ثان" "title": 1}',
        "[1, 2]",
        json.dumps({"text": "ثالث"}, ensure_ascii=False),
    ]
    items = _read(tmp_path, "a.jsonl", "\n".join(lines) + "\n")
    base = str(tmp_path / "a.jsonl")
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [(d.text, d.record, d.fmt) for d in docs] == [
        (RECORD["text"], 0, "jsonl"),
        ("ثالث", 4, "jsonl"),
    ]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert [f.path for f in failures] == [f"{base}:3", f"{base}:4"]
    assert failures[0].error.startswith("invalid JSON: Expecting ',' delimiter")
    assert failures[1].error == "record is not an object (got a list)"


def test_jsonl_blank_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"\n\n \n")
    assert list(read_file(path, max_bytes=MB)) == [IngestFailure(str(path), "empty file")]


def test_jsonl_in_cp1256(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    line = json.dumps(
        {"text": "أعلنت الحكومة في بيان رسمي أن الاتفاق سيوقع قريبا"}, ensure_ascii=False
    )
    path.write_bytes(line.encode("cp1256"))
    [doc] = list(read_file(path, max_bytes=MB))
    assert doc.text == "أعلنت الحكومة في بيان رسمي أن الاتفاق سيوقع قريبا"


def _lines(records: list[object]) -> str:
    return "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def test_a_jsonl_file_larger_than_the_limit_is_streamed_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    records = [dict(RECORD, text=f"{RECORD['text']} رقم {i}") for i in range(200)]
    path.write_text(_lines(records), encoding="utf-8")
    limit = 1024  # the file is ~25 KB: only each line must fit
    assert path.stat().st_size > 10 * limit
    docs = list(read_file(path, max_bytes=limit))
    assert [d.text for d in docs] == [r["text"] for r in records]
    assert [d.record for d in docs] == list(range(200))


def test_an_overlong_jsonl_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    huge = dict(RECORD, text="كلمة " * 5000)
    path.write_text(_lines([RECORD, huge, RECORD]), encoding="utf-8")
    items = list(read_file(path, max_bytes=2048))
    assert isinstance(items[0], RawDocument) and isinstance(items[2], RawDocument)
    assert items[2].record == 2
    assert items[1].path == f"{path}:2" and "over the limit" in items[1].error


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1256", "utf-16"])
def test_jsonl_in_every_supported_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "dump.jsonl"
    record = {"text": RECORD["text"], "title": RECORD["title"]}
    path.write_bytes(_lines([record, record]).encode(encoding))
    docs = list(read_file(path, max_bytes=MB))
    assert [d.text for d in docs] == [RECORD["text"]] * 2
    assert docs[0].title == RECORD["title"]


def test_a_jsonl_line_in_no_encoding_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    good = json.dumps(RECORD, ensure_ascii=False).encode()
    path.write_bytes(good + b"\n" + b"\x00\x01\x02\xff\xfe\x00binary\n" + good + b"\n")
    items = list(read_file(path, max_bytes=MB))
    assert isinstance(items[0], RawDocument) and isinstance(items[2], RawDocument)
    assert isinstance(items[1], IngestFailure) and items[1].path == f"{path}:2"


def _records(n: int, extra: str = "") -> list[str]:
    import json

    return [json.dumps({"title": f"خبر {i}", "text": f"أعلنت الوزارة اليوم خطة رقم {i} لدعم المزارعين{extra} في الجنوب."},
                       ensure_ascii=False) for i in range(n)]


@pytest.mark.parametrize(("encoding", "ending"), [("utf-8", "\r"), ("utf-8", "\r\n"), ("utf-16", "\r"),
                                                  ("utf-16", "\n")])
def test_jsonl_lines_end_at_lf_crlf_or_cr_only(tmp_path: Path, encoding: str, ending: str) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes((ending.join(_records(3)) + ending).encode(encoding))
    docs = [d for d in read_file(path, max_bytes=1 << 20) if isinstance(d, RawDocument)]
    assert [d.title for d in docs] == ["خبر 0", "خبر 1", "خبر 2"]


def test_a_unicode_line_separator_inside_a_record_keeps_it_whole(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_bytes("\n".join(_records(2, extra="\u2028")).encode("utf-16"))
    found = list(read_file(path, max_bytes=1 << 20))
    assert [d.title for d in found if isinstance(d, RawDocument)] == ["خبر 0", "خبر 1"]
    assert not [f for f in found if isinstance(f, IngestFailure)]


def test_an_uploaded_jsonl_line_with_a_nul_byte_fails_alone() -> None:
    from tahqiq.ingest import read_bytes

    data = "\n".join([*_records(2), "\x00", '{"text": "\\ud800"}']).encode("utf-8", "surrogatepass")
    found = list(read_bytes(data, "batch.jsonl", max_bytes=1 << 20))
    # the lone surrogate's record is kept (build_document makes it U+FFFD); the NUL line fails alone
    assert [d.title for d in found if isinstance(d, RawDocument)] == ["خبر 0", "خبر 1", None]
    assert [f.path for f in found if isinstance(f, IngestFailure)] == ["batch.jsonl:3"]
