"""Load test of the dashboard: 50 concurrent clients on loopback, a bounded number of requests.

Run: ``.venv/bin/python benchmarks/bench_web.py [--requests 2000] [--clients 50] [--plans 300]``
(prints figures; not a test). With ``--wrk SECONDS`` the load comes from ``/usr/bin/wrk``
instead (``-t2 -c CLIENTS --timeout 10s``, ``--workers`` server processes), and each store is
served twice in the same run: with the dashboard's kept body (web/page_cache.py) and with
``PLANWATCH_PAGE_CACHE=off``, the uncached reference; it prints requests/s and p99 both ways,
and the ratio of the big store to the one-plan store.

Options: ``--datasette PATH`` (a datasette installed in a venv of its own, e.g.
``/tmp/dsvenv/bin/datasette``) serves the 45 rows of the sample's dashboard as one SQLite table
(one process, as datasette ships) and loads it with the same wrk command, in the same run: the
ratio kept dashboard / datasette is printed; without it that part is skipped. ``--pages`` adds
the plan list (``/``) under wrk and ``planwatch assess 苏州市2024 --db`` (median of three new
processes) on each store. ``--stores DIR`` keeps the built stores for the next run (3,000 plans
take minutes to build).

Two databases, each a SQLite file served by ``planwatch serve`` in its own process: the sample
alone, and ``--plans`` plans made from the sample by varying jurisdiction and years. Without
``--wrk`` this process is the load generator: ``--clients`` concurrent HTTP/1.1 connections
(httpx, asyncio) share ``--requests`` GETs of the sample's dashboard (``/plans/1``, signed in
with a bearer token) after a short warm-up. Every request goes to 127.0.0.1 only, and each run
stops by itself.
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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import Jurisdiction, PlanDocument
from planwatch.sources import save_document
from planwatch.store import add_user, get_user, migrated_engine, open_session

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
    """A database holding ``plans`` plans and an admin; returns (path, bearer token).

    A store already in ``folder`` (``--stores``) is used as it is: 3,000 plans take minutes.
    """
    path = folder / f"bench-{plans}.sqlite"
    if path.exists():
        engine = migrated_engine(f"sqlite:///{path}")
        print(f"  {plans} plan(s): the store kept in {folder}")
        return str(path), open_session(engine, get_user(engine, "bench"))
    building = folder / f"bench-{plans}.building.sqlite"
    building.unlink(missing_ok=True)
    engine = migrated_engine(f"sqlite:///{building}")
    started = time.perf_counter()
    for doc in variants(read_document(SAMPLE_REPORT), plans):
        save_document(engine, doc, "bench")
    print(f"  stored {plans} plan(s) in {time.perf_counter() - started:.1f} s")
    add_user(engine, "bench", PASSWORD, "admin")
    with engine.connect() as connection:  # one file, nothing left in the WAL
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    building.rename(path)
    engine = migrated_engine(f"sqlite:///{path}")
    return str(path), open_session(engine, get_user(engine, "bench"))


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


def wrk_figures(url: str, args: argparse.Namespace, *headers: str) -> tuple[float, float, str]:
    """One wrk run (after a 2 s warm-up): requests/s, p99 in ms, and a note of non-200s."""
    if not Path("/usr/bin/wrk").exists():
        raise SystemExit("wrk 未安装（Debian：apt-get install wrk）: the load generator is missing")
    command = ["/usr/bin/wrk", "-t2", f"-c{args.clients}", f"-d{args.wrk}s", "--latency"]
    command += ["--timeout", "10s"]  # a slow response counted, not dropped at wrk's 2 s
    for header in headers:
        command += ["-H", header]
    command.append(url)
    warm_up = [*command[:3], "-d2s", *command[4:]]
    subprocess.run(warm_up, capture_output=True, check=True)
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if rate is None or p99 is None:
        raise SystemExit("wrk printed no figures:\n" + out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    note = f", {errors.group(1)} non-200 responses" if errors else ""
    return float(rate.group(1)), float(p99.group(1)) * scale, note


def _hidden_http_libraries(folder: Path) -> str:
    """A path entry under which ``import httptools`` and ``import uvloop`` fail, so uvicorn
    falls back to its pure-Python h11 parser and asyncio's loop: the reference server."""
    hidden = folder / "hide-httptools-uvloop"
    for name in ("httptools", "uvloop"):
        (hidden / name).mkdir(parents=True, exist_ok=True)
        (hidden / name / "__init__.py").write_text(
            f"raise ImportError('{name} hidden for the reference run')\n", encoding="utf-8"
        )
    return str(hidden)


@contextmanager
def _path_first(entry: str | None) -> Iterator[None]:
    """``entry`` first on PYTHONPATH for the processes started inside (None: unchanged)."""
    before = os.environ.get("PYTHONPATH")
    if entry:
        os.environ["PYTHONPATH"] = entry + (os.pathsep + before if before else "")
    try:
        yield
    finally:
        os.environ.pop("PYTHONPATH", None)
        if before is not None:
            os.environ["PYTHONPATH"] = before


def wrk(
    label: str,
    db: str,
    token: str,
    args: argparse.Namespace,
    cached: bool,
    path: str = "/plans/1",
    hide: str | None = None,
) -> tuple[float, float]:
    """One wrk run against ``--workers`` server processes, the page cache on or off; with
    ``hide`` (``_hidden_http_libraries``), on uvicorn's pure-Python HTTP parser and loop."""
    os.environ["PLANWATCH_PAGE_CACHE"] = "on" if cached else "off"  # the server inherits it
    with _path_first(hide):
        process, base = start_server(db, "--workers", str(args.workers))
    try:
        time.sleep(2)  # every worker up before the load
        rate, p99, note = wrk_figures(base + path, args, f"Authorization: Bearer {token}")
    finally:
        process.terminate()
        process.wait(10)
    state = "kept body" if cached else "uncached "
    state += ", h11 + asyncio" if hide else ""
    what = "" if path == "/plans/1" else f" {path}"
    print(
        f"{label}{what}, {args.workers} workers, {state}: {rate:.0f} requests/s, p99 {p99:.0f} ms"
        + note,
        flush=True,
    )
    return rate, p99


