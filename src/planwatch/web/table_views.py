"""Indicator tables as the pages print them, and what differs between two versions of a report.

The rows are grouped by ``report.layout_table`` (the layout the Word and Excel writers draw), so a
page prints each category once over its rows, as the official table does, instead of repeating
it on every row; columns the table leaves empty everywhere (a 属性 nobody printed) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.model import PlanDocument, PlanTable, TableRole
from planwatch.report import layout_table

CATEGORY = "指标分类"
# How many names a difference lists before it says "等N项": the page is a summary, not a diff.
NAMES_SHOWN = 6


@dataclass(frozen=True)
class ShownGroup:
    name: str
    rows: list[list[str]]  # each row's cells in ``ShownTable.columns`` order, category left out


@dataclass(frozen=True)
class ShownTable:
    caption: str
    role: str
    columns: list[str]  # the column headers after the category column
    groups: list[ShownGroup]
    with_category: bool
    categories: int  # distinct categories (a category printed twice apart counts once)

    @property
    def row_count(self) -> int:
        return sum(len(g.rows) for g in self.groups)


def shown_table(table: PlanTable) -> ShownTable:
    """The table grouped under its categories, without the columns no row fills."""
    layout = layout_table(table)
    columns = [c for c in layout.columns if c != CATEGORY]
    cells = [
        (group, dict(zip(layout.columns, layout.cells(group, row), strict=True)))
        for group in layout.groups
        for row in group.rows
    ]
    kept = [c for c in columns if c == "指标名称" or any(values[c] for _g, values in cells)]
    groups: list[ShownGroup] = []
    for group in layout.groups:
        rows = [[values[c] for c in kept] for g, values in cells if g is group]
        groups.append(ShownGroup(group.name, rows))
    with_category = any(g.name for g in layout.groups)
    return ShownTable(
        table.caption, table.role.value, kept, groups, with_category, len(table.categories)
    )


@dataclass(frozen=True)
class NameList:
    """Some names, the first few of them printed: ``地区生产总值、…等12项``."""

    names: list[str]

    def __str__(self) -> str:
        head = "、".join(self.names[:NAMES_SHOWN])
        more = len(self.names) - NAMES_SHOWN
        return f"{head}等{len(self.names)}项" if more > 0 else head

    def __bool__(self) -> bool:
        return bool(self.names)


@dataclass(frozen=True)
class TableDifference:
    """One table of the stored version against the same table in the new file."""

    label: str
    old_rows: int | None  # None: the stored version has no such table
    new_rows: int | None  # None: the new file has no such table
    added: NameList = field(default_factory=lambda: NameList([]))
    removed: NameList = field(default_factory=lambda: NameList([]))
    changed: NameList = field(default_factory=lambda: NameList([]))
    renumbered: bool = False  # the same rows in another order or under other numbers

    @property
    def same(self) -> bool:
        """Nothing a reader of the table would see differs (the text may: see the notes)."""
        return (
            self.old_rows == self.new_rows
            and not self.added
            and not self.removed
            and not self.changed
            and not self.renumbered
        )


def _label(table: PlanTable) -> str:
    word = "表1（执行情况）" if table.role is TableRole.REVIEW else "表2（计划目标）"
    return f"{word} {table.year}年" if table.year else word


def _changed_rows(old: PlanTable, new: PlanTable) -> list[str]:
    """The names printed in both tables whose target, actual, unit, category or nature differ
    (a renumbering alone is not named: the row counts and the names already tell it)."""
    before = {row.name: row for row in old.rows}
    names = []
    for row in new.rows:
        was = before.get(row.name)
        fields = ("target", "actual", "unit", "category", "nature")
        if was is not None and any(getattr(was, f) != getattr(row, f) for f in fields):
            names.append(row.name)
    return names


def _compare(old: PlanTable | None, new: PlanTable | None) -> TableDifference:
    label = _label(new if new is not None else old)  # type: ignore[arg-type]
    if old is None or new is None:
        return TableDifference(
            label,
            len(old.rows) if old is not None else None,
            len(new.rows) if new is not None else None,
        )
    old_names = [row.name for row in old.rows]
    new_names = [row.name for row in new.rows]
    old_set, new_set = set(old_names), set(new_names)
    return TableDifference(
        label,
        len(old.rows),
        len(new.rows),
        added=NameList([n for n in new_names if n not in old_set]),
        removed=NameList([n for n in old_names if n not in new_set]),
        changed=NameList(_changed_rows(old, new)),
        renumbered=[(r.no, r.name) for r in old.rows] != [(r.no, r.name) for r in new.rows],
    )


def version_difference(stored: PlanDocument, new: PlanDocument) -> list[TableDifference]:
    """What a replacement would change, table by table (matched by role), briefly."""
    differences = []
    for role in (TableRole.REVIEW, TableRole.PLAN):
        old_table, new_table = stored.table_for(role), new.table_for(role)
        if old_table is not None or new_table is not None:
            differences.append(_compare(old_table, new_table))
    return differences


def other_differences(stored: PlanDocument, new: PlanDocument) -> list[str]:
    """What else differs, in words: the text, the date, warnings the reader raised."""
    notes = []
    if len(stored.sections) != len(new.sections):
        notes.append(f"正文章节：已存{len(stored.sections)}个，新文件{len(new.sections)}个")
    elif stored.sections != new.sections:
        notes.append("正文文字有改动")
    if stored.date != new.date:
        notes.append(f"日期：已存{stored.date or '无'}，新文件{new.date or '无'}")
    if new.warnings:
        notes.append(f"新文件读取时有{len(new.warnings)}条警告（见上方）")
    return notes
