"""Benchmark: the full Word report of the bundled sample (goal: under 2 seconds).

Run: python benchmarks/bench_report.py [runs]

Prints, for a fresh process, the cold time (imports of python-docx and matplotlib, font
registration, reading the sample, assessing, 7 charts, the narrative, writing the .docx) and
then the warm time of further runs in the same process (what a web request costs), plus the
CPU time, which the shared 2-core machines disturb less than the wall clock.
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

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


def _compile_bytecode(src: str) -> None:
    """Compile the source tree's bytecode first, as ``pip install`` leaves a package: a shell
    with PYTHONDONTWRITEBYTECODE=1 (this machine's) would otherwise recompile planwatch's 60
    modules in every process, 0.1 s that no installed copy pays."""
    import compileall

    compileall.compile_dir(src, quiet=1)


def new_process(runs: int = 5) -> int:
    """Issue 17: the full Word report in a new process (interpreter start included), with the
    chart cache warm, beside the same with the cache off (matplotlib imported, 7 charts drawn),
    alternating in the same minutes; medians and the ratio of each pair."""
    import subprocess

    src = str(Path(__file__).resolve().parent.parent / "src")
    with tempfile.TemporaryDirectory() as folder:
        _compile_bytecode(src)
        command = _report_command(Path(folder) / "r.docx")
        cache = str(Path(folder) / "charts")

        def timed(setting: str) -> tuple[float, float]:
            """Wall and CPU seconds of one process (CPU: the child's user + system time,
            which another job on the shared cores disturbs less)."""
            env = {**os.environ, "PLANWATCH_CHART_CACHE": setting, "PYTHONPATH": src}
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            return wall, cpu

        first = timed(cache)  # draws the charts and fills the cache
        pairs = [(timed(cache), timed("off")) for _ in range(runs)]
    for which, label in ((0, "wall"), (1, "CPU")):
        cached = statistics.median(c[which] for c, _ in pairs)
        drawn = statistics.median(d[which] for _, d in pairs)
        ratios = ", ".join(f"x{c[which] / d[which]:.2f}" for c, d in pairs)
        print(
            f"new process, cache empty (draws and keeps the charts), {label}: {first[which]:.2f} s"
        )
        print(f"charts cached, {label}: median {cached:.2f} s; cache off: median {drawn:.2f} s")
        print(f"ratio cached / drawn ({label}): median x{cached / drawn:.2f} ({ratios})")
    return 0


if __name__ == "__main__":
    if "--new-process" in sys.argv:
        sys.exit(new_process())
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 5))
