"""Monitoring speed: the lights of many plans × 12 months, and the bulletin's build time.

Run: ``.venv/bin/python benchmarks/bench_monitor.py [--plans 3000] [--repeats 3]``
(prints figures; not a test).

- **warnings**: ``monitor_table`` (序时进度 + light + forecast of every row) for ``--plans``
  plans × 12 months of 1-N月 figures. Each plan is the sample's 2025 table with the demo
  year's figures, every number shifted by a per-plan step (0.0–0.9), so plans differ as real
  ones do and the parse caches see 10 variants of each phrase. The reference, in the same
  run on the same inputs, is ``progress_table`` alone (the 序时 rule without lights and
  forecasts): the ratio says what the lights and forecasts cost.
- **bulletin**: read the board of 2025年1-6月 from a SQLite store holding the sample and the
  demo year, build the bulletin with its charts, write Word; the reference is the year-end
  full report (``planwatch report --full``, Word with charts) of the same plan, in the same run.
Median of ``--repeats`` runs each.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "src"))

from planwatch.assess.monitor import monitor_table  # noqa: E402
from planwatch.assess.progress import progress_table  # noqa: E402
from planwatch.ingest import SAMPLE_REPORT, read_document  # noqa: E402
from planwatch.model import Period, PeriodKind, TableRole  # noqa: E402

DEMO = ROOT / "src/planwatch/samples/demo-2025-monthly.csv"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _figures(step: float) -> list[dict[str, str]]:
    lines = list(csv.DictReader(DEMO.open(encoding="utf-8")))
    months = []
    for month in range(1, 13):
        code = f"2025-{month:02d}"
        months.append(
            {
                line["指标名称"]: _NUMBER.sub(
                    lambda m: f"{float(m[0]) + step:g}", line["完成情况"], count=1
                )
                for line in lines
                if line["期间"] == code
            }
        )
    return months


def _time(job) -> float:
    start = time.perf_counter()
    job()
    return time.perf_counter() - start


def bench_warnings(plans: int, repeats: int) -> None:
    table = read_document(SAMPLE_REPORT).table_for(TableRole.PLAN, 2025)
    variants = [_figures(step / 10) for step in range(10)]
    periods = [Period(kind=PeriodKind.YEAR_TO_DATE, year=2025, month=m) for m in range(1, 13)]

    def run(judge):
        for plan in range(plans):
            months = variants[plan % 10]
            for period, figures in zip(periods, months, strict=True):
                judge(table, figures, period)

    lights, reference = [], []
    for _ in range(repeats):
        reference.append(_time(lambda: run(progress_table)))
        lights.append(_time(lambda: run(monitor_table)))
    pairs = plans * 12
    median, ref = statistics.median(lights), statistics.median(reference)
    print(f"warnings: {plans} plans × 12 months = {pairs} plan-months, {pairs * 44} rows")
    print(f"  monitor_table (progress + light + forecast): {median:.1f} s median of {repeats}")
    print(f"  per plan-month: {median / pairs * 1000:.2f} ms")
    print(f"  reference progress_table alone: {ref:.1f} s; ratio {median / ref:.2f}")


def bench_bulletin(repeats: int) -> None:
    from planwatch.monitor import import_figures, load_board, parse_period
    from planwatch.report import write_report
    from planwatch.report.bulletin import build_bulletin, write_bulletin_docx
    from planwatch.sources import save_document
    from planwatch.store import load_current, migrated_engine

    with tempfile.TemporaryDirectory() as folder:
        engine = migrated_engine(f"sqlite:///{folder}/bench.sqlite")
        plan_id = save_document(engine, read_document(SAMPLE_REPORT), "bench").plan_id
        import_figures(engine, plan_id, DEMO, "bench")
        out = Path(folder)

        def bulletin():
            board = load_board(engine, plan_id, parse_period("2025-06"))
            write_bulletin_docx(build_bulletin(board), out / "b.docx")

        def report():
            write_report(load_current(engine, plan_id), out / "r.docx", full=True, year=2024)

        bulletin()  # warm imports (matplotlib, python-docx) before timing either
        times, reference = [], []
        for _ in range(repeats):
            reference.append(_time(report))
            times.append(_time(bulletin))
    median, ref = statistics.median(times), statistics.median(reference)
    print("bulletin: 2025年1-6月, board from SQLite + 7 charts + Word")
    print(f"  {median:.2f} s median of {repeats}")
    print(f"  reference year-end full report (Word, charts): {ref:.2f} s; ratio {median / ref:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=3000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    bench_bulletin(args.repeats)
    bench_warnings(args.plans, args.repeats)


if __name__ == "__main__":
    main()
