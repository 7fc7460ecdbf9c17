"""Every CLI JSON output and every report on the sample corpus stays byte-identical.

A refactor must not change what a user reads.  The stored outputs in
``tests/data/golden`` were made by ``golden_outputs.py``; after an intended change
of behaviour, rewrite them with ``python tests/golden_outputs.py`` and
read the diff before committing it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from golden_outputs import GOLDEN, outputs


def test_cli_outputs_on_the_sample_corpus_are_unchanged(tmp_path: Path) -> None:
    found = outputs(tmp_path)
    stored = {p.name: p.read_text(encoding="utf-8") for p in GOLDEN.iterdir()}
    assert sorted(found) == sorted(stored), "the set of outputs changed"
    changed = [name for name in sorted(found) if found[name] != stored[name]]
    diffs = ["".join(difflib.unified_diff(stored[n].splitlines(True), found[n].splitlines(True),
                                         f"stored/{n}", f"now/{n}", n=1))[:3000] for n in changed[:3]]
    assert not changed, f"{len(changed)} outputs changed: {changed}\n" + "\n".join(diffs)
