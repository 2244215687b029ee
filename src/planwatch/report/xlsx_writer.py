"""The Excel table: merged category cells, frozen header, Chinese-width columns, real numbers.

A cell that is purely a number (``70.9%``, ``1350``) is stored as a number whose format prints
exactly the report's phrase, so the sheet can be summed and charted; every other phrase
(``增长5%以上``, ``待省反馈``) is kept as printed text. Text is written through ``put_text``: one
that a spreadsheet would take for a formula (``=HYPERLINK(…)``, ``-3.3个百分点``) is stored as
a string with Excel's quote prefix, so it is shown exactly as printed and never evaluated.
"""

from __future__ import annotations

import io
from pathlib import Path

from planwatch.linebreak import display_width  # Excel counts full-width characters double too
from planwatch.report.build import ReportContent
from planwatch.report.cells import formula_like
from planwatch.report.layout import (
    STATUS_COLOURS,
    STATUS_TINTS,
    CategoryGroup,
    LayoutRow,
    TableLayout,
    as_number,
)
from planwatch.textclean import strip_controls

TABLE_FONT = "宋体"
HEADER_FONT = "黑体"
NUMERIC_COLUMNS = {"预期目标", "完成情况"}
CENTRED = {"指标分类", "序号", "预期目标", "完成情况", "指标属性", "完成状态"}
# Widest a column grows (in Excel's character units); longer phrases wrap onto more lines.
# The category column is as wide as its label (``经济发展实力（8个）`` never breaks inside the
# bracket); the sum stays within a landscape A4 page at 100 %, so print keeps 11 pt.
MAX_WIDTH = {"指标分类": 22, "指标名称": 40, "预期目标": 26, "完成情况": 28}
TABLE_POINTS = 11
LINE_POINTS = 15  # the height of one wrapped line of 11 pt text
ROW_PADDING = 6  # points above and below the text of a row, the same on every row
FIRST_DATA_ROW = 3  # row 1 the caption, row 2 the header
# Page setup, in inches as openpyxl and Excel take them.
SIDE_MARGIN, TOP_MARGIN = 0.4, 0.6
A4_INCHES = (210 / 25.4, 297 / 25.4)
PAGE_NUMBERS = "第 &P 页 共 &N 页"  # Excel's header/footer codes: page, number of pages
# 72 units: 509 px where the default font's digit is 7 px (Calibri), still within the page
# where a substitute font makes it wider (LibreOffice without Calibri takes about 9 px).
NOTES_FONT, NOTES_POINTS, NOTES_WIDTH = TABLE_FONT, 12, 72
CHART_SCALE = 0.75  # 768 px charts shown 576 px wide: 152 mm, within portrait A4's margins
DEFAULT_ROW_POINTS = 15
CAPTION_POINTS = 24


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


def column_pixels(width: float) -> int:
    """A column's printed width in pixels at 96 dpi, as Excel converts character units."""
    return int(width * 7 + 5)


def fitted_scale(widths: list[float], landscape: bool = True) -> float:
    """The scale "fit to page width" prints at (1.0 when the columns already fit): the table's
    font prints at ``TABLE_POINTS`` times this, which must stay at 10 pt or more."""
    page = A4_INCHES[1] if landscape else A4_INCHES[0]
    printable = (page - 2 * SIDE_MARGIN) * 96
    return min(1.0, printable / sum(column_pixels(w) for w in widths))


