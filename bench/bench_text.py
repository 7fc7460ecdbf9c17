"""Speed of the text stage (build_document) on ~500-word Arabic articles.

Uses the Baly et al. (2018) articles from ../shared/data when present (cut to
the first lines reaching 500 words); otherwise a synthetic article built from
invented sentences.  Prints milliseconds per article for each step.

    python bench/bench_text.py
"""

from __future__ import annotations

import glob
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "baly2018" / "claims"
WORDS = 500


def _cut(text: str, words: int = WORDS) -> str | None:
    lines, count = [], 0
    for line in text.split("\n"):
        lines.append(line)
        count += len(line.split())
        if count >= words:
            return "\n".join(lines)
    return None


def corpus(limit: int = 300) -> list[str]:
    docs: list[str] = []
    for path in sorted(glob.glob(str(DATA / "*.json"))):
        with open(path, encoding="utf-8") as handle:
            for article in json.load(handle)["article"]:
                cut = _cut(article)
                if cut:
                    docs.append(cut)
        if len(docs) >= limit:
            break
    if not docs:
        sentence = "قال وزير الخارجية ( رويترز ) إن المحادثات ستستأنف يوم 5 آذار 2024 في العاصمة ."
        docs = ["\n".join([sentence] * (WORDS // len(sentence.split()) + 1))] * 50
    return docs[:limit]


def timed(fn, docs) -> float:
    started = time.perf_counter()
    for doc in docs:
        fn(doc)
    return (time.perf_counter() - started) / len(docs) * 1000


def main() -> int:
    from tahqiq.text import (
        build_document,
        clean_display,
        detect_lang,
        drop_boilerplate,
        normalize_search,
        repair_glued,
        segment,
    )
    from tahqiq.types import RawDocument

    docs = corpus()
    words = sum(len(d.split()) for d in docs) / len(docs)
    build = lambda d: build_document(RawDocument(text=d, fmt="txt"))  # noqa: E731
    started = time.perf_counter()
    build(docs[0])
    print(f"first call (loads tables + word list): {time.perf_counter() - started:.2f}s")
    for doc in docs:  # warm caches the way a long ingest run would
        build(doc)
    print(f"articles: {len(docs)}  mean words: {words:.0f}")
    steps = [
        ("drop_boilerplate", drop_boilerplate),
        ("clean_display", clean_display),
        ("repair_glued", repair_glued),
        ("normalize_search", normalize_search),
        ("segment", segment),
        ("detect_lang", detect_lang),
    ]
    for name, fn in steps:
        print(f"  {name:18s} {timed(fn, docs):.3f} ms/article")
    best = min(timed(build, docs) for _ in range(3))
    print(f"build_document     {best:.3f} ms/article (best of 3)  "
          f"= {best * WORDS / words:.3f} ms per 500 words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
