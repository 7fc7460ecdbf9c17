"""Every fetched response kept in WARC: an append-only archive (:class:`WarcArchive`).

Files ``<prefix>-<YYYYmmddTHHMMSSZ>-<NNNNN>.warc.gz`` hold WARC/1.1 records, each its own
gzip member (readable alone at its offset), a ``warcinfo`` record first; a new file starts
once one has reached ``max_file_bytes``.  A fetch becomes a ``response`` record
(``WARC-Target-URI`` the final URL, ``WARC-Date`` the fetch time, ``WARC-IP-Address`` the
peer if an IP, ``WARC-Identified-Payload-Type`` the content type tahqiq saw, payload and
block digests as ``sha256:<base32>``; the capture's ``sha256`` is the body's hex digest),
whose block is ``HTTP/1.1 <status> <reason>`` (the version spoken is not kept), the
headers as received and the body.  A 304 is kept too (no body): it proves when a page was
checked.  When the URL asked for was redirected, a ``metadata`` record follows
(``WARC-Concurrent-To`` the response, ``application/warc-fields``): ``requested-url:``
then a ``redirect:`` line per URL that answered with a redirect, in order.

Bodies are kept *decoded*, as the fetcher hands them over, so the headers are fitted to
them (a valid, replayable response): ``Content-Encoding`` and ``Transfer-Encoding`` are
dropped, ``Content-Length`` is the stored length (none for 1xx, 204 and 304), and each
header dropped or changed is kept as ``X-Tahqiq-Orig-<Name>``.  warcio %-encodes non-ASCII
header values (RFC 8187); CR and LF become spaces.  Body size is the fetcher's to bound.

Each append is written whole, flushed and fsynced before its capture is returned.  The
first append of a :class:`WarcArchive` continues the newest file only if it is all whole
gzip members (it is scanned); after a crash cut a record a new file starts, and readers list
the cut file up to its last whole record, with a warning.  One process writes an archive
(a desk has one writer); its threads may share a :class:`WarcArchive`.
"""

from __future__ import annotations

import base64
import hashlib
import io
import ipaddress
import logging
import os
import threading
import uuid
import zlib
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

from ..core.errors import ArchiveError, MissingExtraError
from ..core.files import atomic_path
from ..core.types import Capture, FetchResult

log = logging.getLogger(__name__)

GIB = 1 << 30
WARC_VERSION = "WARC/1.1"
#: Prefix of the headers keeping what was received when the stored body needed a change.
ORIG_PREFIX = "X-Tahqiq-Orig-"
_FRAMING = ("content-encoding", "transfer-encoding", "content-length")
_GZIP, _BOUND = zlib.MAX_WBITS | 16, 1 << 22


