"""The monitoring board of a stored plan for one period, read from the store in a few queries.

A figure the DRC returned is not used (the row is 待反馈 until the department saves again);
last year's path (its 1-N月 figures and its whole-year figure) paces cumulative indicators;
overrides replace the status shown; the previous period's lights give "newly red".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from planwatch.assess.forecast import profile_of
from planwatch.assess.monitor import MonitorPolicy, MonitorRow, Override, monitor_table
from planwatch.assess.warnings import Light, newly_red
from planwatch.errors import TableNotFound
from planwatch.model import Period, PeriodKind, PlanTable, RequestStatus, TableRole
from planwatch.store import (
    StoredRequest,
    load_current,
    months_to_date,
    observations_of_year,
    period_observations,
    period_overrides,
    period_requests,
    plan_indicator_ids,
)

DEMO_MARK = "示例数据"  # the source of the bundled example figures: shown on every page of them


@dataclass(frozen=True)
class Board:
    plan_id: int
    title: str
    jurisdiction: str
    period: Period
    table: PlanTable
    rows: list[MonitorRow]
    ids: dict[str, int]  # row name → indicator id
    requests: dict[str, StoredRequest]
    previous: Period | None
    newly_red: list[str]
    demo: bool  # some figure is bundled example data, not statistics

    def lights(self) -> dict[str, Light]:
        return {r.name: r.alert.light for r in self.rows}


def previous_period(period: Period) -> Period | None:
    """The period before, of the same kind, in the same year (1-5月 before 1-6月)."""
    quarter, month = period.quarter or 0, period.month or 0
    if period.kind is PeriodKind.QUARTER and quarter > 1:
        return period.model_copy(update={"quarter": quarter - 1})
    if period.kind in (PeriodKind.YEAR_TO_DATE, PeriodKind.MONTH) and month > 1:
        return period.model_copy(update={"month": month - 1})
    return None


def plan_table_of(engine: Engine, plan_id: int, year: int) -> tuple[str, str, PlanTable]:
    """The stored plan's table of targets for ``year``, with its title and jurisdiction."""
    document = load_current(engine, plan_id)
    table = document.table_for(TableRole.PLAN, year)
    if table is None:
        years = "、".join(
            f"{t.year}年" for t in document.tables if t.role is TableRole.PLAN and t.year
        )
        raise TableNotFound(
            f"该计划（#{plan_id}）没有{year}年的计划目标表"
            + (f"，只有{years}的，期间须在计划年度内" if years else ""),
            f"plan #{plan_id} has no table of targets for {year}",
        )
    name = document.jurisdiction.name if document.jurisdiction else ""
    return document.title or name, name, table


def load_board(
    engine: Engine, plan_id: int, period: Period, policy: MonitorPolicy | None = None
) -> Board:
    title, jurisdiction, table = plan_table_of(engine, plan_id, period.year)
    pairs = plan_indicator_ids(engine, plan_id)
    ids = {row.name: pairs[(TableRole.PLAN, row.name)] for row in table.rows}
    names = {i: name for name, i in ids.items()}
    requests = period_requests(engine, list(names), period)
    figures, demo = _usable_figures(engine, names, period, requests)
    profiles = _profiles(engine, names, period.year - 1)
    overrides = {
        names[i]: Override(o.status, o.reason, o.decided_by)
        for i, o in period_overrides(engine, list(names), period).items()
    }
    rows = monitor_table(
        table, figures, period, profiles=profiles, overrides=overrides, policy=policy
    )
    before = previous_period(period)
    red: list[str] = []
    if before is not None:
        earlier, _ = _usable_figures(
            engine, names, before, period_requests(engine, list(names), before)
        )
        past = monitor_table(table, earlier, before, profiles=profiles, policy=policy)
        red = newly_red(
            {r.name: r.alert.light for r in rows}, {r.name: r.alert.light for r in past}
        )
    return Board(
        plan_id,
        title,
        jurisdiction,
        period,
        table,
        rows,
        ids,
        {names[i]: r for i, r in requests.items()},
        before,
        red,
        demo,
    )


def _usable_figures(engine, names: dict[int, str], period: Period, requests):
    stored = period_observations(engine, list(names), period)
    figures = {
        names[i]: o.phrase
        for i, o in stored.items()
        if not (i in requests and requests[i].status is RequestStatus.RETURNED)
    }
    demo = any(DEMO_MARK in (o.source or "") for o in stored.values())
    return figures, demo


def _profiles(engine, names: dict[int, str], year: int) -> dict[str, dict[int, float]]:
    """Last year's path of each indicator that has both its 1-N月 and whole-year figures."""
    profiles = {}
    for indicator_id, observations in observations_of_year(engine, list(names), year).items():
        total = [o for o in observations if o.period.kind is PeriodKind.YEAR]
        months = months_to_date(observations)
        if total and months:
            profile = profile_of(months, total[0].phrase)
            if profile:
                profiles[names[indicator_id]] = profile
    return profiles
