"""Jurisdictions layer speed and size: table load, lookups, resolutions, titles.

Run: ``.venv/bin/python benchmarks/bench_places.py [--repeats 5]`` (prints figures; not a test).

- **import**: ``import planwatch.places`` in a fresh process (pulls ``planwatch.model``,
  i.e. pydantic, which every planwatch command loads anyway); nothing is read yet.
- **load**: the first ``lookup`` in that process: read the 87 kB TSV, derive kinds and short
  names, fold 6,400 names with OpenCC (its import included), build the indexes; with the
  memory the table holds afterwards (tracemalloc, Python allocations).
- **lookup / resolve / find_in_text**: per call, once loaded, over every division's code,
  every full and short name, and 3,211 titles ``{name}2024年国民经济和社会发展计划执行情况``
  (how many come out right, wrong, ambiguous); then ``find_in_text`` over the whole text of
  each document of ``../shared/corpus/real`` (characters per second).
Each load figure is the median of ``--repeats`` fresh processes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

_COLD = """
import json, sys, time, tracemalloc
sys.path.insert(0, {src!r})
t0 = time.perf_counter()
import planwatch.places as places
t1 = time.perf_counter()
tracemalloc.start()
places.lookup("320583")
t2 = time.perf_counter()
held = tracemalloc.get_traced_memory()
print(json.dumps({{"import": t1 - t0, "load": t2 - t1, "held": held[0], "peak": held[1]}}))
"""


def cold(repeats: int) -> dict[str, float]:
    """Median import and load time, and memory, over fresh processes."""
    runs = []
    code = _COLD.format(src=str(ROOT / "src"))
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
        runs.append(json.loads(out.stdout))
    return {key: statistics.median(r[key] for r in runs) for key in runs[0]}


def per_call(label: str, calls: list[str], function: Callable[[str], object]) -> None:
    """Time ``function`` over ``calls`` once loaded; print microseconds per call."""
    start = time.perf_counter()
    for argument in calls:
        function(argument)
    elapsed = time.perf_counter() - start
    print(f"{label:<14} {len(calls):>6} calls  {elapsed / len(calls) * 1e6:8.1f} µs/call")


def main() -> None:
    parser = argparse.ArgumentParser(description="jurisdictions layer benchmark")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    figures = cold(args.repeats)
    print(f"import         {figures['import'] * 1000:8.1f} ms (median of {args.repeats})")
    print(f"load (1st use) {figures['load'] * 1000:8.1f} ms")
    print(f"memory held    {figures['held'] / 1e6:8.2f} MB (peak {figures['peak'] / 1e6:.2f} MB)")

    from planwatch.places import all_jurisdictions, find_in_text, lookup, resolve

    every = all_jurisdictions()
    per_call("lookup", [j.code for j in every], lookup)
    per_call("resolve full", [j.name for j in every], resolve)
    per_call("resolve short", [j.short_name for j in every], resolve)
    titles = [f"{j.name}2024年国民经济和社会发展计划执行情况" for j in every]
    per_call("find_in_text", titles, find_in_text)
    results = [(find_in_text(t), j) for t, j in zip(titles, every, strict=True)]
    right = sum(r.jurisdiction == j for r, j in results)
    wrong = sum(r.found and r.jurisdiction != j for r, j in results)
    shared = sum(r.status == "ambiguous" and j in r.candidates for r, j in results)
    print(f"titles         {right} found, {wrong} wrong, {shared} ambiguous (a shared name)")
    corpus = ROOT.parent / "shared" / "corpus" / "real"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if texts:
        size = sum(len(t) for t in texts)
        start = time.perf_counter()
        for text in texts:
            find_in_text(text)
        elapsed = time.perf_counter() - start
        print(
            f"whole texts    {len(texts)} corpus documents, {size:,} characters: {elapsed:.3f} s"
            f" ({size / elapsed / 1e6:.2f} M characters/s)"
        )


if __name__ == "__main__":
    main()
