"""Dashboard latency while uploads attack the server: a zip bomb and a PDF too slow to read.

Run: ``.venv/bin/python benchmarks/bench_upload_attack.py [--workers 2]`` (prints figures; not a
test). A real ``planwatch serve`` (``--read-seconds 2 --read-memory 300``) on a temporary SQLite
file; one client reads the sample's assessments in a loop while another uploads the attack.
Each figure stands beside its reference: the same loop with no upload running.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.sources import save_document
from planwatch.store import add_user, migrated_engine
from test_upload_limits import _bearer, _slow_pdf, _upload, _zip_bomb
from test_web_support import PASSWORD, start_server


def _latencies(base: str, plan_id: int, headers: dict, seconds: float | None, action=None):
    """Dashboard answer times (s) while ``action`` runs, or for ``seconds`` with none."""
    done = threading.Event()
    times: list[float] = []

    def loop() -> None:
        with httpx.Client(headers=headers, timeout=30) as client:
            while not done.is_set():
                started = time.perf_counter()
                client.get(f"{base}/api/plans/{plan_id}/assessments").raise_for_status()
                times.append(time.perf_counter() - started)
                time.sleep(0.05)

    reader = threading.Thread(target=loop)
    reader.start()
    started = time.perf_counter()
    answer = action() if action else time.sleep(seconds or 0)
    took = time.perf_counter() - started
    done.set()
    reader.join()
    return times, answer, took


def _line(label: str, times: list[float], reference: list[float]) -> str:
    p50, top = statistics.median(times), max(times)
    ratio = p50 / statistics.median(reference)
    figures = f"p50 {p50 * 1000:6.1f} ms  max {top * 1000:6.1f} ms  p50 ×{ratio:.2f} of idle"
    return f"{label:<28} n={len(times):>3}  {figures}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "pw.sqlite"
        engine = migrated_engine(f"sqlite:///{db}")
        add_user(engine, "drc", PASSWORD, "editor")
        plan_id = save_document(engine, read_document(SAMPLE_REPORT), "sample").plan_id
        engine.dispose()
        options = ("--workers", str(args.workers), "--read-seconds", "2", "--read-memory", "300")
        process, base = start_server(db, *options)
        try:
            headers = _bearer(base)
            bomb, pdf = _zip_bomb(600), _slow_pdf()
            idle, _, _ = _latencies(base, plan_id, headers, 3.0)
            print(f"server: {args.workers} workers; zip bomb {len(bomb) / 1e6:.1f} MB → 600 MB")
            print(_line("idle (reference)", idle, idle))
            for label, name, data in (
                ("zip bomb", "bomb.docx", bomb),
                ("100-page PDF", "s.pdf", pdf),
            ):
                times, answer, took = _latencies(
                    base,
                    plan_id,
                    headers,
                    None,
                    lambda n=name, d=data: _upload(base, headers, n, d),
                )
                print(_line(f"during {label}", times, idle))
                message = answer.json()["message"]
                print(f"  upload answered {answer.status_code} in {took:.2f} s: {message}")
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
