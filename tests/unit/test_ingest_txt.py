"""Plain-text files: title detection."""

from __future__ import annotations

import pytest

from tahqiq.errors import EmptyDocumentError
from tahqiq.ingest.plain import read_txt, split_title

BODY = "عقد مجلس الوزراء اجتماعه الأسبوعي برئاسة رئيس الحكومة.\nوناقش عددا من الملفات."


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        (f"تعديل وزاري مرتقب\n\n{BODY}", "تعديل وزاري مرتقب", BODY),
        (f"تعديل وزاري مرتقب\n{BODY}", "تعديل وزاري مرتقب", BODY),
        (f"\n\n  تعديل وزاري مرتقب  \r\n\r\n{BODY}\n", "تعديل وزاري مرتقب", BODY),
        (f"هل ينجح التعديل الوزاري؟\n\n{BODY}", "هل ينجح التعديل الوزاري؟", BODY),
        # a question directly followed by text is a sentence
        (f"هل ينجح التعديل الوزاري؟\n{BODY}", None, f"هل ينجح التعديل الوزاري؟\n{BODY}"),
        # sentence-final punctuation: no title
        (f"قال الوزير إن التعديل قريب.\n\n{BODY}", None, f"قال الوزير إن التعديل قريب.\n\n{BODY}"),
        (f"وأضاف الوزير:\n{BODY}", None, f"وأضاف الوزير:\n{BODY}"),
        # a lone line is the body, not a title
        ("تعديل وزاري مرتقب", None, "تعديل وزاري مرتقب"),
        # too long to be a title
        (" ".join(["كلمة"] * 25) + f"\n\n{BODY}", None, " ".join(["كلمة"] * 25) + f"\n\n{BODY}"),
    ],
)
def test_split_title(text: str, title: str | None, body: str) -> None:
    assert split_title(text) == (title, body)


def test_read_txt_document_fields() -> None:
    [doc] = list(read_txt(f"عنوان\n\n{BODY}", "x.txt"))
    assert (doc.fmt, doc.title, doc.text, doc.source_path, doc.record) == (
        "txt",
        "عنوان",
        BODY,
        "x.txt",
        None,
    )


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(EmptyDocumentError, match="empty file"):
        list(read_txt(" \n\n\t", "x.txt"))
