"""The injected levels of the reuse benchmark: edited copies of real articles.

``bench/reuse_bench.py`` injects them into the Baly articles and scores them with
:mod:`tahqiq.evaluation.reuse`; nothing is written to the repository.

Each copy takes a passage of a *source* article (its display text, as tahqiq
stores it), edits it at one *level*, and embeds it in the opening words of a
*host* article, so the copy shares text with both.  Levels:

- ``excerptN``: N verbatim words;
- ``editP`` (80 words) and ``editPw40`` (40 words): P% of the words edited,
  a third each deleted, replaced by a word of another article, or followed
  by an inserted word;
- ``ortho``: 80 words with spelling variants (ى/ي, ة/ه, hamza forms),
  diacritics, tatweel, glued و and spaced punctuation;
- ``reorder_sent`` / ``reorder_para``: the first 8 sentences / 6 paragraphs
  of the source, shuffled;
- ``paraphrase``: 80 words with half of them edited;
- ``rewrite25`` / ``rewrite30`` (issue 16): 25 / 30 words rewritten the way
  an outlet rewrites a short agency passage, 30% of the words edited in all:
  a third of the edit budget goes to synonym swaps (a hand-written list of
  news words of similar use, :data:`SYNONYMS`, e.g. قال -> أوضح, الحكومة ->
  السلطات), a third to dropping one clause (the source clause "كما ذكرت
  وكالة ..." / "بحسب ..." when there is one, else a 3-4-word phrase at a
  clause boundary), the rest to deletions, replacements by a word of another
  article and insertions as in ``editP``; then the passage is cut into three
  phrases at clause boundaries (punctuation, a word starting with و) and
  the phrases are put in another order.

Every copy records the character range of the source passage it was made
from, so a found link can be checked against it.  Passages are drawn only
from text unique to their article: none of their 8-word runs occurs in any
other original article, so a copy of a site template (menus, login boxes,
which many pages share) is never counted as a copy of one source.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

LEVELS = ("excerpt20", "excerpt40", "excerpt80", "excerpt160", "edit0", "edit10", "edit20",
          "edit30", "edit40", "edit20w40", "edit30w40", "ortho", "reorder_sent", "reorder_para",
          "paraphrase", "rewrite25", "rewrite30")
#: Levels the issue's recall target covers: passages of >= 40 words with <= 30% edited.
TARGET_LEVELS = ("excerpt40", "excerpt80", "excerpt160", "edit0", "edit10", "edit20", "edit30",
                 "edit20w40", "edit30w40", "ortho", "reorder_sent", "reorder_para")
#: Levels of issue 16's targets (short rewritten passages), reported beside TARGET_LEVELS.
REWRITE_LEVELS = ("excerpt20", "edit30w40", "rewrite25", "rewrite30")
HOST_WORDS = 120
#: Words of similar use in news Arabic (hand-written for this benchmark); a swap
#: replaces a word by another of its group, keeping a leading و or ف.
SYNONYMS = (
    ("قال", "أوضح", "أكد", "ذكر", "صرح", "أشار"), ("أعلن", "كشف", "أفاد"),
    ("قالت", "أوضحت", "أكدت", "ذكرت", "صرحت", "أشارت"), ("أضاف", "تابع"),
    ("الحكومة", "السلطات"), ("خلال", "أثناء"), ("بعد", "عقب"), ("هجوم", "اعتداء"),
    ("الجيش", "القوات"), ("بسبب", "جراء"), ("نحو", "حوالي", "قرابة"), ("أيضا", "كذلك"),
    ("حيث", "إذ"), ("لكن", "بيد"), ("اجتماع", "لقاء"), ("مصادر", "أوساط"), ("بيان", "تصريح"),
    ("صحيفة", "جريدة"), ("الماضي", "المنصرم"), ("المقبل", "القادم"), ("الحالي", "الجاري"),
    ("عملية", "حملة"), ("مقتل", "مصرع"), ("قتلى", "ضحايا"), ("أمس", "البارحة"),
    ("المظاهرات", "الاحتجاجات"), ("الشرطة", "الأمن"), ("المسلحين", "المقاتلين"),
    ("عدة", "بضعة"), ("جميع", "كل"), ("حول", "بشأن"), ("لدى", "عند"), ("كبير", "ضخم"),
    ("جديد", "حديث"), ("الدولة", "البلاد"), ("المواطنين", "الأهالي"), ("تقرير", "بيان"),
    ("مسؤول", "مصدر"), ("يوم", "نهار"), ("إطلاق", "بدء"), ("فقط", "وحسب"), ("ضد", "تجاه"),
)
#: Words that open a source clause ("as the agency reported"), dropped first.
SOURCE_CLAUSE = ("كما", "بحسب", "حسب", "حسبما", "وفقا", "وفقاً", "نقلا", "نقلاً", "وذكرت",
                 "وقالت", "وأفادت", "وأضاف", "وأضافت", "وقال", "وأوضح")
_PUNCT = "،,.؛:!؟?\"«»()"
_SPELLING = (("ى", "ي"), ("ي", "ى"), ("ة", "ه"), ("أ", "ا"), ("إ", "ا"), ("ا", "أ"), ("آ", "ا"))
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{3,}")


@dataclass(frozen=True)
class Copy:
    """An injected copy: its raw text, where it came from, and how it was edited."""

    level: str
    source: int
    host: int
    text: str
    source_span: tuple[int, int]
    #: The source passages copied (one per sentence or paragraph when reordered).
    source_parts: tuple[tuple[int, int], ...] = ()


def _words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def edit(words: list[str], share: float, vocab: Sequence[str], rng: random.Random) -> list[str]:
    """Edit ``share`` of the words: a third deleted, a third replaced, a third followed by a new word."""
    out = []
    for word in words:
        r = rng.random()
        if r < share / 3:
            continue
        if r < 2 * share / 3:
            out.append(rng.choice(vocab))
        elif r < share:
            out.extend([word, rng.choice(vocab)])
        else:
            out.append(word)
    return out


def _spelling(words: list[str], rng: random.Random, share: float = 0.3) -> str:
    out = []
    for word in words:
        if rng.random() < share:
            old, new = rng.choice(_SPELLING)
            if old in word:
                word = word.replace(old, new, 1)
            elif len(word) > 3:
                word = word[:2] + ("\u0640" if rng.random() < 0.5 else "\u064e") + word[2:]
        out.append(word)
    return re.sub(r" و ", " و", " ".join(out)).replace("،", " ،").replace(".", " .")


def _swap(word: str, rng: random.Random) -> str | None:
    """``word`` with a synonym in its place (its و/ف and punctuation kept), or ``None``."""
    core = word.strip(_PUNCT)
    if not core:
        return None
    for prefix in ("", "و", "ف"):
        bare = core[len(prefix):] if core.startswith(prefix) else None
        for group in SYNONYMS if bare else ():
            if bare in group:
                other = rng.choice([g for g in group if g != bare])
                return word.replace(core, prefix + other, 1)
    return None


def _boundaries(words: Sequence[str]) -> list[int]:
    """Indices where a clause may start: after punctuation, or at a word starting with و."""
    return [i for i in range(1, len(words))
            if words[i - 1][-1:] in _PUNCT or (words[i].startswith("و") and len(words[i]) > 3)]


def _drop_clause(words: list[str], most: int, rng: random.Random) -> list[str]:
    """``words`` without one clause of at most ``most`` words (the source clause first)."""
    starts = [i for i, w in enumerate(words) if w.strip(_PUNCT) in SOURCE_CLAUSE]
    if not starts:
        starts = _boundaries(words) or [rng.randrange(len(words))]
    start = rng.choice(starts)
    end = start + 1
    while end < len(words) and end - start < most and words[end - 1][-1:] not in _PUNCT:
        end += 1
    return words[:start] + words[end:]


def _reorder(words: list[str], rng: random.Random, parts: int = 3) -> list[str]:
    """``words`` cut into ``parts`` phrases at clause boundaries, put in another order."""
    cuts = _boundaries(words)
    if len(cuts) < parts - 1:
        cuts = list(range(1, len(words)))
    chosen = sorted(rng.sample(cuts, parts - 1))
    pieces = [words[a:b] for a, b in zip([0, *chosen], [*chosen, len(words)], strict=True)]
    order = list(range(parts))
    while order == sorted(order):
        rng.shuffle(order)
    return [w for k in order for w in pieces[k]]


def rewrite(words: list[str], share: float, vocab: Sequence[str], rng: random.Random) -> list[str]:
    """A rewrite with ``share`` of the words edited: synonym swaps, a clause dropped, other
    edits, then the phrases reordered (see the module docstring)."""
    budget = round(share * len(words))
    words = list(words)
    swappable = [i for i, w in enumerate(words) if _swap(w, rng) is not None]
    swapped = set(rng.sample(swappable, min(len(swappable), budget // 3)))
    for i in swapped:
        words[i] = _swap(words[i], rng) or words[i]
    before = len(words)
    words = _drop_clause(words, max(2, budget // 3), rng)
    left = budget - len(swapped) - (before - len(words))
    out: list[str] = []
    chosen = set(rng.sample(range(len(words)), max(0, min(left, len(words)))))
    for i, word in enumerate(words):
        op = rng.randrange(3) if i in chosen else -1
        if op == 1:
            out.append(rng.choice(vocab))
        elif op == 2:
            out.extend([word, rng.choice(vocab)])
        elif op != 0:
            out.append(word)
    return _reorder(out, rng)


RUN = 8


def run_counts(texts: Sequence[str]) -> Counter:
    """How many articles hold each run of :data:`RUN` words."""
    counts: Counter = Counter()
    for text in texts:
        words = text.split()
        counts.update({" ".join(words[i: i + RUN]) for i in range(max(0, len(words) - RUN + 1))})
    return counts


def _unique(words: Sequence[str], counts: Counter) -> bool:
    runs = [" ".join(words[i: i + RUN]) for i in range(max(1, len(words) - RUN + 1))]
    return all(counts.get(r, 0) <= 1 for r in runs)


def _passage(text: str, n: int, rng: random.Random, counts: Counter
             ) -> tuple[list[str], tuple[int, int]] | None:
    words = _words_with_spans(text)
    if len(words) < n:
        return None
    for _ in range(10):
        start = rng.randrange(0, len(words) - n + 1)
        chosen = words[start: start + n]
        if _unique([w for w, _, _ in chosen], counts):
            return [w for w, _, _ in chosen], (chosen[0][1], chosen[-1][2])
    return None


def _units(text: str, level: str, counts: Counter
           ) -> tuple[list[str], list[tuple[int, int]]] | None:
    if level == "reorder_para":
        parts = [p for p in text.split("\n") if p.strip() and _unique(p.split(), counts)][:6]
        minimum = 3
    else:
        parts = [s for s in re.split(r"(?<=[.!؟?])\s+|\n", text)
                 if s.strip() and _unique(s.split(), counts)][:8]
        minimum = 4
    if len(parts) < minimum:
        return None
    spans, at = [], 0
    for part in parts:
        start = text.find(part, at)
        spans.append((start, start + len(part)))
        at = start + len(part)
    return parts, spans


def _passage_words(level: str) -> int:
    """How many words of the source a non-reordering level copies."""
    if level.startswith(("excerpt", "rewrite")):
        return int(level[7:])
    return 40 if level.endswith("w40") else 80


def _reordered(level: str, text: str, rng: random.Random, counts: Counter
               ) -> tuple[str, list[tuple[int, int]]] | None:
    """The body of a ``reorder_*`` copy and the spans of its parts in the source."""
    got = _units(text, level, counts)
    if got is None:
        return None
    parts, parts_spans = got
    rng.shuffle(parts)
    return ("\n" if level == "reorder_para" else " ").join(parts), parts_spans


def _edited(level: str, text: str, vocab: Sequence[str], rng: random.Random, counts: Counter
            ) -> tuple[str, list[tuple[int, int]]] | None:
    """The body of a copy of one passage edited at ``level``, and the passage's span."""
    got = _passage(text, _passage_words(level), rng, counts)
    if got is None:
        return None
    words, span = got
    if level.startswith("edit"):
        words = edit(words, int(level[4:6]) / 100, vocab, rng)
    elif level == "paraphrase":
        words = edit(words, 0.5, vocab, rng)
    elif level.startswith("rewrite"):
        words = rewrite(words, 0.3, vocab, rng)
    return (_spelling(words, rng) if level == "ortho" else " ".join(words)), [span]


