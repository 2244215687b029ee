"""From a grid of cell strings to a ``PlanTable``: the part every layout shares.

Layout readers (tab-cell text, pipes, Word, HTML, PDF, Excel) only find the grid; the
header decides what each column means, so a table missing a column still reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planwatch.model import IndicatorRow, Nature, PlanTable, TableRole

# Column roles by header text, tried in order: the first role whose pattern matches wins.
# 指标分类 must be tried before 指标名称, and 指标属性 before both, since all contain 指标.
COLUMN_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("no", re.compile(r"^(序号|编号|序)$")),
    ("nature", re.compile(r"属性|性质")),
    ("category", re.compile(r"分类|类别|领域")),
    ("department", re.compile(r"部门|责任单位|牵头单位")),
    ("unit", re.compile(r"^(计量)?单位$")),
    ("actual", re.compile(r"完成|实际|实绩|执行")),
    ("target", re.compile(r"目标|计划|预期")),
    ("name", re.compile(r"指标|名称|项目")),
]

_CATEGORY_COUNT = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?P<count>\d+)\s*(?:个|项)\s*[)）]\s*$")
_YEAR = re.compile(r"(20\d{2}|19\d{2})\s*年")
_SPACES = re.compile(r"\s+")


@dataclass
class RawTable:
    """A table as a layout reader found it, before its columns are understood."""

    header: list[str]
    rows: list[list[str]]
    caption: str | None = None
    line: int | None = None  # 1-based line (or page) where the table starts, for messages
    truncated: list[str] | None = None  # an incomplete last row, if the text was cut
    warnings: list[str] = field(default_factory=list)


def compact(cell: str) -> str:
    """Drop the spaces Word and web pages put inside Chinese text (``指 标 名 称``)."""
    return _SPACES.sub("", cell)


def map_columns(header: list[str]) -> dict[str, int]:
    """Role → column index, first column winning when two headers claim one role."""
    roles: dict[str, int] = {}
    for index, text in enumerate(header):
        label = compact(text)
        for role, pattern in COLUMN_ROLES:
            if pattern.search(label):
                roles.setdefault(role, index)
                break
    return roles


def is_header(cells: list[str]) -> bool:
    """A row is a header when it names an indicator column and a target or actual column."""
    roles = map_columns(cells)
    return "name" in roles and ("target" in roles or "actual" in roles)


def split_category(cell: str) -> tuple[str, int | None]:
    """``经济发展实力（8个）`` → (``经济发展实力``, 8); a cell without a count keeps None."""
    text = compact(cell)
    match = _CATEGORY_COUNT.match(text)
    if match:
        return match["name"], int(match["count"])
    return text, None


def _cell(cells: list[str], roles: dict[str, int], role: str) -> str | None:
    index = roles.get(role)
    if index is None or index >= len(cells):
        return None
    value = cells[index].strip()
    return value or None


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


def build_table(raw: RawTable, label: str) -> tuple[PlanTable, list[str]]:
    """Turn a raw grid into a plan table; ``label`` names it in warnings (``表1``)."""
    roles = map_columns(raw.header)
    warnings = list(raw.warnings)
    role = TableRole.REVIEW if "actual" in roles else TableRole.PLAN
    year_match = _YEAR.search(raw.caption or "") or _YEAR.search(" ".join(raw.header))
    table = PlanTable(
        caption=raw.caption or "",
        role=role,
        year=int(year_match.group(1)) if year_match else None,
    )
    category: str | None = None
    for cells in raw.rows:
        cat_text = _cell(cells, roles, "category")
        if cat_text:
            category, count = split_category(cat_text)
            if count is not None:
                table.declared_counts[category] = count
        name = _cell(cells, roles, "name")
        if not name:
            continue
        table.rows.append(
            IndicatorRow(
                no=_number(_cell(cells, roles, "no")),
                category=category,
                name=name,
                unit=_cell(cells, roles, "unit"),
                nature=_nature(_cell(cells, roles, "nature")),
                target=_cell(cells, roles, "target"),
                actual=_cell(cells, roles, "actual") if role is TableRole.REVIEW else None,
                department=_cell(cells, roles, "department"),
            )
        )
    if raw.truncated is not None:
        cut = "、".join(c for c in raw.truncated if c.strip()) or "（空）"
        warnings.append(
            f"{label}在第{len(table.rows) + 1}行处被截断：最后一行只有{len(raw.truncated)}个单元格"
            f"（应为{len(raw.header)}个），内容“{cut}”未计入；已保留前{len(table.rows)}行完整数据"
        )
    warnings.extend(_count_warnings(table, label))
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
