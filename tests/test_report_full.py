"""The full report (--full) and the status column, in Word, HTML and Excel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from planwatch.model import PlanDocument
from planwatch.report import write_report

SUMMARY = "45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成。"


@pytest.fixture(scope="module")
def full_docx(_sample_doc_cached: PlanDocument, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("full") / "report.docx"
    write_report(_sample_doc_cached, out, year=2024, full=True, status=True)
    return Document(str(out))


def test_full_docx_holds_caption_table_narrative_summary_then_charts_in_order(full_docx) -> None:
    texts = [p.text for p in full_docx.paragraphs]
    assert texts[0] == "苏州市2024年国民经济和社会发展计划主要指标完成情况"
    assert texts[1] == "表1  2024年苏州市经济社会发展主要预期目标完成情况"
    heading = texts.index("（一）主要计划目标完成情况")
    assert texts[heading + 1].startswith("对照市十七届人大三次会议确定的45个主要指标年度目标：")
    assert texts[heading + 2] == SUMMARY
    assert texts[heading + 3].startswith("未完成的指标（2项）：固定资产投资")
    order = [
        heading,
        texts.index("图1　2024年经济发展实力指标完成情况"),
        texts.index("图7　2024年安全保障水平指标完成情况"),
    ]
    assert order == sorted(order) and texts[-1] == "图7　2024年安全保障水平指标完成情况"
    assert len(full_docx.inline_shapes) == 7


def test_status_column_is_coloured(full_docx) -> None:
    table = full_docx.tables[0]
    assert table.rows[0].cells[-1].text == "完成状态"
    investment = table.rows[3].cells
    assert (investment[2].text, investment[-1].text) == ("固定资产投资", "未完成")
    shading = investment[-1]._tc.tcPr.find(qn("w:shd"))
    assert shading.get(qn("w:fill")) == "FFEBEE"
    statuses = [row.cells[-1].text for row in table.rows[1:]]
    assert statuses.count("完成") == 36 and statuses.count("待反馈") == 3


def test_full_docx_paragraphs_declare_cjk_fonts(full_docx) -> None:
    fonts = {
        run._element.rPr.rFonts.get(qn("w:eastAsia"))
        for paragraph in full_docx.paragraphs
        for run in paragraph.runs
        if run.text
    }
    assert fonts == {"宋体", "黑体", "仿宋", "楷体"}


def test_full_html_embeds_svg_charts_and_narrative(sample_doc: PlanDocument, tmp_path: Path):
    write_report(sample_doc, tmp_path / "r.html", year=2024, full=True, status=True)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 7 and page.count("<figcaption>") == 7
    assert SUMMARY in page and "（一）主要计划目标完成情况" in page
    assert 'class="status status-not_met">未完成<' in page
    assert "<script" not in page and "<metadata>" not in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//|url\((?!#)""", page)  # offline: no asset


def test_full_xlsx_adds_notes_and_charts(sample_doc: PlanDocument, tmp_path: Path) -> None:
    write_report(sample_doc, tmp_path / "r.xlsx", year=2024, full=True, status=True)
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["表1", "完成情况说明", "图表"]
    assert book["表1"]["F5"].value == "未完成"
    assert book["表1"]["F5"].fill.fgColor.rgb.endswith("FFEBEE")
    assert book["完成情况说明"]["A2"].value == SUMMARY
    assert len(book["图表"]._images) == 7


def test_markdown_full_has_narrative(sample_doc: PlanDocument, tmp_path: Path) -> None:
    write_report(sample_doc, tmp_path / "r.md", year=2024, full=True)
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert text.startswith("# 苏州市2024年国民经济和社会发展计划主要指标完成情况")
    assert SUMMARY in text and "## （一）主要计划目标完成情况" in text
