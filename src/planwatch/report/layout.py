"""The official table layout, once, for every output format.

表1 (a review year: 指标分类 | 序号 | 指标名称 | 预期目标 | 完成情况) and 表2 (a plan year, with
约束性/预期性) are laid out here as groups of rows under merged category cells. The Word,
Excel, HTML and Markdown writers only draw this layout, so the formats cannot drift apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.errors import TableNotFound
from planwatch.model import Assessment, PlanDocument, PlanTable, Status, TableRole

# One colour per status, shared by the table writers and the charts (hex RGB, no '#').
STATUS_COLOURS: dict[Status, str] = {
    Status.MET: "2E7D32",
    Status.NEARLY_MET: "9E9D24",
    Status.NOT_MET: "C62828",
    Status.EXPECTED: "1565C0",
    Status.PENDING: "EF6C00",
    Status.UNASSESSABLE: "757575",
}
# Light tints of the same colours, for cell backgrounds that must keep black text readable.
STATUS_TINTS: dict[Status, str] = {
    Status.MET: "E8F5E9",
    Status.NEARLY_MET: "F9FBE7",
    Status.NOT_MET: "FFEBEE",
    Status.EXPECTED: "E3F2FD",
    Status.PENDING: "FFF3E0",
    Status.UNASSESSABLE: "EEEEEE",
}

_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.(?P<decimals>\d+))?$")
_PERCENT = re.compile(r"^-?\d+(?:\.(?P<decimals>\d+))?%$")


@dataclass(frozen=True)
class Number:
    """A cell that is purely numeric: its value and the Excel format that prints it unchanged."""

    value: float | int
    number_format: str


def as_number(text: str | None) -> Number | None:
    """``70.9%`` → 0.709 shown as ``0.0%``; ``1350`` → 1350; anything with words stays text.

    The format keeps the printed decimals, so Excel shows exactly the phrase of the report.
    """
    if not text:
        return None
    for pattern, scale, suffix in ((_PLAIN_NUMBER, 1, ""), (_PERCENT, 100, "%")):
        match = pattern.match(text)
        if match:
            decimals = len(match["decimals"] or "")
            number = Decimal(text.rstrip("%")) / scale
            value = int(number) if not (decimals or suffix) else float(number)
            return Number(value, ("0." + "0" * decimals if decimals else "0") + suffix)
    return None


@dataclass
class LayoutRow:
    """One indicator row: the printed phrases, and the status when the table was assessed."""

    no: int | None
    name: str
    target: str
    actual: str | None = None
    nature: str | None = None  # 约束性 / 预期性
    status: Status | None = None

    @property
    def status_zh(self) -> str:
        return self.status.zh if self.status else ""


@dataclass
class CategoryGroup:
    """The rows under one merged category cell; ``label`` is what the cell prints."""

    name: str
    rows: list[LayoutRow] = field(default_factory=list)

    @property
    def label(self) -> str:
        """``经济发展实力（8个）``: the count is of the rows printed, so it is always true."""
        return f"{self.name}（{len(self.rows)}个）" if self.name else ""


@dataclass
class TableLayout:
    caption: str
    role: TableRole
    year: int | None
    columns: list[str]
    groups: list[CategoryGroup]
    with_status: bool = False

    @property
    def rows(self) -> list[LayoutRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def is_review(self) -> bool:
        return self.role is TableRole.REVIEW

    def cells(self, group: CategoryGroup, row: LayoutRow) -> list[str]:
        """A row's cells in column order, the category cell included."""
        values = {
            "指标分类": group.label,
            "序号": str(row.no) if row.no is not None else "",
            "指标名称": row.name,
            "预期目标": row.target,
            "完成情况": row.actual or "",
            "指标属性": row.nature or "",
            "完成状态": row.status_zh,
        }
        return [values[column] for column in self.columns]

    def printed_rows(self) -> list[list[str]]:
        """Every row's cells as a screen prints them: the category on its group's first row only
        (a merged cell cannot be drawn in text, and repeating it would read as more groups)."""
        return [
            self.cells(group, row) if position == 0 else ["", *self.cells(group, row)[1:]]
            for group in self.groups
            for position, row in enumerate(group.rows)
        ]


def select_table(doc: PlanDocument, year: int | None = None) -> PlanTable:
    """The table of ``year`` (by default the review year's 表1), or ``TableNotFound``."""
    year = year if year is not None else doc.review_year or doc.plan_year
    table = doc.table_for(TableRole.REVIEW, year) or doc.table_for(None, year)
    if table is None:
        years = "、".join(str(t.year) for t in doc.tables if t.year) or "无"
        raise TableNotFound(
            f"{doc.title}：没有{year}年的指标表（已有年份：{years}）",
            f"no indicator table for {year}",
        )
    return table


def layout_table(
    table: PlanTable, assessments: list[Assessment] | None = None, *, with_status: bool = False
) -> TableLayout:
    """Group a table's rows under their categories, in the report's order.

    ``assessments`` (from ``planwatch.assess.assess_table``) follow the rows one for one;
    they fill the 完成状态 column when ``with_status`` is set on a review table.
    """
    review = table.role is TableRole.REVIEW
    with_status = with_status and review and assessments is not None
    columns = ["指标分类", "序号", "指标名称", "预期目标"]
    if review:
        columns.append("完成情况")
    if not review and any(row.nature for row in table.rows):
        columns.append("指标属性")
    if with_status:
        columns.append("完成状态")
    statuses = [a.status for a in assessments] if assessments else [None] * len(table.rows)
    groups: list[CategoryGroup] = []
    for row, status in zip(table.rows, statuses, strict=True):
        category = row.category or ""
        if not groups or groups[-1].name != category:
            groups.append(CategoryGroup(category))
        groups[-1].rows.append(
            LayoutRow(
                no=row.no,
                name=row.name,
                target=row.target or "",
                actual=row.actual,
                nature=row.nature.zh if row.nature else None,
                status=status,
            )
        )
    return TableLayout(table.caption, table.role, table.year, columns, groups, with_status)
