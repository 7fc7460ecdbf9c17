"""Reading a response body within limits: size (decompressed), deadline, content type.

The body is read raw and decompressed here (gzip and deflate; the fetcher asks for
nothing else), never more than ``max_bytes + 1`` bytes at a time, so a small gzip
body that inflates to gigabytes (a gzip bomb) costs at most the limit.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterable
from typing import Protocol

from ..core.errors import ContentTypeError, FetchConnectionError, FetchTooLargeError
from .limits import media_type
from .pacing import Deadline


class _Decoder(Protocol):
    def decompress(self, data: bytes, max_length: int = ..., /) -> bytes: ...

    def flush(self, length: int = ..., /) -> bytes: ...


class _Identity:
    """A decoder that decodes nothing, with zlib's interface."""

    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes:
        return data

    def flush(self, length: int = 0, /) -> bytes:
        return b""


class _Deflate:
    """``deflate`` as servers send it: zlib-wrapped, or raw (tried when zlib fails at once)."""

    def __init__(self) -> None:
        self._inner = zlib.decompressobj()
        self._started = False

    def decompress(self, data: bytes, max_length: int = 0, /) -> bytes:
        if not self._started:
            self._started = True
            try:
                return self._inner.decompress(data, max_length)
            except zlib.error:
                self._inner = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._inner.decompress(data, max_length)

    def flush(self, length: int = zlib.DEF_BUF_SIZE, /) -> bytes:
        return self._inner.flush(length)


def decoder_for(content_encoding: str, url: str) -> _Decoder:
    """The decoder of a ``Content-Encoding``; :class:`FetchConnectionError` for an
    encoding the fetcher did not ask for."""
    encoding = content_encoding.strip().lower()
    if encoding in ("", "identity"):
        return _Identity()
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return _Deflate()
    raise FetchConnectionError(url, f"the server sent a body in an encoding not asked for: {encoding}")


def read_body(chunks: Iterable[bytes], *, content_encoding: str, max_bytes: int,
              deadline: Deadline, url: str, truncate: bool = False) -> bytes:
    """The decoded body of raw ``chunks``, at most ``max_bytes`` long.

    Over the limit: :class:`FetchTooLargeError`, or with ``truncate`` the first
    ``max_bytes``.  The deadline is checked after every chunk
    (:class:`~tahqiq.core.errors.FetchTimeoutError`).
    """
    decoder = decoder_for(content_encoding, url)
    body = bytearray()
    try:
        for raw in chunks:
            deadline.check(url)
            if _append(body, decoder.decompress(raw, max_bytes - len(body) + 1), max_bytes):
                return _cut(body, max_bytes, truncate, url)
        if _append(body, decoder.flush(max_bytes - len(body) + 1), max_bytes):
            return _cut(body, max_bytes, truncate, url)
    except zlib.error as exc:
        raise FetchConnectionError(url, f"the body's {content_encoding} encoding is damaged: {exc}") from None
    return bytes(body)


def _append(body: bytearray, data: bytes, max_bytes: int) -> bool:
    """Append ``data``; whether the body is now over the limit."""
    body += data
    return len(body) > max_bytes


def _cut(body: bytearray, max_bytes: int, truncate: bool, url: str) -> bytes:
    if truncate:
        return bytes(body[:max_bytes])
    raise FetchTooLargeError(url, f"the body is over the {max_bytes:,} bytes a fetch reads")


def check_length(content_length: str | None, max_bytes: int, url: str) -> None:
    """:class:`FetchTooLargeError` when a Content-Length is over the limit (before reading)."""
    try:
        length = int(content_length or "")
    except ValueError:
        return
    if length > max_bytes:
        raise FetchTooLargeError(
            url, f"Content-Length {length:,} is over the {max_bytes:,} bytes a fetch reads")


def check_type(content_type: str | None, accept: Collection[str] | None, url: str) -> None:
    """:class:`ContentTypeError` unless ``content_type`` is one of ``accept`` (``None``:
    any).  A missing type passes here; see :func:`check_sniffed`."""
    kind = media_type(content_type)
    if accept is None or not kind or kind in accept:
        return
    raise ContentTypeError(url, f"content type {kind} is not fetched (only HTML pages and feeds)")


def check_sniffed(content_type: str | None, accept: Collection[str] | None, body: bytes,
                  url: str) -> None:
    """A body without a content type is accepted only when it looks like markup."""
    if accept is None or media_type(content_type) or not body:
        return
    if not body.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise ContentTypeError(url, "no content type, and the body is not HTML or XML")
