"""`tahqiq reindex`: a desk cleaned by an older tahqiq is cleaned again from its originals."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from test_cli import run, run_json

#: Our own article, with the publisher's marks an older cleaner restyled.
ARTICLE = (
    'قال وزير المالية لـ"الجزيرة" إن الحكومة بـ«صدد» رفع الدعم عن الوقود… وأضاف – بحسب البيان – '
    "أن القرار يبدأ الشهر المقبل.\n"
    "وأكد الوزير أن “العجز” بلغ 5.2 في المئة من الناتج المحلي هذا العام, وأن الإصلاح لا يمس الخبز.\n"
)
COPY = ARTICLE.replace("وزير المالية", "وزير المالية الجديد") + "وختم بالقول إن الحوار مستمر مع النقابات.\n"
OTHER = "افتتح المعرض الدولي للكتاب أبوابه بمشاركة أكثر من خمسمئة دار نشر عربية وأجنبية.\n"


def _restyle_v1(text: str) -> str:
    """What display table v1 did to these marks (quotes paired as « », tatweel dropped ...)."""
    for old, new in (("ـ", ""), ("“", "«"), ("”", "»"), ("…", "..."), ("–", "-"), (",", "،")):
        text = text.replace(old, new)
    return text.replace('"الجزيرة"', "«الجزيرة»")


@pytest.fixture()
def old_desk(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", ARTICLE), ("b.txt", COPY), ("c.txt", OTHER)):
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "desk.db"
    assert run_json("ingest", str(folder), "--db", str(db))["added"] == 3
    with sqlite3.connect(db) as conn:  # as an older tahqiq left it
        for rowid, text in conn.execute("SELECT rowid, text FROM documents").fetchall():
            conn.execute("UPDATE documents SET text = ?, normalizer_version = 'ar-search.v1+00000000'"
                         " WHERE rowid = ?", (_restyle_v1(text), rowid))
    return db


def test_reindex_restores_the_publishers_marks_and_keeps_ids(old_desk: Path) -> None:
    before = {d["doc_id"] for d in run_json("list", "--db", str(old_desk))["documents"]}
    links_before = run_json("reuse", "--db", str(old_desk))["links"]
    assert run_json("stats", "--db", str(old_desk))["stale"] == 3
    assert "tahqiq reindex" in run("stats", "--db", str(old_desk)).stderr

    report = run_json("reindex", "--db", str(old_desk))
    assert report["rebuilt"] == 3 and report["changed"] == 2 and report["kept"] == []
    assert report["relinked"] >= 1

    after = run_json("list", "--db", str(old_desk))["documents"]
    assert {d["doc_id"] for d in after} == before  # no duplicates, same ids
    texts = [run_json("show", d["doc_id"], "--db", str(old_desk))["text"] for d in after]
    shown = next(t for t in texts if "وزير المالية لـ" in t and "الجديد" not in t)
    assert 'لـ"الجزيرة"' in shown and "بـ«صدد»" in shown and "…" in shown and "“العجز”" in shown
    assert run_json("stats", "--db", str(old_desk))["stale"] == 0
    hits = run_json("search", "الجزيرة", "--db", str(old_desk))["results"]
    assert len(hits) == 2
    links_after = run_json("reuse", "--db", str(old_desk))["links"]
    assert len(links_after) == len(links_before) == 1

    again = run_json("reindex", "--db", str(old_desk))
    assert again["rebuilt"] == 0 and again["relinked"] == 0


def test_a_document_that_no_longer_cleans_keeps_its_text(old_desk: Path) -> None:
    with sqlite3.connect(old_desk) as conn:
        conn.execute("UPDATE documents SET original = 'شارك على فيسبوك' WHERE rowid = 3")
        kept_text = conn.execute("SELECT text FROM documents WHERE rowid = 3").fetchone()[0]
    report = run_json("reindex", "--db", str(old_desk))
    assert report["rebuilt"] == 2 and len(report["kept"]) == 1
    assert "kept the stored text" in report["kept"][0]["error"]
    with sqlite3.connect(old_desk) as conn:
        assert conn.execute("SELECT text FROM documents WHERE rowid = 3").fetchone()[0] == kept_text


def test_reindex_refuses_a_missing_database(tmp_path: Path) -> None:
    proc = run("reindex", "--db", str(tmp_path / "nope.db"))
    assert proc.returncode == 4 and not (tmp_path / "nope.db").exists()


def test_reindex_text_output(old_desk: Path) -> None:
    proc = run("reindex", "--db", str(old_desk))
    assert proc.returncode == 0 and proc.stdout.startswith("rebuilt 3 (2 changed)")
    assert json.loads(run("stats", "--db", str(old_desk), "--json").stdout)["stale"] == 0
