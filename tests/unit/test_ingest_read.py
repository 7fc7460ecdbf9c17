"""read_file / read_paths: size limits, encodings on disk, failures never raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from tahqiq.ingest import read_file, read_paths
from tahqiq.ingest.reader import human_size
from tahqiq.types import IngestFailure, RawDocument

ARTICLE = "اجتماع طارئ لمجلس الأمن\n\nعقد مجلس الأمن جلسة طارئة لبحث الأوضاع في المنطقة.\n"
MB = 1024 * 1024


def _only(items: list) -> RawDocument | IngestFailure:
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso-8859-6"]
)
def test_txt_in_every_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    doc = _only(list(read_file(path, max_bytes=MB)))
    assert isinstance(doc, RawDocument)
    assert doc.title == "اجتماع طارئ لمجلس الأمن"
    assert doc.text == "عقد مجلس الأمن جلسة طارئة لبحث الأوضاع في المنطقة."
    assert doc.source_path == str(path)


def test_oversized_file_fails_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 10, encoding="utf-8")
    failure = _only(list(read_file(path, max_bytes=100)))
    assert isinstance(failure, IngestFailure)
    assert failure.path == str(path)
    assert "over the 100 bytes limit (set TAHQIQ_MAX_FILE_BYTES)" in failure.error
    assert failure.error.startswith("file is ")


def test_human_size() -> None:
    assert human_size(20 * MB) == "20 MB"
    assert human_size(int(31.2 * MB)) == "31.2 MB"
    assert human_size(512) == "512 bytes"
    assert human_size(3584) == "3.5 KB"


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_empty_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "e.txt"
    path.write_bytes(data)
    assert _only(list(read_file(path, max_bytes=MB))) == IngestFailure(str(path), "empty file")


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "img.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00")
    assert _only(list(read_file(path, max_bytes=MB))) == IngestFailure(
        str(path), "binary file (not text)"
    )


def test_undecodable_file(tmp_path: Path) -> None:
    path = tmp_path / "zh.txt"
    path.write_bytes("新闻报道今天发布了重要消息".encode("gbk") * 5)
    failure = _only(list(read_file(path, max_bytes=MB)))
    assert failure.error == "undecodable bytes: not UTF-8/UTF-16/Windows-1256/ISO-8859-6"


def test_unsupported_suffix(tmp_path: Path) -> None:
    path = tmp_path / "a.docx"
    path.write_text("x", encoding="utf-8")
    failure = _only(list(read_file(path, max_bytes=MB)))
    assert isinstance(failure, IngestFailure)
    assert "unsupported file type .docx" in failure.error


def test_folder_is_not_a_regular_file(tmp_path: Path) -> None:
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    failure = _only(list(read_file(folder, max_bytes=MB)))
    assert failure == IngestFailure(str(folder), "not a regular file")


def test_read_paths_mixes_documents_and_failures(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text(
        '{"text": "خبر أول"}\n{"oops": 1}\n{"text": "خبر ثان"}\n', encoding="utf-8"
    )
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    items = list(read_paths([tmp_path, tmp_path / "absent.json"], max_bytes=MB))
    docs = [i for i in items if isinstance(i, RawDocument)]
    failures = [i for i in items if isinstance(i, IngestFailure)]
    assert [d.text for d in docs] == [
        "خبر أول",
        "خبر ثان",
        "عقد مجلس الأمن جلسة طارئة لبحث الأوضاع في المنطقة.",
    ]
    assert [f.path for f in failures] == [
        f"{tmp_path / 'sub' / 'b.jsonl'}:2",
        str(tmp_path / "absent.json"),
    ]
