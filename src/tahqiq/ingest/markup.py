"""Plain text out of HTML fragments, safely (lxml; nothing is executed)."""

from __future__ import annotations

import re
from types import ModuleType
from typing import Any

from ..core.errors import MissingExtraError

#: Elements whose content is never text.
DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "head",
        "title",
        "select",
        "button",
        "input",
        "textarea",
    }
)

#: Elements that break lines.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "pre",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "hr",
        "main",
        "aside",
    }
)

_TAG_LIKE = re.compile(r"</?[a-zA-Z][^<>]{0,200}>")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def lxml_modules(purpose: str) -> tuple[ModuleType, ModuleType]:
    """``(lxml.etree, lxml.html)``, or :class:`MissingExtraError`."""
    try:
        from lxml import etree, html
    except ImportError as exc:  # pragma: no cover - lxml ships with [html]
        raise MissingExtraError("lxml", "html", purpose) from exc
    return etree, html


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment, one line per block element.

    Scripts, styles and other non-text elements are dropped with their
    content; comments are ignored.  Text that still looks like markup after
    one pass (double-escaped HTML, common in feeds) is parsed once more.
    """
    text = _fragment_text(fragment)
    if _TAG_LIKE.search(text):
        text = _fragment_text(text)
    return text


def _fragment_text(fragment: str) -> str:
    fragment = _CONTROLS.sub("", fragment)
    if "<" not in fragment and "&" not in fragment:
        return tidy_text(fragment)
    _, lxml_html = lxml_modules("HTML-to-text conversion")
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError/ValueError on junk  # noqa: BLE001
        return tidy_text(_TAG_LIKE.sub(" ", fragment))
    return element_text(root)


def element_text(root: Any) -> str:
    """The visible text under an lxml element (see :func:`html_to_text`)."""
    etree, _ = lxml_modules("HTML-to-text conversion")
    parts: list[str] = []
    skipping: Any = None
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        name = tag.rsplit("}", 1)[-1].lower() if tag else None
        if event == "start":
            if skipping is not None:
                continue
            if name is None or name in DROP_TAGS:
                skipping = el
                continue
            if name in BLOCK_TAGS:
                parts.append("\n")
            if el.text:
                parts.append(el.text)
        else:
            if skipping is el:
                skipping = None
            elif skipping is not None:
                continue
            elif name in BLOCK_TAGS:
                parts.append("\n")
            if el.tail and el is not root:
                parts.append(el.tail)
    return tidy_text("".join(parts))


def tidy_text(text: str) -> str:
    """Collapse runs of spaces, strip lines, keep at most one blank line."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    joined = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", joined).strip()
