"""`tahqiq reuse`, `tahqiq sources` and copy-aware `check`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_runner import tahqiq
from tahqiq.data import labels_path, sample_path

CLAIM = "مصر والسودان تستعدان لتنفيذ عملية عسكرية مشتركة في المثلث الحدودي قرب جبل العوينات"




def as_json(*args: str) -> dict:
    proc = tahqiq(*args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """The sample corpus ingested; key (as in the label files) -> doc id."""
    db = str(tmp_path_factory.mktemp("reuse") / "desk.db")
    with sample_path() as sample:
        report = as_json("ingest", "--db", db, str(sample))
        root = Path(sample)
        ids = {}
        for doc in report["documents"]:
            rel = Path(doc["source_path"]).relative_to(root).as_posix()
            ids.setdefault(rel, []).append(doc["doc_id"])
    keys = {}
    for rel, docs in ids.items():
        if len(docs) == 1:
            keys[rel] = docs[0]
        for i, doc_id in enumerate(docs):
            keys[f"{rel}:{i}"] = doc_id
    return db, keys


def test_reuse_finds_exactly_the_copies_of_the_sample(desk) -> None:
    db, keys = desk
    with labels_path() as labels:
        expected = json.loads((Path(labels) / "expected.json").read_text(encoding="utf-8"))
    wanted = {frozenset((keys[a], keys[b])) for a, b in expected["copies"]}
    links = as_json("reuse", "--db", db)["links"]
    assert {frozenset((link["a"], link["b"])) for link in links} == wanted
    for link in links:
        assert set(link) >= {"a", "b", "spans_a", "spans_b", "shared_fraction", "direction"}
        assert link["spans_a"] and len(link["spans_a"]) == len(link["spans_b"])
        assert 0 < link["shared_fraction"] <= 1 and link["reason"]
    dated = [link for link in links if link["direction_basis"] == "date"]
    assert dated and all(link["direction"] in ("a->b", "b->a") for link in dated)


def test_spans_point_at_shared_text(desk) -> None:
    db, _ = desk
    for link in as_json("reuse", "--db", db)["links"]:
        a, b = as_json("show", link["a"], "--db", db), as_json("show", link["b"], "--db", db)
        (sa, ea), (sb, eb) = link["spans_a"][0], link["spans_b"][0]
        words_a, words_b = set(a["text"][sa:ea].split()), set(b["text"][sb:eb].split())
        assert len(words_a & words_b) >= 0.3 * min(len(words_a), len(words_b))


def test_reuse_of_one_document_and_rebuild(desk) -> None:
    db, _ = desk
    links = as_json("reuse", "--db", db)["links"]
    first = links[0]
    mine = as_json("reuse", "--db", db, "--doc", first["b"][:10])["links"]
    assert [link["a"] for link in mine] == [first["b"]]
    assert as_json("reuse", "--db", db, "--rebuild")["links"] == links
    human = tahqiq("reuse", "--db", db)
    assert human.returncode == 0 and "why:" in human.stdout
    assert "/" not in "".join(line.split(":")[0] for line in human.stdout.splitlines()
                              if line.startswith("    ") and not line.strip().startswith("why:"))


def test_sources_json_contract(desk) -> None:
    db, keys = desk
    doc_id = keys["html/alrased-news-2026-11-08-joint-operation.html"]
    report = as_json("sources", doc_id, "--db", db)
    assert report["doc_id"] == doc_id
    assert any(o["canonical"] == "Asharq Al-Awsat" for o in report["cited_outlets"])
    for item in report["attributions"]:
        assert set(item) >= {"speaker", "cue", "content", "span"}
    missing = tahqiq("sources", "0000000000", "--db", db)
    assert missing.returncode == 4 and "no document" in missing.stderr


def test_check_groups_copies_into_one_evidence_unit(desk) -> None:
    db, keys = desk
    report = as_json("check", CLAIM, "--db", db, "-k", "20")
    original = keys["html/alrased-news-2026-11-08-joint-operation.html"]
    copy = keys["html/nile-gate-2026-11-09-border-operation-reports.html"]
    units = {a["doc_id"]: a["evidence_unit"] for a in report["articles"]}
    assert units[original] == units[copy] > 0
    assert sum(report["independent_counts"].values()) == len(report["evidence_units"])
    assert sum(report["independent_counts"].values()) < sum(report["counts"].values())
    marks = {t["doc_id"]: t for t in report["timeline"]}
    assert "copy" in marks[copy]["marks"] and marks[copy]["copy_of"] == original
    assert "first_report" in report["timeline"][0]["marks"]
    assert all("denial" in t["marks"] for t in report["timeline"] if t["stance"] == "disagree")
