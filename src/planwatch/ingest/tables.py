"""From a grid of cell strings to a ``PlanTable``: the part every layout shares.

Layout readers (tab-cell text, pipes, Word, HTML, PDF, Excel) only find the grid; the
header decides what each column means (``columns.read_header``), so a table missing a
column still reads, and a value split into absolute and growth columns is read as the
report would print it while its parts are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.ingest.cells import clean_cell, combine_parts, value_or_none
from planwatch.ingest.columns import (
    COLUMN_ROLES,
    Column,
    ColumnRole,
    compact,
    is_header,
    map_columns,
    misspelt_header,
    read_header,
)
from planwatch.ingest.row_checks import header_warnings, row_warnings
from planwatch.model import IndicatorRow, Nature, PlanTable, TableRole

__all__ = [
    "COLUMN_ROLES",
    "RawTable",
    "build_table",
    "compact",
    "is_header",
    "map_columns",
    "split_category",
]

_CATEGORY_COUNT = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<count>\d+)\s*(?:个|项)\s*[)）]\s*$")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])\s*(?P<name>\S.*)$"
)
_SUB_INDICATOR = re.compile(r"^(?:[#＃]|其中[：:]?)\s*(?P<name>\S.*)$")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")


@dataclass
class RawTable:
    """A table as a layout reader found it, before its columns are understood."""

    header: list[str]
    rows: list[list[str]]
    caption: str | None = None
    line: int | None = None  # 1-based line (or page) where the table starts, for messages
    truncated: list[str] | None = None  # an incomplete last row, if the text was cut
    # The text ends inside the table, in a layout whose rows have no closing mark (tab
    # cells): the last row is complete in cells, but its last cell may have lost lines.
    ends_text: bool = False
    warnings: list[str] = field(default_factory=list)


def split_category(cell: str) -> tuple[str, int | None]:
    """``经济发展实力（8个）`` → (``经济发展实力``, 8); a cell without a count keeps None."""
    text = compact(cell)
    match = _CATEGORY_COUNT.match(text)
    if match:
        return match["name"], int(match["count"])
    return text, None


def _category_row(cells: list[str], has_category_column: bool) -> str | None:
    """The category a row announces on its own (``一、创新驱动``, a merged ``经济发展（8个）``)."""
    filled = [c for c in cells if c]
    if not filled or len(set(filled)) != 1:
        return None
    text = filled[0]
    numbered = _NUMBERED.match(text)
    if numbered:
        return numbered["name"]
    if _CATEGORY_COUNT.match(compact(text)) or len(filled) > 1 or not has_category_column:
        return text
    return None


def _nature(text: str | None) -> Nature | None:
    if not text:
        return None
    if "约束" in text:
        return Nature.BINDING
    if "预期" in text:
        return Nature.EXPECTED
    return None


def _number(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None


class _RowReader:
    """Reads the cells of one row by the columns' roles, parts and declared units."""

    def __init__(self, columns: list[Column]) -> None:
        self.first: dict[ColumnRole, Column] = {}
        for column in columns:
            if column.role:
                self.first.setdefault(column.role, column)
        self.values = {
            role: [c for c in columns if c.role == role]
            for role in (ColumnRole.TARGET, ColumnRole.ACTUAL)
        }
        self.declared_unit = self._declared_unit()

    def _declared_unit(self) -> str | None:
        value_columns = self.values[ColumnRole.TARGET] + self.values[ColumnRole.ACTUAL]
        only_growth = all(c.part == "growth" for c in value_columns)
        return next(
            (c.unit for c in value_columns if c.unit and (c.part != "growth" or only_growth)),
            None,
        )

    def cell(self, cells: list[str], role: ColumnRole) -> str | None:
        column = self.first.get(role)
        if column is None or column.index >= len(cells):
            return None
        return value_or_none(cells[column.index])

    def blank(self, cells: list[str], role: ColumnRole) -> bool:
        """Whether the row has nothing at all where ``role`` is (not even a printed ``—``)."""
        columns = self.values.get(role) or [c for c in [self.first.get(role)] if c]
        return bool(columns) and all(
            c.index >= len(cells) or not cells[c.index].strip() for c in columns
        )

    def value(self, cells: list[str], role: ColumnRole, unit: str | None):
        """(phrase, parts) of the target or actual: split columns combined, parts kept."""
        columns = self.values[role]
        parted = [c for c in columns if c.part]
        if not parted or (len(columns) > 1 and len(parted) < len(columns)):
            return self.cell(cells, role), None
        parts: dict[str, str] = {}
        for column in parted:
            text = value_or_none(cells[column.index]) if column.index < len(cells) else None
            if text is not None:
                parts.setdefault(column.part or "", text)
        if len(parted) == 1:
            return (next(iter(parts.values())) if parts else None), parts or None
        return combine_parts(parts, unit), parts or None


