"""Tables laid out for the terminal's width, with Chinese line breaking.

Why not rich's own layout: given more text than width, rich shrinks every column in
proportion, so at 80 columns the reason of ``planwatch assess`` got 9 cells and 45 rows took
350 lines, and its ``fold`` cut anywhere — ``实际增长6`` / ``%``, a line starting with ``，``.
Here the widths are chosen first (short columns at their natural width, the free-text column
taking the rest) and every cell is broken by the rules of Chinese typesetting before rich
draws it: a number keeps its decimals, ``%`` and unit (``6.5万人``, ``0.5个百分点``), closing
punctuation stays at the end of its line, opening brackets and quotes at the start of theirs.
When the free text would get less than ``LONG_MIN`` cells, the table becomes a list: the
short cells on one line, the long text on its own indented lines under them. The breaking
rules themselves are ``planwatch.linebreak``'s, shared with the charts' labels; this module
adds the column widths and the hanging indents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from planwatch import linebreak
from planwatch.linebreak import NO_START

if TYPE_CHECKING:
    from rich.console import Console

# A long column narrower than this (20 Chinese characters) reads worse than a line of its own.
LONG_MIN = 40
# In a table, a short column wider than this gives way first when the long text needs room.
SHORT_CAP = 24
# A column is never made narrower than its longest unbreakable word, up to this.
WORD_CAP = 14
GAP = 2  # spaces between the cells of a list line
# NO_START is re-exported: callers check printed lines against the rules the wrap follows.
__all__ = ["NO_START", "Column", "print_paragraph", "print_table", "wrap"]


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal cells, by the Chinese
    line-breaking rules of ``planwatch.linebreak``, measured as rich draws them."""
    return linebreak.wrap(text, width, cell_len)


@dataclass(frozen=True)
class Column:
    """A column: its header, and whether it holds free text (a reason, a message, a title).

    A ``long`` column takes what width the others leave; in a narrow terminal it is printed
    under its row, after ``header：``.
    """

    header: str
    long: bool = False


Cell = str | Text


def _plain(cell: Cell) -> str:
    return cell.plain if isinstance(cell, Text) else cell


def _styled(lines: list[str], cell: Cell) -> Text:
    """Wrapped lines as one Text, in the cell's own style (a status keeps its colour)."""
    style = cell.style if isinstance(cell, Text) else ""
    return Text("\n".join(lines), style=style)


def _natural(texts: Sequence[str]) -> int:
    return max((cell_len(line) for text in texts for line in text.split("\n")), default=0)


def _minimum(texts: Sequence[str]) -> int:
    """The longest unbreakable piece, so a number or word is not cut: at most ``WORD_CAP``."""
    longest = max(
        (cell_len(u) for t in texts for u in linebreak.pieces(t.replace("\n", " "))), default=1
    )
    return max(2, min(longest, WORD_CAP))