def _lines(text: str, width: float) -> int:
    return max(1, -(-display_width(text) // max(int(width) - 1, 1)))


def _row_points(
    layout: TableLayout, group: CategoryGroup, row: LayoutRow, widths: list[float]
) -> float:
    """A row's height: its wrapped lines (the merged category cell aside) and the padding."""
    cells = zip(layout.columns, layout.cells(group, row), widths, strict=True)
    lines = max(_lines(text, width) for column, text, width in cells if column != "指标分类")
    return LINE_POINTS * lines + ROW_PADDING


def _page_points(widths: list[float]) -> float:
    """The printable height of a landscape page, in the sheet's (unscaled) points."""
    return ((A4_INCHES[0] - 2 * TOP_MARGIN) * 72 - 12) / fitted_scale(widths)


def _too_tall(layout: TableLayout, group: CategoryGroup, widths: list[float]) -> bool:
    """A group that cannot be printed on one page under its repeated header."""
    height = sum(_row_points(layout, group, row, widths) for row in group.rows)
    return height + LINE_POINTS + ROW_PADDING > _page_points(widths)


def _row_heights(sheet, layout: TableLayout, widths: list[float]) -> None:
    """Heights that show every wrapped line: Excel and LibreOffice do not grow a row for
    wrapped text in a file they open, so a long phrase would otherwise be cut off. Every row
    gets the same padding, so rows of one line are all of one height."""
    sheet.row_dimensions[2].height = LINE_POINTS + ROW_PADDING
    row_index = FIRST_DATA_ROW
    for group in layout.groups:
        for row in group.rows:
            sheet.row_dimensions[row_index].height = _row_points(layout, group, row, widths)
            row_index += 1


def _group_breaks(sheet, layout: TableLayout, widths: list[float]) -> None:
    """A page break before a category group that would not fit on what is left of the page,
    so a printed page never starts with the blank rest of a merged category cell."""
    from openpyxl.worksheet.pagebreak import Break

    page = _page_points(widths)
    header = sheet.row_dimensions[2].height
    used = sheet.row_dimensions[1].height + header
    row_index = FIRST_DATA_ROW
    for group in layout.groups:
        rows = range(row_index, row_index + len(group.rows))
        height = sum(sheet.row_dimensions[r].height for r in rows)
        if used + height > page and used > header and height + header <= page:
            sheet.row_breaks.append(Break(id=row_index - 1))
            used = header  # the header row is printed again at the top of the new page
        used += height
        row_index += len(group.rows)


def _page_setup(sheet, *, landscape: bool, fit_width: bool = True) -> None:
    """A4, narrow side margins, centred, page numbers in the footer; fitted to the width."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    margins = sheet.page_margins
    margins.left = margins.right = SIDE_MARGIN
    margins.top = margins.bottom = TOP_MARGIN
    margins.header = margins.footer = 0.3
    sheet.print_options.horizontalCentered = True
    sheet.oddFooter.center.text = PAGE_NUMBERS
    sheet.oddFooter.center.font = TABLE_FONT
    if fit_width:
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True


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
    widths = _widths(layout)
    row_index = FIRST_DATA_ROW
    for group in layout.groups:
        # A group taller than a page is not merged: its category is re-stated, grey, on every
        # row after the first, so each printed page names it (as in the Word table).
        tall = _too_tall(layout, group, widths)
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
                elif tall:
                    put_text(cell, group.name)
                muted = tall and column == "指标分类" and row is not group.rows[0]
                cell.font = Font(
                    name=TABLE_FONT, size=TABLE_POINTS, color="808080" if muted else None
                )
                cell.alignment = Alignment(
                    horizontal="center" if column in CENTRED else "left",
                    indent=0 if column in CENTRED else 1,  # text clear of the left border
                    vertical="center",
                    wrap_text=True,
                )
                cell.border = border
                if column == "完成状态" and row.status is not None:
                    cell.font = Font(
                        name=TABLE_FONT,
                        size=TABLE_POINTS,
                        bold=True,
                        color=STATUS_COLOURS[row.status],
                    )
                    cell.fill = PatternFill("solid", fgColor=STATUS_TINTS[row.status])
            row_index += 1
        first = row_index - len(group.rows)
        if len(group.rows) > 1 and not tall:
            sheet.merge_cells(start_row=first, start_column=1, end_row=row_index - 1, end_column=1)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    _row_heights(sheet, layout, widths)
    _group_breaks(sheet, layout, widths)
    sheet.freeze_panes = f"A{FIRST_DATA_ROW}"
    sheet.print_title_rows = "2:2"
    _page_setup(sheet, landscape=True)


def _notes_sheet(sheet, content: ReportContent) -> None:
    """Title, narrative, summary and the not-met list, one wrapped paragraph per row, in the
    workbook's fonts (黑体 headings, 宋体 text) and as wide as a portrait A4 page prints."""
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
    sheet.column_dimensions["A"].width = NOTES_WIDTH
    # Hanzi per line: a 12 pt hanzi is 16 px; the cell keeps a few px of margin.
    per_line = (column_pixels(NOTES_WIDTH) - 10) // round(NOTES_POINTS * 96 / 72)
    for index, text in enumerate(t for t in texts if t):
        cell = sheet.cell(row=index + 1, column=1)
        put_text(cell, text)
        heading = index in (0, 2)
        cell.font = Font(name=HEADER_FONT if heading else NOTES_FONT, size=NOTES_POINTS)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        lines = -(-display_width(text) // (2 * per_line))
        sheet.row_dimensions[index + 1].height = NOTES_POINTS * 1.4 * max(lines, 1) + ROW_PADDING
    _page_setup(sheet, landscape=False)


def _charts_sheet(sheet, content: ReportContent) -> None:
    """Each chart under its caption (图1　…), with a page break before a chart that would not
    fit on what is left of the page, so no chart is printed over two pages."""
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.pagebreak import Break

    _page_setup(sheet, landscape=False, fit_width=False)
    sheet.page_setup.scale = 100
    sheet.column_dimensions["A"].width = 80
    page_points = (A4_INCHES[1] - 2 * TOP_MARGIN) * 72 - 12  # a little room for rounding
    row, used = 1, 0.0
    for number, chart in enumerate(content.charts, start=1):
        image = Image(io.BytesIO(chart.image("png")))
        image.width, image.height = image.width * CHART_SCALE, image.height * CHART_SCALE
        image_rows = -(-int(image.height * 72 / 96) // DEFAULT_ROW_POINTS) + 1
        needed = CAPTION_POINTS + image_rows * DEFAULT_ROW_POINTS
        if used and used + needed > page_points:
            sheet.row_breaks.append(Break(id=row - 1))
            used = 0.0
        caption = sheet.cell(row=row, column=1)
        put_text(caption, f"图{number}　{chart.title}")
        caption.font = Font(name=HEADER_FONT, size=12)
        caption.alignment = Alignment(vertical="center")
        sheet.row_dimensions[row].height = CAPTION_POINTS
        for offset in range(1, image_rows + 1):
            sheet.row_dimensions[row + offset].height = DEFAULT_ROW_POINTS
        sheet.add_image(image, f"A{row + 1}")
        row += 1 + image_rows
        used += needed


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
