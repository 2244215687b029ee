"""Pipe-delimited rows: ``地区生产总值 | 亿元 | 8029.8 | 3.7 | — | 5.5左右 |``.

The header may take two lines (``2022年实绩 | |`` over ``绝对值 | 增速(%)``: see
``grid.flatten_header``). Whether a leading or trailing ``|`` is decoration or an empty
cell is decided by the header line: if the header starts with ``|``, every row's leading
``|`` is decoration; otherwise it opens an empty first cell (a category printed only on
its group's first row). Extra empty cells (``| |||``) are dropped. A last row cut off
before its closing ``|`` (when the other rows have one) is kept out with a warning.
"""

from __future__ import annotations

import re

from planwatch.ingest.columns import is_header
from planwatch.ingest.grid import table_from_grid
from planwatch.ingest.text_layout import TextBlock, caption_before

_PIPE = re.compile(r"[|｜]")


def is_pipe_row(line: str) -> bool:
    """Two pipes at least, or one with text on both sides: a web cell (``名称 |``) is not."""
    text = line.strip()
    pipes = len(_PIPE.findall(text))
    return pipes >= 2 or (pipes == 1 and not _PIPE.match(text) and text[-1:] not in "|｜")


def split_row(line: str, leading: bool, trailing: bool) -> list[str]:
    """Cells of one line; ``leading``/``trailing``: the outer pipes are decoration."""
    text = line.strip()
    cells = _PIPE.split(text)
    if leading and _PIPE.match(text[:1]):
        cells = cells[1:]
    if trailing and text[-1:] in "|｜":
        cells = cells[:-1]
    return [c.strip() for c in cells]


def _closes(line: str) -> bool:
    return line.rstrip()[-1:] in ("|", "｜")


def find_pipe_tables(lines: list[str]) -> list[TextBlock]:
    """Every pipe-delimited table whose first row is a header."""
    blocks: list[TextBlock] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if not is_pipe_row(line):
            index += 1
            continue
        leading = line.strip()[:1] in ("|", "｜")
        trailing = _closes(line)
        header = split_row(line, leading, True)
        if not is_header(header):
            index += 1
            continue
        end = index + 1
        table_lines = [line]
        while end < len(lines):
            if is_pipe_row(lines[end]):
                table_lines.append(lines[end])
            elif lines[end].strip() or not any(is_pipe_row(x) for x in lines[end + 1 : end + 2]):
                break
            end += 1
        truncated = None
        cut = trailing and len(table_lines) > 2 and not _closes(table_lines[-1])
        if cut and all(_closes(row) for row in table_lines[1:-1]):
            truncated = split_row(table_lines.pop(), leading, False)
        grid = [split_row(row, leading, trailing) for row in table_lines]
        caption, first = caption_before(lines, index)
        _, table = table_from_grid(grid, caption=caption, line=index + 1)
        if table is not None:
            table.truncated = truncated or table.truncated
            blocks.append(TextBlock(table=table, start=first, end=end))
        index = max(end, index + 1)
    return blocks
