"""Excel .xlsx workbooks: every sheet a grid, merged ranges filled, numbers as printed.

A sheet often starts with the report's or the table's title in a merged row: above the
header it becomes the caption (``表1 …``) or a paragraph (the report title). Numbers are
written as the cell's number format shows them (``6.80`` for ``0.00``, ``12.5%`` for a
percentage), since ``7`` and ``7.0`` are different things to print.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from planwatch.errors import UnsupportedDocument
from planwatch.ingest.assemble import assemble_document, invalid_xml
from planwatch.ingest.structured import Grid, blocks_from
from planwatch.model import PlanDocument

_DECIMALS = re.compile(r"0\.(0+)")


def format_number(value: float | int, number_format: str) -> str:
    """The number as Excel shows it under its format (decimals, percent), else plainly."""
    percent = "%" in number_format
    shown = value * 100 if percent else value
    decimals = _DECIMALS.search(number_format)
    if decimals:
        text = f"{shown:.{len(decimals.group(1))}f}"
    elif float(shown).is_integer() or (number_format != "General" and "0" in number_format):
        text = str(round(shown))
    else:
        text = f"{shown:.10f}".rstrip("0").rstrip(".")
    return text + ("%" if percent else "")


def _text(cell) -> str | None:
    value = cell.value
    if value is None:
        return None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return format_number(value, cell.number_format or "General")
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _sheet_grid(sheet) -> list[list[str | None]]:
    rows = [[_text(cell) for cell in row] for row in sheet.iter_rows()]
    for merged in sheet.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                rows[r][c] = value
    return rows


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b")


def _listed_sheets(data: bytes) -> int:
    """How many sheets xl/workbook.xml lists (openpyxl skips one whose part is missing)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return len(_SHEET.findall(package.read("xl/workbook.xml")))


def xlsx_items(data: bytes, source: str) -> list[str | Grid]:
    """Each sheet's grid, in workbook order."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnsupportedDocument(
            f"{source}：Excel 文件已损坏或不完整，无法打开（{type(exc).__name__}）",
            "the .xlsx file is damaged or incomplete",
        ) from None
    except SyntaxError as exc:  # ElementTree's ParseError: e.g. a control character (&#1;)
        raise invalid_xml(source, "Excel", exc) from None
    listed = _listed_sheets(data)
    if listed > len(workbook.sheetnames):
        raise UnsupportedDocument(
            f"{source}：Excel 文件已损坏或不完整：工作簿列出{listed}个工作表，"
            f"只能打开{len(workbook.sheetnames)}个（{'、'.join(workbook.sheetnames) or '无'}）",
            "the .xlsx file is damaged: a sheet it lists is missing",
        )
    items: list[str | Grid] = []
    for sheet in workbook.worksheets:
        grid = _sheet_grid(sheet)
        if any(any(cell for cell in row) for row in grid):
            items.append(Grid(rows=grid, line=None))
    workbook.close()
    return items


def read_xlsx(data: bytes, source: str) -> PlanDocument:
    return assemble_document(blocks_from(xlsx_items(data, source)), source)
