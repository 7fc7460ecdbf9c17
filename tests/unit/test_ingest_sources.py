"""iter_sources / iter_files: folder walking, ordering, hidden files, failures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tahqiq.ingest import SUPPORTED_SUFFIXES, iter_files, iter_sources
from tahqiq.types import IngestFailure


def _touch(path: Path, text: str = "نص") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for rel in [
        "b.txt",
        "a.JSON",
        "notes.pdf",
        "z/deep/c.rss",
        "z/d.htm",
        "y/e.jsonl",
        ".hidden.txt",
        ".git/f.txt",
        "y/.secret/g.txt",
        "z/deep/h.ATOM",
        "x.xml",
    ]:
        _touch(tmp_path / rel)
    return tmp_path


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == {
        ".txt",
        ".html",
        ".htm",
        ".json",
        ".jsonl",
        ".xml",
        ".rss",
        ".atom",
    }


def test_folder_walk_is_sorted_recursive_and_skips_hidden(tree: Path) -> None:
    found = [p.relative_to(tree).as_posix() for p in iter_files([tree])]
    assert found == [
        "a.JSON",
        "b.txt",
        "x.xml",
        "y/e.jsonl",
        "z/d.htm",
        "z/deep/c.rss",
        "z/deep/h.ATOM",
    ]


def test_order_is_deterministic(tree: Path) -> None:
    assert list(iter_sources([tree])) == list(iter_sources([tree]))


def test_missing_path_is_a_failure_not_a_crash(tree: Path) -> None:
    items = list(iter_sources([tree / "nope", tree / "b.txt"]))
    assert items[0] == IngestFailure(str(tree / "nope"), "no such file or directory")
    assert items[1] == tree / "b.txt"


def test_explicit_unsupported_file_is_a_failure(tree: Path) -> None:
    [item] = list(iter_sources([tree / "notes.pdf"]))
    assert isinstance(item, IngestFailure)
    assert item.error.startswith("unsupported file type .pdf")


def test_explicit_hidden_file_is_read(tree: Path) -> None:
    assert list(iter_sources([tree / ".hidden.txt"])) == [tree / ".hidden.txt"]


def test_same_file_twice_is_yielded_once(tree: Path) -> None:
    assert (
        list(iter_sources([tree / "b.txt", str(tree / "b.txt"), tree])).count(tree / "b.txt") == 1
    )


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_terminates(tmp_path: Path) -> None:
    _touch(tmp_path / "top" / "a.txt")
    os.symlink(tmp_path / "top", tmp_path / "top" / "loop")
    found = list(iter_files([tmp_path]))
    assert found == [tmp_path / "top" / "a.txt"]


def test_iter_files_drops_failures(tmp_path: Path) -> None:
    assert list(iter_files([tmp_path / "missing"])) == []
