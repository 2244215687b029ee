"""Big tables (issue 17): the name index finds what the scan found, and ``bulk`` restores gc."""

from __future__ import annotations

import gc

import pytest

from planwatch.assess import assess_row, assess_table, find_reference
from planwatch.assess.engine import _NameIndex
from planwatch.bulk import bulk
from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import PlanTable


def _big_table(copies: int) -> PlanTable:
    """The sample's 表1 repeated; every other copy renamed, so names repeat and differ."""
    table = read_document(SAMPLE_REPORT).tables[0]
    rows = [
        row.model_copy(update={"name": ("甲乙丙丁"[k % 4] + "区" if k % 2 else "") + row.name})
        for k in range(copies)
        for row in table.rows
    ]
    return table.model_copy(update={"rows": rows})


def test_a_big_table_is_judged_as_row_by_row_with_the_scan() -> None:
    table = _big_table(10)  # 450 rows: the index is used
    assert len(table.rows) > 200
    by_scan = [assess_row(row, table) for row in table.rows]
    assert assess_table(table) == by_scan
    relative = [a for a in by_scan if a.target and a.target.kind.value == "relative"]
    assert relative, "the sample has relative targets (与经济增长基本同步)"


@pytest.mark.parametrize(
    "reference", ["经济增长", "地区生产总值增幅", "甲区地区生产总值", "无此指标"]
)
def test_the_index_finds_the_first_row_the_scan_finds(reference: str) -> None:
    table = _big_table(6)
    index = _NameIndex(table)
    for exclude in (None, table.rows[0], table.rows[45 + 0]):
        assert index.find(reference, exclude) is find_reference(table, reference, exclude)


def test_bulk_restores_the_collector_even_on_error() -> None:
    before = gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()
    with pytest.raises(RuntimeError), bulk():
        assert gc.get_threshold()[0] >= 100_000
        with bulk():  # nested: the outer one restores
            pass
        assert gc.get_threshold()[0] >= 100_000
        raise RuntimeError
    assert (gc.get_threshold(), gc.get_freeze_count(), gc.isenabled()) == before
