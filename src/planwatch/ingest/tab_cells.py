"""Tables in text exported from Word: every cell starts with a tab.

A cell's further lines do not start with a tab, and a merged cell (the category) is split
over lines separated by blank lines (``经济\\n\\n发展\\n\\n实力\\n\\n（8个）``). A row ends
where a blank line is followed by a tab line. Two blank lines, a heading or a sentence of
prose end the table.
"""

from __future__ import annotations

from planwatch.ingest.grid import CAPTION, join_cell_lines
from planwatch.ingest.tables import RawTable, is_header
from planwatch.ingest.text_layout import HEADING, TextBlock, caption_before


def _ends_table(line: str, blank_run: int) -> bool:
    stripped = line.strip()
    if blank_run >= 2:
        return True
    if HEADING.match(stripped) or CAPTION.match(stripped):
        return True
    return len(stripped) > 40 and stripped.endswith(("。", "：", ":"))


def _read_rows(lines: list[str], start: int) -> tuple[list[list[list[str]]], int]:
    """Group the cells from ``start`` into rows; return them and the line after the table."""
    rows: list[list[list[str]]] = []
    blank_run = 0
    index = start
    while index < len(lines):
        line = lines[index]
        if line.startswith("\t"):
            if not rows or blank_run > 0:
                rows.append([])
            rows[-1].append([line[1:]])
            blank_run = 0
        elif not line.strip():
            blank_run += 1
        elif _ends_table(line, blank_run):
            break
        else:
            rows[-1][-1].append(line)
            blank_run = 0
        index += 1
    end = index
    while end > start and not lines[end - 1].strip():
        end -= 1
    return rows, end


def _to_grid(rows: list[list[list[str]]]) -> tuple[list[str], list[list[str]], list[str] | None]:
    """Header, complete data rows and an incomplete last row (if the text was cut)."""
    cells_by_row = [[join_cell_lines(cell) for cell in row] for row in rows]
    header = cells_by_row[0]
    width = len(header)
    body = cells_by_row[1:]
    if any(len(row) != width for row in body[:-1]):
        # Rows not separated by blank lines: fall back to counting cells.
        flat = [cell for row in body for cell in row]
        body = [flat[i : i + width] for i in range(0, len(flat), width)]
    truncated = None
    if body and len(body[-1]) != width:
        truncated = body.pop()
    return header, body, truncated


def _follows(lines: list[str], end: int, index: int) -> bool:
    """Whether only blank lines and short fragments (a split category cell) stand between
    the table ending at ``end`` and the cells at ``index``."""
    between = [line.strip() for line in lines[end:index] if line.strip()]
    return len(between) <= 6 and all(len(line) <= 12 for line in between)


def find_tab_tables(lines: list[str]) -> list[TextBlock]:
    """Every tab-cell table in the text whose first row is a header."""
    blocks: list[TextBlock] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith("\t"):
            index += 1
            continue
        rows, end = _read_rows(lines, index)
        header_cells = [join_cell_lines(cell) for cell in rows[0]]
        if not is_header(header_cells) and blocks and _follows(lines, blocks[-1].end, index):
            # cells right after a table, cut from it by a lost cell or blank line: unread
            cells = sum(len(row) for row in rows)
            blocks[-1].table.warnings.append(
                f"第{index + 1}行起还有{cells}个单元格紧接在表格之后，与表格断开，未能读入，"
                f"表格可能在第{blocks[-1].end}行处被空行或缺失的单元格打断"
            )
        elif is_header(header_cells):
            header, body, truncated = _to_grid(rows)
            caption, first = caption_before(lines, index)
            table = RawTable(
                header=header,
                rows=body,
                caption=caption,
                line=index + 1,
                truncated=truncated,
                # no line closes a row: a text ending in the table may end inside a cell
                ends_text=not any(line.strip() for line in lines[end:]),
            )
            blocks.append(TextBlock(table=table, start=first, end=end))
        index = max(end, index + 1)
    return blocks
