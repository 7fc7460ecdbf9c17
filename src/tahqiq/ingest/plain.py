"""Plain-text articles: an optional title line, then the body."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.errors import EmptyDocumentError
from ..core.types import RawDocument

#: A title line is at most this long...
MAX_TITLE_CHARS = 150
#: ...and has at most this many words.
MAX_TITLE_WORDS = 20

#: A line ending with one of these is a sentence, not a title.
_SENTENCE_END = (".", ":", "؛", ";", "…", "،", ",")
#: Questions and exclamations are titles only when a blank line follows.
_QUESTION_END = ("؟", "?", "!")


def split_title(text: str) -> tuple[str | None, str]:
    """Split ``text`` into ``(title, body)``; ``title`` is ``None`` if none.

    The first non-blank line is a title when it is short (at most 150
    characters and 20 words), does not end like a sentence (``.`` ``:``
    ``؛`` ``…`` ``،``), and more text follows.  A line ending with ``؟`` or
    ``!`` counts as a (question) title only when a blank line follows it.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None:
        return None, ""
    first = lines[start].strip()
    rest_lines = lines[start + 1 :]
    body = "\n".join(rest_lines).strip()
    whole = "\n".join(lines[start:]).strip()
    if not body or not _looks_like_title(first):
        return None, whole
    blank_after = not rest_lines[0].strip()
    if first.endswith(_QUESTION_END) and not blank_after:
        return None, whole
    return first, body


def _looks_like_title(line: str) -> bool:
    return (
        len(line) <= MAX_TITLE_CHARS
        and len(line.split()) <= MAX_TITLE_WORDS
        and not line.endswith(_SENTENCE_END)
    )


def read_txt(text: str, path: str) -> Iterator[RawDocument]:
    """One :class:`RawDocument` from a plain-text file's decoded content."""
    title, body = split_title(text)
    if not body:
        raise EmptyDocumentError(path, "empty file")
    yield RawDocument(text=body, fmt="txt", title=title, source_path=path)
