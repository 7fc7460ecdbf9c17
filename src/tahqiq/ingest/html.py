"""HTML pages: the article's main text and metadata, via trafilatura.

Settings (chosen on generated Arabic news pages, see ``bench/bench_html.py``
and docs/formats.md): comments excluded, tables kept, trafilatura's own
fallback extractors on, ``deduplicate`` off (its cache is process-wide, so it
would make results depend on what was read before).  When trafilatura finds
nothing, a plain lxml pass takes the text of ``<article>`` or of the ``<p>``
elements.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

from ..core.errors import EmptyDocumentError, MalformedInputError, MissingExtraError
from ..core.types import RawDocument
from .markup import DROP_TAGS, element_text, lxml_modules
from .structure import restore_structure
from .urls import outlet_from_url

logger = logging.getLogger(__name__)

#: Passed to ``trafilatura.bare_extraction``.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "with_metadata": True,
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "deduplicate": False,
}

#: Layout elements dropped by the lxml fallback.
_LAYOUT_TAGS = ("nav", "header", "footer", "aside", "form", "menu")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
#: ``<template>`` holds markup for scripts, never shown: its text is not the article's.
_TEMPLATE = re.compile(r"<template\b[^>]*>.*?</template\s*>", re.IGNORECASE | re.DOTALL)


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingExtraError("trafilatura", "html", "HTML ingest") from exc
    return trafilatura


def read_html(text: str, path: str) -> Iterator[RawDocument]:
    """One :class:`RawDocument` from an HTML page's decoded content."""
    if not text.strip():
        raise EmptyDocumentError(path, "empty file")
    text = _TEMPLATE.sub("", _XML_DECLARATION.sub("", text, count=1))
    result = _extract(text, path)
    body = (result.get("text") or "").strip()
    meta = result
    if body:
        body = _with_structure(body, text)
    if not body:
        meta = _fallback(text, path)
        body = meta["text"]
    if not body:
        depth = nesting_depth(text)
        if depth > PARSER_DEPTH and re.search(r"\w", _TAG.sub(" ", text)):  # text the parser never reached
            raise MalformedInputError(path, f"elements nested {depth:,} deep, deeper than the HTML "
                                            f"parser reads ({PARSER_DEPTH:,}); no text could be taken")
        raise EmptyDocumentError(path, "no main text found")
    url = _clean(meta.get("url"))
    sitename = _clean(meta.get("sitename"))
    source = sitename or outlet_from_url(url)
    title = headline(_clean(meta.get("title")), sitename)
    first, _, rest = body.partition("\n")
    if title and rest and first.strip() == title:  # the headline repeated as the body's first line
        body = rest.strip()
    yield RawDocument(
        text=body,
        fmt="html",
        title=title,
        url=url,
        source=source,
        source_path=path,
        published=_clean(meta.get("date")),
    )


_TITLE_SEPARATOR = re.compile(r"\s+[-|–—:]\s+")
#: A site-name suffix has at most this many words.
SUFFIX_WORDS = 5


def headline(title: str | None, sitename: str | None) -> str | None:
    """``title`` without a trailing site name (``"... - BBC News عربي"`` for the
    site ``BBC News عربي``): the last segment after `` - `` / `` | `` / `` – `` goes
    when it has at most five words and names the site: the same words, or one
    holds all the other's words and the shorter has two or more."""
    if not title or not sitename:
        return title
    separators = list(_TITLE_SEPARATOR.finditer(title))
    if not separators:
        return title
    last = separators[-1]
    tail = title[last.end():]
    if len(tail.split()) <= SUFFIX_WORDS and _names_site(tail, sitename):
        return title[: last.start()].strip()
    return title


def _names_site(tail: str, sitename: str) -> bool:
    a, b = (set(x.casefold().replace(",", " ").split()) for x in (tail, sitename))
    return a == b or (a <= b or b <= a) and min(len(a), len(b)) >= 2


#: How deep libxml2 reads nested elements with ``huge_tree`` (its XML_MAX_HUGE_DEPTH).
PARSER_DEPTH = 2048
_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})


def nesting_depth(text: str) -> int:
    """The deepest element nesting of an HTML text, by one linear pass over its tags."""
    depth = deepest = 0
    for match in _TAG.finditer(text):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name not in _VOID:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def _with_structure(body: str, text: str) -> str:
    """``body`` with the lead and subheadings the extractor dropped (see :mod:`.structure`)."""
    _, lxml_html = lxml_modules("HTML ingest")
    try:
        root = lxml_html.document_fromstring(text)
    except Exception:  # lxml ParserError/ValueError on junk: keep the extractor's body
        return body
    return restore_structure(body, root)


def _extract(text: str, path: str) -> dict[str, Any]:
    """trafilatura's result as a dict (empty when it found nothing)."""
    trafilatura = _trafilatura()
    try:
        document = trafilatura.bare_extraction(text, **EXTRACTION_OPTIONS)
    except MissingExtraError:
        raise
    except Exception as exc:  # hostile or broken markup inside a third-party parser
        logger.debug("trafilatura failed on %s", path, exc_info=True)
        raise MalformedInputError(
            path, f"HTML extraction failed ({type(exc).__name__}: {exc})"
        ) from None
    if document is None:
        return {}
    if isinstance(document, dict):
        return document
    return {
        name: getattr(document, name, None)
        for name in ("text", "title", "url", "sitename", "date", "hostname")
    }


def _fallback(text: str, path: str) -> dict[str, Any]:
    """Main text by plain lxml: ``<article>``, else the ``<p>`` elements."""
    _, lxml_html = lxml_modules("HTML ingest")
    try:
        # huge_tree lifts libxml2's nesting limit of 256: a deeply nested page keeps its
        # text here when trafilatura (default limits) found none; the file size is capped.
        root = lxml_html.document_fromstring(text, parser=lxml_html.HTMLParser(huge_tree=True))
    except Exception:  # lxml ParserError/ValueError on junk
        return {"text": ""}
    drop = (set(_LAYOUT_TAGS) | DROP_TAGS) - {"head", "title"}
    for el in list(root.iter(*drop)):
        if el.getparent() is not None:
            el.drop_tree()
    articles = list(root.iter("article"))
    if articles:
        body = "\n\n".join(filter(None, (element_text(a) for a in articles)))
    else:
        body = "\n\n".join(filter(None, (element_text(p) for p in root.iter("p"))))
    return {
        "text": body.strip(),
        "title": _meta(root, "og:title") or _first_text(root, "title"),
        "url": _canonical(root),
        "sitename": _meta(root, "og:site_name"),
        "date": _meta(root, "article:published_time"),
    }


def _meta(root: Any, prop: str) -> str | None:
    for el in root.iter("meta"):
        if prop in (el.get("property"), el.get("name")):
            return _clean(el.get("content"))
    return None


def _canonical(root: Any) -> str | None:
    for el in root.iter("link"):
        if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
            return _clean(el.get("href"))
    return _meta(root, "og:url")


def _first_text(root: Any, tag: str) -> str | None:
    for el in root.iter(tag):
        return _clean(el.text_content())
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
