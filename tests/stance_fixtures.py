"""Labelled (claim, article) pairs from the bundled sample corpus, for stance tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from tahqiq.data import labels_path, sample_path
from tahqiq.ingest import read_file
from tahqiq.types import RawDocument


@cache
def sample_articles() -> dict[str, RawDocument]:
    """Sample articles keyed as in ``claims.jsonl`` (``path`` or ``path:record``)."""
    out: dict[str, RawDocument] = {}
    with sample_path() as root:
        for path in sorted(Path(root).rglob("*")):
            if path.suffix.lower() in {".md"} or not path.is_file():
                continue
            for item in read_file(path, max_bytes=1 << 22):
                if isinstance(item, RawDocument):
                    rel = path.relative_to(root).as_posix()
                    multi = path.suffix.lower() in {".jsonl", ".json", ".rss", ".atom", ".xml"}
                    out[f"{rel}:{item.record}" if multi else rel] = item
    return out


@cache
def sample_pairs() -> tuple[tuple[str, str, str, str], ...]:
    """``(claim_id, claim, article_text, gold_stance)`` for every labelled pair."""
    articles = sample_articles()
    pairs = []
    with labels_path() as labels:
        for line in (Path(labels) / "claims.jsonl").read_text(encoding="utf-8").splitlines():
            claim = json.loads(line)
            for key, stance in sorted(claim["expected"].items()):
                doc = articles[key]
                text = f"{doc.title}\n{doc.text}" if doc.title else doc.text
                pairs.append((claim["id"], claim["claim"], text, stance))
    return tuple(pairs)


#: A tiny term-weight table, so tests never build the full one from wordfreq.
TINY_WEIGHTS = {"قال": 2.0, "في": 1.0, "مصر": 2.5, "سودان": 3.0, "دينار": 3.5}
