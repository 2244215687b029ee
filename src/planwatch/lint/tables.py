"""Rules on the indicator tables themselves: counts per category, duplicates, numbering, gaps.

Sub-rows (``其中：``, ``#制造业投资``, with ``parent`` set) belong to their indicator and are
not counted as indicators of their own, except where a category's declared count includes them.
"""

from __future__ import annotations

from collections.abc import Iterator

from planwatch.lineage import normalise_name
from planwatch.lint.registry import Finding, Rule, Severity, rule
from planwatch.model import IndicatorRow, PlanDocument, PlanTable, TableRole


def indicators(table: PlanTable) -> list[IndicatorRow]:
    """The rows that count as indicators (not sub-rows)."""
    return [r for r in table.rows if not r.parent]


def table_name(table: PlanTable) -> str:
    """``表1`` from the caption, else the role in words."""
    head = table.caption.split()[0] if table.caption.strip() else ""
    if head.startswith(("表", "附表")):
        return head
    return "执行情况表" if table.role is TableRole.REVIEW else "计划表"


def describe(table: PlanTable, row: IndicatorRow) -> str:
    """Evidence for a row: ``表1 第12项 新增高新技术企业数｜净增1500家以上…｜…``."""
    cells = (
        [row.target or "", row.actual or ""]
        if table.role is TableRole.REVIEW
        else [row.target or ""]
    )
    number = f"第{row.no}项 " if row.no is not None else ""
    return f"{table_name(table)} {number}{row.name}｜" + "｜".join(cells)


def row_label(table: PlanTable, row: IndicatorRow) -> str:
    """``表1第19项“技术合同成交额”``, or without the number when the table has none."""
    number = f"第{row.no}项" if row.no is not None else ""
    return f"{table_name(table)}{number}“{row.name}”"


@rule("PW101", Severity.ERROR, "分类标注的指标个数（如“（8个）”）与该类实际行数不符")
def category_counts(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for table in doc.tables:
        for category, declared in table.declared_counts.items():
            rows = [r for r in indicators(table) if r.category == category]
            with_subrows = [r for r in table.rows if r.category == category]
            # Some reports count their ``#`` sub-rows in the category total, some do not.
            if declared not in (len(rows), len(with_subrows)):
                yield self.finding(
                    f"{table_name(table)}“{category}”类标注{declared}个指标，实际列出{len(rows)}行"
                    + (
                        f"（另有{extra}个子项）" if (extra := len(with_subrows) - len(rows)) else ""
                    ),
                    f"{category}（{declared}个）",
                    f"{table_name(table)}该类指标：" + "、".join(r.name for r in rows),
                )


@rule("PW401", Severity.ERROR, "同一张表中指标重复出现")
def duplicates(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for table in doc.tables:
        seen: dict[str, IndicatorRow] = {}
        for row in indicators(table):
            key = normalise_name(row.name)
            if key in seen:
                first = seen[key]
                yield self.finding(
                    f"{table_name(table)}中“{row.name}”出现两次"
                    + (f"（第{first.no}项与第{row.no}项）" if row.no is not None else ""),
                    describe(table, first),
                    describe(table, row),
                )
            else:
                seen[key] = row


@rule("PW402", Severity.ERROR, "指标序号不连续、重复或倒序")
def numbering(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for table in doc.tables:
        numbered = [(r.no, r) for r in indicators(table) if r.no is not None]
        rows = [r for _, r in numbered]
        expected = 1
        for previous, (no, row) in zip([None, *rows], numbered, strict=False):
            if no == expected:
                expected += 1
                continue
            where = f"“{previous.name}”（第{previous.no}项）之后" if previous else "表首"
            if no > expected:
                missing = "、".join(str(n) for n in range(expected, no))
                message = f"{table_name(table)}序号在{where}跳到{no}，缺少第{missing}项"
            else:
                message = f"{table_name(table)}序号在{where}是{no}，应为{expected}（重复或倒序）"
            yield self.finding(
                message, describe(table, previous) if previous else "", describe(table, row)
            )
            expected = no + 1


@rule("PW404", Severity.WARNING, "有完成情况却没有预期目标的指标")
def actual_without_target(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for table in doc.tables:
        for row in indicators(table):
            if (row.actual or "").strip() and not (row.target or "").strip():
                yield self.finding(
                    f"{row_label(table, row)}填写了完成情况“{row.actual}”，但没有预期目标",
                    describe(table, row),
                )
