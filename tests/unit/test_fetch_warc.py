"""The WARC archive of fetched responses (tahqiq.fetch.warc): append, read back, list,
rotate, survive a cut file, export for other tools."""

from __future__ import annotations

import gzip
import hashlib
import io
import logging
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import pytest

pytest.importorskip("warcio")

from warcio.archiveiterator import ArchiveIterator  # noqa: E402

from tahqiq.core.errors import ArchiveError, TahqiqError  # noqa: E402
from tahqiq.core.types import Capture, FetchResult  # noqa: E402
from tahqiq.fetch.warc import ORIG_PREFIX, WarcArchive  # noqa: E402

PAGE = ("<html lang='ar'><head><meta charset='utf-8'><title>خبر</title></head><body>"
        "<p>قال وزير الصحة إن عدد الإصابات تراجع بنسبة ٣٠٪ هذا الأسبوع.</p></body></html>"
        ).encode()
FEED = ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>أخبار</title>"
        "<item><title>عاجل</title><link>https://news.example/ar/1</link></item></channel></rss>"
        ).encode()


def result(body: bytes = PAGE, *, url: str = "http://news.example/ar/1",
           final_url: str = "https://news.example/ar/1", status: int = 200,
           headers: tuple[tuple[str, str], ...] | None = None, content_type: str = "text/html",
           fetched_at: str = "2026-12-06T03:15:00+00:00", redirects: tuple[str, ...] = (),
           peer: str = "203.0.113.7") -> FetchResult:
    if headers is None:
        headers = (("Content-Type", "text/html; charset=utf-8"), ("ETag", '"v1"'),
                   ("Content-Encoding", "gzip"), ("Content-Length", "123"),
                   ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"))
    return FetchResult(url, final_url, status, headers, body, content_type, fetched_at,
                       hashlib.sha256(body).hexdigest(), redirects, status == 304, peer)


def page() -> FetchResult:
    return result(redirects=("http://news.example/ar/1",))


def feed() -> FetchResult:
    return result(FEED, url="https://news.example/rss", final_url="https://news.example/rss",
                  headers=(("Content-Type", "application/rss+xml"), ("Content-Length", str(len(FEED))),
                           ("Last-Modified", "Sun, 06 Dec 2026 03:00:00 GMT")),
                  content_type="application/rss+xml", fetched_at="2026-12-06T03:16:30Z", peer="")


def records_of(path: Path) -> list[tuple[str, dict[str, str], bytes]]:
    """(type, WARC headers, block after any HTTP headers) per record, digests checked."""
    with path.open("rb") as fh:
        return [(r.rec_type, dict(r.rec_headers.headers), r.content_stream().read())
                for r in ArchiveIterator(fh, check_digests="raise")]


@pytest.fixture
def archive(tmp_path: Path) -> WarcArchive:
    return WarcArchive(tmp_path / "desk.db.warc")


def test_two_responses_are_read_back_byte_identical(archive: WarcArchive) -> None:
    first, second = archive.append(page()), archive.append(feed())
    assert first.warc_file == second.warc_file and first.offset < second.offset
    assert (first.url, first.status, first.content_type) == ("https://news.example/ar/1", 200, "text/html")
    assert first.fetched_at == "2026-12-06T03:15:00+00:00"
    assert second.fetched_at == "2026-12-06T03:16:30+00:00"  # one form, whatever came in
    for capture, fetched in ((first, page()), (second, feed())):
        assert capture.sha256 == fetched.sha256
        back = archive.read(capture)
        assert back.body == fetched.body and back.sha256 == fetched.sha256
        assert (back.status, back.final_url, back.content_type) == (
            fetched.status, fetched.final_url, fetched.content_type)
        assert back.fetched_at == capture.fetched_at and not back.not_modified
    back = archive.read(first)
    assert back.url == "http://news.example/ar/1" and back.redirects == ("http://news.example/ar/1",)
    assert back.peer == "203.0.113.7" and archive.read(second).peer == ""
    assert archive.read(second).url == "https://news.example/rss"


def test_headers_round_trip_and_framing_fits_the_decoded_body(archive: WarcArchive) -> None:
    back = archive.read(archive.append(page()))
    assert back.headers == (
        ("Content-Type", "text/html; charset=utf-8"), ("ETag", '"v1"'), ("Set-Cookie", "a=1"),
        ("Set-Cookie", "b=2"), ("Content-Length", str(len(PAGE))),
        (ORIG_PREFIX + "Content-Encoding", "gzip"), (ORIG_PREFIX + "Content-Length", "123"))
    assert back.header("content-encoding") is None
    chunked = result(headers=(("Transfer-Encoding", "chunked"), ("Content-Type", "text/html")))
    assert archive.read(archive.append(chunked)).headers == (
        ("Content-Type", "text/html"), ("Content-Length", str(len(PAGE))),
        (ORIG_PREFIX + "Transfer-Encoding", "chunked"))
    feed_back = archive.read(archive.append(feed()))  # a right Content-Length stays as it was
    assert feed_back.headers == feed().headers


def test_the_stored_record_is_a_replayable_response(archive: WarcArchive) -> None:
    capture = archive.append(page())
    kinds = records_of(archive.directory / capture.warc_file)
    assert [k for k, _, _ in kinds] == ["warcinfo", "response", "metadata"]
    _, warc, body = kinds[1]
    assert body == PAGE  # content_stream() would undo a Content-Encoding: none is left
    assert warc["WARC-Target-URI"] == "https://news.example/ar/1"
    assert warc["WARC-Date"] == "2026-12-06T03:15:00Z" and warc["WARC-IP-Address"] == "203.0.113.7"
    assert warc["WARC-Payload-Digest"].startswith("sha256:")
    assert warc["WARC-Block-Digest"].startswith("sha256:")
    _, meta, fields = kinds[2]
    assert meta["WARC-Concurrent-To"] == warc["WARC-Record-ID"]
    assert fields.decode() == ("requested-url: http://news.example/ar/1\r\n"
                               "redirect: http://news.example/ar/1\r\n")


def test_a_not_modified_answer_is_recorded(archive: WarcArchive) -> None:
    checked = result(b"", status=304, url="https://news.example/rss",
                     final_url="https://news.example/rss",
                     headers=(("ETag", '"v1"'), ("Content-Length", "999")), content_type="")
    capture = archive.append(checked)
    assert capture.status == 304 and capture.sha256 == hashlib.sha256(b"").hexdigest()
    back = archive.read(capture)
    assert back.not_modified and back.status == 304 and back.body == b""
    assert back.headers == (("ETag", '"v1"'), (ORIG_PREFIX + "Content-Length", "999"))
    assert list(archive.iter_captures()) == [capture]


def test_a_flipped_byte_makes_read_fail_clearly(archive: WarcArchive) -> None:
    capture = archive.append(page())
    path = archive.directory / capture.warc_file
    original = path.read_bytes()
    for where in range(capture.offset + 12, capture.offset + capture.length - 8, 5):
        damaged = bytearray(original)
        damaged[where] ^= 0xFF
        path.write_bytes(bytes(damaged))
        with pytest.raises(ArchiveError):
            archive.read(capture)
    path.write_bytes(original)
    assert archive.read(capture).body == PAGE


def test_a_changed_body_fails_its_checksum(archive: WarcArchive) -> None:
    capture = archive.append(page())
    path = archive.directory / capture.warc_file
    data = path.read_bytes()
    member = gzip.decompress(data[capture.offset:capture.offset + capture.length])
    forged = gzip.compress(member.replace("٣٠٪".encode(), "٩٠٪".encode()))  # same length
    path.write_bytes(data[:capture.offset] + forged)
    with pytest.raises(ArchiveError, match="damaged"):  # WARC-Payload-Digest no longer holds
        archive.read(replace(capture, length=len(forged)))
    path.write_bytes(data)
    with pytest.raises(ArchiveError, match="checksum"):  # cited with another digest
        archive.read(replace(capture, sha256=hashlib.sha256(b"other").hexdigest()))


def test_missing_files_and_bad_citations_raise_archive_error(archive: WarcArchive) -> None:
    capture = archive.append(page())
    for bad in (replace(capture, warc_file="tahqiq-19990101T000000Z-00001.warc.gz"),
                replace(capture, warc_file="../elsewhere.warc.gz"),
                replace(capture, offset=capture.offset + 1),
                replace(capture, length=capture.length + 10_000)):
        with pytest.raises(ArchiveError) as caught:
            archive.read(bad)
        assert isinstance(caught.value, TahqiqError) and caught.value.exit_code == 1


def test_a_result_whose_body_does_not_match_its_sha256_is_refused(archive: WarcArchive) -> None:
    with pytest.raises(ArchiveError, match="sha256"):
        archive.append(replace(page(), sha256=hashlib.sha256(b"x").hexdigest()))
    with pytest.raises(ArchiveError, match="not a URL"):
        archive.append(replace(page(), final_url="https://x.example/\r\nWARC-Type: evil"))
    with pytest.raises(ArchiveError, match="ISO-8601"):
        archive.append(replace(page(), fetched_at="yesterday"))


def test_iter_captures_lists_every_response_with_its_offsets(archive: WarcArchive) -> None:
    appended = [archive.append(page()), archive.append(feed())]
    listed = list(archive.iter_captures())
    assert listed == appended
    assert [archive.read(c).body for c in listed] == [PAGE, FEED]
    assert list(WarcArchive(archive.directory / "none").iter_captures()) == []


def test_times_keep_their_fraction_of_a_second(archive: WarcArchive) -> None:
    capture = archive.append(replace(feed(), fetched_at="2026-12-06T06:15:00.250000+03:00"))
    assert capture.fetched_at == "2026-12-06T03:15:00.250000+00:00"
    assert list(archive.iter_captures()) == [capture]


def test_a_new_file_starts_past_max_file_bytes_with_its_own_warcinfo(tmp_path: Path) -> None:
    archive = WarcArchive(tmp_path / "warc", max_file_bytes=1)
    captures = [archive.append(page()), archive.append(feed()), archive.append(page())]
    files = archive.files()
    assert len(files) == 3 and [c.warc_file for c in captures] == [f.name for f in files]
    for path in files:
        kinds = records_of(path)
        assert kinds[0][0] == "warcinfo" and kinds[0][1]["WARC-Filename"] == path.name
        assert b"software: tahqiq" in kinds[0][2]
    assert list(archive.iter_captures()) == captures
    assert archive.read(captures[1]).body == FEED


def test_a_reopened_archive_continues_its_whole_newest_file(archive: WarcArchive) -> None:
    first = archive.append(page())
    again = WarcArchive(archive.directory).append(feed())
    assert again.warc_file == first.warc_file and len(archive.files()) == 1


def test_a_cut_file_is_left_alone_and_listed_up_to_its_last_whole_record(
        archive: WarcArchive, caplog: pytest.LogCaptureFixture) -> None:
    kept, lost = archive.append(page()), archive.append(feed())
    path = archive.directory / kept.warc_file
    path.write_bytes(path.read_bytes()[:lost.offset + lost.length // 2])  # died mid-record
    cut_size = path.stat().st_size
    reopened = WarcArchive(archive.directory)
    with caplog.at_level(logging.WARNING, logger="tahqiq.fetch.warc"):
        assert list(reopened.iter_captures()) == [kept]
    assert "cut or damaged" in caplog.text
    later = reopened.append(feed())
    assert later.warc_file != kept.warc_file and path.stat().st_size == cut_size
    assert list(reopened.iter_captures()) == [kept, later]
    assert reopened.read(kept).body == PAGE and reopened.read(later).body == FEED
    with pytest.raises(ArchiveError):
        reopened.read(lost)


def test_a_failed_write_is_never_appended_to(archive: WarcArchive,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from tahqiq.fetch import warc

    kept = archive.append(page())
    real_write = warc._write

    def half_then_fail(path: Path, data: bytes, mode: str = "ab") -> None:
        real_write(path, data[: len(data) // 2], mode)
        raise ArchiveError("disk full")

    monkeypatch.setattr(warc, "_write", half_then_fail)
    with pytest.raises(ArchiveError, match="disk full"):
        archive.append(feed())
    monkeypatch.setattr(warc, "_write", real_write)
    later = archive.append(feed())
    assert later.warc_file != kept.warc_file
    assert list(archive.iter_captures()) == [kept, later]


def test_export_writes_one_file_other_tools_read(archive: WarcArchive, tmp_path: Path) -> None:
    captures = [archive.append(page()), archive.append(feed()),
                archive.append(result(b"", status=304, headers=(), content_type=""))]
    target = tmp_path / "out" / "desk.warc.gz"
    assert archive.export(target) == 3
    kinds = records_of(target)  # check_digests="raise": every digest holds
    assert [k for k, _, _ in kinds] == ["warcinfo", "response", "metadata", "response", "response",
                                        "metadata"]
    responses = [(w, b) for k, w, b in kinds if k == "response"]
    assert [b for _, b in responses] == [PAGE, FEED, b""]
    assert all(w["WARC-Payload-Digest"].startswith("sha256:") for w, _ in responses)
    assert sorted(p.name for p in target.parent.iterdir()) == ["desk.warc.gz"]  # no temp left
    assert archive.export(target, captures[1:2]) == 1
    assert [k for k, _, _ in records_of(target)] == ["warcinfo", "response"]


def test_export_refuses_a_damaged_capture_and_keeps_the_old_target(archive: WarcArchive,
                                                                   tmp_path: Path) -> None:
    capture = archive.append(page())
    target = tmp_path / "desk.warc.gz"
    target.write_bytes(b"before")
    with pytest.raises(ArchiveError):
        archive.export(target, [replace(capture, sha256="0" * 64)])
    assert target.read_bytes() == b"before"


def test_the_archive_files_pass_warcio_digest_checks(archive: WarcArchive) -> None:
    archive.append(page())
    archive.append(feed())
    for path in archive.files():
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, check_digests=True):
                record.content_stream().read()
                assert record.digest_checker.passed is not False, record.digest_checker.problems


def test_threads_may_share_one_archive(archive: WarcArchive) -> None:
    bodies = [f"<p>خبر رقم {i}</p>".encode() for i in range(40)]
    got: list[Capture] = []

    def work(part: list[bytes]) -> None:
        got.extend(archive.append(result(b)) for b in part)

    threads = [threading.Thread(target=work, args=(bodies[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(archive.read(c).body for c in got) == sorted(bodies)
    assert sorted(c.offset for c in archive.iter_captures()) == sorted(c.offset for c in got)


def test_importing_the_module_does_no_work() -> None:
    code = ("import sys, tahqiq.fetch.warc as w; "
            "print('warcio' in sys.modules, w.WarcArchive.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(Path(__file__).parents[2] / "src")})
    assert out.stdout.split() == ["False", "WarcArchive"]


def test_records_can_be_read_alone_from_their_offset(archive: WarcArchive) -> None:
    capture = archive.append(feed())
    data = (archive.directory / capture.warc_file).read_bytes()
    one = io.BytesIO(data[capture.offset:capture.offset + capture.length])
    assert [r.rec_type for r in ArchiveIterator(one)] == ["response"]
