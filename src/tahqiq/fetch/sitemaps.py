"""Sitemaps: the pages a site lists (``<urlset>``), the sitemaps it lists
(``<sitemapindex>``), and Google News sitemaps' ``<news:news>`` (title, publication date).

Parsing is bounded and safe: at most ``max_entries`` entries (50,000, the sitemap
protocol's limit) are kept, a gzip sitemap is inflated to at most ``max_bytes``, a
document type declaration (and with it every entity declaration) is refused, and no
external resource is ever read.  Elements are matched by local name, so a sitemap
with a wrong or missing namespace still reads.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

from ..core.errors import MalformedInputError

#: Entries of one sitemap, at most (the sitemap protocol's limit).
MAX_ENTRIES = 50_000
#: Bytes of one sitemap, uncompressed, at most (the sitemap protocol's limit).
MAX_SITEMAP_BYTES = 50 * 1024 * 1024
#: URLs longer than this are skipped (the protocol allows fewer than 2,048 characters).
MAX_URL_CHARS = 2048
_FIELD_CHARS = 4096
_GZIP_MAGIC = b"\x1f\x8b"
_ROOTS = {"urlset": "page", "sitemapindex": "sitemap"}
_COMMENT = re.compile(rb"<!--.*?(?:-->|$)", re.S)
_FIRST_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)")


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One ``<url>`` (``kind="page"``) or ``<sitemap>`` (``kind="sitemap"``) of a sitemap."""

    url: str
    lastmod: str | None = None
    #: Google News: ``<news:publication_date>`` and ``<news:title>``.
    publication_date: str | None = None
    title: str | None = None
    kind: str = "page"

    @property
    def date(self) -> str | None:
        """The publication date, else the last modification date (as written)."""
        return self.publication_date or self.lastmod


def is_sitemap(body: bytes) -> bool:
    """Whether ``body`` (gzip or not) starts like a sitemap: its first element is
    ``<urlset>`` or ``<sitemapindex>`` (any prefix)."""
    head = body[:4096]
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body[:65536], 4096)
        except zlib.error:
            return False
    match = _FIRST_TAG.search(_COMMENT.sub(b"", head))
    return bool(match) and _local(match.group(1).decode("ascii")) in _ROOTS


def parse_sitemap(body: bytes, *, max_entries: int = MAX_ENTRIES,
                  max_bytes: int = MAX_SITEMAP_BYTES) -> list[SitemapEntry]:
    """The entries of a sitemap (gzip or not), in order, at most ``max_entries``.

    Only http(s) locations shorter than :data:`MAX_URL_CHARS` are kept.  Raises
    :class:`~tahqiq.core.errors.MalformedInputError` for XML that is not well formed,
    declares a DTD, is larger than ``max_bytes`` inflated, or is not a sitemap.
    """
    data = _inflate(body, max_bytes) if body.startswith(_GZIP_MAGIC) else body
    collector = _Collector(max_entries)
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = _refuse_dtd
    parser.EntityDeclHandler = _refuse_dtd
    parser.ExternalEntityRefHandler = _refuse_dtd
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    parser.CharacterDataHandler = collector.text
    try:
        parser.Parse(data, True)
    except _Full:
        pass
    except expat.ExpatError as exc:
        raise MalformedInputError("sitemap", f"not well-formed XML: {exc}") from None
    return collector.entries


def _inflate(body: bytes, max_bytes: int) -> bytes:
    try:
        data = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise MalformedInputError("sitemap", f"damaged gzip: {exc}") from None
    if len(data) > max_bytes:
        raise MalformedInputError("sitemap", f"larger than {max_bytes:,} bytes uncompressed")
    return data


def _refuse_dtd(*_args: Any) -> None:
    raise MalformedInputError("sitemap", "a document type or entity declaration (refused)")


class _Full(Exception):
    """Enough entries: parsing stops."""


class _Collector:
    """Expat handlers building :class:`SitemapEntry` items."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self.entries: list[SitemapEntry] = []
        self.stack: list[str] = []
        self.fields: dict[str, str] = {}
        self.buffer: list[str] | None = None

    def start(self, name: str, _attributes: dict[str, str]) -> None:
        local = _local(name)
        if not self.stack and local not in _ROOTS:
            raise MalformedInputError("sitemap", f"not a sitemap (its root is <{local}>)")
        parent = self.stack[-1] if self.stack else ""
        self.stack.append(local)
        if local in ("url", "sitemap") and len(self.stack) == 2:
            self.fields = {}
        elif self._wanted(local, parent):
            self.buffer = []

    def end(self, name: str) -> None:
        local = self.stack.pop()
        if self.buffer is not None:
            self.fields.setdefault(local, "".join(self.buffer).strip()[:_FIELD_CHARS])
            self.buffer = None
        elif local in ("url", "sitemap") and len(self.stack) == 1:
            self._emit(_ROOTS[self.stack[0]])

    def text(self, data: str) -> None:
        if self.buffer is not None and sum(map(len, self.buffer)) < _FIELD_CHARS:
            self.buffer.append(data)

    def _wanted(self, local: str, parent: str) -> bool:
        if len(self.stack) == 3:  # children of <url> / <sitemap>
            return local in ("loc", "lastmod")
        return parent == "news" and local in ("publication_date", "title")

    def _emit(self, kind: str) -> None:
        url = self.fields.get("loc", "")
        if not url or len(url) >= MAX_URL_CHARS or not url.lower().startswith(("http://", "https://")):
            return
        self.entries.append(SitemapEntry(url, self.fields.get("lastmod") or None,
                                         self.fields.get("publication_date") or None,
                                         self.fields.get("title") or None, kind))
        if len(self.entries) >= self.max_entries:
            raise _Full


def _local(name: str) -> str:
    """An element's local name (expat's ``"uri local"``, or ``prefix:local``)."""
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1]
