"""The reuse index beside the database: incremental linking, persistence, recovery."""

from __future__ import annotations

import json

import pytest

from reuse_fixtures import COPY, ORIGINAL, UNRELATED
from tahqiq import Corpus


def write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def desk(tmp_path):
    rows = [{"text": ORIGINAL, "published": "2026-11-03", "source": "وكالة الأنباء"}] + \
        [{"text": t} for t in UNRELATED]
    with Corpus(tmp_path / "desk.db") as corpus:
        corpus.ingest([write(tmp_path / "a.jsonl", rows)])
    return tmp_path


def test_a_new_copy_is_linked_as_it_is_ingested(desk) -> None:
    with Corpus(desk / "desk.db") as corpus:
        assert corpus.links() == []
        corpus.ingest([write(desk / "b.jsonl", [{"text": COPY, "published": "2026-11-04"}])])
        links = corpus.link_table.load()  # stored at ingest, before anyone asks
        assert len(links) == 1 and links[0].direction == "a->b"
        assert corpus.get(links[0].a).published == "2026-11-03"


def test_links_survive_reopening_without_relinking(desk) -> None:
    with Corpus(desk / "desk.db") as corpus:
        corpus.ingest([write(desk / "b.jsonl", [{"text": COPY}])])
        before = corpus.links()
        mark = corpus.link_table.linked_rowid()
    with Corpus(desk / "desk.db") as corpus:
        assert corpus.reuse_index.pending() == 0 and corpus.reuse_index.table.doc_count == 5
        assert corpus.links() == before and corpus.link_table.linked_rowid() == mark


def test_ingest_without_linking_links_later(desk) -> None:
    with Corpus(desk / "desk.db") as corpus:
        corpus.ingest([write(desk / "b.jsonl", [{"text": COPY}])], link=False)
        assert corpus.reuse_index.pending() == 1
        assert len(corpus.links()) == 1  # asking links the pending document


def test_a_tampered_segment_rebuilds_the_same_links(desk) -> None:
    with Corpus(desk / "desk.db") as corpus:
        corpus.ingest([write(desk / "b.jsonl", [{"text": COPY}])])
        before = corpus.links()
    segment = next((desk / "desk.db.reuse").glob("seg-*.keys.npy"))
    segment.write_bytes(segment.read_bytes()[:-8] + b"\0" * 8)
    with Corpus(desk / "desk.db") as corpus:
        assert corpus.links() == before


def test_lost_segments_are_sketched_again(desk) -> None:
    with Corpus(desk / "desk.db") as corpus:
        fresh = ("أقرت الحكومة قانونا جديدا لتنظيم النقل البحري يلزم الشركات بتجديد أساطيلها "
                 "خلال خمس سنوات، وقال وزير النقل إن القانون يهدف إلى خفض الحوادث في الموانئ.")
        corpus.ingest([write(desk / "b.jsonl", [{"text": fresh}])])
    manifest = desk / "desk.db.reuse" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["state"]["segments"] = []  # a crash after the links were stored, before segments were saved
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with Corpus(desk / "desk.db") as corpus:
        corpus.ingest([write(desk / "c.jsonl", [{"text": COPY}])])
        assert corpus.reuse_index.table.doc_count == 6
        assert len(corpus.links()) == 1


def test_reuse_parameters_changing_rebuilds(desk) -> None:
    manifest = desk / "desk.db.reuse" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["params"]["window"] = 99
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with Corpus(desk / "desk.db") as corpus:
        assert corpus.reuse_index.manifest.params["window"] != 99
        assert corpus.reuse_index.pending() == 4  # everything is linked again
        assert corpus.links() == []


def test_changed_attribution_tables_rebuild(desk) -> None:
    """Links' directions rest on cited outlets: an index made with other tables is rebuilt."""
    from tahqiq.core.tables import table_checksums

    manifest = desk / "desk.db.reuse" / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["tables"] == table_checksums(("sources",))
    assert "sources/outlets.v4.json" in data["tables"]  # the gazetteer is pinned
    data["tables"]["sources/outlets.v4.json"] = "0" * 64
    manifest.write_text(json.dumps(data), encoding="utf-8")
    with Corpus(desk / "desk.db") as corpus:
        assert dict(corpus.reuse_index.manifest.tables) == table_checksums(("sources",))
        assert corpus.reuse_index.pending() == 4  # everything is linked again
