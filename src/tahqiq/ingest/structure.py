"""The lead and the subheadings that a main-text extractor left out of the body.

trafilatura, tuned for precision, sometimes drops an article's standfirst (a
``<p class="subhead">`` or ``<h4>`` in the article header) and the ``<h2>`` /
``<h3>`` subheadings between its paragraphs, e.g. when teaser cards on the
page confuse its choice of container.  Both are the publisher's text and a
fact-checker quotes them, so :func:`restore_structure` puts them back, each on
its own line, under two conservative rules:

* **lead**: the page's own summary (``og:description``, ``twitter:description``
  or ``description``) is the whole text of one visible element other than the
  headline (``<h1>``) that stands before the body's first paragraph, outside
  links, navigation and asides, and the body lacks it: it becomes the first line;
* **subheading**: a short ``<h2>``-``<h5>`` whose nearest text-bearing
  neighbours before and after it are two *consecutive* lines of the body: it
  goes between them.

Nothing else is added, so a page whose body the extractor got right is
returned unchanged.
"""

from __future__ import annotations

from typing import Any

#: A heading longer than this is not a subheading.
MAX_HEADING_WORDS = 20
#: A lead is between these many words.
LEAD_WORDS = (6, 90)
#: Work bounds on hostile pages: headings looked at, siblings walked past.
MAX_HEADINGS = 300
MAX_SIBLINGS = 6
_HEADINGS = ("h2", "h3", "h4", "h5")
_SUMMARY_META = ("og:description", "twitter:description", "description")
_OUTSIDE = frozenset({"a", "nav", "aside", "footer", "figcaption", "button", "form", "li"})


def _text(el: Any) -> str:
    return " ".join(el.text_content().split())


def _excluded(el: Any) -> bool:
    """Inside a link, navigation, aside, footer, caption or list item."""
    return any(a.tag in _OUTSIDE for a in el.iterancestors() if isinstance(a.tag, str)) or el.tag in _OUTSIDE


def _neighbour(el: Any, forward: bool) -> str | None:
    """Text of the nearest element with text before (or after) ``el`` among its siblings."""
    sib = el.getnext() if forward else el.getprevious()
    for _ in range(MAX_SIBLINGS):
        if sib is None:
            break
        if isinstance(sib.tag, str) and (text := _text(sib)):
            return text
        sib = sib.getnext() if forward else sib.getprevious()
    return None


def _headings(root: Any, lines: list[str]) -> dict[int, list[str]]:
    """Subheadings to insert, by the body line they go before."""
    where = {line: n for n, line in enumerate(lines)}
    inserts: dict[int, list[str]] = {}
    for count, el in enumerate(root.iter(*_HEADINGS)):
        if count == MAX_HEADINGS:
            break
        text = _text(el)
        if not text or text in where or len(text.split()) > MAX_HEADING_WORDS or _excluded(el):
            continue
        before, after = _neighbour(el, False), _neighbour(el, True)
        above, below = where.get(before or ""), where.get(after or "")
        if above is not None and below == above + 1:
            inserts.setdefault(below, []).append(text)
    return inserts


def _summary(root: Any) -> str | None:
    for el in root.iter("meta"):
        if (el.get("property") or el.get("name") or "").lower() in _SUMMARY_META:
            text = " ".join((el.get("content") or "").split())
            if LEAD_WORDS[0] <= len(text.split()) <= LEAD_WORDS[1]:
                return text
    return None


def _lead(root: Any, lines: list[str]) -> str | None:
    """The page's standfirst when the body lacks it (see the module docstring)."""
    summary = _summary(root)
    if summary is None or summary in lines or not lines:
        return None
    body = root.find("body")
    if body is None:
        return None
    first = lines[0]
    for el in body.iter():
        own = " ".join((el.text or "").split()) if isinstance(el.tag, str) else ""
        if not own or not (first.startswith(own) or summary.startswith(own)):
            continue  # only an element whose own text opens a candidate is read whole
        text = _text(el)
        if text == first:
            return None  # the body starts before any lead
        if text == summary and el.tag != "h1" and not _excluded(el):
            return summary
    return None


def restore_structure(body: str, root: Any) -> str:
    """``body`` (one paragraph per line) with the lead and subheadings the
    extractor dropped put back on their own lines; see the module docstring."""
    lines = [" ".join(line.split()) for line in body.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return body
    inserts = _headings(root, lines)
    lead = _lead(root, lines)
    if not inserts and lead is None:
        return body
    out = [lead] if lead else []
    for n, line in enumerate(lines):
        out.extend(inserts.get(n, ()))
        out.append(line)
    return "\n".join(out)
