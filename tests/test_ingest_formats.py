"""Word, Excel, HTML and PDF reports, read by content, and the sample's tables round-tripped.

The writers (test_ingest_formats_writers.py) put the sample's two tables into each format
with merged category cells; reading them back must give the same rows. PDFs are made with
reportlab's built-in Chinese font (STSong-Light), ruled with a grid and a repeated header.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from planwatch.errors import NotAPlanReport, UnsupportedDocument
from planwatch.ingest import read_bytes, read_document
from planwatch.model import Nature, TableRole
from test_ingest_formats_writers import BINARY_WRITERS, TEXT_WRITERS

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


def key(doc) -> list[list[tuple]]:
    return [[(r.no, r.category, r.name, r.target, r.actual) for r in t.rows] for t in doc.tables]


@pytest.mark.parametrize("fmt", sorted(BINARY_WRITERS))
def test_sample_round_trip_through_format(fmt, sample_doc, tmp_path):
    path = BINARY_WRITERS[fmt](sample_doc, tmp_path / f"sample.{fmt}")
    doc = read_document(path)
    assert key(doc) == key(sample_doc)
    assert [t.declared_counts for t in doc.tables] == [t.declared_counts for t in sample_doc.tables]
    assert [(t.role, t.year) for t in doc.tables] == [
        (TableRole.REVIEW, 2024),
        (TableRole.PLAN, 2025),
    ]
    assert (doc.title, doc.jurisdiction, doc.date) == (
        sample_doc.title,
        sample_doc.jurisdiction,
        sample_doc.date,
    )
    assert [c.split()[0] for c in (t.caption for t in doc.tables)] == ["表1", "表2"]


@pytest.mark.parametrize("layout", sorted(TEXT_WRITERS))
def test_sample_round_trip_through_text_layout(layout, sample_doc):
    doc = read_bytes(TEXT_WRITERS[layout](sample_doc).encode(), f"{layout}.txt")
    assert key(doc) == key(sample_doc)
    assert doc.warnings == []


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf", "html"])
def test_format_is_chosen_by_content_not_name(fmt, sample_doc, tmp_path):
    path = BINARY_WRITERS[fmt](sample_doc, tmp_path / f"report.{fmt}")
    misnamed = path.rename(tmp_path / "download.txt")
    assert len(read_document(misnamed).tables[0].rows) == 45


def test_docx_multi_line_and_merged_cells(sample_doc, tmp_path):
    path = BINARY_WRITERS["docx"](sample_doc, tmp_path / "sample.docx")
    row = read_document(path).tables[0].row_named("新增高新技术企业数")
    assert (row.category, row.target) == ("现代产业体系", "净增1500家以上，总量增长10%")


def test_html_two_level_header_rowspan_colspan_and_page_chrome():
    doc = read_document(LAYOUTS / "two_level.html")
    assert doc.title.startswith("关于江州市2023年") and doc.authority == "江州市发展和改革委员会"
    assert [s.number for s in doc.sections] == ["一、", "二、"]
    gdp, industry, jobs = doc.tables[0].rows
    assert (gdp.category, gdp.unit, gdp.nature) == ("经济发展", "亿元", Nature.EXPECTED)
    assert (gdp.target, gdp.actual) == ("增长6%左右", "6235.1亿元，增长5.8%")
    assert gdp.actual_parts == {"absolute": "6235.1", "growth": "5.8"}
    assert (industry.category, industry.actual) == ("经济发展", "增长7.4%")
    assert (jobs.category, jobs.target, jobs.actual) == ("民生保障", "10万人", "11.2万人")
    assert "注：地区生产总值增速按可比价计算。" in doc.sections[0].text
    assert doc.warnings == []


def test_html_saved_half_way_keeps_complete_rows():
    doc = read_document(LAYOUTS / "two_level_cut.html")
    assert [r.name for r in doc.tables[0].rows] == ["地区生产总值"]
    assert "表1在第2行处被截断" in doc.warnings[0]


def test_xlsx_numbers_print_as_their_format_shows(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标名称", "单位", "预期目标", "完成情况"])
    sheet.append(["城镇调查失业率", "%", 5.5, 0.048])
    sheet["C2"].number_format, sheet["D2"].number_format = "0.0", "0.0%"
    sheet.append(["新增就业", "万人", 1.2, 1.35])
    book.save(tmp_path / "t.xlsx")
    rows = read_document(tmp_path / "t.xlsx").tables[0].rows
    assert [(r.target, r.actual) for r in rows] == [("5.5", "4.8%"), ("1.2", "1.35")]


def _docx_with(paragraphs: list[str], path: Path) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "项目", "说明"
    document.save(path)
    return path


def test_docx_without_indicator_table_is_not_a_report(tmp_path):
    path = _docx_with(["关于召开会议的通知"], tmp_path / "notice.docx")
    with pytest.raises(NotAPlanReport, match="未找到指标表"):
        read_document(path)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 40, "压缩包"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40, "另存为 .docx 或 .xlsx"),
        (b"%PDF-1.4\n%broken", "PDF 文件已损坏"),
    ],
)
def test_broken_binary_files_get_a_clear_message(data, message):
    with pytest.raises(UnsupportedDocument, match=message):
        read_bytes(data, "bad.bin")


def test_pdf_without_text_is_refused_as_a_scan(tmp_path):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.rect(100, 100, 200, 100)  # lines, no text: what a scanned page gives pdfplumber
    page.save()
    with pytest.raises(UnsupportedDocument, match="扫描件"):
        read_bytes(buffer.getvalue(), "scan.pdf")


def test_every_reader_is_described_in_the_docs():
    from planwatch.ingest import READERS

    docs = (Path(__file__).parent.parent / "docs" / "ingest.md").read_text(encoding="utf-8")
    assert [r.name for r in READERS if f"| {r.name} |" not in docs] == []
