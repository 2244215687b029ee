"""The Word tables: opened with python-docx, checked cell by cell against the sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from planwatch.model import PlanDocument
from planwatch.report import write_report

REVIEW_HEADER = ["指标分类", "序号", "指标名称", "预期目标", "完成情况"]
CATEGORIES_2024 = [
    ("经济发展实力（8个）", 1, 8),
    ("现代产业体系（8个）", 9, 16),
    ("科教人才支撑（8个）", 17, 24),
    ("公共服务能力（9个）", 25, 33),
    ("人民共同富裕（3个）", 34, 36),
    ("绿色转型发展（6个）", 37, 42),
    ("安全保障水平（3个）", 43, 45),
]


@pytest.fixture(scope="module")
def table_2024(_sample_doc_cached: PlanDocument, tmp_path_factory: pytest.TempPathFactory):
    """Written once for the module: the tests only read it."""
    out = tmp_path_factory.mktemp("docx") / "表1.docx"
    write_report(_sample_doc_cached, out, year=2024)
    return Document(str(out))


def test_review_table_has_header_and_45_rows(table_2024) -> None:
    table = table_2024.tables[0]
    assert [c.text for c in table.rows[0].cells] == REVIEW_HEADER
    assert len(table.rows) == 1 + 45
    assert [int(row.cells[1].text) for row in table.rows[1:]] == list(range(1, 46))


@pytest.mark.parametrize(("label", "first", "last"), CATEGORIES_2024)
def test_category_cells_are_merged_with_their_count(table_2024, label, first, last) -> None:
    table = table_2024.tables[0]
    top = table.cell(first, 0)
    assert top.text.replace("\n", "") == label
    assert all(table.cell(r, 0)._tc is top._tc for r in range(first, last + 1))
    if last < 45:
        assert table.cell(last + 1, 0)._tc is not top._tc


@pytest.mark.parametrize(
    ("row", "name", "target", "actual"),
    [
        (
            5,
            "进出口总额",
            "占全省全国比重保持稳定",
            "占全省比重基本持平，占全国比重提升0.1个百分点",
        ),
        (15, "国家级专精特新“小巨人”企业数", "新增150家以上", "新增206家"),
        (33, "每千人口执业（助理）医师数", "3.6人", "3.7人"),
        (40, "省考地表水达到或优于Ⅲ类水体比例", "95%", "97.5%"),
        (45, "安全生产", "不发生重特大生产安全责任事故", "重特大生产安全责任事故起数为0"),
    ],
)
def test_cells_keep_the_exact_phrases(table_2024, row, name, target, actual) -> None:
    assert [c.text for c in table_2024.tables[0].rows[row].cells[2:]] == [name, target, actual]


def test_every_run_declares_an_east_asian_font(table_2024) -> None:
    normal = table_2024.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    runs = [r for c in table_2024.tables[0]._cells for p in c.paragraphs for r in p.runs]
    assert runs and all(r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs)
    assert {r._element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs} == {"宋体", "黑体"}


def test_a4_caption_above_header_repeats_and_borders(table_2024) -> None:
    section = table_2024.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert table_2024.paragraphs[0].text == "表1  2024年苏州市经济社会发展主要预期目标完成情况"
    body = table_2024.element.body
    assert body.index(table_2024.paragraphs[0]._p) < body.index(table_2024.tables[0]._tbl)
    rows = table_2024.tables[0].rows
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[1:])
    borders = table_2024.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"} and len(borders) == 6


def test_plan_table_marks_binding_and_expected(sample_doc: PlanDocument, tmp_path: Path) -> None:
    write_report(sample_doc, tmp_path / "表2.docx", year=2025)
    table = Document(str(tmp_path / "表2.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells] == [*REVIEW_HEADER[:4], "指标属性"]
    assert len(table.rows) == 1 + 44
    natures = [row.cells[4].text for row in table.rows[1:]]
    assert natures.count("约束性") == 6 and natures.count("预期性") == 38
    assert [c.text for c in table.rows[41].cells[2:]] == [
        "批而未供和闲置土地利用率",
        "完成省下达任务",
        "约束性",
    ]
