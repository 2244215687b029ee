"""Word and Excel reports that print like official documents (issue #15, items 2 and 3).

The files are written from the bundled sample and read back as XML: what a printer sees is
page setup, fields, row properties and widths, so that is what is checked. Pagination itself
is done by Word, WPS or LibreOffice; where the writer decides it (Excel's page breaks) the test
re-paginates from the row heights in the file.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from planwatch.ingest import read_document
from planwatch.model import PlanDocument, TableRole
from planwatch.report import write_report
from planwatch.report.build import ReportContent
from planwatch.report.docx_writer import (
    SHORT_PHRASE_EM,
    TEXT_WIDTH_MM,
    cell_lines,
    column_widths,
    fits_on_a_page,
    text_em,
    text_mm,
    write_docx,
)
from planwatch.report.layout import CategoryGroup, LayoutRow, TableLayout
from planwatch.report.xlsx_writer import (
    A4_INCHES,
    DEFAULT_ROW_POINTS,
    FIRST_DATA_ROW,
    LINE_POINTS,
    ROW_PADDING,
    SIDE_MARGIN,
    TOP_MARGIN,
    column_pixels,
    display_width,
    fitted_scale,
    write_xlsx,
)

PHRASE = "同口径增长4%左右"  # broke as 同口径增长4%/左右 in a narrow 目标 column


@pytest.fixture(scope="module")
def full_docx(_sample_doc_cached: PlanDocument, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("print") / "report.docx"
    write_report(_sample_doc_cached, out, year=2024, full=True, status=True)
    return Document(str(out))


@pytest.fixture(scope="module")
def full_book(_sample_doc_cached: PlanDocument, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("print") / "report.xlsx"
    write_report(_sample_doc_cached, out, year=2024, full=True, status=True)
    return load_workbook(out)


def _paragraphs_of_row(row) -> list:
    return [p for tc in row._tr.iterchildren(qn("w:tc")) for p in tc.iterchildren(qn("w:p"))]


def _keeps_with_next(row) -> bool:
    paragraphs = _paragraphs_of_row(row)
    return all(p.pPr is not None and p.pPr.find(qn("w:keepNext")) is not None for p in paragraphs)


# ---------------------------------------------------------------- Word


def test_footer_numbers_pages_as_di_x_ye_gong_y_ye(full_docx) -> None:
    footer = full_docx.sections[0].footer
    assert not footer.is_linked_to_previous
    xml = footer._element
    codes = [t.text.strip() for t in xml.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]
    kinds = [f.get(qn("w:fldCharType")) for f in xml.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"] * 2
    words = "".join(t.text for t in xml.iter(qn("w:t")))
    assert words == "第 1 页 共 1 页"  # the fields' placeholders, replaced when laid out


def test_rows_never_split_and_the_header_repeats(full_docx) -> None:
    rows = full_docx.tables[0].rows
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
    assert [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in rows].count(True) == 1
    assert rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_each_category_group_is_kept_on_one_page(full_docx) -> None:
    """Within a merged group every row keeps with the next; the group's last row does not,
    so a page break can only fall between groups and never leaves a blank category cell."""
    table = full_docx.tables[0]
    rows = table.rows
    tops = [r for r in range(1, len(rows)) if rows[r]._tr.tc_lst[0].vMerge != "continue"]
    assert len(tops) == 7  # the seven categories, each written once in its merged cell
    ends = [*tops[1:], len(rows)]
    for first, after in zip(tops, ends, strict=True):
        assert all(_keeps_with_next(rows[r]) for r in range(first, after - 1))
        assert not _keeps_with_next(rows[after - 1])
        assert all(table.cell(r, 0)._tc is table.cell(first, 0)._tc for r in range(first, after))


def _long_group_layout(count: int) -> TableLayout:
    """A review table whose second category is longer than a page (a county's long list)."""
    rows = [
        LayoutRow(
            no=n, name=f"第{n}项指标名称较长需要换行显示", target="增长5%以上", actual="增长6%"
        )
        for n in range(1, count + 1)
    ]
    return TableLayout(
        "表1  2024年苏州市经济社会发展主要预期目标完成情况",
        TableRole.REVIEW,
        2024,
        ["指标分类", "序号", "指标名称", "预期目标", "完成情况"],
        [CategoryGroup("经济发展实力", rows[:3]), CategoryGroup("公共服务能力", rows[3:])],
    )


def test_a_group_taller_than_a_page_restates_its_category_on_every_row(tmp_path: Path) -> None:
    layout = _long_group_layout(63)
    content = ReportContent("长分类", layout)
    write_docx(content, tmp_path / "long.docx")
    table = Document(str(tmp_path / "long.docx")).tables[0]
    rows = table.rows
    # the short group is merged and kept together as in the sample ...
    assert table.cell(1, 0)._tc is table.cell(3, 0)._tc and _keeps_with_next(rows[1])
    # ... the long one is not merged: each row names its category, later rows in grey
    column = [table.cell(r, 0) for r in range(4, len(rows))]
    assert len({id(cell._tc) for cell in column}) == len(column) == 60
    assert column[0].text.replace("\n", "") == "公共服务能力（60个）"
    assert all(cell.text == "公共服务能力" for cell in column[1:])
    colours = {r.get(qn("w:val")) for cell in column[1:] for r in cell._tc.iter(qn("w:color"))}
    assert colours == {"808080"}
    assert not any(_keeps_with_next(rows[r]) for r in range(4, len(rows)))
    assert not any(row._tr.tc_lst[0].vMerge for row in rows[4:])
    # and it still reads back as one category of 60 rows
    [read] = read_document(tmp_path / "long.docx").tables
    assert read.declared_counts == {"经济发展实力": 3, "公共服务能力": 60}
    assert [r.category for r in read.rows] == ["经济发展实力"] * 3 + ["公共服务能力"] * 60


def test_the_sample_groups_each_fit_on_a_page(_sample_doc_cached: PlanDocument) -> None:
    from planwatch.report.build import build_report

    layout = build_report(_sample_doc_cached, 2024, status=True).layout
    widths = column_widths(layout.columns, _texts(layout))
    assert all(fits_on_a_page(layout, group, widths) for group in layout.groups)
    assert not fits_on_a_page(_long_group_layout(63), _long_group_layout(63).groups[1], widths)


def _texts(layout: TableLayout) -> dict[str, list[str]]:
    return {
        column: [layout.cells(g, r)[i] for g in layout.groups for r in g.rows]
        for i, column in enumerate(layout.columns)
    }


def _grid_mm(document) -> list[float]:
    grid = document.tables[0]._tbl.tblGrid
    return [int(col.get(qn("w:w"))) * 25.4 / 1440 for col in grid.iter(qn("w:gridCol"))]


@pytest.mark.parametrize("status", [False, True])
def test_short_phrases_fit_their_column_on_one_line(
    _sample_doc_cached: PlanDocument, tmp_path: Path, status: bool
) -> None:
    write_report(_sample_doc_cached, tmp_path / "t.docx", year=2024, status=status)
    document = Document(str(tmp_path / "t.docx"))
    header = [c.text for c in document.tables[0].rows[0].cells]
    widths = dict(zip(header, _grid_mm(document), strict=True))
    assert sum(widths.values()) == pytest.approx(TEXT_WIDTH_MM, abs=0.5)
    assert widths["预期目标"] >= text_mm(PHRASE) and cell_lines(PHRASE, widths["预期目标"]) == 1
    for index, column in enumerate(header):
        if column in ("预期目标", "完成情况"):  # every phrase up to 8.5 em is kept on one line
            short = [r.cells[index].text for r in document.tables[0].rows[1:]]
            short = [t for t in short if text_em(t) <= SHORT_PHRASE_EM]
            assert len(short) > 30 and all(text_mm(t) <= widths[column] for t in short)
    assert widths["指标名称"] >= 30  # the names still get a usable width
    assert widths["指标分类"] >= text_mm("指标分类")  # the header is not broken either
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert PHRASE in cells  # the phrase the widths were checked for is in this table


def test_cells_have_inner_margins(full_docx) -> None:
    margins = full_docx.tables[0]._tbl.tblPr.find(qn("w:tblCellMar"))
    widths = {m.tag.split("}")[1]: int(m.get(qn("w:w"))) for m in margins}
    assert widths["left"] >= 80 and widths["right"] >= 80  # ≥ 1.4 mm from the borders
    assert widths["top"] > 0 and widths["bottom"] > 0
    children = [c.tag.split("}")[1] for c in full_docx.tables[0]._tbl.tblPr]
    assert children.index("tblBorders") < children.index("tblCellMar")  # schema order


def test_charts_follow_the_text_from_a_new_page_each_with_its_caption(full_docx) -> None:
    paragraphs = full_docx.paragraphs
    pictures = [p for p in paragraphs if p._p.xpath(".//pic:pic")]
    assert len(pictures) == 7
    assert pictures[0].paragraph_format.page_break_before
    assert all(p.paragraph_format.keep_with_next for p in pictures)
    texts = [p.text for p in paragraphs]
    last_text = texts.index(next(t for t in texts if t.startswith("未完成的指标")))
    assert paragraphs.index(pictures[0]) > last_text
    for number, picture in enumerate(pictures, start=1):
        caption = paragraphs[paragraphs.index(picture) + 1].text
        assert caption.startswith(f"图{number}　2024年")


# ---------------------------------------------------------------- Excel


def _widths(sheet) -> list[float]:
    return [sheet.column_dimensions[chr(65 + i)].width for i in range(sheet.max_column)]


@pytest.mark.parametrize(("year", "status"), [(2024, True), (2024, False), (2025, False)])
def test_table_sheet_prints_landscape_at_ten_points_or_more(
    _sample_doc_cached: PlanDocument, tmp_path: Path, year: int, status: bool
) -> None:
    write_report(_sample_doc_cached, tmp_path / "t.xlsx", year=year, status=status)
    sheet = load_workbook(tmp_path / "t.xlsx").active
    setup = sheet.page_setup
    assert (setup.orientation, int(setup.paperSize)) == ("landscape", 9)  # 9: A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$2:$2"  # the header row repeats on every page
    size = sheet["C3"].font.size
    scale = fitted_scale(_widths(sheet), landscape=True)
    assert size * scale >= 10, (size, scale)
    # the same columns fitted to a portrait page would print too small: landscape matters
    assert size * fitted_scale(_widths(sheet), landscape=False) < size * scale
    assert "&P" in sheet.oddFooter.center.text and "&N" in sheet.oddFooter.center.text


def test_category_labels_fit_their_column_unbroken(full_book) -> None:
    sheet = full_book["表1"]
    labels = [
        sheet.cell(row=r.min_row, column=1).value
        for r in sheet.merged_cells.ranges
        if r.min_col == 1 and r.min_row >= FIRST_DATA_ROW
    ]
    assert "经济发展实力（8个）" in labels and len(labels) == 7
    width = sheet.column_dimensions["A"].width
    assert all(display_width(label) + 1 <= width for label in labels)


def test_rows_are_padded_evenly(full_book) -> None:
    sheet = full_book["表1"]
    heights = [sheet.row_dimensions[r].height for r in range(FIRST_DATA_ROW, sheet.max_row + 1)]
    assert all((h - ROW_PADDING) % LINE_POINTS == 0 for h in heights)
    assert heights.count(LINE_POINTS + ROW_PADDING) > 30  # most rows: one line, one height
    assert sheet.row_dimensions[2].height == LINE_POINTS + ROW_PADDING
    names = [sheet.cell(row=r, column=3) for r in range(FIRST_DATA_ROW, sheet.max_row + 1)]
    assert all(c.alignment.horizontal == "left" and c.alignment.indent >= 1 for c in names)


def test_no_category_group_is_split_by_a_printed_page(full_book) -> None:
    """Re-paginate from the file: a manual break before a group that would not fit, and no
    page holding more than a page's height."""
    sheet = full_book["表1"]
    starts = sorted(
        r.min_row
        for r in sheet.merged_cells.ranges
        if r.min_col == 1 and r.min_row >= FIRST_DATA_ROW
    )
    breaks = [b.id for b in sheet.row_breaks.brk]
    assert breaks and all(b + 1 in starts for b in breaks)
    scale = fitted_scale(_widths(sheet))
    page = (A4_INCHES[0] - 2 * TOP_MARGIN) * 72 / scale
    header = sheet.row_dimensions[2].height
    bounds = [0, *breaks, sheet.max_row]
    for number, (first, last) in enumerate(pairwise(bounds)):
        rows = range(first + 1, last + 1)
        height = sum(sheet.row_dimensions[r].height for r in rows)
        assert height + (header if number else 0) <= page, number


def test_notes_sheet_wraps_within_a_portrait_page_in_the_workbooks_fonts(full_book) -> None:
    sheet = full_book["完成情况说明"]
    printable = (A4_INCHES[0] - 2 * sheet.page_margins.left) * 96
    assert column_pixels(sheet.column_dimensions["A"].width) * 1.25 <= printable  # room to spare
    assert sheet.page_setup.orientation == "portrait"
    cells = [sheet.cell(row=r, column=1) for r in range(1, sheet.max_row + 1)]
    assert all(c.alignment.wrap_text for c in cells)
    fonts = {c.font.name for c in cells}
    assert fonts == {"宋体", "黑体"} and fonts <= {
        c.font.name for c in full_book["表1"]["A2":"F3"][0] + full_book["表1"]["A2":"F3"][1]
    }
    paragraph = next(c for c in cells if str(c.value).startswith("对照"))
    assert sheet.row_dimensions[paragraph.row].height > 10 * sheet.row_dimensions[1].height / 2


def test_chart_sheet_captions_each_chart_and_breaks_pages_between_them(full_book) -> None:
    sheet = full_book["图表"]
    images = sorted(sheet._images, key=lambda image: image.anchor._from.row)
    assert len(images) == 7
    breaks = {b.id for b in sheet.row_breaks.brk}
    assert breaks  # seven charts do not fit on one page
    page = (A4_INCHES[1] - 2 * TOP_MARGIN) * 72
    width_px = (A4_INCHES[0] - 2 * SIDE_MARGIN) * 96
    used, page_start = 0.0, 1
    for number, image in enumerate(images, start=1):
        anchor = image.anchor._from.row + 1  # 1-based row of the image's top
        caption = sheet.cell(row=anchor - 1, column=1).value
        assert caption.startswith(f"图{number}　2024年") and caption.endswith("指标完成情况")
        size = image.anchor.ext  # as placed on the sheet, in EMU (914400 an inch)
        width, height = size.width / 914400 * 96, size.height / 914400 * 96
        rows = -(-int(height * 72 / 96) // DEFAULT_ROW_POINTS)
        assert 500 < width <= width_px
        # no break inside the caption or the image's rows
        assert not any(anchor - 1 <= b < anchor + rows - 1 for b in breaks), number
        if anchor - 2 in breaks:
            used, page_start = 0.0, anchor - 1
        used = sum(sheet.row_dimensions[r].height or 15 for r in range(page_start, anchor + rows))
        assert used <= page, number
    assert sheet.page_setup.scale == 100 and not sheet.sheet_properties.pageSetUpPr.fitToPage


def test_excel_restates_the_category_of_a_group_taller_than_a_page(tmp_path: Path) -> None:
    write_xlsx(ReportContent("长分类", _long_group_layout(63)), tmp_path / "long.xlsx")
    sheet = load_workbook(tmp_path / "long.xlsx").active
    merged = [str(r) for r in sheet.merged_cells.ranges if r.min_row >= FIRST_DATA_ROW]
    assert merged == ["A3:A5"]  # the short group only
    column = [sheet.cell(row=r, column=1) for r in range(6, 6 + 60)]
    assert column[0].value == "公共服务能力（60个）"
    assert all(c.value == "公共服务能力" for c in column[1:])
    assert {c.font.color.rgb for c in column[1:]} == {"00808080"}
    [read] = read_document(tmp_path / "long.xlsx").tables
    assert read.declared_counts == {"经济发展实力": 3, "公共服务能力": 60}
