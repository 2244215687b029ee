"""The Excel table: merged category cells, frozen header, Chinese-width columns, real numbers.

A cell that is purely a number (``70.9%``, ``1350``) is stored as a number whose format prints
exactly the report's phrase, so the sheet can be summed and charted; every other phrase
(``增长5%以上``, ``待省反馈``) is kept as printed text. Text is written through ``put_text``: one
that a spreadsheet would take for a formula (``=HYPERLINK(…)``, ``-3.3个百分点``) is stored as
a string with Excel's quote prefix, so it is shown exactly as printed and never evaluated.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

from planwatch.report.build import ReportContent
from planwatch.report.cells import formula_like
from planwatch.report.layout import STATUS_COLOURS, STATUS_TINTS, TableLayout, as_number
from planwatch.textclean import strip_controls

TABLE_FONT = "宋体"
HEADER_FONT = "黑体"
NUMERIC_COLUMNS = {"预期目标", "完成情况"}
CENTRED = {"指标分类", "序号", "预期目标", "完成情况", "指标属性", "完成状态"}
# Widest a column grows (in Excel's character units); longer phrases wrap onto more lines.
MAX_WIDTH = {"指标分类": 12, "指标名称": 36, "预期目标": 26, "完成情况": 28}
LINE_POINTS = 15  # the height of one wrapped line of 11 pt text
FIRST_DATA_ROW = 3  # row 1 the caption, row 2 the header


def display_width(text: str) -> int:
    """Columns a string takes in Excel: full-width (CJK) characters count double."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def put_text(cell, text: str | None) -> None:
    """A text cell that stays text: never a formula, never a control character XML refuses
    (a plan stored before the readers removed them still exports)."""
    if text is None:
        return
    text = strip_controls(text)
    cell.value = text
    if formula_like(text):
        cell.data_type = "s"  # openpyxl made "=…" a formula: write it as the string it is
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited


def _widths(layout: TableLayout) -> list[float]:
    widths: list[float] = []
    for index, column in enumerate(layout.columns):
        texts = [column] + [layout.cells(g, r)[index] for g in layout.groups for r in g.rows]
        wanted = max(display_width(t) for t in texts) + 2
        widths.append(min(wanted, MAX_WIDTH.get(column, 40)))
    return widths


def _row_heights(sheet, layout: TableLayout, widths: list[float]) -> None:
    """Heights that show every wrapped line: Excel and LibreOffice do not grow a row for
    wrapped text in a file they open, so a long phrase would otherwise be cut off."""
    row_index = FIRST_DATA_ROW
    for group in layout.groups:
        for row in group.rows:
            cells = zip(layout.columns, layout.cells(group, row), widths, strict=True)
            lines = max(
                -(-display_width(text) // max(int(width) - 1, 1))
                for column, text, width in cells
                if column != "指标分类"
            )
            sheet.row_dimensions[row_index].height = LINE_POINTS * max(lines, 1)
            row_index += 1


def _table_sheet(sheet, layout: TableLayout) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    columns = len(layout.columns)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
    caption = sheet.cell(row=1, column=1)
    put_text(caption, layout.caption)
    caption.font = Font(name=HEADER_FONT, size=14, bold=True)
    caption.alignment = Alignment(horizontal="center", vertical="center")
    sheet.row_dimensions[1].height = 30
    for col, column in enumerate(layout.columns, start=1):
        cell = sheet.cell(row=2, column=col)
        put_text(cell, column)
        cell.font = Font(name=HEADER_FONT, size=11, bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    row_index = FIRST_DATA_ROW
    for group in layout.groups:
        for row in group.rows:
            for col, (column, text) in enumerate(
                zip(layout.columns, layout.cells(group, row), strict=True), start=1
            ):
                cell = sheet.cell(row=row_index, column=col)
                number = as_number(text) if column in NUMERIC_COLUMNS else None
                if column == "序号" and row.no is not None:
                    cell.value = row.no
                elif number is not None:
                    cell.value, cell.number_format = number.value, number.number_format
                elif column != "指标分类" or row is group.rows[0]:
                    put_text(cell, text)
                cell.font = Font(name=TABLE_FONT, size=11)
                cell.alignment = Alignment(
                    horizontal="center" if column in CENTRED else "left",
                    vertical="center",
                    wrap_text=True,
                )
                cell.border = border
                if column == "完成状态" and row.status is not None:
                    cell.font = Font(
                        name=TABLE_FONT, size=11, bold=True, color=STATUS_COLOURS[row.status]
                    )
                    cell.fill = PatternFill("solid", fgColor=STATUS_TINTS[row.status])
            row_index += 1
        first = row_index - len(group.rows)
        if len(group.rows) > 1:
            sheet.merge_cells(start_row=first, start_column=1, end_row=row_index - 1, end_column=1)
    widths = _widths(layout)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    _row_heights(sheet, layout, widths)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _notes_sheet(sheet, content: ReportContent) -> None:
    """Summary, narrative and the not-met list, one wrapped paragraph per row."""
    from openpyxl.styles import Alignment, Font

    narrative = content.narrative
    texts = (
        [
            content.title,
            narrative.summary,
            narrative.heading,
            narrative.paragraph,
            narrative.shortfalls,
        ]
        if narrative
        else [content.title]
    )
    sheet.column_dimensions["A"].width = 100
    for index, text in enumerate(t for t in texts if t):
        cell = sheet.cell(row=index + 1, column=1)
        put_text(cell, text)
        cell.font = Font(name="仿宋", size=12, bold=index in (0, 2))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[index + 1].height = max(20, 16 * (display_width(text) // 95 + 1))


def _charts_sheet(sheet, content: ReportContent) -> None:
    from openpyxl.drawing.image import Image

    row = 1
    for chart in content.charts:
        image = Image(io.BytesIO(chart.image("png")))
        image.width, image.height = image.width * 0.5, image.height * 0.5
        sheet.add_image(image, f"A{row}")
        row += int(image.height / 20) + 2


def write_xlsx(content: ReportContent, out: Path, templates: Path | None = None) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = content.layout.caption.split()[0][:31] if content.layout.caption else "指标表"
    _table_sheet(sheet, content.layout)
    if content.full and content.narrative:
        _notes_sheet(workbook.create_sheet("完成情况说明"), content)
    if content.full and content.charts:
        _charts_sheet(workbook.create_sheet("图表"), content)
    workbook.save(str(out))
