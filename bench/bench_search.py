"""Compare BM25 engines (tantivy, bm25s, SQLite FTS5) on one large corpus.

    python bench/gen_corpus.py --n 100000 --out bench/out/corpus-100k.jsonl
    python bench/bench_search.py --corpus bench/out/corpus-100k.jsonl --n 100000

Steps: normalize the corpus once (``tahqiq.text.normalize_search`` when it
exists, else a stand-in, recorded in the output), draw 250 realistic queries,
then run every engine in its own subprocess (so peak RSS is per engine) and
measure build time, size on disk, incremental adds (1 and 1000 docs, until
searchable), query latency for k=10 and overlap@10 between engines.
tantivy and fts5 are measured through ``tahqiq.index`` (what ships); bm25s
directly (it has no incremental add: adding means re-indexing everything).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "data" / "baly2018" / "claims"
ENGINES = ("tantivy", "fts5", "bm25s")

_DIAC = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans("أإآٱىةؤئ", "اااايهوي")
_WORD = re.compile(r"\w+")
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")


def standin_normalize(text: str) -> str:
    """Stand-in search normalization: fold, drop diacritics, strip the article."""
    out = []
    for tok in _WORD.findall(_DIAC.sub("", text).translate(_FOLD).lower()):
        for p in _PREFIXES:
            if tok.startswith(p) and len(tok) - len(p) >= 2:
                tok = tok[len(p) :]
                break
        out.append(tok)
    return " ".join(out)


def normalizer() -> tuple[Callable[[str], str], str]:
    """The project's search normalizer if available, else the stand-in."""
    try:
        from tahqiq.text import NORMALIZER_VERSION, normalize_search
    except ImportError:
        return standin_normalize, "bench stand-in (tahqiq.text.normalize_search not available)"
    return normalize_search, f"tahqiq.text.normalize_search ({NORMALIZER_VERSION})"


def rss_mb() -> float:
    """Peak resident set size of this process, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_mb(path: Path) -> float:
    """Size of the files under ``path``, MB."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


