"""RSS 2.0 / RSS 1.0 (RDF) and Atom feeds: one document per item.

Parsing is done with lxml with entity resolution and network access off, so
feeds cannot read local files or fetch anything (no XXE), and item HTML is
turned into text by :func:`~tahqiq.ingest.markup.html_to_text`, which drops
scripts and styles.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..core.errors import EmptyDocumentError, MalformedInputError
from ..core.types import IngestFailure, RawDocument, SourceFormat
from .markup import element_text, html_to_text, lxml_modules
from .urls import outlet_from_url

_PURPOSE = "RSS/Atom feed ingest"
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
_DC_NS = "http://purl.org/dc/elements/1.1/"
#: Namespaces of the feed formats themselves (``""``: RSS 2.0, none).
_CORE_NS = frozenset({"", "http://purl.org/rss/1.0/", "http://www.w3.org/2005/Atom"})
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")


def read_feed(text: str, path: str) -> Iterator[RawDocument | IngestFailure]:
    """Documents of an RSS or Atom feed; items without text become failures."""
    fmt, feed_title, items = _feed_items(text, path)
    read_item = _atom_entry if fmt == "atom" else _rss_item
    for index, item in enumerate(items):
        fields = read_item(item)
        if not fields["text"]:
            yield IngestFailure(path, f"item {index + 1} has no text (no content or description)")
            continue
        source = fields.pop("source") or feed_title or outlet_from_url(fields["url"])
        yield RawDocument(fmt=fmt, source=source, source_path=path, record=index, **fields)


def feed_links(text: str, path: str) -> list[tuple[str, str | None]]:
    """``(link, date)`` of every item of an RSS or Atom feed that has a link, in feed order;
    items with a title and a link only count too (a watched feed's pages are fetched)."""
    fmt, _, items = _feed_items(text, path)
    read_item = _atom_entry if fmt == "atom" else _rss_item
    return [(fields["url"], fields["published"]) for fields in map(read_item, items) if fields["url"]]


def _feed_items(text: str, path: str) -> tuple[SourceFormat, str | None, list[Any]]:
    """The feed's format, title and item elements (:class:`MalformedInputError` when it
    is no feed, :class:`EmptyDocumentError` when it has no items)."""
    root = _parse(text, path)
    kind = _local(root.tag)
    if kind == "feed":
        fmt: SourceFormat = "atom"
        channel, items = root, _children(root, "entry")
    elif kind in ("rss", "RDF"):
        fmt = "rss"
        channel = _child(root, "channel")
        scope = channel if kind == "rss" and channel is not None else root
        items = _children(scope, "item")
    else:
        raise MalformedInputError(path, "not an RSS or Atom feed")
    feed_title = _plain(_child_text(channel, "title")) if channel is not None else None
    if not items:
        raise EmptyDocumentError(path, f"{fmt.upper()} feed has no items")
    return fmt, feed_title, items


def _parse(text: str, path: str) -> Any:
    etree, _ = lxml_modules(_PURPOSE)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    data = _XML_DECLARATION.sub("", text, count=1).strip().encode("utf-8")
    if not data:
        raise EmptyDocumentError(path, "empty file")
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        if "Entity '" not in str(exc):
            raise MalformedInputError(path, f"invalid XML: {_first_line(str(exc))}") from None
        try:  # HTML entities such as &nbsp; are common in feeds but not XML
            root = etree.fromstring(_html_entities_to_chars(data), parser)
        except etree.XMLSyntaxError as exc2:
            raise MalformedInputError(path, f"invalid XML: {_first_line(str(exc2))}") from None
    if root is None:
        raise MalformedInputError(path, "not an RSS or Atom feed")
    return root


def _html_entities_to_chars(data: bytes) -> bytes:
    """Replace HTML named entities (not the five of XML) by their characters."""
    from html.entities import html5

    def swap(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _XML_ENTITIES:
            return match.group(0)
        char = html5.get(name + ";")
        if char is None:
            return match.group(0)
        return {"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(char, char)

    return _NAMED_ENTITY.sub(swap, data.decode("utf-8")).encode("utf-8")


def _rss_item(item: Any) -> dict[str, Any]:
    content = _child_text(item, "encoded", _CONTENT_NS)
    description = _child_text(item, "description")
    body = html_to_text(content) if content and content.strip() else ""
    if not body and description:
        body = html_to_text(description)
    link = _child_text(item, "link") or _permalink(item)
    return {
        "text": body,
        "title": _plain(_child_text(item, "title")),
        "url": (link or "").strip() or None,
        "source": _plain(_child_text(item, "source")),
        "published": _clean(_child_text(item, "pubDate") or _child_text(item, "date", _DC_NS)),
    }


def _atom_entry(entry: Any) -> dict[str, Any]:
    body = ""
    for name in ("content", "summary"):
        el = _child(entry, name)
        if el is not None:
            body = _atom_text(el)
            if body:
                break
    source_el = _child(entry, "source")
    source = _atom_text(_child(source_el, "title")) if source_el is not None else None
    title_el = _child(entry, "title")
    return {
        "text": body,
        "title": (_atom_text(title_el) or None) if title_el is not None else None,
        "url": _atom_link(entry),
        "source": source or None,
        "published": _clean(_child_text(entry, "published") or _child_text(entry, "updated")),
    }


def _atom_text(el: Any) -> str:
    """Text of an Atom text construct (``type`` text, html or xhtml)."""
    if el is None:
        return ""
    kind = (el.get("type") or "text").lower()
    if kind == "xhtml" or len(el):
        return element_text(el)
    raw = el.text or ""
    return html_to_text(raw) if kind in ("html", "text/html") or "<" in raw else _plain(raw) or ""


def _atom_link(entry: Any) -> str | None:
    links = _children(entry, "link")
    for link in links:
        if (link.get("rel") or "alternate") == "alternate" and link.get("href"):
            return link.get("href").strip()
    for link in links:
        if link.get("href"):
            return link.get("href").strip()
    return None


def _permalink(item: Any) -> str | None:
    guid = _child(item, "guid")
    if guid is None or (guid.get("isPermaLink") or "true").lower() == "false":
        return None
    value = (guid.text or "").strip()
    return value if value.startswith(("http://", "https://")) else None


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: Any) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def _children(parent: Any, name: str, ns: str | None = None) -> list[Any]:
    """Child elements called ``name`` in namespace ``ns`` (default: the feed's)."""
    return [
        el
        for el in parent
        if _local(el.tag) == name
        and (_namespace(el.tag) == ns if ns is not None else _namespace(el.tag) in _CORE_NS)
    ]


def _child(parent: Any, name: str, ns: str | None = None) -> Any:
    found = _children(parent, name, ns) if parent is not None else []
    return found[0] if found else None


def _child_text(parent: Any, name: str, ns: str | None = None) -> str | None:
    el = _child(parent, name, ns)
    if el is None:
        return None
    return element_text(el) if len(el) else el.text


def _plain(value: str | None) -> str | None:
    """A one-line text value; markup in it (escaped HTML) is stripped."""
    if not value:
        return None
    text = html_to_text(value) if "<" in value or "&" in value else value
    text = " ".join(text.split())
    return text or None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _first_line(message: str) -> str:
    line = message.splitlines()[0] if message else "parse error"
    return re.sub(r" \(<string>, line \d+\)$", "", line)