def make_copy(level: str, texts: Sequence[str], source: int, host: int, vocab: Sequence[str],
              rng: random.Random, counts: Counter) -> Copy | None:
    """One copy of ``texts[source]`` at ``level``, hosted in ``texts[host]`` (or ``None``)."""
    got = (_reordered(level, texts[source], rng, counts) if level.startswith("reorder")
           else _edited(level, texts[source], vocab, rng, counts))
    if got is None:
        return None
    body, parts_spans = got
    host_words = texts[host].split()[:HOST_WORDS]
    cut = rng.randrange(0, len(host_words) + 1)
    raw = " ".join(host_words[:cut]) + "\n" + body + "\n" + " ".join(host_words[cut:])
    span = (parts_spans[0][0], parts_spans[-1][1])
    return Copy(level, source, host, raw, span, tuple(parts_spans))


def make_copies(texts: Sequence[str], per_level: int = 150, seed: int = 1,
                levels: Sequence[str] = LEVELS) -> list[Copy]:
    """``per_level`` copies per level from articles of at least 200 words."""
    rng = random.Random(seed)
    vocab = [w for t in texts[:300] for w in t.split() if _ARABIC_WORD.fullmatch(w)]
    long_enough = [i for i, t in enumerate(texts) if len(t.split()) >= 200]
    counts = run_counts(texts)
    copies = []
    for level in levels:
        for source in rng.sample(long_enough, min(per_level, len(long_enough))):
            host = rng.randrange(len(texts) - 1)
            host += host >= source
            made = make_copy(level, texts, source, host, vocab, rng, counts)
            if made is not None:
                copies.append(made)
    return copies


__all__ = ["LEVELS", "REWRITE_LEVELS", "SYNONYMS", "TARGET_LEVELS", "Copy", "edit", "make_copies",
           "make_copy", "rewrite", "run_counts"]
