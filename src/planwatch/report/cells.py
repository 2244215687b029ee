"""Spreadsheet cells that stay text: no formula from a phrase a report or a user wrote.

A cell that begins with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) is a formula to
Excel and LibreOffice: ``=HYPERLINK("http://…")`` in an indicator name would become a live
link in an export (CSV/formula injection). The Excel writer stores such a cell as a string
with Excel's quote prefix (``formula_like``), so the printed text stays exactly as it was
(``-3.3个百分点``); a CSV cell gets a leading ``'`` (``csv_cell``), except a plain negative
number, which stays a number.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEGATIVE_NUMBER = re.compile(r"-(?:\d[\d,]*)(?:\.\d+)?%?")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet would read the text as a formula."""
    return text.startswith(FORMULA_START)


def csv_cell(value: object) -> object:
    """A CSV cell a spreadsheet opens as the text it is: a formula-like text gets a ``'``.

    Numbers and ``-12.5`` / ``-3%`` (a negative number written as text) are left alone.
    """
    if not isinstance(value, str) or not formula_like(value):
        return value
    if _NEGATIVE_NUMBER.fullmatch(value):
        return value
    return "'" + value


def csv_row(values) -> list[object]:
    return [csv_cell(v) for v in values]