def dashboard_rows(db: str) -> list[dict[str, object]]:
    """The 45 rows the sample's dashboard shows (``/plans/1``), as datasette's table holds them."""
    from planwatch.web import views

    engine = migrated_engine(f"sqlite:///{db}")
    context = views.dashboard(engine, 1)
    return [
        {
            "category": item.row.category,
            "name": item.row.name,
            "unit": item.row.unit,
            "target": item.row.target,
            "actual": item.row.actual,
            "status": item.status,
            "gap": item.gap,
            "reason": item.reason,
        }
        for item in context["rows"]
    ]


def datasette(binary: str, folder: Path, db: str, args: argparse.Namespace) -> float:
    """datasette (its own venv, one process as it ships) serving the dashboard's rows as one
    SQLite table, loaded by wrk exactly as the dashboard is; returns its requests/s."""
    import socket
    import sqlite3

    rows = dashboard_rows(db)
    path = folder / "dashboard.db"
    with sqlite3.connect(path) as connection:
        columns = list(rows[0])
        connection.execute(f"CREATE TABLE indicators ({', '.join(columns)})")
        connection.executemany(
            f"INSERT INTO indicators VALUES ({', '.join('?' for _ in columns)})",
            [tuple(row.values()) for row in rows],
        )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [binary, "serve", str(path), "--host", "127.0.0.1", "--port", str(port)]
    log = folder / "datasette.log"
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit("datasette did not start:\n" + log.read_text()) from None
                time.sleep(0.1)
        url = f"http://127.0.0.1:{port}/dashboard/indicators"
        rate, p99, note = wrk_figures(url, args)
    finally:
        process.terminate()
        process.wait(10)
    print(
        f"datasette, the same {len(rows)} rows (/dashboard/indicators), one process: "
        f"{rate:.0f} requests/s, p99 {p99:.0f} ms{note}",
        flush=True,
    )
    return rate


def assess_seconds(db: str, ref: str, runs: int = 3) -> float:
    """The median wall time of ``planwatch assess REF --db DB`` in a new process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        command = [sys.executable, "-m", "planwatch", "assess", ref, "--db", db]
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--plans", type=int, default=300)
    parser.add_argument("--wrk", type=int, default=0, help="seconds of wrk per run (0: httpx)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--datasette", metavar="BINARY", help="also serve the dashboard's rows with datasette"
    )
    parser.add_argument(
        "--stores", metavar="DIR", help="keep the built stores in DIR and reuse them next time"
    )
    parser.add_argument(
        "--pages", action="store_true", help="also the plan list (/) and `planwatch assess`"
    )
    parser.add_argument(
        "--pure-http",
        action="store_true",
        help="also the kept dashboard with httptools and uvloop hidden (uvicorn's h11 + asyncio)",
    )
    args = parser.parse_args()
    if args.datasette and not args.wrk:
        parser.error("--datasette needs --wrk SECONDS")
    kept: dict[int, float] = {}
    uncached: dict[int, float] = {}
    listed: dict[int, float] = {}
    assessed: dict[int, float] = {}
    pure: dict[int, float] = {}
    reference = None
    with tempfile.TemporaryDirectory(prefix="planwatch-bench-web-") as folder:
        stores = Path(args.stores) if args.stores else Path(folder)
        stores.mkdir(parents=True, exist_ok=True)
        for plans in sorted({1, args.plans}):
            db, token = prepare(stores, plans)
            if args.pages:
                assessed[plans] = assess_seconds(db, "苏州市2024")
                print(f"{plans} plan(s): planwatch assess 苏州市2024 {assessed[plans]:.2f} s")
            if not args.wrk:
                measure(f"{plans} plan(s)", db, token, args)
                continue
            label = f"{plans} plan(s)"
            uncached[plans] = wrk(label, db, token, args, cached=False)[0]
            kept[plans] = wrk(label, db, token, args, cached=True)[0]
            if args.pure_http:
                hide = _hidden_http_libraries(Path(folder))
                pure[plans] = wrk(label, db, token, args, cached=True, hide=hide)[0]
            if args.pages:
                listed[plans] = wrk(label, db, token, args, cached=True, path="/")[0]
            if args.datasette and reference is None:
                reference = datasette(args.datasette, Path(folder), db, args)
    if args.wrk and len(kept) == 2:
        few, many = sorted(kept)
        print(
            f"{many} plans against 1 (requests/s ratio, 1.0 is as fast): "
            f"kept {kept[many] / kept[few]:.2f}, uncached {uncached[many] / uncached[few]:.2f}"
            + (f", plan list {listed[many] / listed[few]:.2f}" if listed else "")
        )
    if pure:
        print(
            "kept dashboard, httptools + uvloop against h11 + asyncio (requests/s): "
            + ", ".join(f"{n} plan(s) ×{kept[n] / rate:.2f}" for n, rate in sorted(pure.items()))
        )
    if assessed and len(assessed) == 2:
        few, many = sorted(assessed)
        print(
            f"assess by name, {many} plans against 1 (time ratio): "
            f"{assessed[many] / assessed[few]:.2f}"
        )
    if reference:
        print(
            "kept dashboard against datasette (requests/s): "
            + ", ".join(f"{n} plan(s) ×{rate / reference:.1f}" for n, rate in sorted(kept.items()))
        )


if __name__ == "__main__":
    main()
