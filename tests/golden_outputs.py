"""What the CLI prints on the sample corpus, for the byte-for-byte comparison in
``test_golden_outputs.py``.

``outputs(tmp)`` runs the commands a desk runs (ingest, search, list, show, stats,
reuse, sources, check in every format, the labelled claims file, demo) in this
process and returns ``{name: text}``.  Only what changes from run to run by
nature (timings, temporary paths, the tahqiq version) is masked; everything a
user reads is kept.  ``python tests/golden_outputs.py`` rewrites the
stored outputs after an intended change of behaviour.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "src" / "tahqiq" / "data" / "sample"
LABELS = ROOT / "src" / "tahqiq" / "data" / "labels" / "claims.jsonl"
GOLDEN = ROOT / "tests" / "data" / "golden"

#: Keys whose values are timings or places on this machine, not results.
VOLATILE = {"seconds", "elapsed", "elapsed_s", "took", "took_ms", "db", "path", "tahqiq",
            "ingested_at", "created_at", "checked_at", "generated_at", "added_at"}
_TIMING = re.compile(r"\b\d+(\.\d+)? ?(s|ms|seconds)\b")


def _mask(value: object) -> object:
    if isinstance(value, dict):
        return {k: ("<masked>" if k in VOLATILE else _mask(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_mask(v) for v in value]
    return value


def _json_text(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    try:
        return json.dumps(_mask(json.loads(text)), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    except json.JSONDecodeError:
        docs = [_mask(json.loads(ln)) for ln in lines]
        return "".join(json.dumps(d, ensure_ascii=False, sort_keys=True) + "\n" for d in docs)


def _plain(text: str, tmp: str) -> str:
    return _TIMING.sub("<time>", text.replace(tmp, "<tmp>"))


def outputs(tmp: Path) -> dict[str, str]:
    """Every stored output, produced again in the folder ``tmp``."""
    from tahqiq.cli import cli
    from tahqiq.cli.commands import DEMO_CLAIM, DEMO_QUERY

    runner = CliRunner()
    db = str(tmp / "desk.db")
    found: dict[str, str] = {}

    def run(name: str, *argv: str, as_json: bool = True) -> str:
        result = runner.invoke(cli, list(argv), catch_exceptions=False)
        assert result.exit_code == 0, (name, result.output)
        text = result.stdout
        shown = _json_text(text) if as_json else _plain(text, str(tmp))
        found[name] = shown.replace(str(ROOT), "<root>")
        return text

    run("ingest.json", "ingest", str(SAMPLE), "--db", db, "--json")
    run("search.json", "search", DEMO_QUERY, "--db", db, "--json", "-k", "8")
    listed = json.loads(run("list.json", "list", "--db", db, "--json"))
    ids = [d["doc_id"] for d in (listed["documents"] if isinstance(listed, dict) else listed)]
    run("stats.json", "stats", "--db", db, "--json")
    run("reuse.json", "reuse", "--db", db, "--json")
    for n, doc in enumerate(ids[:4]):
        run(f"show-{n}.json", "show", doc, "--db", db, "--json")
    for n, doc in enumerate(ids):
        run(f"sources-{n:02d}.json", "sources", doc, "--db", db, "--json")
    run("check.json", "check", DEMO_CLAIM, "--db", db, "--json", "--all")
    run("check.md", "check", DEMO_CLAIM, "--db", db, "--md", as_json=False)
    run("check.html", "check", DEMO_CLAIM, "--db", db, "--html", as_json=False)
    run("check.txt", "check", DEMO_CLAIM, "--db", db, as_json=False)
    run("claims.jsonl", "check", "--claims", str(LABELS), "--db", db, "-k", "60", "--all", "--json")
    stories = json.loads(run("stories.json", "stories", "--db", db, "--json", "--limit", "50"))
    run("stories.txt", "stories", "--db", db, "--limit", "50", as_json=False)
    run("story.json", "story", str(stories["stories"][0]["id"]), "--db", db, "--json")
    run("story.txt", "story", str(stories["stories"][0]["id"]), "--db", db, as_json=False)
    run("demo.json", "demo", "--json")
    run("demo.txt", "demo", as_json=False)
    return found


def main() -> None:
    """Rewrite the stored outputs."""
    with tempfile.TemporaryDirectory(prefix="tahqiq-golden-") as tmp:
        found = outputs(Path(tmp))
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for old in GOLDEN.iterdir():
        old.unlink()
    for name, text in sorted(found.items()):
        (GOLDEN / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(found)} outputs to {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    main()
