"""Read a mutation corpus of the sample (≥ 2,000 damaged files) and count what came of each.

Run: ``.venv/bin/python benchmarks/bench_fuzz.py [--scale 3] [--seed 2024] [--workers 2]``
(prints figures; not a test: tests/test_fuzz_mutations.py runs a bounded part). The corpus is
made by ``benchmarks/fuzz_mutations.py`` in memory (``--keep DIR`` writes it out). Each file is
read with ``planwatch.ingest.read_bytes`` in a worker process whose address space is capped
at 1 GiB and whose every file has 30 s; the outcome is one of:

* right: the tables equal tests/expected_sample.py's; right_prefix: a prefix of complete rows
  with a warning; fewer_tables: a cut file ending before a whole table;
* warned: read with a warning naming a problem; refused: a PlanwatchError message;
* changed: only the cells a flipped byte itself altered differ, or one cell lost whole
  clauses with a deleted line or paragraph (the file now says so);
* traceback, hang (> 30 s), memory (> 1 GiB), silent_wrong (read without a warning, tables
  differing: a row count, a table read twice, a row named by a number or a target phrase).

The bad classes are printed with their first examples and the mutation that made them.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fuzz_mutations import BAD, OUTCOMES, Mutation, Outcome, judge, mutations  # noqa: E402

SECONDS = 30
MEMORY = 1 << 30


class _Hang(Exception):
    pass


def _alarm(signum, frame):
    raise _Hang


def _init() -> None:
    import resource

    import planwatch.ingest.docx_reader  # imported before the cap
    import planwatch.ingest.pdf_reader
    import planwatch.ingest.xlsx_reader  # noqa: F401

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    signal.signal(signal.SIGALRM, _alarm)


def _judge(mutation: Mutation) -> tuple[str, str, Outcome, float]:
    start = time.perf_counter()
    signal.alarm(SECONDS)
    try:
        outcome = judge(mutation)
    except _Hang:
        outcome = Outcome("hang", f"> {SECONDS} s")
    finally:
        signal.alarm(0)
    if outcome.outcome == "traceback" and outcome.detail.startswith("_Hang"):
        outcome = Outcome("hang", f"> {SECONDS} s")
    return mutation.name, mutation.fmt, outcome, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--scale", type=int, default=3, help="multiplies the random mutations")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--examples", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="also write the corpus to this folder")
    parser.add_argument("--dump", type=Path, help="write every outcome to this JSON file")
    args = parser.parse_args()

    started = time.perf_counter()
    corpus = list(mutations(args.seed, args.scale))
    made = time.perf_counter() - started
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        for index, m in enumerate(corpus):
            safe = m.name.replace("/", "_").replace(":", "_")
            (args.keep / f"{index:05d}-{safe}.{m.fmt}").write_bytes(m.data)
    print(f"{len(corpus)} files made in {made:.1f} s (seed {args.seed}, scale {args.scale})")

    counts: Counter[str] = Counter()
    by_format: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[tuple[str, str]]] = defaultdict(list)
    slowest = (0.0, "")
    started = time.perf_counter()
    # A worker that dies outside a file (the machine out of memory while it takes its next
    # task) breaks the executor, which says so, where a multiprocessing.Pool would wait forever.
    with ProcessPoolExecutor(args.workers, initializer=_init) as pool:
        try:
            for name, fmt, result, seconds in pool.map(_judge, corpus, chunksize=4):
                counts[result.outcome] += 1
                by_format[fmt][result.outcome] += 1
                examples[result.outcome].append((name, result.detail))
                slowest = max(slowest, (seconds, name))
        except BrokenProcessPool:
            done = sum(counts.values())
            sys.exit(f"a worker died after {done} of {len(corpus)} files (out of memory?)")
    elapsed = time.perf_counter() - started
    if args.dump:
        dump = {o: sorted(e) for o, e in examples.items()}
        args.dump.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")

    print(
        f"read in {elapsed:.1f} s with {args.workers} workers; slowest {slowest[0]:.1f} s "
        f"({slowest[1]})\n"
    )
    formats = sorted(by_format)
    print(f"{'outcome':<14}" + "".join(f"{f:>7}" for f in formats) + f"{'total':>8}")
    for outcome in OUTCOMES:
        row = "".join(f"{by_format[f][outcome]:>7}" for f in formats)
        print(f"{outcome:<14}{row}{counts[outcome]:>8}")
    print(
        f"{'all':<14}"
        + "".join(f"{sum(by_format[f].values()):>7}" for f in formats)
        + f"{len(corpus):>8}"
    )
    for outcome in BAD:
        if examples[outcome]:
            print(f"\n{outcome.upper()} ({counts[outcome]}):")
            for name, detail in sorted(examples[outcome])[: args.examples]:
                print(f"  {name}: {detail}")
    print(f"\nbad: {sum(counts[o] for o in BAD)}")


if __name__ == "__main__":
    main()
