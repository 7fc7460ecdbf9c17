"""Online story clustering: each arriving article joins the best story or opens one.

After Miranda et al. (2018), "Multilingual clustering of streaming news": an
article is compared with each candidate story on several similarities, a model
gives the probability that it belongs there, and it joins the most probable story
when that probability reaches a threshold, else opens a new one.

- **Terms.**  An article is its content terms weighted ``(1 + log tf) * idf``, the
  idf counted online over the articles seen so far; it keeps its ``doc_terms``
  heaviest, as a unit vector.  A story's centroid is the sum of its articles'
  vectors, cut to its ``centroid_terms`` heaviest when it grows to twice that.
- **Candidates.**  An inverted index from centroid terms to active stories; an
  article's ``query_terms`` heaviest terms find them (a term held by more than
  ``posting_cap`` stories is too common to help and is skipped); the ``candidates``
  stories sharing most terms are scored.
- **Features** (:data:`FEATURES`): cosine with the centroid; overlap of the lead
  (title and first lines); overlap of named places, organizations and people; a time
  decay ``exp(-gap / tau_hours)`` from the story's span (0 and the ``undated`` flag
  when the article or the story has no date).
- **Model.**  A logistic regression over those features (weights in the table,
  trained by :mod:`tahqiq.evaluation.stories`).
- **Retiring.**  A story with no article for ``active_hours`` of stream time (the
  latest date seen) leaves the active set, and so does the least recently joined
  story when more than ``max_active`` are active: each assignment costs a bounded
  amount whatever the stream.

Everything is deterministic: the same stream of vectors gives the same stories,
ids included.  The state saves as JSON (:meth:`StoryClusterer.to_json`).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..core.types import StoryAssignment, StoryVector
from .vectors import stories_table

#: The join model's features, in the order of its weights.
FEATURES = ("cosine", "lead", "entities", "time", "undated", "size", "bias")
#: Stories are checked for retirement every this many assignments.
RETIRE_EVERY = 256


@dataclass(frozen=True, slots=True)
class StoryParams:
    """The limits and the join model of story clustering (see the module docstring)."""

    doc_terms: int = 60
    query_terms: int = 12
    centroid_terms: int = 300
    candidates: int = 40
    posting_cap: int = 3000
    tau_hours: float = 48.0
    active_hours: float = 168.0
    max_active: int = 50000
    #: Documents assumed seen before the stream, holding none of its terms: the idf of
    #: a young desk is not yet a guess from a handful of articles.
    prior_docs: int = 0
    weights: tuple[float, ...] = (12.0, 3.0, 2.0, 1.0, 0.0, 0.0, -6.0)
    threshold: float = 0.5

    @classmethod
    def from_table(cls) -> StoryParams:
        """The parameters and model of the stories table."""
        table = stories_table()
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in table["params"].items() if k in known}
        model = table["model"]
        if tuple(model["features"]) != FEATURES:
            raise ValueError(f"the stories table's model has features {model['features']}")
        return cls(**values, weights=tuple(float(w) for w in model["weights"]),
                   threshold=float(model["threshold"]))

    def to_json(self) -> dict[str, Any]:
        """JSON-ready dict (what a saved state pins)."""
        out = asdict(self)
        out["weights"] = list(self.weights)
        return out


@dataclass(slots=True)
class _Story:
    """An active story: its centroid and what its features compare against."""

    id: int
    centroid: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    lead: Counter = field(default_factory=Counter)
    lead2: float = 0.0
    entities: Counter = field(default_factory=Counter)
    size: int = 0
    first: float | None = None
    last: float | None = None
    seen: float = 0.0  # the stream clock when an article last joined

    def to_json(self) -> list[Any]:
        return [self.id, self.centroid, self.norm2, dict(self.lead), self.lead2,
                dict(self.entities), self.size, self.first, self.last, self.seen]

    @classmethod
    def from_json(cls, row: Sequence[Any]) -> _Story:
        sid, centroid, norm2, lead, lead2, entities, size, first, last, seen = row
        return cls(int(sid), dict(centroid), float(norm2), Counter(lead), float(lead2),
                   Counter(entities), int(size), first, last, float(seen))


@dataclass(frozen=True, slots=True)
class Article:
    """An article as the clusterer compares it: its vector, its unit tf-idf weights
    (heaviest first) and their terms, and its lead and entities, as sets."""

    vector: StoryVector
    weights: dict[str, float]
    terms: frozenset[str]
    lead: frozenset[str]
    entities: frozenset[str]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, x))))


class StoryClusterer:
    """The online clusterer; :meth:`assign` takes one article at a time, in stream order.

    >>> clusterer = StoryClusterer(StoryParams.from_table())   # doctest: +SKIP
    >>> [clusterer.assign(v) for v in vectors]                 # doctest: +SKIP
    """

    def __init__(self, params: StoryParams | None = None) -> None:
        self.params = params or StoryParams.from_table()
        self.df: dict[str, int] = {}
        self.docs = 0
        self.next_id = 1
        self.clock = 0.0  # the latest article time seen (hours), 0 before any
        self.stories: dict[int, _Story] = {}
        self.postings: dict[str, set[int]] = {}

    # -- one article ------------------------------------------------------------------
    def assign(self, vector: StoryVector) -> StoryAssignment:
        """Put one article in a story; returns where it went."""
        article = self.prepare(vector)
        best, score = self._best(article)
        new = best is None or score < self.params.threshold
        if new:
            best = self.open_story()
        assert best is not None
        self.join(best, article)
        if self.docs % RETIRE_EVERY == 0:
            self.retire()
        return StoryAssignment(vector.rowid, best.id, round(score, 6), new)

    def prepare(self, vector: StoryVector) -> Article:
        """Count the article in the idf and the stream clock; its weighted form."""
        self.docs += 1
        df = self.df
        for term, _ in vector.terms:
            df[term] = df.get(term, 0) + 1
        if vector.time is not None and vector.time > self.clock:
            self.clock = vector.time
        weights = self.weigh(vector)
        return Article(vector, weights, frozenset(weights), frozenset(vector.lead),
                       frozenset(vector.entities))

    def weigh(self, vector: StoryVector) -> dict[str, float]:
        """The article's unit tf-idf vector over its heaviest terms (ties by term)."""
        n, df = self.docs + 1 + self.params.prior_docs, self.df
        raw = [((1.0 + math.log(count)) * math.log(n / (df.get(term, 0) + 0.5)), term)
               for term, count in vector.terms]
        raw.sort(key=lambda wt: (-wt[0], wt[1]))
        kept = [(t, w) for w, t in raw[:self.params.doc_terms] if w > 0]
        norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
        return {t: w / norm for t, w in kept}

    def candidates(self, article: Article) -> list[_Story]:
        """The active stories that share most of the article's heaviest terms."""
        p = self.params
        hits: Counter[int] = Counter()
        for term in list(article.weights)[:p.query_terms]:
            posting = self.postings.get(term)
            if posting and len(posting) <= p.posting_cap:
                hits.update(posting)
        ranked = heapq.nsmallest(p.candidates, hits.items(), key=lambda kv: (-kv[1], -kv[0]))
        return [self.stories[sid] for sid, _ in ranked]

    def features(self, article: Article, story: _Story) -> tuple[float, ...]:
        """The join model's features of an article against a story (:data:`FEATURES`)."""
        weights, centroid = article.weights, story.centroid
        dot = sum([weights[t] * centroid[t] for t in centroid.keys() & article.terms])
        cosine = dot / math.sqrt(story.norm2) if story.norm2 > 0 else 0.0
        lead = 0.0
        if article.lead and story.lead2 > 0:
            held = story.lead
            lead = sum([held[t] for t in held.keys() & article.lead]) \
                / math.sqrt(len(article.lead) * story.lead2)
        entities = 0.0
        if article.entities:
            held, size = story.entities, story.size
            entities = sum([min(1.0, held[e] / size) for e in held.keys() & article.entities]) \
                / len(article.entities)
        when = article.vector.time
        if when is None or story.first is None or story.last is None:
            time, undated = 0.0, 1.0
        else:
            gap = max(0.0, when - story.last, story.first - when)
            time, undated = math.exp(-gap / self.params.tau_hours), 0.0
        return (cosine, lead, entities, time, undated, math.log1p(story.size) / 5.0, 1.0)

    def probability(self, features: Sequence[float]) -> float:
        """The join model's probability for one feature vector."""
        return _sigmoid(sum(w * f for w, f in zip(self.params.weights, features, strict=True)))

    def _best(self, article: Article) -> tuple[_Story | None, float]:
        best, score = None, 0.0
        for story in self.candidates(article):
            p = self.probability(self.features(article, story))
            if p > score or (p == score and best is not None and story.id < best.id):
                best, score = story, p
        return best, score

    def open_story(self) -> _Story:
        """A new, empty active story with the next id."""
        story = _Story(self.next_id)
        self.next_id += 1
        self.stories[story.id] = story
        return story

    def join(self, story: _Story, article: Article) -> None:
        """Add an article to a story: centroid, lead, entities, span and postings."""
        weights, vector = article.weights, article.vector
        centroid, postings = story.centroid, self.postings
        dot = sum([weights[t] * centroid[t] for t in centroid.keys() & article.terms])
        story.norm2 += 2 * dot + sum(w * w for w in weights.values())
        for term, w in weights.items():
            if term not in centroid:
                postings.setdefault(term, set()).add(story.id)
                centroid[term] = w
            else:
                centroid[term] += w
        for term in vector.lead:
            c = story.lead[term]
            story.lead2 += 2 * c + 1
            story.lead[term] = c + 1
        story.entities.update(vector.entities)
        story.size += 1
        if vector.time is not None:
            story.first = vector.time if story.first is None else min(story.first, vector.time)
            story.last = vector.time if story.last is None else max(story.last, vector.time)
        story.seen = self.clock
        if len(centroid) > 2 * self.params.centroid_terms:
            self._trim(story)

    def _trim(self, story: _Story) -> None:
        """Cut a grown story to its heaviest centroid terms and most frequent lead terms."""
        keep = self.params.centroid_terms
        ranked = sorted(story.centroid.items(), key=lambda tw: (-tw[1], tw[0]))
        for term, _ in ranked[keep:]:
            self._unpost(term, story.id)
        story.centroid = dict(ranked[:keep])
        story.norm2 = sum(w * w for w in story.centroid.values())
        if len(story.lead) > 2 * keep:
            story.lead = Counter(dict(sorted(story.lead.items(), key=lambda tc: (-tc[1], tc[0]))[:keep]))
            story.lead2 = float(sum(c * c for c in story.lead.values()))
        if len(story.entities) > keep:
            story.entities = Counter(dict(story.entities.most_common(keep)))

    def _unpost(self, term: str, sid: int) -> None:
        posting = self.postings.get(term)
        if posting is not None:
            posting.discard(sid)
            if not posting:
                del self.postings[term]

    # -- retiring ---------------------------------------------------------------------
    def retire(self) -> list[int]:
        """Drop stories idle for ``active_hours`` of stream time, then the least recently
        joined beyond ``max_active``; returns their ids."""
        p = self.params
        gone = [s.id for s in self.stories.values() if self.clock - s.seen > p.active_hours]
        if len(self.stories) - len(gone) > p.max_active:
            idle = set(gone)
            left = sorted((s for s in self.stories.values() if s.id not in idle),
                          key=lambda s: (s.seen, s.id))
            gone += [s.id for s in left[:len(left) - p.max_active]]
        for sid in gone:
            story = self.stories.pop(sid)
            for term in story.centroid:
                self._unpost(term, sid)
        return gone

    # -- saving -----------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The whole state as JSON-ready data (no pickle)."""
        return {"docs": self.docs, "next_id": self.next_id, "clock": self.clock,
                "df": self.df, "stories": [s.to_json() for s in self.stories.values()]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any], params: StoryParams) -> StoryClusterer:
        """A clusterer in the state :meth:`to_json` gave."""
        clusterer = cls(params)
        clusterer.docs, clusterer.next_id = int(data["docs"]), int(data["next_id"])
        clusterer.clock, clusterer.df = float(data["clock"]), dict(data["df"])
        for row in data["stories"]:
            story = _Story.from_json(row)
            clusterer.stories[story.id] = story
            for term in story.centroid:
                clusterer.postings.setdefault(term, set()).add(story.id)
        return clusterer


def cluster_stream(vectors: Iterable[StoryVector], params: StoryParams | None = None
                   ) -> list[StoryAssignment]:
    """Assign a whole stream with a fresh clusterer (evaluation, replays)."""
    clusterer = StoryClusterer(params)
    return [clusterer.assign(v) for v in vectors]