def _shrink(widths: list[int], columns: Sequence[int], floors: Sequence[int], excess: int) -> int:
    """Narrow the widest of ``columns`` one cell at a time, none below its floor.

    Returns the excess left. Taking from the widest first keeps the columns even, instead of
    starving one as a proportional cut does.
    """
    while excess > 0:
        candidates = [i for i in columns if widths[i] > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        widths[widest] -= 1
        excess -= 1
    return excess


def print_table(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    title: str | None = None,
    show_lines: bool = False,
) -> None:
    """Print ``rows`` as a boxed table when the long text fits beside the rest, else as a list.

    A table whose cells wrap gets rules between its rows (``show_lines``), or the second line
    of a name would read as another row.
    """
    from rich import box  # rich's table machinery loads only when a table is printed
    from rich.table import Table

    width = console.width
    texts = [[_plain(cell) for cell in row] for row in rows]
    by_column = [[c.header, *(row[i] for row in texts)] for i, c in enumerate(columns)]
    natural = [_natural(t) for t in by_column]
    minimum = [_minimum(t) for t in by_column]
    widths = _table_widths(columns, natural, minimum, width - (3 * len(columns) + 1))
    if widths is None:
        _print_list(console, columns, rows, texts, title, natural, minimum)
        return
    cells = [[wrap(text, w) for text, w in zip(row, widths, strict=True)] for row in texts]
    show_lines = show_lines or any(len(lines) > 1 for row in cells for lines in row)
    table = Table(show_lines=show_lines, box=box.HEAVY_HEAD, expand=False, padding=(0, 1))
    for column, column_width in zip(columns, widths, strict=True):
        table.add_column(column.header, width=column_width, no_wrap=True, overflow="crop")
    for row, wrapped in zip(rows, cells, strict=True):
        table.add_row(*(_styled(lines, c) for lines, c in zip(wrapped, row, strict=True)))
    if title:
        _print_title(console, title, min(width, sum(widths) + 3 * len(widths) + 1))
    console.print(table)


def _table_widths(
    columns: Sequence[Column], natural: list[int], minimum: list[int], room: int
) -> list[int] | None:
    """Column widths for a boxed table in ``room`` cells of content, or None for a list.

    Short columns wider than ``SHORT_CAP`` give way first, then the long text down to
    ``LONG_MIN``, then the short columns down to their longest word.
    """
    widths = list(natural)
    short = [i for i, c in enumerate(columns) if not c.long]
    long = [i for i, c in enumerate(columns) if c.long]
    caps = [max(minimum[i], min(natural[i], SHORT_CAP)) for i in range(len(columns))]
    excess = sum(widths) - room
    excess = _shrink(widths, short, caps, excess)
    excess = _shrink(widths, long, [max(LONG_MIN, m) for m in minimum], excess)
    if long and excess > 0:
        return None
    excess = _shrink(widths, short, minimum, excess)
    return None if excess > 0 else widths


def _print_title(console: Console, title: str, width: int) -> None:
    for line in wrap(title, console.width):
        pad = max(0, (width - cell_len(line)) // 2)
        console.print(Text(" " * pad + line, style="italic"), soft_wrap=True)


def _print_list(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    texts: list[list[str]],
    title: str | None,
    natural: list[int],
    minimum: list[int],
) -> None:
    """The narrow layout: short cells on a line, each long text under them, indented."""
    width = console.width
    short = [i for i, c in enumerate(columns) if not c.long]
    widths, gap = _list_widths([natural[i] for i in short], [minimum[i] for i in short], width)
    indent = min(widths[0] + gap, 8) if short else 0
    if title:
        _print_title(console, title, 0)
    for line in _list_lines([columns[i].header for i in short], widths, gap):
        line.stylize("bold")
        console.print(line, soft_wrap=True)
    rule = sum(widths) + gap * (len(widths) - 1)
    console.print(Text("─" * min(width, rule), style="dim"), soft_wrap=True)
    for row, plain in zip(rows, texts, strict=True):
        for line in _list_lines([row[i] for i in short], widths, gap):
            console.print(line, soft_wrap=True)
        for i, column in enumerate(columns):
            if column.long and plain[i].strip():
                for text in _hanging(f"{column.header}：", plain[i], indent, width):
                    console.print(Text(text), soft_wrap=True)


def _list_widths(natural: list[int], minimum: list[int], width: int) -> tuple[list[int], int]:
    """The short cells' widths on a list line, and the gap between them (one space in a
    terminal too narrow for two)."""
    gap = GAP if sum(minimum) + GAP * (len(minimum) - 1) <= width else 1
    widths = list(natural)
    every = range(len(widths))
    excess = _shrink(widths, every, minimum, sum(widths) + gap * (len(widths) - 1) - width)
    _shrink(widths, every, [2] * len(widths), excess)  # a terminal too narrow for any word
    return widths, gap


def _list_lines(cells: Sequence[Cell], widths: Sequence[int], gap: int) -> list[Text]:
    """One row of short cells, each wrapped in its width, side by side."""
    wrapped = [wrap(_plain(cell), w) for cell, w in zip(cells, widths, strict=True)]
    height = max((len(lines) for lines in wrapped), default=1)
    out: list[Text] = []
    for n in range(height):
        line = Text()
        for position, (cell, lines, w) in enumerate(zip(cells, wrapped, widths, strict=True)):
            piece = lines[n] if n < len(lines) else ""
            line.append(piece, style=cell.style if isinstance(cell, Text) else "")
            if position < len(cells) - 1:
                line.append(" " * (w - cell_len(piece) + gap))
        line.rstrip()
        out.append(line)
    return out


def _hanging(label: str, text: str, indent: int, width: int) -> list[str]:
    """``label`` and the text from ``indent``; continuation lines under the text, not the label."""
    hang = indent + cell_len(label)
    if width - hang < LONG_MIN // 2:  # too narrow to hang: continue under the label
        first, *rest = ["", *wrap(text, width - indent)]
        hang = indent
    else:
        first, *rest = _two_widths(text, width - hang, width - hang)
    return [" " * indent + label + first, *(" " * hang + line for line in rest)]


def _two_widths(text: str, first_width: int, rest_width: int) -> list[str]:
    """``text`` wrapped with its first line in ``first_width`` cells and the others in
    ``rest_width`` (a label before the first line, a different indent after it)."""
    first = wrap(text, first_width)[0]
    rest = text[len(first) :].lstrip(" ")  # wrapped lines are prefixes, minus end spaces
    rest = rest[1:] if rest.startswith("\n") else rest
    return [first, *wrap(rest, rest_width)] if rest else [first]


def print_paragraph(
    console: Console, text: str, *, first: Cell = "", rest: str = "", style: str = ""
) -> None:
    """A paragraph broken to the terminal's width by the same rules as the table cells.

    ``first`` (a bullet, or a styled label such as ``注意：``) starts the first line, ``rest``
    indents the others; left to the terminal, ``实际增长6`` / ``%`` would be split anyway.
    """
    width = console.width
    lead = first if isinstance(first, Text) else Text(first)
    if cell_len(lead.plain) > width // 2:  # a long heading: on its own line, the text under it
        print_paragraph(console, lead.plain, style=str(lead.style))
        lead = Text(rest)
    lines = _two_widths(text, width - cell_len(lead.plain), width - cell_len(rest))
    for n, line in enumerate(lines):
        prefix = lead.copy() if n == 0 else Text(rest)
        console.print(prefix + Text(line, style=style), soft_wrap=True)
