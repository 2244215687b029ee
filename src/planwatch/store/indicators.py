"""Indicators of a jurisdiction: lookup, the department responsible, direction overrides.

An indicator is identified by its name within its jurisdiction (``IndicatorRecord``); the
catalogue in ``planwatch.phrases`` says which way is good for common indicators, and a user
can override that per indicator here, which every assessment of a stored plan then honours.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from planwatch.errors import IndicatorNotFound, PlanwatchError
from planwatch.model import Direction, TableRole
from planwatch.store.audit import record_change
from planwatch.store.database import connect, session_for
from planwatch.store.schema import (
    IndicatorRecord,
    JurisdictionRecord,
    PlanRecord,
    PlanTableRecord,
    TargetRecord,
    get_by_id,
)
from planwatch.textclean import strip_controls


@dataclass(frozen=True)
class IndicatorInfo:
    id: int
    name: str
    category: str | None
    unit: str | None
    department: str | None
    jurisdiction: str | None
    direction: str | None


@dataclass(frozen=True)
class TargetHistory:
    """One printed target of an indicator: which plan, table role and year."""

    plan_id: int
    plan_title: str
    role: TableRole
    year: int | None
    phrase: str | None
    nature: str | None
    unit: str | None


def _info(record: IndicatorRecord, jurisdiction: str | None) -> IndicatorInfo:
    return IndicatorInfo(
        record.id,
        record.name,
        record.category,
        record.unit,
        record.department,
        jurisdiction,
        record.direction,
    )


def _indicator_query():
    return select(IndicatorRecord, JurisdictionRecord.name).join(
        JurisdictionRecord, IndicatorRecord.jurisdiction_id == JurisdictionRecord.id, isouter=True
    )


def get_indicator(engine: Engine, indicator_id: int) -> IndicatorInfo:
    with session_for(engine) as session:
        row = session.execute(_indicator_query().where(IndicatorRecord.id == indicator_id)).first()
    if row is None:
        raise IndicatorNotFound(f"没有编号为{indicator_id}的指标", f"no indicator {indicator_id}")
    return _info(*row)


def list_indicators(
    engine: Engine,
    department: str | None = None,
    plan_id: int | None = None,
    *,
    jurisdiction: str | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> list[IndicatorInfo]:
    """All indicators, or those of one department, of one jurisdiction, or those printed in
    one plan's tables, in the order they were created; ``offset`` and ``limit`` take a page
    of them (a store of 3,000 plans holds tens of thousands)."""
    query = _filtered(_indicator_query(), department, jurisdiction).order_by(IndicatorRecord.id)
    if plan_id is not None:
        in_plan = (
            select(TargetRecord.indicator_id)
            .join(PlanTableRecord, TargetRecord.table_id == PlanTableRecord.id)
            .where(PlanTableRecord.plan_id == plan_id)
        )
        query = query.where(IndicatorRecord.id.in_(in_plan))
    query = query.offset(offset).limit(limit)
    with session_for(engine) as session:
        return [_info(*row) for row in session.execute(query)]


def count_indicators(
    engine: Engine, department: str | None = None, jurisdiction: str | None = None
) -> int:
    """How many indicators ``list_indicators`` lists with the same department and place."""
    query = select(func.count(IndicatorRecord.id)).join(
        JurisdictionRecord, IndicatorRecord.jurisdiction_id == JurisdictionRecord.id, isouter=True
    )
    with connect(engine) as connection:
        return connection.execute(_filtered(query, department, jurisdiction)).scalar_one()


def _filtered(query: Select, department: str | None, jurisdiction: str | None) -> Select:
    """The query narrowed to one department's and one jurisdiction's indicators."""
    if department is not None:
        query = query.where(IndicatorRecord.department == department)
    if jurisdiction is not None:
        query = query.where(JurisdictionRecord.name == jurisdiction)
    return query


def table_row_names(engine: Engine) -> set[str]:
    """Every indicator name printed in a row of some stored plan's table."""
    with connect(engine) as connection:
        return set(connection.execute(select(TargetRecord.name).distinct()).scalars())


def plan_indicator_ids(engine: Engine, plan_id: int) -> dict[tuple[TableRole, str], int]:
    """(table role, row name) → indicator id for one stored plan: links rows to indicators."""
    query = (
        select(PlanTableRecord.role, TargetRecord.name, TargetRecord.indicator_id)
        .join(PlanTableRecord, TargetRecord.table_id == PlanTableRecord.id)
        .where(PlanTableRecord.plan_id == plan_id)
    )
    with connect(engine) as connection:
        return {(TableRole(role), name): ind for role, name, ind in connection.execute(query)}


