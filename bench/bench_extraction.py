"""Benchmark: main-text and metadata extraction on reconstructed Arabic news pages.

Compares, page by page (``bench/data/extraction``, see its README):

(a) tahqiq: ``tahqiq.ingest.read_file(path)`` then
    ``tahqiq.text.document.build_document(raw)``: the Document's ``text``
    (display text), ``title`` and ``published``;
(b) trafilatura alone: ``trafilatura.extract(html, output_format="txt",
    with_metadata=False)`` for the text and ``trafilatura.extract_metadata(html)``
    for the title and date (the HTML decoded with the charset the page declares).

Measures (against ``expected.jsonl``):

* ``f1``: bag-of-tokens F1.  Tokens are runs of characters that are neither
  whitespace nor punctuation/symbols (Unicode categories P* and S*), and every
  punctuation or symbol character is a token of its own.  The only
  normalization is Unicode NFC, so restyling counts as an error: ``…`` versus
  ``...``, ``«»`` versus ``""``, a dropped tatweel (``بـ`` versus ``ب``), Eastern
  versus Western digits;
* ``title``: exact title after collapsing whitespace;
* ``date``: the ``YYYY-MM-DD`` publication date (local date of the page's timestamp);
* ``head``: line-level recall of the lead/standfirst, subheading and interview
  question lines: the share of them found as a whole line of the output
  (whitespace collapsed);
* ``lines`` (extra, not flagged): the same line-level recall over all expected lines.

A page is flagged (``<<``) when tahqiq is below trafilatura on any of f1,
title, date or head.  It is a benchmark: the exit status is always 0.

    python bench/bench_extraction.py [--pages-dir DIR] [--expected FILE] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "bench" / "data" / "extraction"
sys.path.insert(0, str(REPO / "src"))

MEASURES = ("f1", "title", "date", "head")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


# ------------------------------------------------------------------ measures

def tokens(text: str) -> list[str]:
    """Word tokens and single punctuation/symbol tokens of NFC ``text``."""
    out: list[str] = []
    word: list[str] = []
    for ch in unicodedata.normalize("NFC", text or ""):
        cat = unicodedata.category(ch)
        if ch.isspace() or cat[0] in "PSZ" or cat == "Cc" or cat == "Cf":
            if word:
                out.append("".join(word))
                word = []
            if cat[0] in "PS":
                out.append(ch)
        else:
            word.append(ch)
    if word:
        out.append("".join(word))
    return out


def token_f1(got: str, expected: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the token bags."""
    g, e = Counter(tokens(got)), Counter(tokens(expected))
    common = sum((g & e).values())
    if not common:
        return 0.0, 0.0, 0.0
    p, r = common / sum(g.values()), common / sum(e.values())
    return p, r, 2 * p * r / (p + r)


def _collapse(text: str | None) -> str:
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def line_recall(got: str, lines: list[str]) -> tuple[int, int, list[str]]:
    """How many of ``lines`` appear as a whole line of ``got``; the missing ones."""
    have = {_collapse(line) for line in (got or "").split("\n")}
    missing = [line for line in lines if _collapse(line) not in have]
    return len(lines) - len(missing), len(lines), missing


def _day(value: Any) -> str | None:
    if not value:
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(value))
    return match.group(0) if match else str(value)


# ------------------------------------------------------------------ systems

def run_tahqiq(path: Path) -> dict[str, Any]:
    from tahqiq.config import DEFAULT_MAX_FILE_BYTES
    from tahqiq.ingest import read_file
    from tahqiq.text.document import build_document
    from tahqiq.types import IngestFailure

    try:
        items = list(read_file(path, max_bytes=DEFAULT_MAX_FILE_BYTES))
        raws = [i for i in items if not isinstance(i, IngestFailure)]
        if not raws:
            return {"text": "", "title": None, "date": None,
                    "error": "; ".join(i.error for i in items) or "no document"}
        raw = raws[0]
        doc = build_document(raw)
        return {"text": doc.text, "title": doc.title, "date": _day(doc.published),
                "raw_text": raw.text, "raw_published": raw.published}
    except Exception as exc:  # a benchmark reports, it does not stop
        return {"text": "", "title": None, "date": None, "error": f"{type(exc).__name__}: {exc}"}


def decode_declared(data: bytes) -> str:
    """The page decoded with the charset it declares (UTF-8 when none)."""
    match = _CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii") if match else "utf-8"
    try:
        return data.decode(charset)
    except (LookupError, UnicodeDecodeError):
        return data.decode("utf-8", errors="replace")


def run_trafilatura(path: Path) -> dict[str, Any]:
    import trafilatura

    try:
        html = decode_declared(path.read_bytes())
        text = trafilatura.extract(html, output_format="txt", with_metadata=False) or ""
        meta = trafilatura.extract_metadata(html)
        title = getattr(meta, "title", None) if meta is not None else None
        date = getattr(meta, "date", None) if meta is not None else None
        return {"text": text, "title": title, "date": _day(date)}
    except Exception as exc:
        return {"text": "", "title": None, "date": None, "error": f"{type(exc).__name__}: {exc}"}


# ------------------------------------------------------------------ scoring

