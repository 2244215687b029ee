"""Benchmark: the full Word report of the bundled sample (goal: under 2 seconds).

Run: python benchmarks/bench_report.py [runs]

Prints, for a fresh process, the cold time (imports of python-docx and matplotlib, font
registration, reading the sample, assessing, 7 charts, the narrative, writing the .docx) and
then the warm time of further runs in the same process (what a web request costs), plus the
CPU time, which the shared 2-core machines disturb less than the wall clock.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from processes import compile_bytecode, run_timed  # benchmarks/: the script's folder

GOAL_SECONDS = 2.0


def full_report(out: Path) -> None:
    from planwatch.ingest import SAMPLE_REPORT, read_document
    from planwatch.report import write_report

    write_report(read_document(SAMPLE_REPORT), out, "docx", year=2024, full=True, status=True)


def main(runs: int = 5) -> int:
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "report.docx"
        wall, cpu = time.perf_counter(), time.process_time()
        full_report(out)
        cold = (time.perf_counter() - wall, time.process_time() - cpu)
        warm = []
        for _ in range(runs):
            wall, cpu = time.perf_counter(), time.process_time()
            full_report(out)
            warm.append((time.perf_counter() - wall, time.process_time() - cpu))
        size = out.stat().st_size
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"full report (docx, 45 rows, 7 charts, narrative), {size / 1024:.0f} KiB")
    print(f"load average before/after: {load_before} / {load}")
    print(f"cold, first in process: {cold[0]:.2f} s wall, {cold[1]:.2f} s CPU")
    print(
        f"warm, median of {runs}:    {statistics.median(w for w, _ in warm):.2f} s wall, "
        f"{statistics.median(c for _, c in warm):.2f} s CPU"
    )
    for what, seconds in (("cold wall", cold[0]), ("cold CPU", cold[1])):
        verdict = "meets" if seconds < GOAL_SECONDS else "MISSES"
        print(f"goal < {GOAL_SECONDS:.0f} s, {what}: {verdict}")
    return 0


def _report_command(out: Path) -> list[str]:
    """``planwatch report`` as a user runs it, through the CLI's entry point."""
    from planwatch.ingest import SAMPLE_REPORT

    options = ["--year", "2024", "--full", "--status"]
    return [
        sys.executable,
        "-m",
        "planwatch",
        "report",
        str(SAMPLE_REPORT),
        "-o",
        str(out),
        *options,
    ]


def new_process_figures(runs: int = 5) -> dict[str, float]:
    """Issue 17: the full Word report in a new process (interpreter start included), with the
    chart cache warm, beside the same with the cache off (matplotlib imported, 7 charts drawn),
    alternating in the same minutes: the first process (empty cache), then the medians of
    wall and CPU seconds of each kind, and the median ratio of the pairs."""
    src = str(Path(__file__).resolve().parent.parent / "src")
    with tempfile.TemporaryDirectory() as folder:
        compile_bytecode(src)
        command = _report_command(Path(folder) / "r.docx")
        cache = str(Path(folder) / "charts")

        def timed(setting: str) -> tuple[float, float]:
            env = {**os.environ, "PLANWATCH_CHART_CACHE": setting, "PYTHONPATH": src}
            return run_timed(command, env)

        first = timed(cache)  # draws the charts and fills the cache
        pairs = [(timed(cache), timed("off")) for _ in range(runs)]
    figures = {"first_wall": first[0], "first_cpu": first[1]}
    for which, label in ((0, "wall"), (1, "cpu")):
        figures[f"cached_{label}"] = statistics.median(c[which] for c, _ in pairs)
        figures[f"drawn_{label}"] = statistics.median(d[which] for _, d in pairs)
        figures[f"ratio_{label}"] = statistics.median(c[which] / d[which] for c, d in pairs)
    return figures


def new_process(runs: int = 5) -> int:
    figures = new_process_figures(runs)
    for label in ("wall", "cpu"):
        print(
            f"{label}: cache empty (draws and keeps the charts) {figures[f'first_{label}']:.2f} s;"
            f" charts cached: median {figures[f'cached_{label}']:.2f} s;"
            f" cache off: median {figures[f'drawn_{label}']:.2f} s;"
            f" ratio cached / off: median x{figures[f'ratio_{label}']:.2f}"
        )
    return 0


if __name__ == "__main__":
    if "--new-process" in sys.argv:
        sys.exit(new_process())
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
