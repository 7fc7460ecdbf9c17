"""Build :class:`tahqiq.types.Document` objects for store/index tests.

Stands in for ``tahqiq.text.build_document`` so store and index tests do not
depend on the text stage: search text is a plain whitespace split.
"""

from __future__ import annotations

import hashlib

from tahqiq.types import Document, Sentence

NORMALIZER = "test-1"


def make_doc(
    text: str,
    *,
    title: str | None = None,
    source: str | None = "desk",
    published: str | None = None,
    doc_id: str | None = None,
) -> Document:
    """A document whose id is the sha256 of its whitespace-split text."""
    search_text = " ".join(text.split())
    sentences = []
    start = 0
    for i, part in enumerate(p for p in text.split(".") if p.strip()):
        begin = text.index(part, start)
        sentences.append(Sentence(i, begin, begin + len(part), part))
        start = begin + len(part)
    return Document(
        doc_id=doc_id or hashlib.sha256(search_text.encode()).hexdigest()[:32],
        original=text,
        text=text,
        search_text=search_text,
        sentences=tuple(sentences),
        lang="ar",
        normalizer_version=NORMALIZER,
        fmt="txt",
        title=title,
        source=source,
        url=None,
        source_path=None,
        published=published,
    )