def score(out: dict[str, Any], exp: dict[str, Any]) -> dict[str, Any]:
    p, r, f1 = token_f1(out["text"], exp["text"])
    heads = exp.get("heading_lines") or []
    h_found, h_total, h_missing = line_recall(out["text"], heads)
    l_found, l_total, l_missing = line_recall(out["text"], exp["text"].split("\n"))
    return {
        "precision": p, "recall": r, "f1": f1,
        "title": float(_collapse(out["title"]) == _collapse(exp["title"])),
        "date": float(out["date"] == exp["date"]),
        "head": h_found / h_total if h_total else None,
        "head_found": h_found, "head_total": h_total, "head_missing": h_missing,
        "lines": l_found / l_total if l_total else None,
        "lines_found": l_found, "lines_total": l_total, "lines_missing": l_missing,
    }


def lower_on(tq: dict[str, Any], tf: dict[str, Any]) -> list[str]:
    worse = []
    for m in MEASURES:
        a, b = tq[m], tf[m]
        if a is not None and b is not None and a < b - 1e-9:
            worse.append(m)
    return worse


def overall(rows: list[dict[str, Any]], system: str) -> dict[str, Any]:
    scores = [row[system]["score"] for row in rows]
    n = len(scores)
    h_found = sum(s["head_found"] for s in scores)
    h_total = sum(s["head_total"] for s in scores)
    l_found = sum(s["lines_found"] for s in scores)
    l_total = sum(s["lines_total"] for s in scores)
    return {
        "pages": n,
        "f1": sum(s["f1"] for s in scores) / n,
        "precision": sum(s["precision"] for s in scores) / n,
        "recall": sum(s["recall"] for s in scores) / n,
        "title": sum(s["title"] for s in scores) / n,
        "date": sum(s["date"] for s in scores) / n,
        "head": h_found / h_total if h_total else None,
        "lines": l_found / l_total if l_total else None,
    }


def run(pages_dir: Path, expected_path: Path) -> dict[str, Any]:
    rows = []
    for line in expected_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        exp = json.loads(line)
        path = pages_dir / exp["file"]
        tq = run_tahqiq(path)
        tf = run_trafilatura(path)
        row = {"file": exp["file"], "outlet": exp["outlet"],
               "expected": {"title": exp["title"], "date": exp["date"]},
               "tahqiq": {**tq, "score": score(tq, exp)},
               "trafilatura": {**tf, "score": score(tf, exp)}}
        row["tahqiq_lower_on"] = lower_on(row["tahqiq"]["score"], row["trafilatura"]["score"])
        rows.append(row)
    return {
        "pages_dir": str(pages_dir),
        "pages": len(rows),
        "outlets": len({r["outlet"] for r in rows}),
        "overall": {"tahqiq": overall(rows, "tahqiq"), "trafilatura": overall(rows, "trafilatura")},
        "flagged": [r["file"] for r in rows if r["tahqiq_lower_on"]],
        "rows": rows,
    }


def _fmt(v: float | None, pct: bool = False) -> str:
    if v is None:
        return "  -  "
    return f"{v * 100:5.1f}" if pct else f"{v:5.3f}"


def print_table(result: dict[str, Any]) -> None:
    print(f"{result['pages']} pages, {result['outlets']} outlets ({result['pages_dir']})")
    print("tq = tahqiq (read_file + build_document), tf = trafilatura.extract/extract_metadata")
    head = (f"{'page':<22} {'f1 tq':>6} {'f1 tf':>6}  {'title':>5}  {'date tq':>10} {'date tf':>10}"
            f"  {'head tq':>7} {'head tf':>7}  flag")
    print(head)
    print("-" * len(head) + "------------")
    for r in result["rows"]:
        a, b = r["tahqiq"]["score"], r["trafilatura"]["score"]
        title = ("Y" if a["title"] else "n") + "/" + ("Y" if b["title"] else "n")
        flag = ("<< " + ",".join(r["tahqiq_lower_on"])) if r["tahqiq_lower_on"] else ""
        print(f"{r['file']:<22} {_fmt(a['f1']):>6} {_fmt(b['f1']):>6}  {title:>5}  "
              f"{str(r['tahqiq']['date']):>10} {str(r['trafilatura']['date']):>10}  "
              f"{a['head_found']:>3}/{a['head_total']:<3} {b['head_found']:>3}/{b['head_total']:<3}  {flag}")
        for system in ("tahqiq", "trafilatura"):
            if r[system].get("error"):
                print(f"{'':<22} {system} error: {r[system]['error']}")
    print()
    print(f"{'overall':<12} {'f1':>6} {'prec':>6} {'rec':>6} {'title%':>7} {'date%':>6} {'head%':>6} {'lines%':>7}")
    for system in ("tahqiq", "trafilatura"):
        o = result["overall"][system]
        print(f"{system:<12} {_fmt(o['f1']):>6} {_fmt(o['precision']):>6} {_fmt(o['recall']):>6} "
              f"{_fmt(o['title'], True):>7} {_fmt(o['date'], True):>6} {_fmt(o['head'], True):>6} "
              f"{_fmt(o['lines'], True):>7}")
    print()
    flagged = result["flagged"]
    print(f"tahqiq below trafilatura on {len(flagged)} page(s): {', '.join(flagged) or 'none'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages-dir", type=Path, default=DATA / "pages")
    parser.add_argument("--expected", type=Path, default=DATA / "expected.jsonl")
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    try:
        result = run(args.pages_dir, args.expected)
    except Exception as exc:  # never a non-zero exit: report and stop
        print(f"benchmark could not run: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 0
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
