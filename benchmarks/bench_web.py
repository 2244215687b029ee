"""Load test of the dashboard: 50 concurrent clients on loopback, a bounded number of requests.

Run: ``.venv/bin/python benchmarks/bench_web.py [--requests 2000] [--clients 50] [--plans 300]``
(prints figures; not a test). With ``--wrk SECONDS`` the load comes from ``/usr/bin/wrk``
instead (``-t2 -c CLIENTS``, ``--workers`` server processes), and each store is served twice in
the same run: with the dashboard's kept body (web/page_cache.py) and with
``PLANWATCH_PAGE_CACHE=off``, the uncached reference; it prints requests/s and p99 both ways.

Two databases, each a temporary SQLite file served by ``planwatch serve`` in its own process
(one uvicorn worker, as shipped): the sample alone, and 300 plans made from the sample by
varying jurisdiction and years. This process is the load generator: ``--clients`` concurrent
HTTP/1.1 connections (httpx, asyncio) share ``--requests`` GETs of the sample's dashboard
(``/plans/1``, signed in with a bearer token) after a short warm-up. Every request goes to
127.0.0.1 only, and the run stops by itself after the bounded count.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import Jurisdiction, PlanDocument
from planwatch.sources import save_document
from planwatch.store import add_user, migrated_engine, open_session

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_web_support import start_server

PASSWORD = "bench-password"


def variants(doc: PlanDocument, count: int) -> list[PlanDocument]:
    """``count`` distinct plans: the sample's tables under other places and years."""
    docs = [doc]
    for n in range(1, count):
        shift = n % 10
        place = Jurisdiction(name=f"样例{n // 10 + 1}市", level="市")
        tables = [
            t.model_copy(update={"year": t.year - shift if t.year else None}) for t in doc.tables
        ]
        docs.append(
            doc.model_copy(
                update={
                    "jurisdiction": place,
                    "review_year": (doc.review_year or 2024) - shift,
                    "plan_year": (doc.plan_year or 2025) - shift,
                    "tables": tables,
                }
            )
        )
    return docs


def prepare(folder: Path, plans: int) -> tuple[str, str]:
    """A database holding ``plans`` plans and an admin; returns (path, bearer token)."""
    path = folder / f"bench-{plans}.sqlite"
    engine = migrated_engine(f"sqlite:///{path}")
    started = time.perf_counter()
    for doc in variants(read_document(SAMPLE_REPORT), plans):
        save_document(engine, doc, "bench")
    print(f"  stored {plans} plan(s) in {time.perf_counter() - started:.1f} s")
    user = add_user(engine, "bench", PASSWORD, "admin")
    engine.dispose()
    return str(path), open_session(migrated_engine(f"sqlite:///{path}"), user)


async def load(base: str, token: str, path: str, requests: int, clients: int) -> list[float]:
    import httpx

    latencies: list[float] = []
    errors = 0
    remaining = iter(range(requests))
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(session: httpx.AsyncClient) -> None:
        nonlocal errors
        for _ in remaining:
            started = time.perf_counter()
            try:
                response = await session.get(path)
            except httpx.TransportError:  # counted, not hidden: the figures say how many
                errors += 1
                continue
            latencies.append(time.perf_counter() - started)
            errors += response.status_code != 200

    async with httpx.AsyncClient(
        base_url=base, headers=headers, limits=limits, timeout=120
    ) as session:
        for _ in range(5):  # warm-up: first imports, template compilation
            (await session.get(path)).raise_for_status()
        await asyncio.gather(*(client(session) for _ in range(clients)))
    if errors > requests // 100:
        raise SystemExit(f"{errors} of {requests} requests failed")
    if errors:
        print(f"  {errors} of {requests} requests failed (connection reset)")
    return latencies


def measure(label: str, db: str, token: str, args: argparse.Namespace) -> None:
    process, base = start_server(db)
    try:
        started = time.perf_counter()
        latencies = asyncio.run(load(base, token, "/plans/1", args.requests, args.clients))
        elapsed = time.perf_counter() - started
    except Exception:
        print(Path(f"{db}.log").read_text(encoding="utf-8", errors="replace")[-3000:])
        raise
    finally:
        process.terminate()
        process.wait(10)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"{label}: {len(latencies)} dashboard requests, {args.clients} clients: "
        f"median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"{len(latencies) / elapsed:.0f} requests/s"
    )


def wrk(label: str, db: str, token: str, args: argparse.Namespace, cached: bool) -> None:
    """One wrk run against ``--workers`` server processes, the page cache on or off."""
    os.environ["PLANWATCH_PAGE_CACHE"] = "on" if cached else "off"  # the server inherits it
    process, base = start_server(db, "--workers", str(args.workers))
    try:
        time.sleep(2)  # every worker up before the load
        command = ["/usr/bin/wrk", "-t2", f"-c{args.clients}", f"-d{args.wrk}s", "--latency"]
        command += ["-H", f"Authorization: Bearer {token}", f"{base}/plans/1"]
        subprocess.run([*command[:4], "-d2s", *command[5:]], capture_output=True, check=True)
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        process.terminate()
        process.wait(10)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if rate is None or p99 is None:
        raise SystemExit("wrk printed no figures:\n" + out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    state = "kept body" if cached else "uncached "
    print(
        f"{label}, {args.workers} workers, {state}: {float(rate.group(1)):.0f} requests/s, "
        f"p99 {float(p99.group(1)) * scale:.0f} ms"
        + (f", {errors.group(1)} non-200 responses" if errors else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--wrk", type=int, default=0, help="seconds of wrk per run (0: httpx)")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-web-") as folder:
        for plans in sorted({1, args.plans}):
            db, token = prepare(Path(folder), plans)
            if not args.wrk:
                measure(f"{plans} plan(s)", db, token, args)
                continue
            for cached in (False, True):
                wrk(f"{plans} plan(s)", db, token, args, cached)


if __name__ == "__main__":
    main()
