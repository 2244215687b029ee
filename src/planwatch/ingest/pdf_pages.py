"""A table cut by a PDF page break: its category cell made whole again before it is read.

A Word table printed to PDF (LibreOffice, Word) continues on the next page under a repeated
header, and a category cell merged down its group is cut at the break. Its text goes where it
happened to fit: ``科教人才`` at the foot of one page and ``支撑（8个）`` at the top of the next,
or nothing above the break when the text is centred in the cell and falls below it. Read as
printed, the two parts would be two categories (``“支撑”声明8个指标，实际读到7行``), or the rows
above the break would join the category before. Here the part below the break is moved into
the cell above it, so the category is read once, whole, from its group's first row.

The part below continues the one above when the one above is empty (its text fell below the
break), or when the table counts its categories (``（8个）``) and the part above has no count
while the part below brings one (``发展（6个）``, or the count alone, ``（6个）``). A table
without counts gives no sign that a name was cut, and is left as printed.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.ingest.columns import ColumnRole, is_header, read_header
from planwatch.ingest.grid import HEADER_SEARCH_ROWS, flatten_header, is_sub_header, tidy
from planwatch.ingest.structured import PAGE_NUMBER, Grid
from planwatch.ingest.tables import split_category


@dataclass
class _Part:
    """One page's part of a table: the grid, where its rows start, its header."""

    grid: Grid
    body: int  # index of the first row below the header
    header: list[str] | None  # None: the part has no header row (a continuation)
    width: int


def _part(grid: Grid) -> _Part | None:
    rows = [[tidy(c) for c in row] for row in grid.rows]
    filled = [i for i, row in enumerate(rows) if any(row)]
    if not filled:
        return None
    start = next((i for i in filled[:HEADER_SEARCH_ROWS] if is_header(rows[i])), None)
    if start is None:
        return _Part(grid, filled[0], None, len(rows[filled[0]]))
    header, body = rows[start], start + 1
    if body < len(rows) and is_sub_header(rows[body], header):
        header, body = flatten_header(header, rows[body]), body + 1
    return _Part(grid, body, header, len(header))


def _continues(above: _Part, below: _Part) -> bool:
    """``below`` is ``above``'s table going on at the top of the next page."""
    pages = above.grid.line, below.grid.line
    if pages[0] is None or pages[1] != pages[0] + 1 or above.header is None:
        return False
    return below.header == above.header or (below.header is None and below.width == above.width)


def _category_column(header: list[str]) -> int | None:
    return next((c.index for c in read_header(header) if c.role is ColumnRole.CATEGORY), None)


def _mend(above: _Part, below: _Part) -> None:
    """Move the category text below the break into the cell it continues above it."""
    column = _category_column(above.header or [])
    if column is None:
        return
    rows = [r for r in above.grid.rows[above.body :] if column < len(r)]
    opened = [r for r in rows if r[column] is not None]  # rows where a category cell starts
    first = next((r for r in below.grid.rows[below.body :] if any(tidy(c) for c in r)), None)
    if not opened or first is None or column >= len(first):
        return
    start = opened[-1]
    text_above, text_below = tidy(start[column]), tidy(first[column])
    if not text_below:
        return
    merged = any(r[column] is None for r in rows)
    if not text_above and merged:
        start[column], first[column] = first[column], None
        return
    earlier = [tidy(r[column]) for r in opened[:-1] if tidy(r[column])]
    counted = all(split_category(text)[1] is not None for text in earlier)
    if (
        text_above
        and counted
        and split_category(text_above)[1] is None
        and split_category(text_below)[1] is not None
    ):
        start[column], first[column] = text_above + text_below, None


def join_page_breaks(items: list[str | Grid]) -> list[str | Grid]:
    """The items with every category cell cut by a page break joined (grids changed in place)."""
    previous: _Part | None = None
    for item in items:
        if isinstance(item, str):
            if item.strip() and not PAGE_NUMBER.match(item):
                previous = None  # text between two grids: not one table over a break
            continue
        part = _part(item)
        if previous is not None and part is not None and _continues(previous, part):
            _mend(previous, part)
            part.header = part.header or previous.header  # for the page after this one
        previous = part
    return items
