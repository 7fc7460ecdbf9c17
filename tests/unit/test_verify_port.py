"""The verifier against an in-memory EvidenceSource: no SQLite, no shipped model, no writes."""

from __future__ import annotations

from collections.abc import Sequence

from tahqiq.errors import InvalidQueryError
from tahqiq.text import build_document
from tahqiq.types import Capture, Document, Evidence, Judgement, RawDocument, ReuseLink
from tahqiq.verify import Verifier
from tahqiq.verify.ports import EvidenceSource

CLAIM = "وزارة الصحة تعلن إغلاق المدارس في العاصمة الأسبوع المقبل"
TEXTS = {
    "a": "أعلنت وزارة الصحة إغلاق المدارس في العاصمة اعتبارا من الأسبوع المقبل بسبب انتشار الإنفلونزا.",
    "b": "نفت وزارة الصحة ما تداولته مواقع عن إغلاق المدارس في العاصمة، وقالت إن الدراسة مستمرة.",
    "c": "ذكر موقع محلي أن وزارة الصحة تعلن إغلاق المدارس في العاصمة الأسبوع المقبل، نقلا عن مصادر.",
}


class MemorySource:
    """A few documents, ranked by shared words; records every write asked of it."""

    def __init__(self, texts: dict[str, str], links: Sequence[ReuseLink] = (), pending: int = 0):
        self.docs = {key: build_document(RawDocument(text=text, fmt="txt", source=f"موقع {key}"))
                     for key, text in texts.items()}
        self.links = list(links)
        self.pending = pending
        self.writes = 0
        self.captures: dict[str, Capture] = {}
        self.later: dict[str, tuple[str, str]] = {}

    def rank(self, query: str, k: int = 10) -> list[tuple[str, float]]:
        words = set(query.split())
        if not words:
            raise InvalidQueryError("the query has no searchable words")
        scored = [(d.doc_id, float(len(words & set(d.text.split())))) for d in self.docs.values()]
        return sorted((s for s in scored if s[1] > 0), key=lambda s: -s[1])[:k]

    def documents(self, doc_ids: Sequence[str]) -> dict[str, Document]:
        by_id = {d.doc_id: d for d in self.docs.values()}
        return {i: by_id[i] for i in doc_ids if i in by_id}

    def count(self) -> int:
        return len(self.docs)

    def links_among(self, doc_ids: Sequence[str]) -> list[ReuseLink]:
        return [link for link in self.links if link.a in doc_ids and link.b in doc_ids]

    def pending_links(self) -> int:
        return self.pending

    def first_captures(self, doc_ids: Sequence[str]) -> dict[str, Capture]:
        return {d: self.captures[d] for d in doc_ids if d in self.captures}

    def later_versions(self, doc_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        return {d: self.later[d] for d in doc_ids if d in self.later}

    def ensure_linked(self, limit: int) -> int:
        self.writes += 1
        return 0


class KeywordModel:
    """A stance model that reads one word: نفت is a denial, anything else agrees."""

    manifest = None

    def judge(self, claim: str, text: str, k: int = 3) -> Judgement:
        stance = "disagree" if "نفت" in text else "agree"
        evidence = (Evidence(0, text, stance, 0.9, decisive=True),)
        probs = {"agree": 0.05, "disagree": 0.05, "discuss": 0.05, "unrelated": 0.05, stance: 0.85}
        return Judgement(stance, 0.85, probs, evidence, reason="test")


def test_a_memory_source_is_an_evidence_source() -> None:
    assert isinstance(MemorySource(TEXTS), EvidenceSource)


def test_check_judges_the_ranked_documents_and_never_writes() -> None:
    source = MemorySource(TEXTS)
    report = Verifier(source, model=KeywordModel()).check(CLAIM, k=5)
    stances = sorted(a.stance for a in report.articles)
    assert stances == ["agree", "agree", "disagree"]
    assert report.verdict in {"contested", "supported", "refuted", "unverified"}
    assert source.writes == 0
    assert not any("not yet checked for copying" in w for w in report.warnings)


def test_check_says_when_articles_wait_to_be_linked() -> None:
    source = MemorySource(TEXTS, pending=7)
    report = Verifier(source, model=KeywordModel()).check(CLAIM, k=5)
    assert any(w.startswith("7 stored articles are not yet checked for copying")
               for w in report.warnings)
    assert source.writes == 0


def _unit_of(report, doc_id: str):
    return next(u for u in report.units if doc_id in u.doc_ids)


def test_the_sources_copy_links_are_the_units_reuse_basis() -> None:
    source = MemorySource(TEXTS)
    a, c = source.docs["a"].doc_id, source.docs["c"].doc_id
    plain = Verifier(source, model=KeywordModel()).check(CLAIM, k=5)
    assert "reuse" not in _unit_of(plain, a).basis
    source.links = [ReuseLink(a, c, ((0, 40),), ((0, 40),), 0.6, "a->b", "date", "test copy")]
    linked = Verifier(source, model=KeywordModel()).check(CLAIM, k=5)
    unit = _unit_of(linked, a)
    assert c in unit.doc_ids and "reuse" in unit.basis


def test_a_fetched_article_cites_the_capture_it_was_read_from() -> None:
    from tahqiq.verify.render import to_html, to_markdown

    source = MemorySource(TEXTS)
    b = source.docs["b"].doc_id
    source.captures[b] = Capture("https://news.example/b", "2026-12-06T03:00:00+00:00", 200,
                                 "ab12" * 16, "tahqiq-x.warc.gz", 120, 900, "text/html")
    report = Verifier(source, model=KeywordModel()).check(CLAIM, k=5)
    cited = {a.doc_id: a.to_json().get("captured") for a in report.articles}
    assert cited[b]["sha256"] == "ab12" * 16 and cited[b]["fetched_at"].startswith("2026-12-06")
    assert [d for d, c in cited.items() if c] == [b]  # the others came from files
    for text in (to_markdown(report), to_html(report)):
        assert "ab12ab12ab12ab12" in text and "2026-12-06T03:00:00" in text


def test_an_empty_source_gives_an_unverified_report() -> None:
    report = Verifier(MemorySource({}), model=KeywordModel()).check(CLAIM, k=5)
    assert report.verdict == "unverified"
    assert any("corpus is empty" in w for w in report.warnings)