def assign_department(engine: Engine, indicator_id: int, department: str | None, actor: str):
    """Make a department responsible for an indicator (None or "" clears it), audited."""
    department = _department(department)
    with session_for(engine) as session, session.begin():
        _set_department(session, _record(session, indicator_id), department, actor)


def assign_departments(
    engine: Engine, indicator_ids: list[int], department: str | None, actor: str
) -> int:
    """One department for many indicators (None or "" clears it): one transaction, so all of
    them change or none (an unknown id refuses the lot); each change audited like
    ``assign_department``. Returns how many indicators changed (already assigned: none)."""
    department = _department(department)
    changed = 0
    with session_for(engine) as session, session.begin():
        for indicator_id in dict.fromkeys(indicator_ids):
            record = _record(session, indicator_id)
            if record.department == department:
                continue
            _set_department(session, record, department, actor)
            changed += 1
    return changed


def _department(department: str | None) -> str | None:
    """The department as entered, less control characters and surrounding spaces; None if empty."""
    return strip_controls(department or "").strip() or None


def _set_department(
    session: Session, record: IndicatorRecord, department: str | None, actor: str
) -> None:
    """The one place a department is set: the change and its audit entry, in ``session``."""
    old = record.department
    record.department = department
    record_change(
        session,
        actor,
        "assign",
        "indicator",
        record.id,
        {"department": old},
        {"department": department},
    )


def target_history(engine: Engine, indicator_id: int) -> list[TargetHistory]:
    """Every target printed for the indicator across stored plans, oldest year first."""
    query = (
        select(TargetRecord, PlanTableRecord.role, PlanTableRecord.year, PlanRecord)
        .join(PlanTableRecord, TargetRecord.table_id == PlanTableRecord.id)
        .join(PlanRecord, PlanTableRecord.plan_id == PlanRecord.id)
        .where(TargetRecord.indicator_id == indicator_id)
        .order_by(PlanTableRecord.year, PlanRecord.id)
    )
    with session_for(engine) as session:
        return [
            TargetHistory(plan.id, plan.title, TableRole(role), year, t.phrase, t.nature, t.unit)
            for t, role, year, plan in session.execute(query)
        ]


def _record(session: Session, indicator_id: int) -> IndicatorRecord:
    record = get_by_id(session, IndicatorRecord, indicator_id)
    if record is None:
        raise IndicatorNotFound(f"没有编号为{indicator_id}的指标", f"no indicator {indicator_id}")
    return record


def find_indicator(engine: Engine, name: str, jurisdiction: str | None = None) -> IndicatorInfo:
    """The indicator of that exact name (in that jurisdiction when one is given)."""
    query = _indicator_query().where(IndicatorRecord.name == name)
    if jurisdiction:
        query = query.where(JurisdictionRecord.name == jurisdiction)
    with session_for(engine) as session:
        rows = session.execute(query).all()
    if len(rows) != 1:
        where = f"（{jurisdiction}）" if jurisdiction else ""
        problem = "没有名为" if not rows else f"有{len(rows)}个地区都有名为"
        hint = "" if not rows else "，请用 --jurisdiction 指明地区"
        raise IndicatorNotFound(
            f"{problem}“{name}”{where}的已存指标{hint}",
            f"indicator '{name}' not found or ambiguous",
        )
    return _info(*rows[0])


def set_direction(
    engine: Engine, indicator_id: int, direction: Direction | str | None, actor: str
) -> None:
    """Override the catalogue's direction for one indicator (None restores it), audited."""
    try:
        value = Direction(direction).value if direction else None
        if value == Direction.UNKNOWN:
            raise ValueError(value)
    except ValueError:
        choices = "、".join(d.value for d in Direction if d is not Direction.UNKNOWN)
        raise PlanwatchError(
            f"未知方向“{direction}”（可用：{choices}）", f"unknown direction '{direction}'"
        ) from None
    with session_for(engine) as session, session.begin():
        record = _record(session, indicator_id)
        old, record.direction = record.direction, value
        record_change(
            session,
            actor,
            "direction",
            "indicator",
            indicator_id,
            {"direction": old},
            {"direction": value},
        )


def direction_overrides(engine: Engine, jurisdiction: str | None) -> dict[str, Direction]:
    """Name → overridden direction for one jurisdiction's indicators (empty if none)."""
    query = (
        select(IndicatorRecord.name, IndicatorRecord.direction)
        .join(JurisdictionRecord, IndicatorRecord.jurisdiction_id == JurisdictionRecord.id)
        .where(JurisdictionRecord.name == jurisdiction, IndicatorRecord.direction.is_not(None))
    )
    with connect(engine) as connection:
        rows = connection.execute(query)
        return {name: Direction(value) for name, value in rows if value is not None}
