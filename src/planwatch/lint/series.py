"""One indicator's values across a report (表1 target, 表1 actual, 表2 target, unit columns)
must be in one unit: 407万人 then 424万户 is a typo or a change of 口径 nobody declared.

Growth rates (a number after 增长/下降…) are left out: a level target followed by a growth
target (``1050亿元左右`` → ``增长8%左右``) is a change of target kind, not of unit.
"""

from __future__ import annotations

from collections.abc import Iterator

from planwatch.lineage import ChangeKind, diff_plans
from planwatch.lint.registry import Finding, Rule, Severity, rule
from planwatch.lint.tables import describe, table_name
from planwatch.lint.wording import NOT_QUANTITIES, stated_values
from planwatch.model import IndicatorRow, PlanDocument, PlanTable, TableRole
from planwatch.phrases.numbers import parse_quantity


def _units(phrase: str | None) -> dict[str, str]:
    """Unit → the value as printed, for the level values of a phrase."""
    units: dict[str, str] = {}
    for stated in stated_values(phrase or ""):
        unit = stated.quantity.unit
        if unit and unit not in NOT_QUANTITIES and stated.direction is None:
            units.setdefault(unit, stated.quantity.text or unit)
    return units


def _column_unit(unit: str | None) -> dict[str, str]:
    if not unit:
        return {}
    quantity = parse_quantity(f"1{unit}")
    return {quantity.unit: unit} if quantity and quantity.unit else {}


def _series(table: PlanTable, row: IndicatorRow) -> Iterator[tuple[str, dict[str, str]]]:
    name = table_name(table)
    yield f"{name}单位栏", _column_unit(row.unit)
    yield f"{name}预期目标", _units(row.target)
    if table.role is TableRole.REVIEW:
        yield f"{name}完成情况", _units(row.actual)


@rule("PW403", Severity.WARNING, "同一指标在表1、表2的目标、完成情况或单位栏中单位不一致")
def unit_changes(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    review, plan = doc.table_for(TableRole.REVIEW), doc.table_for(TableRole.PLAN)
    chains: list[list[tuple[PlanTable, IndicatorRow]]] = []
    if review is not None and plan is not None:
        for pairing in diff_plans(doc).pairings:
            old, new = pairing.old, pairing.new  # both set for a kept or renamed indicator
            kept = pairing.kind in (ChangeKind.UNCHANGED, ChangeKind.RENAMED)
            if kept and old is not None and new is not None:
                chains.append([(review, old), (plan, new)])
    else:
        chains = [[(t, r)] for t in doc.tables for r in t.rows]
    for chain in chains:
        series = [(label, units) for t, r in chain for label, units in _series(t, r) if units]
        for k, (label, units) in enumerate(series):
            clash = next((s for s in series[:k] if not set(s[1]) & set(units)), None)
            if clash is not None:
                row = chain[-1][1]
                before = "、".join(clash[1].values())
                after = "、".join(units.values())
                yield self.finding(
                    f"“{row.name}”的单位前后不一：{clash[0]}为{before}，{label}为{after}",
                    *(describe(t, r) for t, r in chain),
                )
                break
