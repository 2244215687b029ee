"""Web-page text where each cell is its own line ending in ``|`` and a lone ``|`` ends a row.

    指标分类 |
    指标名称 |
    …
    |
    经济 发展 实力 |
    地区生产总值 |
    …

A merged category cell is printed only on the first row of its group, so later rows are
short by the merged leading columns and are padded on the left. A cell broken over lines
has its first lines without the ``|``. A last row that is short otherwise and not closed
by a lone ``|`` was cut off: the rows before it are kept and a warning says so.
"""

from __future__ import annotations

import re

from planwatch.ingest.columns import ColumnRole, is_header, read_header
from planwatch.ingest.grid import join_cell_lines, table_from_grid
from planwatch.ingest.text_layout import TextBlock, caption_before, is_prose

_CELL = re.compile(r"^(?P<text>[^|｜]*[^|｜\s])\s*[|｜]\s*$")  # one cell: no pipe inside
_ROW_END = re.compile(r"^\s*[|｜]\s*$")


def _cell_text(line: str) -> str | None:
    """The text of a line that is one cell, or None for any other line."""
    match = _CELL.match(line)
    return match["text"] if match and not _ROW_END.match(line) else None


def _is_cell(line: str) -> bool:
    return _cell_text(line) is not None


def _next_filled(lines: list[str], index: int) -> str:
    return next((line for line in lines[index : index + 3] if line.strip()), "")


def _read(lines: list[str], start: int) -> tuple[list[list[str]], list[str], int]:
    """Closed rows, the unclosed last row and the line after the table."""
    rows: list[list[str]] = []
    row: list[str] = []
    pending: list[str] = []
    index = start
    while index < len(lines):
        line = lines[index]
        if _ROW_END.match(line):
            rows.append(row)
            row = []
        elif (text := _cell_text(line)) is not None:
            row.append(join_cell_lines([*pending, text]))
            pending = []
        elif line.strip():
            if is_prose(line) or not _is_cell(_next_filled(lines, index + 1)):
                break
            pending.append(line)
        index += 1
    return rows, row, index


def _header_at(lines: list[str], index: int) -> list[str] | None:
    cells: list[str] = []
    for line in lines[index : index + 20]:
        if _ROW_END.match(line):
            return cells if is_header(cells) else None
        text = _cell_text(line)
        if text is None:
            return None
        cells.append(text)
    return None


def _merged_leading(header: list[str]) -> int:
    """How many leading columns hold categories, printed only on a group's first row."""
    count = 0
    for column in read_header(header):
        if column.role is not ColumnRole.CATEGORY:
            break
        count += 1
    return count


def _fit(row: list[str], width: int, merged: int) -> list[str]:
    """A row short by its merged leading cells gets them back, empty."""
    if merged and len(row) == width - merged:
        return [""] * merged + row
    return row


def find_web_cell_tables(lines: list[str]) -> list[TextBlock]:
    """Every web-cell table whose first row is a header."""
    blocks: list[TextBlock] = []
    index = 0
    while index < len(lines):
        header = _header_at(lines, index) if _is_cell(lines[index]) else None
        if header is None:
            index += 1
            continue
        rows, last, end = _read(lines, index)
        width = len(header)
        merged = _merged_leading(header)
        fitted = [_fit(row, width, merged) for row in rows[1:]]
        truncated = None
        if last and len(last) in (width, width - merged):
            fitted.append(_fit(last, width, merged))
        elif last:
            truncated = last
        caption, first = caption_before(lines, index)
        _, table = table_from_grid([header, *fitted], caption=caption, line=index + 1)
        if table is not None:
            table.truncated = truncated or table.truncated
            blocks.append(TextBlock(table=table, start=first, end=end))
        index = max(end, index + 1)
    return blocks
