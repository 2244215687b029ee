"""Column roles from header words in their many forms, and data rows that merely contain one.

Each header form is checked alone (``read_header``) and in a real table written to a text
file and read back (``read_document``); each has a negative twin: the same word inside a data
cell, which must neither make its row a header nor start a new table.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.ingest import read_document
from planwatch.ingest.columns import ColumnRole, is_header, read_header, role_of

TITLE = "关于江州市2023年国民经济和社会发展计划执行情况的报告\n\n"


@pytest.mark.parametrize(
    ("label", "role"),
    [
        ("预期目标", ColumnRole.TARGET),
        ("计划目标", ColumnRole.TARGET),
        ("年度目标", ColumnRole.TARGET),
        ("目标", ColumnRole.TARGET),
        ("2023年预期目标", ColumnRole.TARGET),
        ("全年目标", ColumnRole.TARGET),
        ("2019年目标增长(%)", ColumnRole.TARGET),
        ("完成情况", ColumnRole.ACTUAL),
        ("实绩", ColumnRole.ACTUAL),
        ("实际完成", ColumnRole.ACTUAL),
        ("完成", ColumnRole.ACTUAL),
        ("全年完成情况", ColumnRole.ACTUAL),
        ("1-6月完成", ColumnRole.ACTUAL),
        ("2023年完成/增长（%）", ColumnRole.ACTUAL),
        ("单位", ColumnRole.UNIT),
        ("计量单位", ColumnRole.UNIT),
        ("指标属性", ColumnRole.NATURE),
        ("属性", ColumnRole.NATURE),
        ("责任单位", ColumnRole.DEPARTMENT),
        ("牵头单位", ColumnRole.DEPARTMENT),
        ("责任（牵头）部门", ColumnRole.DEPARTMENT),
        ("指 标 名 称", ColumnRole.NAME),
        ("序号", ColumnRole.NO),
        ("类别", ColumnRole.CATEGORY),
        ("2023年预计完成", ColumnRole.ACTUAL),
        ("全年计划", ColumnRole.TARGET),
        ("2024年预期增长(%)", ColumnRole.TARGET),
        ("牵头责任部门", ColumnRole.DEPARTMENT),
        ("指标内容", ColumnRole.NAME),
    ],
)
def test_header_word_names_its_role(label: str, role: ColumnRole) -> None:
    assert role_of(label.replace(" ", "")) is role
    assert read_header(["指标名称", label])[1].role is role


@pytest.mark.parametrize("growth", ["增速", "增长(%)", "±%", "增速（%）", "比上年增长%"])
def test_a_lone_growth_column_is_the_growth_of_the_value_before_it(growth: str) -> None:
    columns = read_header(["指标", "单位", "目标", "完成", growth])
    target, actual, part = columns[2:]
    assert (target.role, target.part) == (ColumnRole.TARGET, None)
    assert (actual.role, actual.part) == (ColumnRole.ACTUAL, "absolute")
    assert (part.role, part.part, part.unit) == (ColumnRole.ACTUAL, "growth", "%")


@pytest.mark.parametrize("growth", ["增速", "±%"])
def test_negative_twin_a_growth_column_after_the_unit_has_no_value_role(growth: str) -> None:
    columns = read_header(["指标", "单位", growth, "目标"])
    assert columns[2].role is None and columns[3].part is None


@pytest.mark.parametrize(
    "header",
    [
        ["序号", "指标", "单位", "目标", "完成", "±%"],
        ["指标名称", "单位", "2023年预期目标", "全年完成情况", "牵头单位"],
        ["指标名称", "计划目标", "实际完成", "责任单位"],
        ["项目", "年度目标", "1-6月完成"],
    ],
)
def test_header_rows_are_headers(header: list[str]) -> None:
    assert is_header(header)


@pytest.mark.parametrize(
    "row",
    [
        ["3", "重点项目", "亿元", "计划500", "完成520"],
        ["主要污染物排放总量指标", "万吨", "完成省下达目标", "完成"],
        ["1", "城镇新增就业目标", "万人", "1.2", "1.35"],
        ["2", "项目投资完成额", "亿元", "增长8%", "增长9.1%"],
    ],
)
def test_negative_twin_a_data_row_holding_header_words_is_not_a_header(row: list[str]) -> None:
    assert not is_header(row)


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(TITLE + body, encoding="utf-8")
    return path


PLUS_MINUS = """表1 2023年主要指标完成情况
序号 | 指标 | 单位 | 目标 | 完成 | ±% | 牵头单位 |
1 | 地区生产总值 | 亿元 | 增长6%左右 | 8029.8 | 5.2 | 市发展改革委 |
2 | 一般公共预算收入 | 亿元 | 增长5% | 612.4 | -2.1 | 市财政局 |
3 | 城镇新增就业 | 万人 | 1.2 | 1.35 | — | 市人力资源社会保障局 |
"""


def test_a_table_with_a_plus_minus_column_and_departments(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, PLUS_MINUS))
    rows = [(r.no, r.name, r.target, r.actual, r.department) for r in doc.tables[0].rows]
    assert rows == [
        (1, "地区生产总值", "增长6%左右", "8029.8亿元，增长5.2%", "市发展改革委"),
        (2, "一般公共预算收入", "增长5%", "612.4亿元，下降2.1%", "市财政局"),
        (3, "城镇新增就业", "1.2", "1.35万人", "市人力资源社会保障局"),
    ]
    assert doc.tables[0].rows[0].actual_parts == {"absolute": "8029.8", "growth": "5.2"}
    assert doc.warnings == []


def test_negative_twin_a_row_of_header_words_inside_the_table_stays_a_row(tmp_path: Path) -> None:
    body = """表1 2023年重点项目完成情况
