"""Load on the HTTP API: concurrent clients mixing search and check on loopback.

    python bench/bench_api.py [--db DB] [--clients 20] [--seconds 120] [--check-share 0.5]

Starts ``tahqiq serve`` in its own process on a free loopback port (default
store: the bundled sample corpus, ingested into a temporary folder), then runs
``--clients`` threads, each with its own HTTP connection, for ``--seconds``.
Each request is a search (``GET /search``, k 10) or a check (``POST /check``,
k 20) of a claim drawn from the bundled claims, plus Baly's claims when
``../shared/data`` is present.  Prints one JSON object: per endpoint the
count, errors, p50, p95 and max latency in seconds, and requests per second.
Any non-200 answer or transport error counts as an error.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"


def claims() -> list[str]:
    from tahqiq.data import labels_path

    with labels_path() as labels:
        rows = [json.loads(line) for line in (labels / "claims.jsonl").read_text("utf-8").splitlines()
                if line.strip()]
    found = [row["claim"] for row in rows]
    if (DATA / "baly2018" / "claims").is_dir():
        from tahqiq.stance.data import read_baly_facts

        found += [text for text, _ in read_baly_facts(DATA / "baly2018" / "claims").values()]
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen([sys.executable, "-m", "tahqiq", "serve", "--db", str(db),
                             "--port", str(port)], stderr=subprocess.PIPE)
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start: " + proc.stderr.read().decode()[-2000:])


def client(base: str, texts: list[str], share: float, until: float, seed: int,
           out: list[tuple[str, float, bool]]) -> None:
    import httpx

    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=300) as http:
        while time.monotonic() < until:
            claim = rng.choice(texts)
            op = "check" if rng.random() < share else "search"
            started = time.perf_counter()
            try:
                if op == "check":
                    response = http.post("/check", json={"claim": claim, "k": 20})
                else:
                    response = http.get("/search", params={"q": " ".join(claim.split()[:6]), "k": 10})
                ok = response.status_code == 200
            except httpx.HTTPError:
                ok = False
            out.append((op, time.perf_counter() - started, ok))


def summary(rows: list[tuple[str, float, bool]], seconds: float) -> dict:
    result: dict = {}
    for op in ("search", "check"):
        times = sorted(t for o, t, _ in rows if o == op)
        if not times:
            continue
        result[op] = {
            "requests": len(times), "errors": sum(1 for o, _, ok in rows if o == op and not ok),
            "p50_s": round(statistics.median(times), 3),
            "p95_s": round(times[int(0.95 * (len(times) - 1))], 3),
            "max_s": round(times[-1], 3), "per_second": round(len(times) / seconds, 2),
        }
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--check-share", type=float, default=0.5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from tahqiq import Corpus
            from tahqiq.data import sample_path

            db = Path(tmp) / "desk.db"
            with sample_path() as sample, Corpus(db) as corpus:
                corpus.ingest([sample])
        port = free_port()
        server = start_server(db, port)
        try:
            import httpx

            base = f"http://127.0.0.1:{port}"
            httpx.post(base + "/check", json={"claim": "تمهيد", "k": 1}, timeout=300)  # load the model
            texts = claims()
            rows: list[tuple[str, float, bool]] = []
            until = time.monotonic() + args.seconds
            threads = [threading.Thread(target=client, args=(base, texts, args.check_share, until,
                                                              i, rows)) for i in range(args.clients)]
            started = time.monotonic()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            elapsed = time.monotonic() - started
            documents = httpx.get(base + "/stats", timeout=60).json()["documents"]
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({"db": str(args.db or "sample corpus"), "documents": documents,
                      "clients": args.clients, "seconds": round(elapsed, 1),
                      "check_share": args.check_share, "errors": sum(not ok for *_, ok in rows),
                      **summary(rows, elapsed)}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