# -- preparation --------------------------------------------------------------------
def prepare(corpus: Path, n: int, work: Path, n_queries: int, seed: int) -> dict:
    """Normalize ``n`` articles to ``rows.tsv`` and draw queries to ``queries.json``."""
    norm, used = normalizer()
    rows_path = work / "rows.tsv"
    t0 = time.perf_counter()
    titles, bodies = [], []
    with corpus.open(encoding="utf-8") as src, rows_path.open("w", encoding="utf-8") as out:
        for rowid, line in enumerate(src, 1):
            if rowid > n:
                break
            art = json.loads(line)
            text = norm(f"{art.get('title') or ''}\n{art['text']}").replace("\t", " ")
            text = text.replace("\n", " ")
            doc_id = hashlib.sha256(text.encode()).hexdigest()[:32]
            out.write(f"{rowid}\t{doc_id}\t{text}\n")
            if rowid % 200 == 0:
                titles.append(norm(art.get("title") or ""))
                bodies.append(text)
    norm_s = time.perf_counter() - t0
    rng = random.Random(seed)
    sources: list[str] = []
    if SHARED.is_dir():
        for path in sorted(SHARED.glob("*.json")):
            sources.append(norm(json.loads(path.read_text(encoding="utf-8"))["claim"]))
    rng.shuffle(sources)
    pools = [sources[: n_queries // 2], titles, bodies]
    queries: list[list[str]] = []
    while len(queries) < n_queries:
        pool = rng.choice([p for p in pools if p])
        toks = [t for t in rng.choice(pool).split() if len(t) >= 2]
        if len(toks) < 2:
            continue
        size = rng.randint(2, min(8, len(toks)))
        start = rng.randrange(len(toks) - size + 1)
        queries.append(toks[start : start + size])
    (work / "queries.json").write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    meta = {"normalizer": used, "normalize_s": round(norm_s, 1), "docs": min(n, rowid)}
    (work / "prepared.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


def load_rows(work: Path) -> list[tuple[int, str, str]]:
    rows = []
    with (work / "rows.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            rowid, doc_id, text = line.rstrip("\n").split("\t", 2)
            rows.append((int(rowid), doc_id, text))
    return rows


# -- engines ----------------------------------------------------------------------
class TahqiqEngine:
    """tantivy or fts5 through tahqiq.index."""

    def __init__(self, name: str, path: Path) -> None:
        from tahqiq.index import ENGINES as IMPLS

        self.cls, self.path = IMPLS[name], path

    def build(self, rows):
        self.index = self.cls.create(self.path, "bench")
        for i in range(0, len(rows), 5000):
            self.index.add(rows[i : i + 5000])
        self.index.commit()

    def add(self, rows):
        self.index.add(rows)
        self.index.commit()

    def search(self, terms, k):
        return [d for d, _ in self.index.search(terms, k)]

    def close(self):
        self.index.close()


class Bm25sEngine:
    """bm25s: sparse matrix BM25 (Lucene idf), no incremental add."""

    def __init__(self, name: str, path: Path) -> None:
        self.path = path

    def build(self, rows):
        import bm25s

        self.rows = list(rows)
        self.ids = [d for _, d, _ in self.rows]
        self.model = bm25s.BM25(k1=1.2, b=0.75, method="lucene")
        self.model.index([t.split() for _, _, t in self.rows], show_progress=False)
        self.model.save(str(self.path))

    def add(self, rows):  # re-index everything: bm25s cannot append
        self.build(self.rows + list(rows))

    def search(self, terms, k):
        known = [t for t in terms if t in self.model.vocab_dict]
        if not known:
            return []
        docs, scores = self.model.retrieve([known], k=k, show_progress=False, n_threads=1)
        return [self.ids[i] for i, s in zip(docs[0], scores[0], strict=True) if s > 0]

    def close(self):
        pass


def run_worker(engine: str, work: Path) -> dict:
    """Build, add to and query one engine; write ``result-<engine>.json``."""
    rows = load_rows(work)
    queries = json.loads((work / "queries.json").read_text(encoding="utf-8"))
    base_rss = rss_mb()
    path = work / f"index-{engine}"
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    impl = Bm25sEngine(engine, path) if engine == "bm25s" else TahqiqEngine(engine, path)
    last = rows[-1001:]  # held back for the incremental adds
    t0 = time.perf_counter()
    impl.build(rows[:-1001])
    build_s = time.perf_counter() - t0
    size = dir_mb(path)
    for q in queries[:20]:  # warm-up
        impl.search(q, 10)
    lat, tops = [], []
    for q in queries:
        t = time.perf_counter()
        tops.append(impl.search(q, 10))
        lat.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    impl.add(last[:1])
    add1 = time.perf_counter() - t
    t = time.perf_counter()
    impl.add(last[1:])
    add1000 = time.perf_counter() - t
    probe = last[-1][2].split()[:8]
    visible = last[-1][1] in impl.search(probe, 50)
    impl.close()
    q = statistics.quantiles(lat, n=100)
    result = {
        "engine": engine,
        "docs": len(rows),
        "build_s": round(build_s, 1),
        "size_mb": round(size, 1),
        "add1_ms": round(add1 * 1000, 1),
        "add1000_ms": round(add1000 * 1000, 1),
        "added_visible": visible,
        "p50_ms": round(statistics.median(lat), 2),
        "p95_ms": round(q[94], 2),
        "p99_ms": round(q[98], 2),
        "peak_rss_mb": round(rss_mb()),
        "rows_rss_mb": round(base_rss),
        "tops": tops,
    }
    (work / f"result-{engine}.json").write_text(json.dumps(result), encoding="utf-8")
    return result


def bench_store(work: Path, n: int, batch: int = 500) -> dict:
    """Store.add_documents throughput: ``n`` documents, ``batch`` per call."""
    from tahqiq.store import Store
    from tahqiq.types import Document, Sentence

    docs = []
    for rowid, doc_id, text in load_rows(work)[:n]:
        toks, sents, pos = text.split(), [], 0
        for i in range(0, len(toks), 20):
            part = " ".join(toks[i : i + 20])
            sents.append(Sentence(len(sents), pos, pos + len(part), part))
            pos += len(part) + 1
        docs.append(
            Document(doc_id, text, text, text, tuple(sents), "ar", "bench", "jsonl",
                     title=f"t{rowid}", source="bench", published="2020-01-01")
        )  # fmt: skip
    db = work / "store-bench.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    with Store(db) as store:
        t = time.perf_counter()
        for i in range(0, len(docs), batch):
            store.add_documents(docs[i : i + batch])
        elapsed = time.perf_counter() - t
        t = time.perf_counter()
        store.add_documents(docs[:batch])  # all duplicates
        dup = time.perf_counter() - t
    return {
        "docs": len(docs),
        "docs_per_s": round(len(docs) / elapsed),
        "duplicate_batch_ms": round(dup * 1000, 1),
        "db_mb": round(db.stat().st_size / 1e6),
    }


# -- report ---------------------------------------------------------------------
def overlap(a: list[list[str]], b: list[list[str]]) -> float:
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if x and y]
    return statistics.mean(len(set(x) & set(y)) / max(len(x), len(y)) for x, y in pairs)


def report(results: list[dict], meta: dict, args: argparse.Namespace) -> str:
    lines = [
        "",
        f"### Search engines at {meta['docs']:,} articles",
        "",
        f"- Command: `python bench/gen_corpus.py --n {args.n} --seed 7 --out {args.corpus}` then "
        f"`python bench/bench_search.py --corpus {args.corpus} --n {args.n}`",
        f"- Machine: 2 cores; date: {time.strftime('%Y-%m-%d %H:%M %Z')}",
        f"- Corpus: gen_corpus.py (perturbed baly2018 articles, median ~450 words); "
        f"normalizer: {meta['normalizer']} ({meta['normalize_s']} s to normalize)",
        f"- Queries: {args.queries} (2-8 normalized terms from claims, titles, sentences), OR "
        "semantics, k=10, one query at a time after 20 warm-up queries",
        "- Incremental add = add 1 doc (then 1000 docs) to the built index and commit until "
        "searchable; bm25s cannot append, so it re-indexes everything.",
        "- Peak RSS is per engine process and includes the ~rows held in Python "
        "(`rows RSS` column = RSS after loading them).",
        "",
        "| engine | build s | index MB | add 1 ms | add 1000 ms | p50 ms | p95 ms | p99 ms "
        "| peak RSS MB | rows RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        lines.append(
            f"| {r['engine']} | {r['build_s']} | {r['size_mb']} | {r['add1_ms']} "
            f"| {r['add1000_ms']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} "
            f"| {r['peak_rss_mb']} | {r['rows_rss_mb']} |"
        )
    lines += ["", "Overlap@10 between engines (mean over queries both answer):", ""]
    for i, a in enumerate(results):
        for b in results[i + 1 :]:
            lines.append(f"- {a['engine']} vs {b['engine']}: {overlap(a['tops'], b['tops']):.2f}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=REPO / "bench" / "out" / "corpus-100k.jsonl")
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=250)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--work", type=Path, default=REPO / "bench" / "out" / "search")
    ap.add_argument("--worker", choices=ENGINES, help=argparse.SUPPRESS)
    ap.add_argument("--store", type=int, metavar="N", help="only time Store inserts of N docs")
    args = ap.parse_args(argv)
    if args.worker:
        run_worker(args.worker, args.work)
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    if args.store:
        print(json.dumps(bench_store(args.work, args.store)))
        return 0
    meta = prepare(args.corpus, args.n, args.work, args.queries, args.seed)
    print(f"prepared: {meta}", file=sys.stderr)
    results = []
    for engine in args.engines.split(","):
        t = time.perf_counter()
        cmd = [sys.executable, __file__, "--worker", engine, "--work", str(args.work)]
        subprocess.run(cmd, check=True, env=os.environ.copy())
        result = json.loads((args.work / f"result-{engine}.json").read_text(encoding="utf-8"))
        results.append(result)
        shown = {k: v for k, v in result.items() if k != "tops"}
        print(f"{engine} ({time.perf_counter() - t:.0f}s): {shown}", file=sys.stderr)
    # The section for docs/benchmarks.md ("Search and retrieval"), to replace the one there.
    print(report(results, meta, args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