def _role_and_year(columns: list[Column], caption: str | None) -> tuple[TableRole, int | None]:
    """A table with actuals reviews a year, unless its actuals are the year before its plan
    (``上年完成`` beside ``本年计划``, ``2022年实绩`` beside ``2023年目标``)."""
    targets = [c for c in columns if c.role is ColumnRole.TARGET]
    actuals = [c for c in columns if c.role is ColumnRole.ACTUAL]
    target_year = next((c.year for c in targets if c.year), None)
    actual_year = next((c.year for c in actuals if c.year), None)
    base = (
        any("上年" in c.label for c in actuals)
        or any("本年" in c.label for c in targets)
        or bool(target_year and actual_year and actual_year < target_year)
    )
    role = TableRole.PLAN if not actuals or (targets and base) else TableRole.REVIEW
    year = target_year if role is TableRole.PLAN else actual_year or target_year
    if year is None:
        years = [int(y) for y in _YEAR.findall(caption or "")]
        if years:
            year = years[-1] if role is TableRole.PLAN else years[0]
    return role, year


def build_table(raw: RawTable, label: str) -> tuple[PlanTable, list[str]]:
    """Turn a raw grid into a plan table; ``label`` names it in warnings (``表1``)."""
    columns = read_header(raw.header)
    reader = _RowReader(columns)
    warnings = list(raw.warnings)
    for column in columns:
        if column.role is None and (known := misspelt_header(column.label)):
            warnings.append(
                f"{label}的表头“{column.label}”不认识（像“{known}”），该列未读取，请核对原表"
            )
    role, year = _role_and_year(columns, raw.caption)
    table = PlanTable(caption=raw.caption or "", role=role, year=year)
    category: str | None = None
    parent: str | None = None
    blanks: list[set[str]] = []  # per row, the columns left empty (for row_warnings)
    for raw_cells in raw.rows:
        cells = [clean_cell(c) for c in raw_cells]
        announced = _category_row(cells, ColumnRole.CATEGORY in reader.first)
        cat_text = announced or reader.cell(cells, ColumnRole.CATEGORY)
        if cat_text:
            category, count = split_category(cat_text)
            if count is not None:
                table.declared_counts[category] = count
        name = None if announced else reader.cell(cells, ColumnRole.NAME)
        if not name:
            continue
        sub = _SUB_INDICATOR.match(name)
        if sub:
            name = sub["name"]
        else:
            parent = name
        unit = reader.cell(cells, ColumnRole.UNIT) or reader.declared_unit
        target, target_parts = reader.value(cells, ColumnRole.TARGET, unit)
        actual, actual_parts = reader.value(cells, ColumnRole.ACTUAL, unit)
        previous, previous_parts = None, None
        if role is TableRole.PLAN:  # 上年完成 beside 本年计划: last year's, not an actual
            previous, previous_parts, actual, actual_parts = actual, actual_parts, None, None
        roles = {"no": ColumnRole.NO, "target": ColumnRole.TARGET, "actual": ColumnRole.ACTUAL}
        blanks.append({attr for attr, r in roles.items() if reader.blank(cells, r)})
        table.rows.append(
            IndicatorRow(
                no=_number(reader.cell(cells, ColumnRole.NO)),
                category=category,
                name=name,
                unit=unit,
                nature=_nature(reader.cell(cells, ColumnRole.NATURE)),
                target=target,
                actual=actual,
                department=reader.cell(cells, ColumnRole.DEPARTMENT),
                parent=parent if sub else None,
                target_parts=target_parts,
                actual_parts=actual_parts,
                previous=previous,
                previous_parts=previous_parts,
            )
        )
    if raw.truncated is not None:
        cut = "、".join(c for c in raw.truncated if c.strip()) or "（空）"
        warnings.append(
            f"{label}在第{len(table.rows) + 1}行处被截断：最后一行只有{len(raw.truncated)}个单元格"
            f"（应为{len(raw.header)}个），内容“{cut}”未计入；已保留前{len(table.rows)}行完整数据"
        )
    elif raw.ends_text and raw.rows and table.rows:
        kept = "、".join(c for c in (clean_cell(x) for x in raw.rows[-1]) if c)
        warnings.append(
            f"{label}在第{len(table.rows)}行处可能被截断：文字在表格中结束，"
            f"最后一行“{kept}”已保留，但其最后一个单元格可能不完整"
        )
    warnings.extend(_count_warnings(table, label))
    warnings.extend(row_warnings(table, label, blanks))
    warnings.extend(header_warnings(raw.header, raw.rows, label))
    if not raw.caption:
        warnings.append(f"{label}没有找到表题（如“表1 …”）")
    return table, warnings


def _count_warnings(table: PlanTable, label: str) -> list[str]:
    """Declared category counts (``（8个）``) that disagree with the rows found."""
    found: dict[str, int] = {}
    for row in table.rows:
        if row.category:
            found[row.category] = found.get(row.category, 0) + 1
    return [
        f"{label}“{name}”声明{declared}个指标，实际读到{found.get(name, 0)}行"
        for name, declared in table.declared_counts.items()
        if found.get(name, 0) != declared
    ]
