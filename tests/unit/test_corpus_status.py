"""The facade's counts and upkeep (what the CLI and the API call instead of the store)."""

from __future__ import annotations

import json

from reuse_fixtures import COPY, ORIGINAL, UNRELATED
from tahqiq import Corpus
from tahqiq.store import LinkTable


def _desk(tmp_path, link: bool):
    rows = [{"text": ORIGINAL, "published": "2026-11-03"}, {"text": COPY, "published": "2026-11-04"}]
    rows += [{"text": t} for t in UNRELATED]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    with Corpus(tmp_path / "desk.db") as corpus:
        corpus.ingest([path], link=link)
        return corpus.count()


def test_counts_of_a_linked_corpus(tmp_path) -> None:
    documents = _desk(tmp_path, link=True)
    with Corpus(tmp_path / "desk.db") as corpus:
        assert isinstance(corpus.link_table, LinkTable)
        assert corpus.link_table is corpus.link_table  # one per corpus
        assert corpus.indexed_count() == documents and corpus.index_lag() == 0
        assert corpus.stale_count() == 0
        assert corpus.link_count() == 1 == len(corpus.links())
        assert corpus.pending_links() == 0
        assert corpus.sync_index() == 0
        assert corpus.relink() == documents and corpus.link_count() == 1
    with Corpus(tmp_path / "desk.db", readonly=True) as reader:
        reader.refresh_index()
        assert reader.indexed_count() == documents and reader.sync_index() == 0
        assert reader.link_count() == 1


def test_pending_links_are_counted_not_linked(tmp_path) -> None:
    documents = _desk(tmp_path, link=False)
    with Corpus(tmp_path / "desk.db", readonly=True) as reader:
        assert reader.pending_links() == documents and reader.link_count() == 0
        assert not reader.is_linked(reader.list(limit=1)[0]["doc_id"])
    with Corpus(tmp_path / "desk.db") as corpus:
        assert corpus.link() == documents and corpus.link_count() == 1
        assert corpus.is_linked(corpus.list(limit=1)[0]["doc_id"])


def test_a_reopened_store_gets_a_new_link_table(tmp_path) -> None:
    _desk(tmp_path, link=True)
    corpus = Corpus(tmp_path / "desk.db")
    first = corpus.link_table
    corpus.close()
    assert corpus.link_table is not first and corpus.link_count() == 1
    corpus.close()
