"""The text of a ruled PDF table's cells: pdfplumber's ``Table.extract``, found faster.

pdfplumber tests every character of the page against every row of a table, then the row's
characters against each of its cells: a page of 600 characters and a table of 45 rows makes
27,000 tests, 15 % of reading a PDF report. Here the characters are sorted once by the
middle of their height, and each row takes the run whose middle lies between its top and
bottom by bisection. The rule of belonging is pdfplumber's own (a character belongs to the
box that holds its middle, top and left edges in, bottom and right edges out), the
characters of a cell keep the page's order, and each cell's text is pdfplumber's
``extract_text`` of them: the rows are the same, only fewer characters are tested.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

Char = dict[str, Any]
Box = tuple[float, float, float, float]


def _middle(char: Char) -> tuple[float, float]:
    """(across, down): the middle of the character's width and of its height."""
    return (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2


def _holds(box: Box, across: float, down: float) -> bool:
    """pdfplumber's ``char_in_bbox``: the middle inside, top and left edges included."""
    x0, top, x1, bottom = box
    return across >= x0 and across < x1 and down >= top and down < bottom


class _ByHeight:
    """The page's characters sorted by the middle of their height, for bisection by row.

    A middle that is not a finite number (a damaged text matrix) cannot be sorted; those few
    characters are tested against every row, as pdfplumber tests all of them."""

    def __init__(self, chars: Sequence[Char]) -> None:
        self.unsorted: list[tuple[int, float, float]] = []
        ordered: list[tuple[float, int, float]] = []
        for index, char in enumerate(chars):
            across, down = _middle(char)
            if math.isfinite(across) and math.isfinite(down):
                ordered.append((down, index, across))
            else:
                self.unsorted.append((index, across, down))
        ordered.sort()
        self.downs = [down for down, _, _ in ordered]
        self.ordered = ordered

    def in_row(self, box: Box) -> list[tuple[int, float, float]]:
        """(index, across, down) of every character the row's box holds, in page order."""
        _, top, _, bottom = box
        start, end = bisect_left(self.downs, top), bisect_left(self.downs, bottom)
        found = [(i, a, d) for d, i, a in self.ordered[start:end]]
        found += [(i, a, d) for i, a, d in self.unsorted]
        return sorted(entry for entry in found if _holds(box, entry[1], entry[2]))


def cell_texts(table: Any) -> list[list[str | None]]:
    """What ``table.extract()`` returns, for a pdfplumber ``Table`` (its page's characters,
    its rows of cells): a row's list holds None where a merged cell covers the position."""
    from pdfplumber.utils import extract_text

    chars = table.page.chars
    by_height = _ByHeight(chars)
    rows: list[list[str | None]] = []
    for row in table.rows:
        in_row = by_height.in_row(row.bbox)
        rows.append([_cell_text(cell, in_row, chars, extract_text) for cell in row.cells])
    return rows


def _cell_text(
    cell: Box | None, in_row: Iterable[tuple[int, float, float]], chars: Sequence[Char], extract
) -> str | None:
    if cell is None:
        return None
    held = [chars[index] for index, across, down in in_row if _holds(cell, across, down)]
    return extract(held) if held else ""
