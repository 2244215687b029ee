"""Every page and command on a store of one plan and on a store of 3,000 (issue 17's goal:
within 1.2×).

Run: ``.venv/bin/python benchmarks/bench_store.py [--plans 3000] [--stores DIR] [--runs 30]``
(prints figures; not a test). The two stores are built by ``bench_web.py``'s ``prepare`` (the
sample, and plans made from it under other places and years; 3,000 take about four minutes,
``--stores DIR`` keeps them for the next run). Each page is requested in this process through
the real app (Starlette's TestClient, signed in as an admin with a bearer token), ``--runs``
times after one warm-up, and its median is printed for both stores with the ratio; the
dashboard's kept body is switched off (``PLANWATCH_PAGE_CACHE=off``) so each request does the
work. The commands are new processes (median of three).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_web import prepare

from planwatch.ingest import SAMPLE_REPORT

PAGES = (
    "/",  # 1 row against a page of 100: not the same output
    "/?page=2",
    "/?jurisdiction=苏州市",  # the same row on both stores
    "/plans/1",
    "/plans/1?table=2",
    "/plans/1/lint",
    "/plans/1/diff",
    "/plans/1/versions",
    "/plans/1/monitor",
    "/plans/1/tasks",
    "/indicators/1",
    "/entry",  # 50 rows against a page of 100
    "/entry?jurisdiction=苏州市",  # the same 50 rows on both stores
    "/late",
    "/audit",
    "/api/plans?limit=100",
    "/api/plans?jurisdiction=苏州市",
    "/api/plans/1/assessments",
    "upload preview",
)
COMMANDS = (
    ("assess 苏州市2024 --json", ["assess", "苏州市2024", "--json"]),
    ("plans --json", ["plans", "--json"]),
)


def page_medians(db: str, token: str, runs: int) -> dict[str, float]:
    """Median milliseconds of each page on one store."""
    from fastapi.testclient import TestClient

    from planwatch.web.app import create_app

    client = TestClient(create_app(f"sqlite:///{db}"), raise_server_exceptions=True)
    client.headers["Authorization"] = f"Bearer {token}"
    sample = SAMPLE_REPORT.read_bytes()
    figures = {}
    for path in PAGES:

        def once(path: str = path) -> None:
            if path == "upload preview":  # compared with the stored version of the sample
                files = {"file": ("report.txt", sample, "text/plain")}
                response = client.post("/upload", files=files)
            else:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])

        once()
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            once()
            times.append((time.perf_counter() - started) * 1000)
        figures[path] = statistics.median(times)
    return figures


def command_medians(db: str, runs: int = 3) -> dict[str, float]:
    planwatch = str(Path(sys.executable).with_name("planwatch"))
    figures = {}
    for label, words in COMMANDS:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run([planwatch, *words, "--db", db], check=True, capture_output=True)
            times.append(time.perf_counter() - started)
        figures[label] = statistics.median(times)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--stores", metavar="DIR", help="keep the built stores in DIR")
    args = parser.parse_args()
    os.environ["PLANWATCH_PAGE_CACHE"] = "off"
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-store-") as folder:
        stores = Path(args.stores) if args.stores else Path(folder)
        stores.mkdir(parents=True, exist_ok=True)
        few, many = (prepare(stores, n) for n in (1, args.plans))
        pages = [page_medians(*store, args.runs) for store in (few, many)]
        commands = [command_medians(store[0]) for store in (few, many)]
    print(f"\n| page or command | 1 plan | {args.plans:,} plans | ratio |")
    print("|---|---|---|---|")
    for path in PAGES:
        a, b = pages[0][path], pages[1][path]
        print(f"| `{path}` | {a:.1f} ms | {b:.1f} ms | ×{b / a:.2f} |")
    for label, _ in COMMANDS:
        a, b = commands[0][label], commands[1][label]
        print(f"| `planwatch {label}` | {a:.2f} s | {b:.2f} s | ×{b / a:.2f} |")


if __name__ == "__main__":
    main()
