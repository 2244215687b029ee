"""Indicators restated in prose, against their table: numbers, directions, status words.

The completion narrative (``（一）主要计划目标完成情况``) restates every indicator of 表1; the
plan-year sections under 二、 (``关于经济增速``, ``关于三大需求指标``, ``关于创新转型指标``,
``关于其他指标``) restate targets of 表2. A restatement may add words (``实现地区生产总值
26727.0亿元，按不变价格计算，比上年增长6.0%``) but must not contradict the cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from planwatch.lineage import find_declaration
from planwatch.lint.mentions import Mention, locate
from planwatch.lint.registry import Finding, Rule, Severity, rule
from planwatch.lint.tables import describe, row_label, table_name
from planwatch.lint.totals import sections_with_year
from planwatch.lint.wording import (
    DIRECTION_ZH,
    leading_direction,
    same_value,
    shown,
    stated_values,
    statuses,
)
from planwatch.model import IndicatorRow, PlanDocument, PlanTable, Section, TableRole


@dataclass(frozen=True)
class Restatement:
    section: Section
    table: PlanTable
    row: IndicatorRow
    cell: str  # the table phrase restated: the actual in 表1, the target in 表2
    mention: Mention

    def where(self) -> str:
        return f"“{self.section.number}{self.section.title}”中“{self.row.name}”"

    def quote(self) -> str:
        return f"{self.section.number}{self.section.title}：…{self.mention.quote.strip('，,、')}…"


def completion_section(doc: PlanDocument) -> Section | None:
    """The section restating 表1: a …目标完成情况 / …指标完成情况 section."""
    return next(
        (
            s
            for s in doc.walk_sections()
            if s.title.endswith("完成情况") and ("目标" in s.title or "指标" in s.title)
        ),
        None,
    )


def plan_sections(doc: PlanDocument, table: PlanTable) -> list[Section]:
    """The ``关于…`` sections of the part about the plan year."""
    return [
        s
        for s, year in sections_with_year(doc)
        if s.title.startswith("关于") and year in (table.year, None) and s.text
    ]


def restatements(doc: PlanDocument, role: TableRole) -> Iterator[Restatement]:
    table = doc.table_for(role)
    if table is None:
        return
    sections = [completion_section(doc)] if role is TableRole.REVIEW else plan_sections(doc, table)
    declaration = find_declaration(doc)
    for section in filter(None, sections):
        lines = [line for line in section.text.splitlines() if line.strip() != declaration]
        for index, mention in sorted(locate("\n".join(lines), table.rows).items()):
            row = table.rows[index]
            cell = row.actual if role is TableRole.REVIEW else row.target
            if cell:
                yield Restatement(section, table, row, cell, mention)


def _first_clause(text: str) -> str:
    return re.split(r"[，,；;]", text.strip("，,、 "), maxsplit=1)[0]


def number_problems(item: Restatement) -> Iterator[tuple[str, str]]:
    """("number"|"direction", message) for every value of the cell the prose contradicts."""
    said = stated_values(item.mention.words)
    table = table_name(item.table)
    for cell in stated_values(item.cell):
        same = next((s for s in said if same_value(s.quantity, cell.quantity)), None)
        if same is not None:
            if same.direction and cell.direction and same.direction != cell.direction:
                prose = DIRECTION_ZH[same.direction] + shown(same.quantity)
                yield "direction", f"{item.where()}写为{prose}，{table}为{_way(cell)}"
            continue
        rivals = [s for s in said if s.quantity.unit == cell.quantity.unit]
        # The same number in another unit (1159万人 against 1159万户) contradicts as well.
        rivals = rivals or [s for s in said if s.quantity.value == cell.quantity.value]
        if rivals:
            prose = shown(rivals[0].quantity)
            yield "number", f"{item.where()}写为{prose}，{table}为{shown(cell.quantity)}"
    if not stated_values(_first_clause(item.cell)):  # a worded direction: 稳步降低, 稳步提升
        prose, printed = _first_clause(item.mention.predicate), _first_clause(item.cell)
        prose_way, table_way = leading_direction(prose), leading_direction(printed)
        if table_way and prose_way and table_way != prose_way:
            yield "direction", f"{item.where()}写为“{prose}”，{table}为“{printed}”，方向相反"


def _way(stated) -> str:
    return DIRECTION_ZH[stated.direction] + shown(stated.quantity)


def _findings(self: Rule, doc: PlanDocument, role: TableRole, kind: str) -> Iterator[Finding]:
    for item in restatements(doc, role):
        for problem, message in number_problems(item):
            if problem == kind:
                yield self.finding(message, item.quote(), describe(item.table, item.row))


@rule("PW201", Severity.ERROR, "完成情况叙述中的数值与表1的完成情况不符")
def completion_numbers(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    yield from _findings(self, doc, TableRole.REVIEW, "number")


@rule("PW202", Severity.ERROR, "完成情况叙述中的增减方向（增长/下降）与表1相反")
def completion_directions(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    yield from _findings(self, doc, TableRole.REVIEW, "direction")


@rule("PW203", Severity.WARNING, "完成情况叙述与表1的状态用语（待省反馈、预计、未完成）不一致")
def completion_status(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for item in restatements(doc, TableRole.REVIEW):
        in_table, in_prose = statuses(item.cell), statuses(item.mention.words)
        if in_table != in_prose:
            table_words = "、".join(sorted(in_table)) or "无"
            prose_words = "、".join(sorted(in_prose)) or "无"
            yield self.finding(
                f"{item.where()}的状态用语（{prose_words}）与{table_name(item.table)}完成情况"
                f"“{item.cell}”的（{table_words}）不一致",
                item.quote(),
                describe(item.table, item.row),
            )


@rule("PW204", Severity.WARNING, "表1的指标未在完成情况叙述中出现")
def completion_missing(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    section, table = completion_section(doc), doc.table_for(TableRole.REVIEW)
    if section is None or table is None:
        return
    rows = [row for row in table.rows if not row.parent]
    found = {item.row.name for item in restatements(doc, TableRole.REVIEW)}
    # Only a narrative that restates the table (most of it) promises every indicator; a
    # section that merely holds the table and a summary sentence promises none.
    if len(found) * 2 < len(rows):
        return
    for row in rows:
        if row.name not in found:
            yield self.finding(
                f"{row_label(table, row)}未在“{section.number}{section.title}”中找到",
                describe(table, row),
            )


@rule("PW211", Severity.ERROR, "计划安排叙述（关于…指标）中的目标值与表2不符")
def plan_numbers(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    yield from _findings(self, doc, TableRole.PLAN, "number")


@rule("PW212", Severity.ERROR, "计划安排叙述中的目标方向（增长/下降、提升/降低）与表2相反")
def plan_directions(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    yield from _findings(self, doc, TableRole.PLAN, "direction")
