"""Problem details never carry a server path or a document's text."""

from __future__ import annotations

import pytest

from tahqiq.api.problems import for_error
from tahqiq.errors import IngestError, MissingExtraError, NotFoundError, StoreError, TahqiqError


@pytest.mark.parametrize("exc", [StoreError("cannot open the database /srv/desks/secret.db: disk I/O error"),
                                 MissingExtraError("fastapi", "api", "the HTTP API"),
                                 TahqiqError("record 3: «نص المقالة السري» at /srv/in/a.jsonl")])
def test_server_errors_say_only_what_failed(exc: TahqiqError) -> None:
    body = for_error(exc)
    assert body["status"] >= 500
    assert "/srv" not in body["detail"] and "السري" not in body["detail"] and "fastapi" not in body["detail"]


def test_client_errors_keep_their_reason_without_the_directory() -> None:
    body = for_error(IngestError("/home/user/inbox/report.html", "binary file (not text)"))
    assert body["status"] == 422 and body["detail"] == "report.html: binary file (not text)"
    assert for_error(NotFoundError("no document 'abcdef12'"))["detail"] == "no document 'abcdef12'"
