"""One cell per line, no delimiters: the header's lines say how many columns there are.

    指标名称
    2019年目标增长(%)
    2019年实际增长(%)
    指标属性
    地区生产总值
    7左右
    …

Blank lines between cells carry no meaning. The header is a run of short lines that each
name a different column role; the cells after it are dealt into rows of that width until
a line of prose. Rows are checked as they are dealt (an 指标属性 cell must be 约束性 or
预期性, a name cannot be a bare number): at the first row that does not fit, a cell is
missing or extra, so the rows before it are kept and a warning says where.
"""

from __future__ import annotations

import re

from planwatch.ingest.cells import clean_cell
from planwatch.ingest.columns import (
    Column,
    ColumnRole,
    compact,
    is_header,
    is_part_label,
    read_header,
    role_of,
)
from planwatch.ingest.grid import table_from_grid
from planwatch.ingest.text_layout import TextBlock, caption_before, is_prose

_MAX_HEADER_CELL = 20
_MAX_CELL = 40
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?(%|左右|以上|以下)?$")


def _header_at(lines: list[str], index: int) -> tuple[list[str], int] | None:
    """The header cells starting at ``index`` and the line after them."""
    cells: list[str] = []
    roles: set[str] = set()
    while index < len(lines):
        text = lines[index].strip()
        if text:
            if len(text) > _MAX_HEADER_CELL or "\t" in lines[index] or "|" in text:
                break
            if is_prose(text):
                break
            role = role_of(compact(text))
            if role is None and is_part_label(text) and cells:  # ``增速`` after ``完成``
                cells.append(text)
                index += 1
                continue
            if role is None or role in roles or len(text) > _MAX_HEADER_CELL or "。" in text:
                break
            roles.add(role)
            cells.append(text)
        index += 1
    if len(cells) >= 3 and is_header(cells):
        return cells, index
    return None


def _fits(row: list[str], columns: list[Column]) -> bool:
    for column in columns:
        cell = clean_cell(row[column.index])
        if column.role is ColumnRole.NATURE and not re.search(r"约束|预期", cell):
            return False
        if column.role is ColumnRole.NAME and _NUMBER.match(cell):
            return False
    return True


def _cells_until_prose(lines: list[str], index: int) -> tuple[list[tuple[int, str]], int]:
    cells: list[tuple[int, str]] = []
    while index < len(lines):
        text = lines[index].strip()
        if text and (is_prose(text) or len(text) > _MAX_CELL):
            break
        if text:
            cells.append((index, text))
        index += 1
    return cells, index


def _deal(
    cells: list[tuple[int, str]], width: int, columns: list[Column]
) -> tuple[list[list[str]], list[tuple[int, str]]]:
    """Rows of ``width`` cells while they fit; the cells left from the first that does not."""
    rows: list[list[str]] = []
    for offset in range(0, len(cells), width):
        row = [text for _, text in cells[offset : offset + width]]
        if len(row) < width or not _fits(row, columns):
            return rows, cells[offset:]
        rows.append(row)
    return rows, []


def find_cell_line_tables(lines: list[str]) -> list[TextBlock]:
    """Every one-cell-per-line table whose header names its columns."""
    blocks: list[TextBlock] = []
    index = 0
    while index < len(lines):
        found = _header_at(lines, index) if lines[index].strip() else None
        if found is None:
            index += 1
            continue
        header, body_start = found
        columns = read_header(header)
        cells, end = _cells_until_prose(lines, body_start)
        width = len(header)
        rows, leftover = _deal(cells, width, columns)
        caption, first = caption_before(lines, index)
        _, table = table_from_grid([header, *rows], caption=caption, line=index + 1)
        if table is None or not rows:
            index = max(end, index + 1)
            continue
        if leftover:
            line, row = leftover[0][0], [text for _, text in leftover]
            if len(row) < width and end == len(lines):
                table.truncated = row  # the text stops inside the last row
            else:  # the cells left are the table's, unread: not prose of the section
                table.warnings.append(
                    f"第{line + 1}行起的单元格与表头的{width}列对不上"
                    f"（“{'、'.join(row[:width])}”），已保留前{len(rows)}行"
                )
        while end > body_start and not lines[end - 1].strip():
            end -= 1
        blocks.append(TextBlock(table=table, start=first, end=end))
        index = max(end, index + 1)
    return blocks