class WarcArchive:
    """An append-only archive of gzip-compressed WARC files in ``directory`` (created on
    the first write); the module docstring describes the records."""

    def __init__(self, directory: Path, *, max_file_bytes: int = GIB,
                 name_prefix: str = "tahqiq") -> None:
        self.directory = Path(directory)
        self.max_file_bytes = max_file_bytes
        self.name_prefix = name_prefix
        self._lock = threading.Lock()
        self._current: Path | None = None
        self._size = 0

    def files(self) -> list[Path]:
        """The archive's WARC files, in name (so time) order."""
        return sorted(self.directory.glob(f"{self.name_prefix}-*.warc.gz"))

    def append(self, result: FetchResult) -> Capture:
        """Archive ``result`` (fsynced before returning); the capture citing it."""
        sha_hex = hashlib.sha256(result.body).hexdigest()
        if result.sha256 and result.sha256.lower() != sha_hex:
            raise ArchiveError(f"{result.final_url}: the body does not match its sha256")
        if any(c in result.url + result.final_url for c in "\r\n"):
            raise ArchiveError(f"not a URL: {result.final_url!r}")
        date = _warc_date(result.fetched_at)
        records = _response_records(result, date, sha_hex)
        with self._lock:
            path, offset = self._writable(), self._size
            try:
                _write(path, b"".join(records))
            except ArchiveError:
                self._current = None  # a part may have been written: check before the next
                raise
            self._size += sum(map(len, records))
        return Capture(result.final_url, _iso_date(date), result.status, sha_hex, path.name,
                       offset, len(records[0]), result.content_type)

    def read(self, capture: Capture) -> FetchResult:
        """The response ``capture`` cites, checked against its digests and ``sha256``
        (:class:`ArchiveError` when its file is missing or the record is damaged)."""
        _, record, body, fields = self._load(capture)
        warc, http = record.rec_headers, record.http_headers
        status, target = int(http.get_statuscode()), warc.get_header("WARC-Target-URI") or ""
        return FetchResult(
            url=(fields.get("requested-url") or [target])[0], final_url=target,
            status=status, headers=tuple(http.headers), body=body,
            content_type=warc.get_header("WARC-Identified-Payload-Type") or "",
            fetched_at=_iso_date(warc.get_header("WARC-Date")), sha256=capture.sha256.lower(),
            redirects=tuple(fields.get("redirect", ())), not_modified=status == 304,
            peer=warc.get_header("WARC-IP-Address") or "")

    def iter_captures(self) -> Iterator[Capture]:
        """A capture per response record of every file, in order; a file's listing stops,
        with a warning, where it is cut (a crash, or a record being written) or damaged."""
        for path in self.files():
            yield from _scan(path)

    def export(self, target: Path, captures: Iterable[Capture] | None = None) -> int:
        """Write ``captures`` (default: all), each checked as by :meth:`read` and copied as
        stored with its metadata record, into one WARC file replacing ``target`` in one
        step; the number of responses written."""
        target, count = Path(target), 0
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(target) as tmp, tmp.open("wb") as out:
                out.write(_warcinfo(target.name, "responses exported from a tahqiq archive"))
                for capture in self.iter_captures() if captures is None else captures:
                    out.write(self._load(capture)[0])
                    count += 1
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            raise ArchiveError(f"cannot write {target}: {exc}") from exc
        return count

    def _writable(self) -> Path:
        """The file to append to (with the lock held): the newest if whole, else a new one."""
        if self._current is None and (newest := self.files()[-1:]):
            size = newest[0].stat().st_size
            if size < self.max_file_bytes and _whole_members(newest[0]) == size:
                self._current, self._size = newest[0], size
        if self._current is None or self._size >= self.max_file_bytes:
            self._current = self._new_file()
            self._size = self._current.stat().st_size
        return self._current

    def _new_file(self) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp, number = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"), len(self.files()) + 1
        while (path := self.directory / f"{self.name_prefix}-{stamp}-{number:05d}.warc.gz").exists():
            number += 1
        _write(path, _warcinfo(path.name, "responses fetched by a tahqiq desk"), mode="xb")
        if hasattr(os, "O_DIRECTORY"):  # make the new name durable too
            fd = os.open(self.directory, os.O_RDONLY | os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        return path

    def _load(self, capture: Capture) -> tuple[bytes, Any, bytes, dict[str, list[str]]]:
        """The stored bytes of the response (and its metadata record), the response, its
        body (checked) and the metadata's fields."""
        name = capture.warc_file
        if not name or Path(name).name != name:
            raise ArchiveError(f"not a file of the archive: {name!r}")
        try:
            with (self.directory / name).open("rb") as fh:
                fh.seek(max(capture.offset, 0))
                raw = fh.read(capture.length)
                if len(raw) != capture.length:
                    raise ArchiveError(f"{name}@{capture.offset}: the record is cut short")
                record, body = _parse(raw, name, capture.offset)
                meta, fields = _metadata_after(fh, record.rec_headers.get_header("WARC-Record-ID"))
        except OSError as exc:
            raise ArchiveError(f"cannot read the archived response in {name}: {exc}") from exc
        if hashlib.sha256(body).hexdigest() != capture.sha256.lower():
            raise ArchiveError(f"{name}@{capture.offset}: checksum mismatch, the archived "
                               "response is not the one cited")
        return raw + meta, record, body, fields


# -- writing ----------------------------------------------------------------------------
def _warcio() -> Any:
    """The warcio package, its modules imported on first use."""
    try:
        import warcio.archiveiterator
        import warcio.exceptions
        import warcio.limitreader
        import warcio.statusandheaders
        import warcio.warcwriter
    except ImportError:
        raise MissingExtraError("warcio", "fetch", "the WARC archive") from None
    return warcio


def _write(path: Path, data: bytes, mode: str = "ab") -> None:
    try:
        with path.open(mode) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise ArchiveError(f"cannot write to the archive {path}: {exc}") from exc


def _record(uri: str, kind: str, block: bytes, fields: dict[str, str], **kw: Any) -> bytes:
    """One WARC record as its own gzip member (``fields`` must hold both digests)."""
    warcio, buf = _warcio(), io.BytesIO()
    writer = warcio.warcwriter.WARCWriter(buf, gzip=True, warc_version=WARC_VERSION)
    fields = {"WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>", **fields}
    writer.write_record(writer.create_warc_record(
        uri, kind, payload=io.BytesIO(block), length=len(block), warc_headers_dict=fields, **kw))
    return buf.getvalue()


def _warcinfo(filename: str, description: str) -> bytes:
    from importlib.metadata import PackageNotFoundError, version

    try:
        software = f"tahqiq/{version('tahqiq')} warcio/{version('warcio')}"
    except PackageNotFoundError:
        software = "tahqiq"
    block = _fields([("software", software), ("format", "WARC File Format 1.1"),
                     ("conformsTo", "https://iipc.github.io/warc-specifications/"
                      "specifications/warc-format/warc-1.1/"), ("description", description)])
    return _record("", "warcinfo", block, {"WARC-Filename": filename,
                                           "WARC-Block-Digest": _label(block)},
                   warc_content_type="application/warc-fields")


def _response_records(result: FetchResult, date: str, sha_hex: str) -> list[bytes]:
    """The response record, then the redirect chain's metadata record if any."""
    reason = next((known.phrase for known in HTTPStatus if known == result.status), "")
    http = _warcio().statusandheaders.StatusAndHeaders(
        f"{result.status} {reason}".strip(), _stored_headers(result), protocol="HTTP/1.1")
    http.compute_headers_buffer()  # the bytes warcio writes, for the block digest
    record_id = f"<urn:uuid:{uuid.uuid4()}>"
    fields = {"WARC-Record-ID": record_id, "WARC-Date": date,
              "WARC-Payload-Digest": _label(b"", sha_hex),
              "WARC-Block-Digest": _label(http.headers_buff + result.body)}
    if (peer := _ip(result.peer)) is not None:
        fields["WARC-IP-Address"] = peer
    if result.content_type:
        fields["WARC-Identified-Payload-Type"] = _clean(result.content_type)
    records = [_record(result.final_url, "response", result.body, fields, http_headers=http)]
    if result.redirects or result.url != result.final_url:
        block = _fields([("requested-url", result.url)] + [("redirect", u) for u in result.redirects])
        records.append(_record(result.final_url, "metadata", block, {
            "WARC-Date": date, "WARC-Concurrent-To": record_id,
            "WARC-Block-Digest": _label(block), "WARC-Payload-Digest": _label(block)},
            warc_content_type="application/warc-fields"))
    return records


def _stored_headers(result: FetchResult) -> list[tuple[str, str]]:
    """The headers as received, framing fitted to the decoded body (module docstring)."""
    length = None if result.status < 200 or result.status in (204, 304) else str(len(result.body))
    kept, changed = [], []
    for name, value in ((_clean(n), _clean(v)) for n, v in result.headers):
        if name.lower() == "content-length" and value == length:
            kept.append((name, value))
            length = None
        elif name.lower() in _FRAMING:
            changed.append((ORIG_PREFIX + name, value))
        else:
            kept.append((name, value))
    return kept + ([("Content-Length", length)] if length is not None else []) + changed


def _clean(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").strip()


def _fields(pairs: list[tuple[str, str]]) -> bytes:
    """An ``application/warc-fields`` block."""
    return "".join(f"{name}: {_clean(value)}\r\n" for name, value in pairs).encode("utf-8")


def _label(data: bytes, hex_digest: str = "") -> str:
    """A WARC digest: ``sha256:`` and the base32 of the raw digest (of ``data``)."""
    raw = bytes.fromhex(hex_digest) if hex_digest else hashlib.sha256(data).digest()
    return "sha256:" + base64.b32encode(raw).decode("ascii")


def _ip(peer: str) -> str | None:
    """The IP address of a peer written ``ip``, ``ip:port`` or ``[ip]:port``, else None."""
    for candidate in (peer, peer.rsplit(":", 1)[0]):
        try:
            return str(ipaddress.ip_address(candidate.strip("[]")))
        except ValueError:
            continue
    return None


def _warc_date(iso: str) -> str:
    """An ISO-8601 time as a WARC date (UTC, ``Z``; a naive time is taken as UTC)."""
    try:
        moment = datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        raise ArchiveError(f"not an ISO-8601 time: {iso!r}") from None
    moment = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    fraction = f".{moment.microsecond:06d}" if moment.microsecond else ""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + fraction + "Z"


def _iso_date(warc_date: str) -> str:
    """A WARC date as tahqiq writes times (``isoformat``, ``+00:00``)."""
    return datetime.fromisoformat(warc_date).astimezone(UTC).isoformat()


# -- reading ----------------------------------------------------------------------------
def _damage() -> tuple[type[BaseException], ...]:
    """What warcio and zlib raise on damaged or cut bytes."""
    warcio = _warcio()
    return (warcio.exceptions.ArchiveLoadFailed, zlib.error, EOFError, ValueError,
            warcio.statusandheaders.StatusAndHeadersParserException)


def _parse(raw: bytes, name: str, offset: int) -> tuple[Any, bytes]:
    """The response record in ``raw`` (one whole gzip member) and its body, digests checked."""
    member = zlib.decompressobj(_GZIP)
    try:
        data = member.decompress(raw)
    except zlib.error as exc:
        raise ArchiveError(f"{name}@{offset}: the archived response is damaged ({exc})") from exc
    if not member.eof or member.unused_data:
        raise ArchiveError(f"{name}@{offset}: not one whole archived record there")
    records = _warcio().archiveiterator.ArchiveIterator(io.BytesIO(data), check_digests="raise")
    try:
        record = next(records, None)
        body = record.raw_stream.read() if record is not None else b""
    except _damage() as exc:
        raise ArchiveError(f"{name}@{offset}: the archived response is damaged ({exc})") from exc
    if record is None or record.rec_type != "response" or record.http_headers is None:
        raise ArchiveError(f"{name}@{offset}: no archived response there")
    return record, body


def _metadata_after(fh: Any, record_id: str) -> tuple[bytes, dict[str, list[str]]]:
    """The metadata record at ``fh``'s position if written with ``record_id`` (its bytes
    and fields), else nothing."""
    start = fh.tell()
    records = _warcio().archiveiterator.ArchiveIterator(fh)
    try:
        record = next(records, None)
        if (record is None or record.rec_type != "metadata"
                or record.rec_headers.get_header("WARC-Concurrent-To") != record_id):
            return b"", {}
        text = record.raw_stream.read().decode("utf-8", "replace")
        length = records.get_record_length()  # before the seek: warcio measures with tell()
        fh.seek(start)
        raw = fh.read(length)
    except _damage():  # a cut tail after the response: no redirects known
        return b"", {}
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        name, _, value = line.partition(":")
        fields.setdefault(name.strip(), []).append(value.strip())
    return raw, fields


def _scan(path: Path) -> Iterator[Capture]:
    """The captures of one file: those in its whole gzip members, up to a damaged one."""
    warcio, damage, whole = _warcio(), _damage(), _whole_members(path)
    if whole < path.stat().st_size:
        log.warning("%s: cut or damaged after byte %d (a crash, or a record being written);"
                    " listing the records before it", path, whole)
    with path.open("rb") as fh:
        reader = warcio.limitreader.LimitReader(fh, whole)
        records = warcio.archiveiterator.ArchiveIterator(reader, check_digests="raise")
        while True:
            try:
                record = next(records, None)
                while record is not None and record.rec_type != "response":
                    record = next(records, None)
                if record is None:
                    return
                digest = hashlib.sha256()
                for chunk in iter(lambda: record.raw_stream.read(1 << 16), b""):  # noqa: B023
                    digest.update(chunk)
                warc = record.rec_headers
                capture = Capture(
                    warc.get_header("WARC-Target-URI") or "", _iso_date(warc.get_header("WARC-Date")),
                    int(record.http_headers.get_statuscode()), digest.hexdigest(), path.name,
                    records.get_record_offset(), records.get_record_length(),
                    warc.get_header("WARC-Identified-Payload-Type") or "")
            except damage as exc:
                log.warning("%s: listing stopped at a damaged record (%s)", path, exc)
                return
            yield capture


def _whole_members(path: Path) -> int:
    """How many leading bytes of ``path`` are whole gzip members."""
    whole = position = 0
    member = zlib.decompressobj(_GZIP)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            while chunk:
                try:  # output bounded, so a bomb cannot blow up
                    out = member.decompress(chunk, _BOUND)
                    while len(out) == _BOUND and not member.eof and not member.unconsumed_tail:
                        out = member.decompress(b"", _BOUND)
                except zlib.error:
                    return whole
                rest = member.unused_data if member.eof else member.unconsumed_tail
                position += len(chunk) - len(rest)
                if member.eof:
                    whole, member = position, zlib.decompressobj(_GZIP)
                chunk = rest
    return whole


__all__ = ["GIB", "ORIG_PREFIX", "WARC_VERSION", "WarcArchive"]
