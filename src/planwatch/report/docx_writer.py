"""The Word report: a table a DRC officer can paste into the year's report, or a full draft.

Government reports are A4 with 仿宋 body text and 宋体 tables (GB/T 9704 habits). Word and WPS
choose the font of Chinese characters from the ``w:eastAsia`` attribute, not from the font name
python-docx sets (that is the Latin font), so every style and run declares it, with
``w:hint="eastAsia"`` so that “” and （） are set full-width in the CJK font too.
"""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from planwatch.report.build import ReportContent
from planwatch.report.layout import STATUS_COLOURS, STATUS_TINTS, CategoryGroup, TableLayout
from planwatch.textclean import strip_controls

LATIN_FONT = "Times New Roman"
FONTS = {
    "title": "宋体",
    "heading": "楷体",
    "body": "仿宋",
    "caption": "黑体",
    "table": "宋体",
    "table_header": "黑体",
}
SIZES_PT = {"title": 22, "heading": 16, "body": 16, "caption": 14, "table": 10.5}
# Column widths in mm. Narrow columns are fixed; the phrase columns share what is left of the
# text width of A4 with the margins below (156 mm) in these proportions.
TEXT_WIDTH_MM = 156
FIXED_MM = {"指标分类": 19, "序号": 12, "指标属性": 18, "完成状态": 20}
SHARED_MM = {"指标名称": 49, "预期目标": 36, "完成情况": 40}
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
CENTRED = {"指标分类", "序号", "预期目标", "完成情况", "指标属性", "完成状态"}


def column_widths(columns: list[str]) -> dict[str, float]:
    """Widths in mm that fill the text width whichever optional columns are present."""
    free = TEXT_WIDTH_MM - sum(FIXED_MM.get(c, 0) for c in columns)
    shares = {c: SHARED_MM[c] for c in columns if c in SHARED_MM}
    total = sum(shares.values())
    return {c: FIXED_MM[c] if c in FIXED_MM else free * shares[c] / total for c in columns}


def category_lines(label: str) -> list[str]:
    """``经济发展实力（8个）`` → 经济/发展/实力/（8个）, as the official table's narrow cell."""
    name, bracket, count = label.partition("（")
    lines = [name[i : i + 2] for i in range(0, len(name), 2)]
    return lines + ([bracket + count] if bracket else [])