序号 | 指标名称 | 单位 | 年度目标 | 全年完成情况 | 责任单位 |
1 | 重点项目 | 个 | 计划 | 完成 | 市发展改革委 |
2 | 主要污染物排放总量指标 | 万吨 | 完成省下达目标 | 完成 | 市生态环境局 |
3 | 城镇新增就业 | 万人 | 1.2 | 1.35 | 市人力资源社会保障局 |
"""
    doc = read_document(_write(tmp_path, body))
    assert len(doc.tables) == 1
    rows = [(r.no, r.name, r.target, r.actual, r.department) for r in doc.tables[0].rows]
    assert rows == [
        (1, "重点项目", "计划", "完成", "市发展改革委"),
        (2, "主要污染物排放总量指标", "完成省下达目标", "完成", "市生态环境局"),
        (3, "城镇新增就业", "1.2", "1.35", "市人力资源社会保障局"),
    ]


def test_one_cell_per_line_header_with_a_growth_line(tmp_path: Path) -> None:
    """Each cell on its own line: the ``增速`` line belongs to the header, not the rows."""
    cells = ["指标名称", "单位", "目标", "完成", "增速", "地区生产总值", "亿元", "增长6%左右"]
    cells += ["8029.8", "5.2", "城镇新增就业", "万人", "1.2", "1.35", "—"]
    body = "表1 2023年主要指标完成情况\n" + "\n".join(cells) + "\n\n总体来看，完成较好。\n"
    doc = read_document(_write(tmp_path, body))
    rows = [(r.name, r.unit, r.target, r.actual) for r in doc.tables[0].rows]
    assert rows == [
        ("地区生产总值", "亿元", "增长6%左右", "8029.8亿元，增长5.2%"),
        ("城镇新增就业", "万人", "1.2", "1.35万人"),
    ]


def test_an_estimate_of_last_year_beside_this_years_target_is_a_plan_table(tmp_path: Path) -> None:
    body = """表2 2024年主要指标预期目标
指标名称 | 单位 | 2023年预计完成 | 2024年预期目标 | 牵头责任部门 |
地区生产总值 | % | 5.5 | 5左右 | 市发展改革委 |
"""
    table = read_document(_write(tmp_path, body)).tables[0]
    row = table.rows[0]
    assert (table.role.value, table.year) == ("plan", 2024)
    assert (row.previous, row.target, row.actual, row.department) == (
        "5.5",
        "5左右",
        None,
        "市发展改革委",
    )
