"""Every target of the sample's two tables parses; the 44 of 2025 to a stated spec."""

from __future__ import annotations

import pytest

from planwatch.model import Comparator, TableRole, TargetKind
from planwatch.phrases import parse_actual, parse_target

G, L, INC, Q, EXT = "growth", "level", "increment", "qualitative", "external"
GE, LE, APPROX, EQ, NONE = "ge", "le", "approx", "eq", "none"

# (序号, kind, comparator, value, unit) as a reader of 表2 understands each target.
PLAN_2025 = [
    (1, G, GE, 5, "%"),
    (2, Q, NONE, None, None),
    (3, Q, NONE, None, None),
    (4, G, APPROX, 5.5, "%"),
    (5, Q, NONE, None, None),
    (6, Q, NONE, None, None),
    (7, G, APPROX, 0, "%"),
    (8, L, APPROX, 2, "%"),
    (9, L, EQ, 55, "%"),
    (10, L, EQ, 48.4, "%"),
    (11, Q, NONE, None, None),
    (12, L, GE, 18_500, "家"),
    (13, "direction", NONE, None, None),
    (14, EXT, NONE, None, None),
    (15, INC, APPROX, 200, "家"),
    (16, G, APPROX, 7, "%"),
    (17, L, APPROX, 4.2, "%"),
    (18, G, APPROX, 8, "%"),
    (19, L, APPROX, 1.15e11, "元"),
    (20, L, GE, 55, "件"),
    (21, L, EQ, 1400, "人"),
    (22, L, EQ, 71.1, "%"),
    (23, L, GE, 200_000, "人"),
    (24, L, EQ, 4_240_000, "人"),
    (25, L, GE, 90, "%"),
    (26, L, EQ, 11_550_000, "人"),
    (27, EXT, NONE, None, None),
    (28, L, EQ, 4.5, "个"),
    (29, L, EQ, 20, "%"),
    (30, L, EQ, 7.5, "张"),
    (31, L, APPROX, 3.7, "人"),
    (32, "relative", APPROX, None, None),
    (33, "direction", NONE, None, None),
    (34, L, EQ, 350_000, "人"),
    (35, EXT, NONE, None, None),
    (36, EXT, NONE, None, None),
    (37, EXT, NONE, None, None),
    (38, EXT, NONE, None, None),
    (39, L, EQ, 95, "%"),
    (40, EXT, NONE, None, None),
    (41, EXT, NONE, None, None),
    (42, EXT, NONE, None, None),
    (43, "compound", NONE, None, None),
    (44, "event_count", EQ, 0, "起"),
]


@pytest.fixture
def plan_rows(sample_doc):
    return {row.no: row for row in sample_doc.table_for(TableRole.PLAN, 2025).rows}


@pytest.mark.parametrize(("no", "kind", "comparator", "value", "unit"), PLAN_2025)
def test_2025_target(plan_rows, no, kind, comparator, value, unit):
    spec = parse_target(plan_rows[no].target)
    assert (spec.kind, spec.comparator) == (TargetKind(kind), Comparator(comparator))
    if value is None:
        assert spec.value is None
    else:
        assert (spec.value.value, spec.value.unit) == (pytest.approx(value), unit)


def test_all_44_targets_of_2025_are_stated(plan_rows):
    assert sorted(plan_rows) == [no for no, *_ in PLAN_2025]


def test_2025_details_a_reader_expects(plan_rows):
    assert parse_target(plan_rows[25].target).basis == "新口径"
    assert parse_target(plan_rows[13].target).trend == "up"
    assert parse_target(plan_rows[33].target).trend == "down"
    assert parse_target(plan_rows[32].target).reference == "经济增长"
    assert [p.kind for p in parse_target(plan_rows[43].target).parts] == [Q, EXT]


def test_no_phrase_of_the_sample_is_unknown(sample_doc):
    for table in sample_doc.tables:
        for row in table.rows:
            assert parse_target(row.target).kind is not TargetKind.UNKNOWN, row.target
            if row.actual:
                assert parse_actual(row.actual).note is None, row.actual