def set_run_font(run, east_asia: str, size: float | None = None, bold: bool | None = None):
    """Latin font by name, CJK font by ``w:eastAsia``: what Word and WPS actually read."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = LATIN_FONT
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    return run


def _set_style_font(style, east_asia: str, size: float) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = LATIN_FONT
    style.font.size = Pt(size)
    rpr = style.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), east_asia)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def new_page(document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    _set_style_font(document.styles["Normal"], FONTS["body"], SIZES_PT["body"])


def paragraph(
    document, text: str, font: str, size: float, *, bold=False, centre=False, indent=False
):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    para = document.add_paragraph()
    if centre:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:
        para.paragraph_format.first_line_indent = Pt(size * 2)
        para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    set_run_font(para.add_run(strip_controls(text)), font, size, bold)
    return para


def simple_table(
    document, header: list[str], rows: list[list[str]], weights: list[float] | None = None
) -> None:
    """A bordered table with a repeating header, the text width shared by ``weights`` (equal
    by default) and a narrow first column when it is a 序号 (a bulletin's tables)."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    narrow = 10 if header[0] == "序号" else None
    weights = list(weights or [1.0] * len(header))
    if narrow:
        weights[0] = 0
    scale = (TEXT_WIDTH_MM - (narrow or 0)) / sum(weights)
    widths = [w * scale for w in weights]
    if narrow:
        widths[0] = narrow
    for grid, width in zip(table.columns, widths, strict=True):
        grid.width = Mm(width)
    for index, (row, texts) in enumerate(zip(table.rows, [header, *rows], strict=True)):
        _row_properties(row, header=index == 0)
        for cell, text, width in zip(row.cells, texts, widths, strict=True):
            _write_cell(cell, text, width, header=index == 0, centre=width == narrow)


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _run_xml(text: str, font: str, *, bold=False, colour: str | None = None, br=False) -> str:
    """One table run as WordprocessingML. Cells are written as XML, not through python-docx's
    property setters, which walk the tree on every call and made a 45-row table cost most of a
    second; the markup is the same that ``set_run_font`` produces."""
    size = round(SIZES_PT["table"] * 2)
    props = (
        f'<w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}" w:eastAsia="{font}"'
        ' w:hint="eastAsia"/>'
        + ("<w:b/>" if bold else "")
        + (f'<w:color w:val="{colour}"/>' if colour else "")
        + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    )
    return (
        f"<w:r><w:rPr>{props}</w:rPr>{'<w:br/>' if br else ''}"
        f'<w:t xml:space="preserve">{escape(strip_controls(text))}</w:t></w:r>'
    )


def _write_cell(cell, text: str, width: float, *, header=False, centre=False, status=None):
    """Width, vertical centring, shading and the runs of one cell (lines split at ``\\n``)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    fill = "F2F2F2" if header else STATUS_TINTS[status] if status is not None else None
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    tc = cell._tc
    if tc.tcPr is not None:
        tc.remove(tc.tcPr)
    tc.insert(
        0,
        parse_xml(
            f'<w:tcPr {nsdecls("w")}><w:tcW w:w="{_twips(width)}" w:type="dxa"/>{shading}'
            '<w:vAlign w:val="center"/></w:tcPr>'
        ),
    )
    font = FONTS["table_header"] if header else FONTS["table"]
    colour = STATUS_COLOURS[status] if status is not None else None
    runs = "".join(
        _run_xml(line, font, bold=header or status is not None, colour=colour, br=index > 0)
        for index, line in enumerate(text.split("\n"))
    )
    centred = '<w:jc w:val="center"/>' if header or centre else ""
    paragraph = parse_xml(
        f'<w:p {nsdecls("w")}><w:pPr><w:spacing w:before="0" w:after="0"/>{centred}</w:pPr>'
        f"{runs}</w:p>"
    )
    tc.replace(tc.p_lst[0], paragraph)


def _row_properties(row, *, header: bool) -> None:
    """Rows never split over pages; the header row repeats on each page (``w:tblHeader``)."""
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))
    if header:
        tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))


# Children of w:tblPr that must come after w:tblBorders (Word rejects out-of-order XML).
_AFTER_BORDERS = ("shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


def _borders(table) -> None:
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        attrs = {
            "w:val": "single",
            "w:sz": "6" if edge.startswith("inside") else "8",
            "w:space": "0",
            "w:color": "000000",
        }
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn(k): v for k, v in attrs.items()}))
    later = [child for child in tbl_pr if child.tag in {qn(f"w:{t}") for t in _AFTER_BORDERS}]
    if later:
        later[0].addprevious(borders)
    else:
        tbl_pr.append(borders)


def _merge_category(cells: list, group: CategoryGroup, first: int, width: float) -> None:
    """Write the category into its group's first cell, then merge the column down."""
    top = cells[first]
    _write_cell(top, "\n".join(category_lines(group.label)), width, centre=True)
    if len(group.rows) > 1:
        top.merge(cells[first + len(group.rows) - 1])


def add_table(document, layout: TableLayout) -> None:
    """Caption above, then the bordered table with merged category cells."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm

    caption = paragraph(
        document, layout.caption, FONTS["caption"], SIZES_PT["caption"], centre=True
    )
    caption.paragraph_format.keep_with_next = True
    table = document.add_table(rows=1 + len(layout.rows), cols=len(layout.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    widths = column_widths(layout.columns)
    for column, grid in zip(layout.columns, table.columns, strict=True):
        grid.width = Mm(widths[column])  # w:gridCol: LibreOffice and WPS lay out by it
    rows = table.rows
    _row_properties(rows[0], header=True)
    for column, cell in zip(layout.columns, rows[0].cells, strict=True):
        _write_cell(cell, column, widths[column], header=True)
    first_column = [rows[0].cells[0]]
    index = 1
    for group in layout.groups:
        for offset, row in enumerate(group.rows):
            cells = rows[index + offset].cells
            first_column.append(cells[0])
            _row_properties(rows[index + offset], header=False)
            texts = layout.cells(group, row)
            for column, cell, text in zip(layout.columns[1:], cells[1:], texts[1:], strict=True):
                status = row.status if column == "完成状态" else None
                _write_cell(cell, text, widths[column], centre=column in CENTRED, status=status)
        _merge_category(first_column, group, index, widths["指标分类"])
        index += len(group.rows)


def _add_charts(document, content: ReportContent) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    for number, chart in enumerate(content.charts, start=1):
        document.add_picture(io.BytesIO(chart.image("png")), width=Mm(150))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph(document, f"图{number}　{chart.title}", FONTS["caption"], 12, centre=True)


def write_docx(content: ReportContent, out: Path, templates: Path | None = None) -> None:
    """The table alone, or with ``full`` the title, table, summary, charts and narrative."""
    from docx import Document

    document = Document()
    new_page(document)
    if content.full:
        paragraph(
            document, content.title, FONTS["title"], SIZES_PT["title"], bold=True, centre=True
        )
    add_table(document, content.layout)
    narrative = content.narrative
    if narrative:
        paragraph(document, narrative.summary, FONTS["body"], SIZES_PT["body"], indent=True)
    _add_charts(document, content)
    if narrative:
        paragraph(
            document,
            narrative.heading,
            FONTS["heading"],
            SIZES_PT["heading"],
            bold=True,
            indent=True,
        )
        for text in (narrative.paragraph, narrative.shortfalls):
            if text:
                paragraph(document, text, FONTS["body"], SIZES_PT["body"], indent=True)
    document.save(str(out))
