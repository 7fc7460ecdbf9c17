"""Uploads (`read_bytes`, `Corpus.ingest_bytes`) and read-only corpora."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tahqiq import Corpus
from tahqiq.errors import StoreError
from tahqiq.ingest import read_bytes
from tahqiq.types import IngestFailure, RawDocument

TEXT = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الزرقاء بطاقة مئتي سرير."


def test_read_bytes_picks_the_reader_by_name() -> None:
    items = list(read_bytes(json.dumps([{"text": TEXT}, {"text": TEXT + " ثانياً"}]).encode(),
                            "batch.json", max_bytes=10_000))
    assert [type(i) for i in items] == [RawDocument, RawDocument]
    assert items[0].source_path == "batch.json" and items[0].fmt == "json"
    txt = list(read_bytes(TEXT.encode("cp1256"), "note.txt", max_bytes=10_000))
    assert txt[0].text.strip() == TEXT  # legacy encodings are decoded as from a file


@pytest.mark.parametrize(("data", "name", "error"), [
    (b"", "empty.txt", "empty"),
    (TEXT.encode() * 100, "big.txt", "limit"),
    (b"\x00\x01", "a.exe", "unsupported"),
    (b"{broken", "a.json", "JSON"),
])
def test_read_bytes_turns_bad_uploads_into_failures(data: bytes, name: str, error: str) -> None:
    items = list(read_bytes(data, name, max_bytes=2_000))
    assert len(items) == 1 and isinstance(items[0], IngestFailure)
    assert items[0].path == name and error.lower() in items[0].error.lower()


def test_ingest_bytes_stores_and_readonly_corpora_refuse_writes(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    with Corpus(db) as corpus:
        report = corpus.ingest_bytes(json.dumps({"text": TEXT, "title": "مستشفى"}).encode(),
                                     "doc.json")
        assert report.added == 1
        doc_id = report.documents[0].doc_id
        assert corpus.ingest_bytes(json.dumps({"text": TEXT}).encode(), "again.json").duplicates == 1
    with Corpus(db, readonly=True) as reader:
        assert reader.get(doc_id).title == "مستشفى"
        assert [h.doc_id for h in reader.search("مستشفى الزرقاء")] == [doc_id]
        assert reader.link() == 0
        with pytest.raises(StoreError):
            reader.ingest_bytes(b'{"text": "x"}', "x.json")
