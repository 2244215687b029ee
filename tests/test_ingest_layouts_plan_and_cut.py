"""A plan list's last-year column is not an actual; a text ending inside a table says so.

``上年完成`` beside ``本年计划`` is last year's result: kept as ``previous``, never ``actual``,
so a plan list has nothing to assess. A Word table exported to text has no mark that closes a
row, so a text that ends inside the table may have lost the end of its last cell.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.ingest import SAMPLE_REPORT, read_bytes, read_document
from planwatch.model import IndicatorRow, TableRole

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def test_plan_list_keeps_last_year_as_previous_and_no_actual():
    table = read_document(LAYOUTS / "plan_list.txt").tables[0]
    rd = table.row_named("研究与试验发展经费投入强度")
    assert (rd.target, rd.previous, rd.actual) == ("2.4%", "2.31%", None)
    assert all(row.actual is None and row.actual_parts is None for row in table.rows)
    assert table.row_named("城镇新增就业").previous == "0.82万人"


def test_same_year_columns_review_and_year_before_columns_plan():
    plan, review = (read_document(LAYOUTS / n).tables[0] for n in ("pipes.txt", "pipes_review.txt"))
    assert [(t.role, t.year) for t in (plan, review)] == [
        (TableRole.PLAN, 2023),
        (TableRole.REVIEW, 2022),
    ]
    assert [r.previous for r in plan.rows] == [r.actual for r in review.rows]
    assert review.rows[0].actual == "8029.8亿元，增长3.7%" and review.rows[0].previous is None


def test_previous_is_left_out_of_dumps_when_unset():
    assert set(IndicatorRow(name="地区生产总值", actual="增长6%").model_dump()) == {
        "no", "category", "name", "unit", "nature", "target", "actual", "department"
    }  # fmt: skip
    row = IndicatorRow(name="城镇新增就业", previous="0.82万人")
    assert row.model_dump()["previous"] == "0.82万人" and "previous_parts" not in row.model_dump()


def test_assess_on_a_plan_list_finds_no_table_with_actuals(cli):
    result = cli("assess", str(LAYOUTS / "plan_list.txt"))
    assert result.returncode == 6
    assert "报告中没有带完成情况的指标表" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def _sample_head(lines: int) -> bytes:
    text = SAMPLE_REPORT.read_text(encoding="utf-8")
    return "\n".join(text.split("\n")[:lines]).encode()


def test_text_ending_inside_a_cell_warns_about_the_last_row():
    doc = read_bytes(_sample_head(113), "cut.txt")  # stops after 净增1500家以上， of row 12
    last = doc.tables[0].rows[-1]
    assert (last.no, last.actual) == (12, "净增1500家以上，")  # kept, as read
    assert doc.warnings[0] == (
        "表1在第12行处可能被截断：文字在表格中结束，最后一行“12、新增高新技术企业数、"
        "净增1500家以上，总量增长10%、净增1500家以上，”已保留，但其最后一个单元格可能不完整"
    )


@pytest.mark.parametrize("lines", [60, 113, 200, 352])
def test_every_cut_inside_the_table_is_warned_about(lines):
    warnings = read_bytes(_sample_head(lines), "cut.txt").warnings
    assert any("截断" in w for w in warnings)


def test_the_complete_sample_and_a_table_followed_by_prose_do_not_warn():
    assert read_document(SAMPLE_REPORT).warnings == []
    assert read_bytes(_sample_head(650), "whole_tables.txt").warnings == []
