"""From a grid of cells, as any layout or format reader found it, to a ``RawTable``.

Word, HTML, PDF, Excel and the delimited text layouts all end up with rows of cells. What
follows is the same for all: the header row is found by its text (title rows above it
become the caption), a second header row (``绝对值 | 增速(%)`` under ``2022年实绩``) is
flattened into ``2022年实绩/绝对值``, empty rows are dropped and short rows padded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planwatch.ingest.cells import clean_cell
from planwatch.ingest.columns import compact, is_header
from planwatch.ingest.tables import RawTable

CAPTION = re.compile(r"^\s*(附)?表\s*\d+")
_CAPTION_WORDS = re.compile(r"(指标|目标|计划).*(表|情况|目标|指标)$")
_SUB_LABEL = re.compile(r"^(绝对值|绝对额|总量|数值|规模|金额|总额|增长|增速|增幅|同比|比上年|±)")
_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])")
HEADER_SEARCH_ROWS = 6  # a header further down than this is not the table's


def join_cell_lines(parts: list[str]) -> str:
    """Join a cell's lines as Word printed them: no space between Chinese characters."""
    text = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        needs_space = text and text[-1].isascii() and text[-1].isalnum() and part[0].isascii()
        text += (" " if needs_space and part[0].isalnum() else "") + part
    return text


def tidy(cell: str | None) -> str:
    """A cell from any reader: lines joined, spaces and widths cleaned."""
    return clean_cell(join_cell_lines(cell.split("\n"))) if cell else ""


def is_caption(text: str) -> bool:
    """``表1  2024年…完成情况`` or a short title line naming indicators or targets."""
    text = text.strip()
    if CAPTION.match(text):
        return True
    if "国民经济和社会发展" in text or text.startswith("关于"):
        return False  # the document's title, which metadata needs
    return len(text) <= 50 and not _HEADING.match(text) and bool(_CAPTION_WORDS.search(text))


def is_sub_header(row: list[str], header: list[str]) -> bool:
    """A second header row: only part labels (绝对值, 增速…) or repeats of the header above."""
    above = [compact(c) for c in header] + [""] * max(0, len(row) - len(header))
    parts = [compact(c) for i, c in enumerate(row) if c and compact(c) != above[i]]
    return bool(parts) and all(_SUB_LABEL.match(cell) for cell in parts)


def _span_columns(header: list[str]) -> list[int]:
    """Columns under a header cell spanning several: the cell and the empty ones after it."""
    spans: list[int] = []
    for index, cell in enumerate(header):
        after_empty = index + 1 < len(header) and not header[index + 1]
        continues = not cell and bool(spans) and spans[-1] == index - 1
        if (cell and after_empty) or continues:
            spans.append(index)
    return spans


def flatten_header(header: list[str], sub: list[str]) -> list[str]:
    """Two header rows into one: ``2022年实绩`` over ``绝对值`` → ``2022年实绩/绝对值``.

    A spanning cell is empty (text layouts, PDF) or repeated (Word, HTML, Excel) over the
    columns it spans. A second row with fewer cells than columns holds only the part labels,
    in order, for the spanned columns.
    """
    width = max(len(header), len(sub))
    header = header + [""] * (width - len(header))
    filled = [c for c in sub if c]
    if len(sub) < width:
        spans = _span_columns(header)
        if len(spans) == len(filled):
            sub = [""] * width
            for index, label in zip(spans, filled, strict=True):
                sub[index] = label
    sub = sub + [""] * (width - len(sub))
    flat: list[str] = []
    parent = ""
    for cell, label in zip(header, sub, strict=True):
        parent = cell or parent
        own = cell or (parent if label else "")
        flat.append(f"{own}/{label}" if label and label != own and own else own or label)
    return flat


def table_from_grid(
    grid: Sequence[Sequence[str | None]], caption: str | None = None, line: int | None = None
) -> tuple[list[str], RawTable | None]:
    """(text rows above the header, the table) from the rows of one table.

    Rows above the header that are merged titles become the caption when they read like one
    and are returned as text otherwise (an Excel sheet often starts with the report title).
    When no header is found, every row comes back as text and the table is None.
    """
    rows = [[tidy(cell) for cell in row] for row in grid]
    rows = [row for row in rows if any(row)]
    start = next((i for i, r in enumerate(rows[:HEADER_SEARCH_ROWS]) if is_header(r)), None)
    if start is None:
        return ["  ".join(dict.fromkeys(c for c in row if c)) for row in rows], None
    above: list[str] = []
    for row in rows[:start]:
        text = "  ".join(dict.fromkeys(c for c in row if c))
        if caption is None and is_caption(text):
            caption = re.sub(r"\s{2,}", "  ", text)
        else:
            above.append(text)
    header, body = rows[start], rows[start + 1 :]
    if body and is_sub_header(body[0], header):
        header, body = flatten_header(header, body[0]), body[1:]
    width = len(header)
    truncated = None
    if len(body) > 1 and len(body[-1]) < width and all(len(r) >= width for r in body[:-1]):
        truncated = body.pop()  # the document stops inside the last row
    body = [(row + [""] * width)[:width] if len(row) < width else _trim(row, width) for row in body]
    table = RawTable(header=header, rows=body, caption=caption, line=line, truncated=truncated)
    return above, table


def _trim(row: list[str], width: int) -> list[str]:
    """Cells past the header's width: empty ones go, text is kept in the last column."""
    extra = [c for c in row[width:] if c]
    if not extra:
        return row[:width]
    return [*row[: width - 1], " ".join([row[width - 1], *extra]).strip()]
