"""tahqiq.stories.index: the clusterer's state beside the database stays in step with
the store, and any mismatch (a lost file, other parameters, another process) ends in
the stories a single run from the first document gives."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tahqiq import Corpus
from tahqiq.store.stories import StaleStoriesError, StoryTable
from tahqiq.stories.cluster import StoryParams
from tahqiq.stories.index import STATE, StoryIndex
from tahqiq.text import NORMALIZER_VERSION

TOPICS = [
    "أعلنت هيئة الموانئ إغلاق ميناء العقبة مؤقتاً بسبب عاصفة رملية قوية ضربت خليج العقبة"
    " وتوقفت حركة السفن والحاويات على الأرصفة",
    "قررت الهيئة المستقلة للانتخابات في تونس تأجيل الانتخابات البلدية إلى الربيع المقبل"
    " لاستكمال سجلات الناخبين في الدوائر",
    "سحبت وزارة الصحة المصرية تشغيلة من دواء للضغط من الصيدليات بعد رصد عيوب التصنيع"
    " وطالبت المرضى بمراجعة الأطباء",
]


def _ingest(corpus: Corpus, tmp: Path, start: int, count: int) -> None:
    records = [{"text": f"{TOPICS[i % 3]}. العدد {i}.",
                "published": f"2026-11-{10 + i // 10:02d}T{i % 24:02d}:00:00+00:00"}
               for i in range(start, start + count)]
    path = tmp / f"batch{start}.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    corpus.ingest([path], link=False)


def _stories(corpus: Corpus) -> list[tuple[int, int]]:
    return [tuple(r) for r in corpus.store.query("SELECT doc, story FROM story_members ORDER BY doc")]


@pytest.fixture()
def corpus(tmp_path: Path):  # type: ignore[no-untyped-def]
    with Corpus(tmp_path / "desk.db") as c:
        yield c


def _open(corpus: Corpus, params: StoryParams | None = None) -> StoryIndex:
    return StoryIndex.open(corpus.settings.stories_path, corpus.store, NORMALIZER_VERSION, params)


def _one_run(tmp_path: Path, count: int) -> list[tuple[int, int]]:
    with Corpus(tmp_path / "one.db") as one:
        _ingest(one, tmp_path, 0, count)
        _open(one).sync()
        return _stories(one)


def test_syncing_in_steps_with_reopening_equals_one_run(corpus: Corpus, tmp_path: Path) -> None:
    for start in (0, 12, 24):
        _ingest(corpus, tmp_path, start, 12)
        assert _open(corpus).sync() == 12
    assert _stories(corpus) == _one_run(tmp_path, 36)
    assert len({story for _, story in _stories(corpus)}) == 3
    assert StoryTable(corpus.store).pending() == 0


@pytest.mark.parametrize("damage", ["lost", "corrupt", "behind"])
def test_a_state_that_does_not_match_is_replayed_from_the_start(corpus: Corpus, tmp_path: Path,
                                                                  damage: str) -> None:
    _ingest(corpus, tmp_path, 0, 18)
    index = _open(corpus)
    index.sync()
    state = corpus.settings.stories_path / STATE
    if damage != "behind":
        _ingest(corpus, tmp_path, 18, 6)
    if damage == "lost":
        state.unlink()
    elif damage == "corrupt":
        state.write_text("{not json", encoding="utf-8")
    else:  # the store moved on without the state (a crash between the two writes)
        _ingest(corpus, tmp_path, 18, 6)
        index.table.save([], {}, corpus.store.max_rowid(), index.table.assigned_rowid())
    _ingest(corpus, tmp_path, 24, 6)
    _open(corpus).sync()
    assert _stories(corpus) == _one_run(tmp_path, 30)


def test_other_parameters_assign_everything_again(corpus: Corpus, tmp_path: Path) -> None:
    _ingest(corpus, tmp_path, 0, 9)
    _open(corpus).sync()
    never_join = replace(StoryParams.from_table(), threshold=1.1)
    reopened = _open(corpus, never_join)
    assert reopened.table.assigned_rowid() == 0  # forgotten on open
    reopened.sync()
    assert len({story for _, story in _stories(corpus)}) == 9


def test_two_writers_on_one_desk_end_in_the_stories_of_one(corpus: Corpus, tmp_path: Path) -> None:
    _ingest(corpus, tmp_path, 0, 12)
    server, watcher = _open(corpus), _open(corpus)  # two processes opened the same state
    server.sync()
    _ingest(corpus, tmp_path, 12, 12)
    assert watcher.sync() == 12  # reads what the server saved, then goes on
    assert _stories(corpus) == _one_run(tmp_path, 24)


def test_a_save_from_a_stale_mark_writes_nothing(corpus: Corpus, tmp_path: Path) -> None:
    _ingest(corpus, tmp_path, 0, 3)
    table = StoryTable(corpus.store)
    with pytest.raises(StaleStoriesError):
        table.save([], {}, 3, expected=1)
    assert table.assigned_rowid() == 0
