"""The fuzz suite (tests/fuzz) at length: many cases drawn at random.

    python bench/fuzz_long.py [--cases 100000]

Runs the four properties of ``tests/fuzz/test_fuzz_inputs.py`` (hostile files,
mixed record batches, queries, HTTP bodies) with ``cases / 4`` random examples
each, and prints one JSON line: cases tried, failures (crashes, 5xx answers or
lost good records), seconds.  A failure prints Hypothesis's minimal example.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    per_test = max(151, args.cases // 4)
    env = {**os.environ, "TAHQIQ_FUZZ_EXAMPLES": str(per_test)}
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:warnings", "-p", "no:cacheprovider",
                           str(REPO / "tests" / "fuzz")], env=env, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    failed = proc.returncode != 0
    if failed:
        print(proc.stdout[-4000:], file=sys.stderr)
    print(json.dumps({"cases": per_test * 4, "per_property": per_test, "failed_properties": proc.stdout.count("FAILED"),
                      "passed": not failed, "seconds": round(seconds)}))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
