"""Blocks from readers that see real tables (Word, HTML, PDF, Excel).

Those readers give paragraphs and grids in reading order. Here a grid becomes a
``RawTable`` (``grid.table_from_grid``), takes the paragraph just above it as its caption
when it reads like one, and a grid with no header row that follows a table of the same
width (a table continued on the next PDF page, a layout split by the exporter) is joined
to it. A grid without a header is a layout table: its text is kept as paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.ingest.assemble import Block
from planwatch.ingest.columns import is_header
from planwatch.ingest.grid import is_caption, table_from_grid, tidy
from planwatch.ingest.tables import RawTable

PAGE_NUMBER = re.compile(r"^[-—－\s]*(第\s*)?\d{1,4}(\s*页)?[-—－\s]*$")
_NOTE = re.compile(r"^(注|说明|备注|资料来源)[：:\s\d]")


@dataclass
class Grid:
    """Rows of cell texts (None where a merged cell left nothing) and where they were."""

    rows: list[list[str | None]]
    line: int | None = None  # paragraph, page or sheet row, for messages
    cut: bool = False  # the file ends inside this table (an HTML table never closed)


def _previous_table(blocks: list[Block]) -> RawTable | None:
    """The table just before, skipping page numbers and blank lines between pages."""
    for block in reversed(blocks):
        if isinstance(block, RawTable):
            return block
        if block.strip() and not PAGE_NUMBER.match(block):
            return None
    return None


def _caption_from(blocks: list[Block]) -> str | None:
    """Pop the last paragraph when it is the caption of the table about to be added."""
    for index in range(len(blocks) - 1, max(len(blocks) - 3, -1), -1):
        block = blocks[index]
        if isinstance(block, RawTable):
            return None
        if not block.strip():
            continue
        if is_caption(block):
            del blocks[index]
            return re.sub(r"\s{2,}", "  ", block.strip())
        return None
    return None


def _texts(row: list[str | None]) -> list[str]:
    """The distinct texts of a row: a merged cell repeated over columns counts once."""
    return list(dict.fromkeys(t for t in (tidy(c) for c in row) if t))


def _split_notes(rows: list[list[str | None]]) -> tuple[list[list[str | None]], list[str]]:
    """Below the header, rows from the first note (``注：…``, a sentence across the whole
    table) on are text, not indicators."""
    header = next((i for i, r in enumerate(rows[:12]) if is_header([tidy(c) for c in r])), -1)
    for index in range(header + 1, len(rows)):
        texts = _texts(rows[index])
        if header >= 0 and len(texts) == 1 and (_NOTE.match(texts[0]) or texts[0].endswith("。")):
            return rows[:index], ["  ".join(_texts(row)) for row in rows[index:]]
    return rows, []


def blocks_from(items: list[str | Grid]) -> list[Block]:
    """Paragraphs and tables in reading order, ready for ``assemble_document``."""
    blocks: list[Block] = []
    for item in items:
        if isinstance(item, str):
            blocks.append(item)
            continue
        rows, notes = _split_notes(item.rows)
        above, table = table_from_grid(rows, line=item.line)
        if table is None:
            previous = _previous_table(blocks)
            cells = [[tidy(c) for c in row] for row in rows]
            cells = [row for row in cells if any(row)]
            if previous is not None and cells and len(cells[0]) == len(previous.header):
                previous.rows.extend(cells)
                previous.ends_text = previous.ends_text or item.cut
            else:
                blocks.extend(above)
            blocks.extend(notes)
            continue
        blocks.extend(above)
        table.ends_text = table.ends_text or item.cut
        if table.caption is None:
            table.caption = _caption_from(blocks)
        previous = _previous_table(blocks)
        if table.caption is None and previous is not None and previous.header == table.header:
            previous.rows.extend(table.rows)  # the header repeated on the next page
            previous.ends_text = previous.ends_text or table.ends_text
        else:
            blocks.append(table)
        blocks.extend(notes)
    return blocks
