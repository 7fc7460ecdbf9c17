"""JSON and JSON Lines article records.

Schema of one record: ``text`` (required, non-empty string); optional
``title``, ``url``, ``source`` and ``published`` (strings or ``null``).
Other fields are ignored.  A ``.json`` file holds one record, a list of
records, or ``{"documents": [records]}``; a ``.jsonl`` file holds one record
per line (blank lines are skipped).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from ..core.errors import EmptyDocumentError, MalformedInputError
from ..core.types import IngestFailure, RawDocument, SourceFormat
from .urls import outlet_from_url

#: Optional string fields of a record.
OPTIONAL_FIELDS = ("title", "url", "source", "published")


class RecordError(ValueError):
    """Internal: one record breaks the schema (message is the reason)."""


def read_json(text: str, path: str) -> Iterator[RawDocument | IngestFailure]:
    """Records of a ``.json`` file; bad records become failures."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInputError(path, f"invalid JSON on line {exc.lineno}: {exc.msg}") from None
    except RecursionError:
        raise MalformedInputError(path, "invalid JSON: nested too deeply") from None
    records = _records_of(data, path)
    if not records:
        raise EmptyDocumentError(path, "no records in file")
    for index, record in enumerate(records):
        try:
            yield record_document(record, "json", path, index)
        except RecordError as exc:
            yield IngestFailure(path, f"record {index + 1} {exc}")


#: JSON Lines end at LF, CRLF or a lone CR, never at U+2028 or other Unicode line breaks
#: (``str.splitlines`` would cut a record that holds one).
_LINE_END = re.compile(r"\r\n|\r|\n")


def read_jsonl(text: str, path: str) -> Iterator[RawDocument | IngestFailure]:
    """Records of a ``.jsonl`` file's decoded text; see :func:`jsonl_records`."""
    return jsonl_records(enumerate(_LINE_END.split(text), start=1), path)


def jsonl_records(
    lines: Iterable[tuple[int, str | IngestFailure]], path: str, *, allow_empty: bool = False
) -> Iterator[RawDocument | IngestFailure]:
    """Records of numbered JSON Lines; a bad line is one failure labelled
    ``path:line`` and the other lines still count.  A line may already be a
    failure (too long, undecodable), which is passed on as it is.  Without
    any record the file is empty (an error) unless ``allow_empty`` (a block
    of a larger file)."""
    found = False
    for number, line in lines:
        if isinstance(line, IngestFailure):
            found = True
            yield line
            continue
        if not line.strip():
            continue
        found = True
        yield _jsonl_line(line, f"{path}:{number}", path, number)
    if not found and not allow_empty:
        raise EmptyDocumentError(path, "empty file")


def _jsonl_line(line: str, where: str, path: str, number: int) -> RawDocument | IngestFailure:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return IngestFailure(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return IngestFailure(where, "invalid JSON: nested too deeply")
    try:
        return record_document(record, "jsonl", path, number - 1)
    except RecordError as exc:
        return IngestFailure(where, f"record {exc}")


def _records_of(data: Any, path: str) -> list[Any]:
    if isinstance(data, dict) and "documents" in data:
        data = data["documents"]
        if not isinstance(data, list):
            kind = _kind(data)
            raise MalformedInputError(path, f"'documents' must be a list of objects, got {kind}")
        return data
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list):
        return data
    raise MalformedInputError(
        path, f"expected a JSON object or a list of objects, got {_kind(data)}"
    )


def record_document(record: Any, fmt: SourceFormat, path: str, index: int) -> RawDocument:
    """A :class:`RawDocument` from one decoded record, or :class:`RecordError`."""
    if not isinstance(record, dict):
        raise RecordError(f"is not an object (got {_kind(record)})")
    if "text" not in record:
        raise RecordError("has no 'text' field")
    text = record["text"]
    if not isinstance(text, str):
        raise RecordError(f"has a 'text' that is {_kind(text)}, not a string")
    if not text.strip():
        raise RecordError("has an empty 'text'")
    values: dict[str, str | None] = {}
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise RecordError(f"has a '{name}' that is {_kind(value)}, not a string")
        values[name] = value.strip() or None if isinstance(value, str) else None
    return RawDocument(
        text=text,
        fmt=fmt,
        title=values["title"],
        url=values["url"],
        source=values["source"] or outlet_from_url(values["url"]),
        source_path=path,
        published=values["published"],
        record=index,
    )


def _kind(value: Any) -> str:
    """The JSON name of a value's type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
