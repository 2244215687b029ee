"""Damaged copies of the sample in every format: never a traceback, never a silent wrong table.

A bounded part of the mutation corpus of benchmarks/fuzz_mutations.py (the whole one, over
2,000 files, is ``benchmarks/bench_fuzz.py``, not part of the suite): 30 mutations of each
format, chosen evenly from a fixed seed, each read with ``read_bytes`` and judged against
tests/expected_sample.py. Every file must be read right, read with a warning, or refused with
a PlanwatchError.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from fuzz_mutations import BAD, FORMATS, Mutation, classify, judge, mutations

PER_FORMAT = 30


@pytest.fixture(scope="module")
def corpus() -> list[Mutation]:
    by_format: dict[str, list[Mutation]] = {fmt: [] for fmt in FORMATS}
    for mutation in mutations(seed=7, scale=1):
        by_format[mutation.fmt].append(mutation)
    chosen = []
    for found in by_format.values():
        step = max(1, len(found) // PER_FORMAT)
        chosen += found[::step][:PER_FORMAT]
    return chosen


def test_no_traceback_and_no_silent_wrong_table(corpus):
    assert len(corpus) == PER_FORMAT * len(FORMATS)
    outcomes = {m.name: judge(m) for m in corpus}
    bad = {name: o for name, o in outcomes.items() if o.outcome in BAD}
    assert bad == {}
    counts = Counter(o.outcome for o in outcomes.values())
    assert counts["right"] >= len(FORMATS)  # the originals at least
    assert counts["refused"] and counts["warned"]


def test_the_judge_calls_a_shifted_row_silent_wrong_and_a_warned_one_not():
    from fuzz_mutations import EXPECTED

    shifted = [list(EXPECTED[0]), list(EXPECTED[1])]
    no, cat, _name, target, actual = shifted[0][3]
    shifted[0][3] = (no, cat, "4", target, actual)
    assert classify(shifted, [], "delete-cell").outcome == "silent_wrong"
    assert classify(shifted, ["表1的指标名称不像指标"], "delete-cell").outcome == "warned"
    assert classify([EXPECTED[0][:10]], ["表1在第11行处被截断"], "truncate").outcome == (
        "right_prefix"
    )
    assert classify([EXPECTED[0], EXPECTED[0], EXPECTED[1]], [], "double").outcome == (
        "silent_wrong"
    )
