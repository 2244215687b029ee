"""The Word report: a table a DRC officer can paste into the year's report, or a full draft.

Government reports are A4 with 仿宋 body text and 宋体 tables (GB/T 9704 habits). Word and WPS
choose the font of Chinese characters from the ``w:eastAsia`` attribute, not from the font name
python-docx sets (that is the Latin font), so every style and run declares it, with
``w:hint="eastAsia"`` so that “” and （） are set full-width in the CJK font too.
"""

from __future__ import annotations

import io
import math
from html import escape as _html_escape
from pathlib import Path

from planwatch.report.build import ReportContent
from planwatch.report.layout import STATUS_COLOURS, STATUS_TINTS, CategoryGroup, TableLayout
from planwatch.textclean import strip_controls


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` escaped, as ``xml.sax.saxutils.escape`` did; ``html.escape``
    because saxutils imports urllib.request (66 ms of a new process, issue 17)."""
    return _html_escape(text, quote=False)


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
# text width of A4 with the margins below (156 mm): each first gets the width its short phrases
# need on one line (``同口径增长4%左右``), the rest is shared in these proportions.
TEXT_WIDTH_MM = 156
TEXT_HEIGHT_MM = 297 - 37 - 35
FIXED_MM = {"指标分类": 19, "序号": 11, "指标属性": 18, "完成状态": 19}
SHARED_MM = {"指标名称": 49, "预期目标": 36, "完成情况": 40}
# How the width left after the minimums is shared: names wrap most, so they get more of it.
EXTRA_SHARE = {"指标名称": 2, "预期目标": 1, "完成情况": 1}
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
CENTRED = {"指标分类", "序号", "预期目标", "完成情况", "指标属性", "完成状态"}
# Inner cell margins (twips): text keeps clear of the borders (about 1.5 mm and 0.7 mm).
CELL_MARGIN_TWIPS = {"top": 40, "left": 85, "bottom": 40, "right": 85}
# A 10.5 pt hanzi is 3.7 mm wide; a Latin letter or digit about 0.6 of that in Times.
EM_MM = SIZES_PT["table"] * 25.4 / 72
LATIN_EM = 0.6
PAD_MM = 2 * CELL_MARGIN_TWIPS["left"] * 25.4 / 1440 + 0.8
LINE_MM = EM_MM * 1.5  # generous: an estimate that errs towards breaking early
# Phrases up to this many em are kept on one line when the page allows; longer ones wrap.
SHORT_PHRASE_EM = 8.5
NAME_MIN_MM = 30
# A category group taller than this (a share of the text height, the caption and repeated
# header allowed for) cannot be kept on one page: its category is printed on every row.
GROUP_PAGE_SHARE = 0.7


def text_em(text: str) -> float:
    """The width of ``text`` in em of the table font: hanzi and full-width marks 1, others 0.6."""
    import unicodedata

    return sum(1 if unicodedata.east_asian_width(c) in "WF" else LATIN_EM for c in text)


def text_mm(text: str) -> float:
    """The cell width ``text`` needs to stay on one line, the cell margins included."""
    return max((text_em(line) for line in text.split("\n")), default=0) * EM_MM + PAD_MM


def column_widths(
    columns: list[str], texts: dict[str, list[str]] | None = None
) -> dict[str, float]:
    """Widths in mm that fill the text width whichever optional columns are present.

    With ``texts`` (each column's cells) a phrase column first gets what its short phrases
    need on one line, so ``同口径增长4%左右`` is never broken as ``同口径增长4%/左右`` while the
    indicator name still gets ``NAME_MIN_MM``; what is left is shared by ``EXTRA_SHARE`` (without
    ``texts``, the whole by ``SHARED_MM``)."""
    free = TEXT_WIDTH_MM - sum(FIXED_MM.get(c, 0) for c in columns)
    shared = [c for c in columns if c in SHARED_MM]
    wanted = {c: _min_width(c, (texts or {}).get(c, [])) if texts else 0.0 for c in shared}
    total_wanted = sum(wanted.values())
    if total_wanted > free:  # a very narrow page: shrink the minimums alike
        wanted = {c: w * free / total_wanted for c, w in wanted.items()}
        total_wanted = free
    share = EXTRA_SHARE if texts else SHARED_MM
    weights = sum(share[c] for c in shared)
    extra = free - total_wanted
    widths = {c: wanted[c] + extra * share[c] / weights for c in shared}
    return {c: FIXED_MM[c] if c in FIXED_MM else widths[c] for c in columns}


def _min_width(column: str, texts: list[str]) -> float:
    if column == "指标名称":
        return NAME_MIN_MM
    short = [text_mm(t) for t in [column, *texts] if text_em(t) <= SHORT_PHRASE_EM]
    return max(short, default=text_mm(column))


def cell_lines(text: str, width_mm: float) -> int:
    """How many lines ``text`` takes in a cell ``width_mm`` wide (an estimate: the writer
    cannot ask Word where it breaks, and keeps a margin for it)."""
    per_line = max((width_mm - PAD_MM) / EM_MM, 1.0)
    return sum(max(1, math.ceil(text_em(line) / per_line)) for line in text.split("\n"))


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
    page_numbers(section)


def page_numbers(section) -> None:
    """``第 X 页 共 Y 页`` centred in the footer, as PAGE and NUMPAGES fields: Word, WPS and
    LibreOffice fill them in when they lay the pages out (the writer cannot know the count)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    footer = section.footer
    footer.is_linked_to_previous = False
    size = round(SIZES_PT["table"] * 2)
    props = (
        f'<w:rPr><w:rFonts w:ascii="{LATIN_FONT}" w:hAnsi="{LATIN_FONT}"'
        f' w:eastAsia="{FONTS["table"]}" w:hint="eastAsia"/>'
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'
    )

    def text(words: str) -> str:
        return f'<w:r>{props}<w:t xml:space="preserve">{words}</w:t></w:r>'

    def field(code: str) -> str:
        return (
            f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{props}<w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
            f"<w:r>{props}<w:t>1</w:t></w:r>"
            f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
        )

    para = footer.paragraphs[0]._p
    para.addnext(
        parse_xml(
            f'<w:p {nsdecls("w")}><w:pPr><w:jc w:val="center"/></w:pPr>'
            + text("第 ")
            + field("PAGE")
            + text(" 页 共 ")
            + field("NUMPAGES")
            + text(" 页")
            + "</w:p>"
        )
    )
    para.getparent().remove(para)


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
    _cell_margins(table)
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


def _write_cell(
    cell, text: str, width: float, *, header=False, centre=False, status=None, muted=False
):
    """Width, vertical centring, shading and the runs of one cell (lines split at ``\\n``);
    ``muted`` prints it grey (a category re-stated on the rows of a long group)."""
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
    colour = STATUS_COLOURS[status] if status is not None else "808080" if muted else None
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


def _cell_margins(table) -> None:
    """Inner margins for every cell, so text keeps clear of the borders in every renderer."""
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    margins = tbl_pr.makeelement(qn("w:tblCellMar"), {})
    for edge, twips in CELL_MARGIN_TWIPS.items():
        margins.append(
            margins.makeelement(qn(f"w:{edge}"), {qn("w:w"): str(twips), qn("w:type"): "dxa"})
        )
    for old in tbl_pr.findall(qn("w:tblCellMar")):
        tbl_pr.remove(old)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _keep_with_next(row) -> None:
    """``w:keepNext`` on every paragraph of ``row``: Word and WPS then keep the row on the same
    page as the next one, so a category group moves to a new page whole."""
    from docx.oxml.ns import qn

    for p in row._tr.iterchildren(qn("w:tc")):
        for para in p.iterchildren(qn("w:p")):
            ppr = para.get_or_add_pPr()
            if ppr.find(qn("w:keepNext")) is None:
                ppr.insert(0, ppr.makeelement(qn("w:keepNext"), {}))


def group_height_mm(layout: TableLayout, group: CategoryGroup, widths: dict[str, float]) -> float:
    """The estimated height of a group's rows (or of its category cell, if taller)."""
    margins = (CELL_MARGIN_TWIPS["top"] + CELL_MARGIN_TWIPS["bottom"]) * 25.4 / 1440
    rows = 0.0
    for row in group.rows:
        texts = zip(layout.columns[1:], layout.cells(group, row)[1:], strict=True)
        lines = max(cell_lines(text, widths[column]) for column, text in texts)
        rows += lines * LINE_MM + margins
    return max(rows, len(category_lines(group.label)) * LINE_MM + margins)


def fits_on_a_page(layout: TableLayout, group: CategoryGroup, widths: dict[str, float]) -> bool:
    """Whether the group can be kept on one page under its merged category cell."""
    return group_height_mm(layout, group, widths) <= GROUP_PAGE_SHARE * TEXT_HEIGHT_MM


def _merge_category(cells: list, group: CategoryGroup, first: int, width: float) -> None:
    """Write the category into its group's first cell, then merge the column down."""
    top = cells[first]
    _write_cell(top, "\n".join(category_lines(group.label)), width, centre=True)
    if len(group.rows) > 1:
        top.merge(cells[first + len(group.rows) - 1])


def add_table(document, layout: TableLayout) -> None:
    """Caption above, then the bordered table with a category cell per group.

    A group that fits on a page is merged under one category cell and kept together
    (``w:keepNext`` on all its rows but the last), so a page never starts with a blank
    category cell. A group too tall for a page is not merged: its category is printed on its
    first row and re-stated, grey, on every following row, so each page names it."""
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
    _cell_margins(table)
    texts = {
        column: [layout.cells(g, r)[i] for g in layout.groups for r in g.rows]
        for i, column in enumerate(layout.columns)
    }
    widths = column_widths(layout.columns, texts)
    for column, grid in zip(layout.columns, table.columns, strict=True):
        grid.width = Mm(widths[column])  # w:gridCol: LibreOffice and WPS lay out by it
    rows = table.rows
    _row_properties(rows[0], header=True)
    for column, cell in zip(layout.columns, rows[0].cells, strict=True):
        _write_cell(cell, column, widths[column], header=True)
    first_column = [rows[0].cells[0]]
    index = 1
    for group in layout.groups:
        together = fits_on_a_page(layout, group, widths)
        for offset, row in enumerate(group.rows):
            cells = rows[index + offset].cells
            first_column.append(cells[0])
            _row_properties(rows[index + offset], header=False)
            texts_of_row = layout.cells(group, row)
            for column, cell, text in zip(
                layout.columns[1:], cells[1:], texts_of_row[1:], strict=True
            ):
                status = row.status if column == "完成状态" else None
                _write_cell(cell, text, widths[column], centre=column in CENTRED, status=status)
            if not together:
                label = "\n".join(category_lines(group.label)) if offset == 0 else group.name
                _write_cell(cells[0], label, widths["指标分类"], centre=True, muted=offset > 0)
        if together:
            _merge_category(first_column, group, index, widths["指标分类"])
            for offset in range(len(group.rows) - 1):
                _keep_with_next(rows[index + offset])
        index += len(group.rows)


def _add_charts(document, content: ReportContent) -> None:
    """The charts after the text, from a new page; each image kept with its caption below."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    for number, chart in enumerate(content.charts, start=1):
        document.add_picture(io.BytesIO(chart.image("png")), width=Mm(150))
        picture = document.paragraphs[-1]
        picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
        picture.paragraph_format.keep_with_next = True
        picture.paragraph_format.page_break_before = number == 1
        paragraph(document, f"图{number}　{chart.title}", FONTS["caption"], 12, centre=True)


def _add_narrative(document, content: ReportContent) -> None:
    """（一）主要计划目标完成情况, its paragraph, the summary sentence, the not-met list."""
    from docx.shared import Pt

    narrative = content.narrative
    if narrative is None:
        return
    heading = paragraph(
        document, narrative.heading, FONTS["heading"], SIZES_PT["heading"], bold=True, indent=True
    )
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.space_before = Pt(SIZES_PT["body"])  # a line clear of the table
    for text in (narrative.paragraph, narrative.summary, narrative.shortfalls):
        if text:
            paragraph(document, text, FONTS["body"], SIZES_PT["body"], indent=True)


def write_docx(content: ReportContent, out: Path, templates: Path | None = None) -> None:
    """The table alone, or with ``full`` as an official report orders it: title, table, the
    narrative with its summary and not-met list, then the charts from a new page."""
    from docx import Document

    document = Document()
    new_page(document)
    if content.full:
        paragraph(
            document, content.title, FONTS["title"], SIZES_PT["title"], bold=True, centre=True
        )
    add_table(document, content.layout)
    _add_narrative(document, content)
    _add_charts(document, content)
    document.save(str(out))
