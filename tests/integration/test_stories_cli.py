"""``tahqiq stories`` and ``tahqiq story`` as a desk uses them: the sample corpus and a
generated stream grouped into stories, identical on every replay."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cli_runner import tahqiq
from stream_fixtures import generate, write_jsonl
from tahqiq.data import sample_path

OPERATION = "مصادر: القاهرة والخرطوم تستعدان لعملية عسكرية مشتركة في المثلث الحدودي"
DINAR = "شائعة «تخفيض الدينار» تجتاح مواقع التواصل في تونس"


def _json(*args: str) -> dict:
    done = tahqiq(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _without_times(stories: dict, links: bool = True) -> dict:
    """A listing without the ingest clock (``added_at``), which a replay cannot repeat,
    and without what rests on reuse links when ``links`` is false."""
    data = json.loads(json.dumps(stories, ensure_ascii=False))
    for story in data.get("stories", [data]):
        if not links:
            for key in ("units", "copies"):
                story.pop(key, None)
        for article in [story.get("first") or {}, *story.get("articles", [])]:
            article.pop("added_at", None)
            if not links:
                article.pop("unit", None)
                article.pop("copy_of", None)
    return data


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("stories") / "desk.db"
    with sample_path() as sample:
        assert tahqiq("ingest", str(sample), "--db", str(db)).returncode == 0
    return db


def test_the_sample_groups_the_operation_and_the_dinar_reports(sample_db: Path) -> None:
    listing = _json("stories", "--db", str(sample_db), "--limit", "50")
    by_title = {s["title"]: s for s in listing["stories"]}
    operation, dinar = by_title[OPERATION], by_title[DINAR]
    assert operation["size"] >= 10 and dinar["size"] >= 8
    assert operation["units"] < operation["size"]  # the copied report counts once
    assert operation["first"]["published"] == "2026-11-08"
    assert "صدى النيل" in operation["outlets"]
    singles = [s for s in listing["stories"] if s["size"] == 1]
    assert any("الترجي" in (s["title"] or "") for s in singles)  # football stays apart
    assert listing["total"] == len(listing["stories"])


def test_a_story_prints_its_timeline_with_copies_marked(sample_db: Path) -> None:
    listing = _json("stories", "--db", str(sample_db))
    story_id = next(s["id"] for s in listing["stories"] if s["title"] == DINAR)
    timeline = _json("story", str(story_id), "--db", str(sample_db))
    dates = [a["published"] for a in timeline["articles"] if a["published"]]
    assert dates == sorted(dates)
    copies = [a for a in timeline["articles"] if a["copy_of"]]
    assert copies and all(c["copy_of"] in {a["doc_id"] for a in timeline["articles"]} for c in copies)
    text = tahqiq("story", str(story_id), "--db", str(sample_db))
    assert text.returncode == 0 and DINAR in text.stdout and "repeats" in text.stdout


def test_since_and_at_bound_the_listing(sample_db: Path) -> None:
    everything = _json("stories", "--db", str(sample_db), "--limit", "50")["stories"]
    recent = _json("stories", "--db", str(sample_db), "--since", "2d", "--limit", "50")["stories"]
    assert 0 < len(recent) < len(everything)
    early = _json("stories", "--db", str(sample_db), "--at", "2026-11-08T18:00:00",
                  "--since", "1d")
    assert early["at"] == "2026-11-08T18:00Z"


def test_unknown_story_and_bad_options_fail_cleanly(sample_db: Path) -> None:
    missing = tahqiq("story", "99999", "--db", str(sample_db))
    assert missing.returncode != 0 and "no story 99999" in missing.stderr
    bad = tahqiq("stories", "--since", "soon", "--db", str(sample_db))
    assert bad.returncode == 2 and "not a duration" in bad.stderr
    bad_at = tahqiq("stories", "--at", "yesterday-ish", "--db", str(sample_db))
    assert bad_at.returncode == 2


def test_the_sample_replayed_gives_the_same_stories(sample_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    with sample_path() as sample:
        assert tahqiq("ingest", str(sample), "--db", str(again)).returncode == 0
    first = _without_times(_json("stories", "--db", str(sample_db), "--limit", "100"))
    second = _without_times(_json("stories", "--db", str(again), "--limit", "100"))
    assert first == second


def test_a_generated_stream_in_rounds_equals_the_stream_at_once(tmp_path: Path) -> None:
    records = generate(160)
    whole = write_jsonl(records, tmp_path / "whole.jsonl")
    at_once, in_rounds = tmp_path / "once.db", tmp_path / "rounds.db"
    assert tahqiq("ingest", str(whole), "--db", str(at_once)).returncode == 0
    for i in range(0, len(records), 40):  # four rounds, as a watch would store them
        part = write_jsonl(records[i:i + 40], tmp_path / f"part{i}.jsonl")
        assert tahqiq("ingest", str(part), "--db", str(in_rounds)).returncode == 0
        assert tahqiq("stories", "--db", str(in_rounds)).returncode == 0  # assigns as it goes
    # Reuse links found in rounds may differ from links found at once (the reuse
    # index's token rarity grows with each batch); the stories themselves may not.
    first = _without_times(_json("stories", "--db", str(at_once), "--limit", "200"), links=False)
    second = _without_times(_json("stories", "--db", str(in_rounds), "--limit", "200"), links=False)
    assert first == second
    sizes = sorted((s["size"] for s in first["stories"]), reverse=True)
    assert sizes[:3] and sum(sizes[:3]) >= 100  # three stories hold most of the stream


def test_a_lost_story_state_is_rebuilt_to_the_same_stories(sample_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)
    before = _without_times(_json("stories", "--db", str(sample_db), "--limit", "100"))
    after = _without_times(_json("stories", "--db", str(db), "--limit", "100"))  # no state beside it
    assert before == after


def test_a_local_dask_cluster_gives_the_same_stories(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    stream = write_jsonl(generate(120, seed=9), tmp_path / "stream.jsonl")
    here, there = tmp_path / "here.db", tmp_path / "there.db"
    assert tahqiq("ingest", str(stream), "--db", str(here)).returncode == 0
    done = tahqiq("ingest", str(stream), "--db", str(there), "--scheduler", "local:2")
    assert done.returncode == 0, done.stderr
    assert _without_times(_json("stories", "--db", str(here), "--limit", "200")) == \
        _without_times(_json("stories", "--db", str(there), "--limit", "200"))


def test_a_story_of_ten_thousand_articles_lists_and_prints_within_bounds(tmp_path: Path) -> None:
    from tahqiq import Corpus

    lead = "أعلنت هيئة الموانئ إغلاق ميناء العقبة مؤقتاً بسبب عاصفة رملية قوية ضربت خليج العقبة"
    path = tmp_path / "big.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for i in range(10_000):
            record = {"text": f"{lead}. وقال مراسلنا إن الرياح بلغت {i} كيلومتراً في الساعة.",
                      "published": f"2026-11-{10 + i // 2000:02d}T{i % 24:02d}:{i % 60:02d}:00Z",
                      "source": f"منفذ {i % 7}"}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    db = tmp_path / "big.db"
    with Corpus(db) as corpus:
        corpus.ingest([path], link=False)
        assert corpus.assign_stories() == 10_000
    listing = _json("stories", "--db", str(db))
    biggest = max(listing["stories"], key=lambda s: s["size"])
    assert biggest["size"] >= 9_000 and len(biggest["outlets"]) == 7
    timeline = _json("story", str(biggest["id"]), "--db", str(db))
    assert len(timeline["articles"]) == 200 and timeline["truncated"] == biggest["size"] - 200


def test_ingest_puts_the_articles_into_stories_and_no_link_defers_it(tmp_path: Path) -> None:
    from tahqiq import Corpus

    stream = write_jsonl(generate(30, seed=3), tmp_path / "s.jsonl")
    now, later = tmp_path / "now.db", tmp_path / "later.db"
    assert tahqiq("ingest", str(stream), "--db", str(now)).returncode == 0
    assert tahqiq("ingest", str(stream), "--db", str(later), "--no-link").returncode == 0
    with Corpus(now) as done, Corpus(later) as deferred:
        assert done.pending_stories() == 0 and done.story_table.count() > 0
        assert deferred.pending_stories() == 30
