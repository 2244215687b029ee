"""Writers that put a plan's tables into every format and layout a report comes in.

Used by the round-trip tests (the sample's tables written out and read back) and by
``benchmarks/bench_ingest.py`` (a generated corpus). Each writer prints the tables the way
such reports print them: the category merged down its group with its count
(``经济发展实力（8个）``), long cells over two lines. The tests at the end check that each
file is what it claims to be, so a writer that breaks is caught here and not as a reader bug.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from planwatch.ingest import reader_for
from planwatch.model import PlanDocument, PlanTable, TableRole

Group = tuple[str, list[list[str]]]  # (category cell, the rows of its group without it)


def header_of(table: PlanTable) -> list[str]:
    header = ["指标分类", "序号", "指标名称", "预期目标"]
    return [*header, "完成情况"] if table.role is TableRole.REVIEW else header


def groups_of(table: PlanTable) -> list[Group]:
    """Rows grouped by category; the category cell carries the declared count."""
    groups: list[Group] = []
    for row in table.rows:
        cells = [str(row.no or ""), row.name, row.target or ""]
        if table.role is TableRole.REVIEW:
            cells.append(row.actual or "")
        label = row.category or ""
        count = table.declared_counts.get(label)
        label = f"{label}（{count}个）" if count is not None else label
        if not groups or groups[-1][0] != label:
            groups.append((label, []))
        groups[-1][1].append(cells)
    return groups


def front_matter(doc: PlanDocument) -> list[str]:
    """Title, date and meeting line, authority: the lines metadata is read from."""
    when = f"——{doc.date.year}年{doc.date.month}月{doc.date.day}日在{doc.meeting}上"
    return [doc.title, when, doc.authority or ""]


def two_lines(text: str) -> list[str]:
    """A long cell printed over two lines, split after its first comma."""
    head, comma, tail = text.partition("，")
    return [head + comma, tail] if comma and tail else [text]


# ---------------------------------------------------------------- binary formats


def write_docx(doc: PlanDocument, path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in front_matter(doc):
        document.add_paragraph(line)
    for table in doc.tables:
        document.add_paragraph(table.caption)
        header = header_of(table)
        grid = document.add_table(rows=1, cols=len(header))
        for cell, text in zip(grid.rows[0].cells, header, strict=True):
            cell.text = text
        for label, rows in groups_of(table):
            first = len(grid.rows)
            for cells in rows:
                row = grid.add_row().cells
                for cell, text in zip(row[1:], cells, strict=True):
                    lines = two_lines(text)
                    cell.text = lines[0]
                    for more in lines[1:]:
                        cell.add_paragraph(more)
            merged = grid.cell(first, 0).merge(grid.cell(len(grid.rows) - 1, 0))
            merged.text = label
        document.add_paragraph("上述目标中，各项指标属性见表。")
    document.save(path)
    return path


def write_xlsx(doc: PlanDocument, path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for number, table in enumerate(doc.tables, start=1):
        sheet = workbook.create_sheet(f"表{number}")
        header = header_of(table)
        if number == 1:  # the report's title and dates above the first table
            for line in front_matter(doc):
                sheet.append([line])
        sheet.append([table.caption])
        top = sheet.max_row
        sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(header))
        sheet.append(header)
        for label, rows in groups_of(table):
            first = sheet.max_row + 1
            for cells in rows:
                sheet.append([label, int(cells[0]) if cells[0] else None, *cells[1:]])
            sheet.merge_cells(start_row=first, start_column=1, end_row=sheet.max_row, end_column=1)
    workbook.save(path)
    return path


def write_html(doc: PlanDocument, path: Path) -> Path:
    esc = html.escape
    parts = [
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>计划报告</title>",
        "<script>var nav = '<table><tr><td>首页</td></tr></table>';</script></head><body>",
        "<nav><a href='/'>首页</a> &gt; <a>规划计划</a></nav>",
        "<div class='breadcrumb'>当前位置：首页 &gt; 政务公开</div>",
    ]
    parts += [f"<p>{esc(line)}</p>" for line in front_matter(doc)]
    for table in doc.tables:
        parts.append(f"<p>{esc(table.caption)}</p><table border='1'>")
        parts.append("<tr>" + "".join(f"<th>{esc(h)}</th>" for h in header_of(table)) + "</tr>")
        for label, rows in groups_of(table):
            for index, cells in enumerate(rows):
                row = "".join(f"<td>{'<br>'.join(map(esc, two_lines(c)))}</td>" for c in cells)
                if index == 0:
                    row = f"<td rowspan='{len(rows)}'>{esc(label)}</td>" + row
                parts.append(f"<tr>{row}</tr>")
        parts.append("</table>")
    parts.append("<footer>版权所有 江州市人民政府</footer></body></html>")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def write_pdf(doc: PlanDocument, path: Path) -> Path:
    """Ruled tables with reportlab's built-in Chinese font (STSong-Light, not embedded)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = ParagraphStyle("zh", fontName="STSong-Light", fontSize=9, leading=12)
    story: list = [Paragraph(esc_line, text) for esc_line in map(html.escape, front_matter(doc))]
    for table in doc.tables:
        story.append(Paragraph(html.escape(table.caption), text))
        data: list[list] = [header_of(table)]
        spans = []
        for label, rows in groups_of(table):
            spans.append(("SPAN", (0, len(data)), (0, len(data) + len(rows) - 1)))
            for index, cells in enumerate(rows):
                cat = Paragraph(html.escape(label), text) if index == 0 else ""
                data.append([cat, *(Paragraph(html.escape(c), text) for c in cells)])
        widths = [70, 28, 150, 120, 120][: len(data[0])]
        style = [
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("FONT", (0, 0), (-1, -1), "STSong-Light", 9),
        ]
        story.append(Table(data, colWidths=widths, repeatRows=1, style=TableStyle(style + spans)))
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


