"""The Excel tables: opened with openpyxl, checked for merges, widths, numbers and phrases."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from planwatch.model import PlanDocument
from planwatch.report import write_report
from planwatch.report.layout import as_number
from planwatch.report.xlsx_writer import ROW_PADDING, display_width


@pytest.fixture(scope="module")
def sheet_2024(_sample_doc_cached: PlanDocument, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("xlsx") / "表1.xlsx"
    write_report(_sample_doc_cached, out, year=2024)
    return load_workbook(out).active


def test_caption_header_and_45_numbered_rows(sheet_2024) -> None:
    assert sheet_2024["A1"].value == "表1  2024年苏州市经济社会发展主要预期目标完成情况"
    assert [c.value for c in sheet_2024[2]] == [
        "指标分类",
        "序号",
        "指标名称",
        "预期目标",
        "完成情况",
    ]
    numbers = [sheet_2024.cell(row=r, column=2).value for r in range(3, 3 + 45)]
    assert numbers == list(range(1, 46)) and sheet_2024.max_row == 2 + 45
    assert sheet_2024.freeze_panes == "A3"


def test_category_cells_are_merged(sheet_2024) -> None:
    merged = sorted(
        str(r) for r in sheet_2024.merged_cells.ranges if r.min_col == 1 and r.min_row > 1
    )
    assert merged == sorted(
        ["A3:A10", "A11:A18", "A19:A26", "A27:A35", "A36:A38", "A39:A44", "A45:A47"]
    )
    assert sheet_2024["A27"].value == "公共服务能力（9个）"
    assert sheet_2024["A45"].value == "安全保障水平（3个）"


@pytest.mark.parametrize(
    ("cell", "value", "number_format"),
    [("D24", 0.709, "0.0%"), ("E24", 0.709, "0.0%"), ("D27", 0.95, "0%"), ("E10", 0.002, "0.0%")],
)
def test_purely_numeric_cells_are_numbers_printed_as_in_the_report(
    sheet_2024, cell, value, number_format
) -> None:
    assert sheet_2024[cell].value == pytest.approx(value)
    assert sheet_2024[cell].number_format == number_format


@pytest.mark.parametrize(
    ("cell", "phrase"),
    [
        ("D3", "增长5%以上"),
        ("E12", "待省反馈"),
        ("C17", "国家级专精特新“小巨人”企业数"),
        ("E27", "95%以上"),
        ("C42", "省考地表水达到或优于Ⅲ类水体比例"),
        ("E47", "重特大生产安全责任事故起数为0"),
    ],
)
def test_other_phrases_are_kept_as_printed(sheet_2024, cell, phrase) -> None:
    assert sheet_2024[cell].value == phrase


def test_column_widths_fit_the_chinese_text(sheet_2024) -> None:
    name_width = sheet_2024.column_dimensions["C"].width
    assert name_width >= display_width("每万人口高价值发明专利拥有量") + 2
    assert sheet_2024.column_dimensions["B"].width < 10 < name_width
    # the longest name wraps onto a second line, and its row is tall enough to show it
    longest = "全社会研究与试验发展经费支出占地区生产总值的比重"
    assert sheet_2024["C19"].value == longest and sheet_2024["C19"].alignment.wrap_text
    assert display_width(longest) > name_width
    # (every row has the same padding around its lines)
    heights = sheet_2024.row_dimensions
    assert heights[19].height - ROW_PADDING == 2 * (heights[3].height - ROW_PADDING)


@pytest.mark.parametrize(
    ("text", "value", "fmt"),
    [("70.9%", 0.709, "0.0%"), ("1350", 1350, "0"), ("7.1", 7.1, "0.0"), ("增长6%", None, None)],
)
def test_as_number(text, value, fmt) -> None:
    number = as_number(text)
    if value is None:
        assert number is None
    else:
        assert number is not None and (number.value, number.number_format) == (value, fmt)


def test_plan_table_sheet(sample_doc: PlanDocument, tmp_path: Path) -> None:
    write_report(sample_doc, tmp_path / "t.xlsx", year=2025)
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet.title == "表2" and sheet["E2"].value == "指标属性"
    assert sheet.max_row == 2 + 44 and sheet["E38"].value == "约束性"
    assert sheet["D27"].value == "90%以上（新口径）"
