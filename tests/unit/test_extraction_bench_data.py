"""The HTML extraction benchmark data (bench/data/extraction) is well-formed and
its expected texts match the pages, so the expected text cannot drift from them."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "bench" / "data" / "extraction"
EXPECTED = DATA / "expected.jsonl"
PAGES = DATA / "pages"

FIELDS = {"file", "outlet", "outlet_url", "kind", "based_on", "title", "date", "text"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)
_INVISIBLE = re.compile(r"<(script|style|head|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_DATE_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')


def _rows() -> list[dict]:
    return [json.loads(line) for line in EXPECTED.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _decoded(path: Path) -> str:
    data = path.read_bytes()
    match = _CHARSET.search(data[:4096])
    return data.decode(match.group(1).decode("ascii") if match else "utf-8")


def _visible_text(page: str) -> str:
    """The page's text content: no head, scripts or styles; tags removed, entities unescaped."""
    return _collapse(html.unescape(_TAG.sub("", _INVISIBLE.sub(" ", page))))


def test_expected_is_well_formed() -> None:
    rows = _rows()
    assert len(rows) >= 30
    assert len({r["outlet"] for r in rows}) >= 10
    assert len({r["file"] for r in rows}) == len(rows)
    for row in rows:
        assert FIELDS <= row.keys(), row.get("file")
        assert row["kind"] == "reconstruction"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["date"]), row["file"]
        assert row["title"].strip() and row["text"].strip()
        assert all(line.strip() == line and line for line in row["text"].split("\n")), row["file"]
        assert (PAGES / row["file"]).is_file(), row["file"]


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["file"])
def test_expected_text_is_on_the_page(row: dict) -> None:
    page = _decoded(PAGES / row["file"])
    visible = _visible_text(page)
    missing = [line for line in row["text"].split("\n") if _collapse(line) not in visible]
    assert not missing, f"{row['file']}: expected lines not on the page: {missing[:3]}"
    for line in row.get("heading_lines", []):
        assert line in row["text"].split("\n"), f"{row['file']}: heading line not in text: {line}"
    assert _collapse(row["title"]) in visible, f"{row['file']}: title not on the page"


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["file"])
def test_expected_date_is_the_local_date_of_the_page_timestamp(row: dict) -> None:
    stamps = _DATE_PUBLISHED.findall(_decoded(PAGES / row["file"]))
    stamps += re.findall(r'property="article:published_time" content="([^"]+)"',
                         _decoded(PAGES / row["file"]))
    assert stamps, f"{row['file']}: no machine-readable publication date"
    assert all(s[:10] == row["date"] for s in stamps), (row["file"], stamps)
