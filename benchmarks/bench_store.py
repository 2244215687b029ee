"""Every page and command on a store of one plan and on a store of 3,000 (issue 17's goal:
within 1.2×).

Run: ``.venv/bin/python benchmarks/bench_store.py [--plans 3000] [--stores DIR] [--runs 30]``
(prints figures; not a test). The two stores are built by ``bench_web.py``'s ``prepare`` (the
sample, and plans made from it under other places and years; 3,000 take about four minutes,
``--stores DIR`` keeps them for the next run). Each page is requested in this process through
the real app (Starlette's TestClient, signed in as an admin with a bearer token), ``--runs``
times after one warm-up, the two stores in turn, and its median is printed for both with the
ratio; the dashboard's kept body is switched off (``PLANWATCH_PAGE_CACHE=off``) so each request
does the work. The commands are new processes (median of five, the stores in turn).
"""

from __future__ import annotations

import argparse
import os
import statistics
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
    "/api/plans?limit=100",  # 1 plan against 100
    "/api/plans?jurisdiction=苏州市",
    "/api/plans/1/assessments",
    "upload preview",
)
COMMANDS = (
    ("assess 苏州市2024 --json", ["assess", "苏州市2024", "--json"]),
    ("plans --json", ["plans", "--json"]),
)


def page_medians(stores: list[tuple[str, str]], runs: int) -> list[dict[str, float]]:
    """Median milliseconds of each page on each store (database, bearer token). The stores
    take turns request by request, so a moment when the shared machine is busy falls on
    both alike instead of on whichever was measured then."""
    from fastapi.testclient import TestClient

    from planwatch.web.app import create_app

    clients = []
    for db, token in stores:
        client = TestClient(create_app(f"sqlite:///{db}"), raise_server_exceptions=True)
        client.headers["Authorization"] = f"Bearer {token}"
        clients.append(client)
    sample = SAMPLE_REPORT.read_bytes()
    figures: list[dict[str, float]] = [{} for _ in stores]
    for path in PAGES:

        def once(client: TestClient, path: str = path) -> float:
            started = time.perf_counter()
            if path == "upload preview":  # compared with the stored version of the sample
                files = {"file": ("report.txt", sample, "text/plain")}
                response = client.post("/upload", files=files)
            else:
                response = client.get(path)
            assert response.status_code == 200, (path, response.status_code, response.text[:300])
            return (time.perf_counter() - started) * 1000

        times: list[list[float]] = [[] for _ in stores]
        for client in clients:
            once(client)  # warm-up
        for _ in range(runs):
            for found, client in zip(times, clients, strict=True):
                found.append(once(client))
        for figure, found in zip(figures, times, strict=True):
            figure[path] = statistics.median(found)
    return figures


def command_medians(databases: list[str], runs: int = 5) -> list[dict[str, float]]:
    """Median seconds of each command, a new process each time, on each database in turn."""
    from processes import alternating_medians

    planwatch = str(Path(sys.executable).with_name("planwatch"))
    commands = {
        (n, label): [planwatch, *words, "--db", db]
        for label, words in COMMANDS
        for n, db in enumerate(databases)
    }
    found = alternating_medians(commands, runs)
    return [{label: found[n, label] for label, _ in COMMANDS} for n in range(len(databases))]


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
        pages = page_medians([few, many], args.runs)
        commands = command_medians([few[0], many[0]])
    print_table(pages, commands, args.plans)


def print_table(
    pages: list[dict[str, float]], commands: list[dict[str, float]], plans: int
) -> None:
    """Each page's and command's median on both stores, and the ratio, as Markdown."""
    print(f"\n| page or command | 1 plan | {plans:,} plans | ratio |")
    print("|---|---|---|---|")
    for path in PAGES:
        a, b = pages[0][path], pages[1][path]
        print(f"| `{path}` | {a:.1f} ms | {b:.1f} ms | ×{b / a:.2f} |")
    for label, _ in COMMANDS:
        a, b = commands[0][label], commands[1][label]
        print(f"| `planwatch {label}` | {a:.2f} s | {b:.2f} s | ×{b / a:.2f} |", flush=True)


if __name__ == "__main__":
    main()
