"""Attribution on hostile text ends: no pass over the whole text per cue or per mention.

These are hang guards, not speed targets (those are in bench/bench_adversarial.py):
before the fix, each input below took several minutes (a 100 KB single word 102 s,
100 KB of ``قال: `` 89 s, 380 KB of ``مراسل قناة الجزيرة`` 9 s and growing with the square
of the length).  Each runs in a child process that is killed after 60 s.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

HOSTILE = {
    "one 200 KB word": "'ا' * 200_000",
    "a run-on line of 40,000 cues": "'قال: ' * 40_000",
    "40,000 correspondents of one outlet": "'مراسل قناة الجزيرة ' * 40_000",
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_attribution_ends_on_hostile_text(text: str) -> None:
    code = ("from tahqiq.sources import extract_sources\n"
            f"report = extract_sources('x', {text})\n"
            "print(len(report.attributions))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]


def test_a_document_is_read_up_to_max_attributions() -> None:
    from tahqiq.sources.attribution import MAX_ATTRIBUTIONS, extract_sources

    line = "قال الوزير إن الخطة جاهزة. "
    assert len(extract_sources("x", line * 30).attributions) == 30
    assert len(extract_sources("x", line * (MAX_ATTRIBUTIONS + 500)).attributions) == MAX_ATTRIBUTIONS

