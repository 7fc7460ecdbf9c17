"""tahqiq.stories: online story clustering joins reports of one event, keeps others
apart, replays identically and stays bounded whatever the stream."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from tahqiq.core.types import StoryVector
from tahqiq.stories.cluster import FEATURES, StoryClusterer, StoryParams, cluster_stream
from tahqiq.stories.vectors import (
    VectorParams,
    find_entities,
    hours_to_iso,
    story_vector,
    time_hours,
)
from tahqiq.text.search import normalize_search

OPERATION = [
    "مصادر: القاهرة والخرطوم تستعدان لعملية عسكرية مشتركة في المثلث الحدودي لملاحقة المهربين",
    "قالت صحيفة محلية إن الجيشين المصري والسوداني يستعدان لعملية عسكرية مشتركة على الحدود",
    "نفى المتحدث العسكري السوداني استعداد الجيش لعملية مشتركة مع مصر في المثلث الحدودي",
]
DINAR = [
    "البنك المركزي التونسي ينفي اعتزامه تخفيض قيمة الدينار ويصف الوثيقة المتداولة بالمفبركة",
    "شائعة تخفيض الدينار التونسي تثير طوابير أمام مكاتب الصرف والبنك المركزي يطمئن",
]
FOOTBALL = "الترجي والأهلي يتقاسمان النقاط في قمة مثيرة بدوري أبطال أفريقيا لكرة القدم"


def _vector(rowid: int, text: str, published: str | None = "2026-11-08T10:00:00") -> StoryVector:
    return story_vector(rowid, normalize_search(text * 3), None, published)


def _stream(texts: list[str], hour_step: float = 1.0) -> list[StoryVector]:
    return [_vector(i + 1, t, f"2026-11-08T{int(i * hour_step) % 24:02d}:00:00")
            for i, t in enumerate(texts)]


def test_reports_of_one_event_join_and_other_news_opens_new_stories() -> None:
    texts = [OPERATION[0], DINAR[0], OPERATION[1], FOOTBALL, DINAR[1], OPERATION[2]]
    stories = [a.story for a in cluster_stream(_stream(texts))]
    operation = {stories[0], stories[2], stories[5]}
    dinar = {stories[1], stories[4]}
    assert len(operation) == 1 and len(dinar) == 1
    assert operation != dinar and stories[3] not in operation | dinar


def test_the_first_article_opens_story_one_with_no_candidate() -> None:
    first = cluster_stream(_stream([OPERATION[0]]))[0]
    assert (first.story, first.new, first.score) == (1, True, 0.0)


def test_a_replay_gives_the_same_stories_and_scores() -> None:
    stream = _stream(OPERATION + DINAR + [FOOTBALL] * 2, hour_step=3)
    assert cluster_stream(stream) == cluster_stream(stream)


def test_saving_mid_stream_and_going_on_gives_what_one_run_gives() -> None:
    stream = _stream(OPERATION + DINAR + [FOOTBALL] + OPERATION[::-1], hour_step=2)
    whole = cluster_stream(stream)
    first = StoryClusterer()
    head = [first.assign(v) for v in stream[:4]]
    saved = json.loads(json.dumps(first.to_json()))
    second = StoryClusterer.from_json(saved, first.params)
    assert head + [second.assign(v) for v in stream[4:]] == whole


def test_an_article_with_no_date_joins_by_its_words_alone() -> None:
    dated = _vector(1, OPERATION[0])
    undated = _vector(2, OPERATION[1], published=None)
    clusterer = StoryClusterer()
    clusterer.assign(dated)
    article = clusterer.prepare(undated)
    features = dict(zip(FEATURES, clusterer.features(article, clusterer.stories[1]), strict=True))
    assert features["time"] == 0.0 and features["undated"] == 1.0
    assert clusterer.assign(undated).story == 1 or features["cosine"] < 0.3


def test_a_burst_of_5000_in_one_minute_scores_a_bounded_number_of_stories() -> None:
    params = replace(StoryParams.from_table(), candidates=5)
    clusterer = StoryClusterer(params)
    scored: list[int] = []
    original = clusterer.features

    def counting(article, story):  # type: ignore[no-untyped-def]
        scored.append(story.id)
        return original(article, story)

    clusterer.features = counting  # type: ignore[method-assign]
    base = OPERATION + DINAR + [FOOTBALL]
    for i in range(5000):
        before = len(scored)
        clusterer.assign(_vector(i + 1, f"{base[i % len(base)]} رقم{i}", "2026-11-08T10:00:00"))
        assert len(scored) - before <= 5


def test_a_story_of_thousands_of_articles_keeps_a_bounded_centroid() -> None:
    params = replace(StoryParams.from_table(), centroid_terms=50, threshold=0.0)
    clusterer = StoryClusterer(params)
    for i in range(1500):  # every article the same story, each with new words
        clusterer.assign(_vector(i + 1, f"{OPERATION[i % 3]} كلمة{i} وصف{i * 7} حدث{i * 13}"))
    (story,) = clusterer.stories.values()
    assert story.size == 1500
    assert len(story.centroid) <= 2 * params.centroid_terms
    assert len(story.lead) <= 2 * params.centroid_terms
    assert all(story.id in clusterer.postings[t] for t in story.centroid)


def test_idle_stories_retire_and_their_terms_leave_the_index() -> None:
    params = replace(StoryParams.from_table(), active_hours=24.0)
    clusterer = StoryClusterer(params)
    clusterer.assign(_vector(1, OPERATION[0], "2026-11-01T10:00:00"))
    clusterer.assign(_vector(2, DINAR[0], "2026-11-05T10:00:00"))
    assert clusterer.retire() == [1]
    assert 1 not in clusterer.stories
    assert all(1 not in posting for posting in clusterer.postings.values())
    late = clusterer.assign(_vector(3, OPERATION[1], "2026-11-05T11:00:00"))
    assert late.story != 1  # a retired story takes no more articles


def test_at_most_max_active_stories_stay_active() -> None:
    params = replace(StoryParams.from_table(), max_active=3, threshold=1.1)  # never join
    clusterer = StoryClusterer(params)
    for i, text in enumerate(OPERATION + DINAR + [FOOTBALL]):
        clusterer.assign(_vector(i + 1, text))
    clusterer.retire()
    assert sorted(clusterer.stories) == [4, 5, 6]


def test_the_table_gives_a_model_over_the_features_it_names() -> None:
    params = StoryParams.from_table()
    assert len(params.weights) == len(FEATURES)
    assert 0.0 < params.threshold < 1.0


def test_vectors_drop_latin_machinery_and_stopwords_and_find_entities() -> None:
    vector = story_vector(1, normalize_search("Your browser does not support the video tag "
                                              "قالت مصادر في القاهرة إن الجيش يستعد"), None, None)
    terms = dict(vector.terms)
    assert not any(t.isascii() for t in terms)
    assert "في" not in terms and "ان" not in terms
    assert find_entities(normalize_search("زار بشار الأسد دمشق").split()) == \
        tuple(sorted({normalize_search(n) for n in ("بشار الأسد", "الأسد", "دمشق")}))


def test_vectors_read_at_most_max_tokens() -> None:
    text = normalize_search(" ".join(f"كلمة{i}" for i in range(500)))
    vector = story_vector(1, text, None, None, VectorParams(max_tokens=100, lead_tokens=10))
    assert len(vector.terms) == 100 and len(vector.lead) == 10


@pytest.mark.parametrize(("value", "expected"), [
    ("2026-11-08", "2026-11-08T12:00Z"),
    ("2026-11-08T10:30:00+02:00", "2026-11-08T08:30Z"),
    ("2026-11-08T10:30:00Z", "2026-11-08T10:30Z"),
    ("2026-11-08T10:30:00", "2026-11-08T10:30Z"),
    ("not a date", None),
    (None, None),
])
def test_times_read_as_hours_and_back(value: str | None, expected: str | None) -> None:
    assert hours_to_iso(time_hours(value)) == expected
