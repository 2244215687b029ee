"""Phrases typed by hand from the real documents of ../shared/corpus (tests/fixtures/phrases/
real_phrases.tsv): every phrase the grammar reads must be read as the expectation says; a
phrase it cannot read is unknown (never a different reading), and the share it reads is
tracked. benchmarks/bench_coverage.py prints the figure and the list of the rest.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from planwatch.model import ActualSpec, Quality, TargetKind, TargetSpec
from planwatch.phrases import parse_actual, parse_target

TSV = Path(__file__).parent / "fixtures" / "phrases" / "real_phrases.tsv"


@dataclass(frozen=True)
class Row:
    source: str
    role: str
    indicator: str
    phrase: str
    kind: str
    comparator: str
    value: float | None
    unit: str | None
    note: str


def load_rows(path: Path = TSV) -> list[Row]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    next(reader)
    return [
        Row(s, r, i, p, k, c, float(v) if v else None, u or None, n)
        for s, r, i, p, k, c, v, u, n in reader
    ]


ROWS = load_rows()
Leaf = tuple[str, float, str | None]  # comparator, value, unit


def leaves(spec: TargetSpec | ActualSpec) -> list[Leaf]:
    """Every number a spec holds, with how it bounds, in order."""
    found = []
    for quantity in (spec.value, getattr(spec, "growth", None)):
        if quantity is not None:
            found.append((spec.comparator.value, round(quantity.value, 6), quantity.unit))
    for part in spec.parts:
        found += leaves(part)
    return found


def reading(row: Row) -> tuple[str, list[Leaf]] | None:
    """The kind and numbers read, or ``None`` when the grammar says it cannot read the phrase."""
    if row.role == "target":
        spec = parse_target(row.phrase)
        if spec.kind is TargetKind.UNKNOWN:
            return None
        return spec.kind.value, leaves(spec)
    actual = parse_actual(row.phrase)
    if actual.quality in (Quality.UNKNOWN, Quality.PENDING):
        return None
    numbers = leaves(actual)
    if not numbers and actual.kind is TargetKind.UNKNOWN:
        return ("qualitative", []) if actual.verdict else None  # a verdict, or only a rank
    kind = "compound" if len(numbers) > 1 else actual.kind.value
    return kind, numbers


def agrees(row: Row, read: tuple[str, list[Leaf]]) -> bool:
    kind, numbers = read
    if row.kind == "compound":
        if kind != "compound":
            return False
    elif kind != row.kind:
        return False
    if row.value is None:
        return not numbers or row.kind == "compound"
    wanted = (round(row.value, 6), row.unit)
    return any(
        (value, unit) == wanted and (c == row.comparator or row.kind == "compound")
        for c, value, unit in numbers
    )


@pytest.mark.parametrize("row", ROWS, ids=lambda r: f"{r.source}:{r.phrase}")
def test_a_real_phrase_is_read_as_expected_or_said_unknown(row):
    read = reading(row)
    if row.kind == "unknown":
        assert read is None, read  # the real documents' own negative twins
    elif read is not None:
        assert agrees(row, read), (row, read)


def test_the_grammar_reads_most_real_phrases():
    """Regression floor; the measured figure is in docs/benchmarks.md."""
    wanted = [row for row in ROWS if row.kind != "unknown"]
    read = [row for row in wanted if reading(row) is not None]
    assert len(ROWS) >= 250 and len({row.source for row in ROWS}) >= 25
    assert len(read) / len(wanted) >= 0.88
