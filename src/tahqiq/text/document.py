"""The whole text stage: RawDocument -> Document."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from ..core.errors import EmptyDocumentError
from ..core.types import Document, RawDocument
from .boilerplate import drop_boilerplate
from .dates import find_date, parse_date
from .display import clean_display, valid_unicode
from .glue import repair_glued
from .lang import detect_lang
from .search import normalize_search
from .segmenter import segment
from .tables import normalizer_version

#: How much of a plain-text body find_date looks at when there is no date metadata.
DATE_SCAN_CHARS = 300


def clean_article(text: str) -> str:
    """Body cleaning: boilerplate lines dropped, :func:`clean_display`, glued words repaired."""
    return repair_glued(clean_display(drop_boilerplate(text)))


def document_id(search_text: str) -> str:
    """First 16 hex characters of sha256 of ``search_text`` with whitespace collapsed."""
    canonical = " ".join(search_text.split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def _valid(raw: RawDocument) -> RawDocument:
    """``raw`` with text fields that SQLite and UTF-8 can hold: a lone surrogate
    in a text becomes U+FFFD, an undecodable byte in a file name its ``\\xNN`` escape."""
    fields: dict[str, str] = {}
    for name in ("text", "title", "source", "url", "published", "source_path"):
        value = getattr(raw, name)
        if isinstance(value, str) and valid_unicode(value) != value:
            if name == "source_path":  # surrogate-escaped bytes of a file name: show them
                value = _escaped_name(value)
            fields[name] = valid_unicode(value)
    return replace(raw, **fields) if fields else raw


def _escaped_name(path: str) -> str:
    """A file name's undecodable bytes (surrogate-escaped by the OS layer) as ``\\xNN``."""
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no byte produced: U+FFFD follows
        return path


def build_document(raw: RawDocument) -> Document:
    """Clean, normalize, segment and date one raw document.

    ``doc_id`` hashes the normalized *body* only, so one article with and
    without a title is one document.  ``search_text`` is the normalized
    title (when there is one) followed by the normalized body, so title words
    count for ranking.
    """
    raw = _valid(raw)
    text = clean_article(raw.text or "")
    if not text.strip():
        where = raw.source_path or raw.url or "<document>"
        raise EmptyDocumentError(where, "no text after cleaning")
    title = clean_display(raw.title) if raw.title else None
    body_search = normalize_search(text)
    title_search = normalize_search(title) if title else ""
    search_text = f"{title_search}\n{body_search}" if title_search else body_search
    published = parse_date(raw.published)
    if published is None and raw.fmt == "txt":
        published = find_date(raw.text[:DATE_SCAN_CHARS])
    return Document(
        doc_id=document_id(body_search),
        original=raw.text,
        text=text,
        search_text=search_text,
        sentences=segment(text),
        lang=detect_lang(text),
        normalizer_version=normalizer_version(),
        fmt=raw.fmt,
        title=title or None,
        source=raw.source,
        url=raw.url,
        source_path=raw.source_path,
        published=published,
    )