# ---------------------------------------------------------------- text layouts


def _flat_rows(table: PlanTable) -> list[list[str]]:
    """Rows with the category in the first cell of its group's first row only."""
    return [
        [label if index == 0 else "", *cells]
        for label, rows in groups_of(table)
        for index, cells in enumerate(rows)
    ]


def text_pipes(doc: PlanDocument) -> str:
    lines = front_matter(doc)
    for table in doc.tables:
        lines += ["", table.caption, " | ".join(header_of(table)) + " |"]
        lines += [" | ".join(cells) + " |" for cells in _flat_rows(table)]
    return "\n".join(lines) + "\n"


def text_web_cells(doc: PlanDocument) -> str:
    lines = front_matter(doc)
    for table in doc.tables:
        lines += ["", table.caption, *(f"{h} |" for h in header_of(table)), "|"]
        for label, rows in groups_of(table):
            for index, cells in enumerate(rows):
                spaced = " ".join(label[:2]) + label[2:]  # 经 济发展实力…: a spaced merged cell
                lines += [f"{c} |" for c in ([spaced] if index == 0 else []) + cells] + ["|"]
    return "\n".join(lines) + "\n"


def text_cell_lines(doc: PlanDocument) -> str:
    """One cell per line between blank lines; the category is a column of its own."""
    lines = front_matter(doc)
    for table in doc.tables:
        lines += ["", table.caption, ""]
        cells = header_of(table) + [
            cell or "—"
            for label, rows in groups_of(table)
            for row in rows
            for cell in [label, *row]
        ]
        lines += [x for cell in cells for x in (cell, "")]
        lines.append("以上为本表全部指标，各项指标的完成情况详见正文说明。")
    return "\n".join(lines) + "\n"


BINARY_WRITERS: dict[str, Callable[[PlanDocument, Path], Path]] = {
    "docx": write_docx,
    "xlsx": write_xlsx,
    "html": write_html,
    "pdf": write_pdf,
}
TEXT_WRITERS: dict[str, Callable[[PlanDocument], str]] = {
    "pipes": text_pipes,
    "web_cells": text_web_cells,
    "cell_lines": text_cell_lines,
}


def test_each_writer_makes_the_format_it_names(sample_doc, tmp_path):
    expected = {"docx": "Word（.docx）", "xlsx": "Excel（.xlsx）", "html": "HTML", "pdf": "PDF"}
    for suffix, writer in BINARY_WRITERS.items():
        path = writer(sample_doc, tmp_path / f"report.{suffix}")
        assert reader_for(path.read_bytes(), path.name).name == expected[suffix]


def test_groups_keep_every_row_and_count(sample_doc):
    table = sample_doc.tables[0]
    groups = groups_of(table)
    assert sum(len(rows) for _, rows in groups) == 45
    assert groups[0][0] == "经济发展实力（8个）" and groups[0][1][0][:2] == ["1", "地区生产总值"]
