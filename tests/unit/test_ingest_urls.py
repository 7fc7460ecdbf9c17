"""outlet_from_url and the missing-extra error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tahqiq.errors import MissingExtraError
from tahqiq.ingest import outlet_from_url, read_file


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.aljazeera.net/news/2024/1/1/x", "aljazeera.net"),
        ("http://m.alarabiya.net/ar/politics", "alarabiya.net"),
        ("https://AMP.Example.COM:8443/a?b=c", "example.com"),
        ("www.bbc.co.uk/arabic", "bbc.co.uk"),
        ("https://news.example.org/x", "news.example.org"),
        ("https://www.m.example.com", "example.com"),
        ("", None),
        (None, None),
        ("not a url", None),
        ("/relative/path", None),
        ("http://[::1]/x", None),
    ],
)
def test_outlet_from_url(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_missing_trafilatura_raises_missing_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    path = tmp_path / "a.html"
    path.write_text("<p>نص</p>", encoding="utf-8")
    with pytest.raises(MissingExtraError, match=r"tahqiq\[html\]"):
        list(read_file(path, max_bytes=1024))


def test_ingest_does_not_import_text_stage() -> None:
    import subprocess

    code = (
        "import sys, tahqiq.ingest, tahqiq.ingest.html, tahqiq.ingest.feeds;"
        "print(any(m.startswith(('tahqiq.text', 'trafilatura', 'lxml')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
