"""Indicators and their observations as departments enter them, with optimistic concurrency.

An edit names the ``version`` it started from; the row is updated only while it still has
that version (one ``UPDATE … WHERE version = ?``), so two people editing the same value at
once never overwrite each other silently: the second is told to reload. Every change writes
an audit entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Engine, case, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planwatch.errors import BadObservation, IndicatorNotFound, StaleEdit
from planwatch.model import Period, PeriodKind, Quality
from planwatch.store.audit import record_change
from planwatch.store.database import connect, session_for
from planwatch.store.requests import mark_submitted
from planwatch.store.schema import (
    PLAN_SOURCE,
    IndicatorRecord,
    ObservationRecord,
    get_by_id,
    period_columns,
    period_filter,
    record_period,
    utc_now,
)

ENTRY_QUALITIES = (Quality.FINAL, Quality.PRELIMINARY, Quality.ESTIMATE, Quality.PENDING)


@dataclass(frozen=True)
class StoredObservation:
    id: int
    indicator_id: int
    period: Period
    phrase: str
    quality: str
    note: str | None
    source: str | None
    version: int
    updated_by: str | None
    updated_at: dt.datetime | None

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "indicator_id": self.indicator_id,
            "period": self.period.model_dump(mode="json"),
            "period_label": self.period.label,
            "phrase": self.phrase,
            "quality": self.quality,
            "note": self.note,
            "source": self.source,
            "version": self.version,
            "updated_by": self.updated_by,
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
        }


def _stored(record: ObservationRecord) -> StoredObservation:
    return StoredObservation(
        record.id,
        record.indicator_id,
        record_period(record),
        record.phrase,
        record.quality,
        record.note,
        record.source,
        record.version,
        record.updated_by,
        record.updated_at,
    )


def list_observations(engine: Engine, indicator_id: int) -> list[StoredObservation]:
    query = (
        select(ObservationRecord)
        .where(ObservationRecord.indicator_id == indicator_id)
        .order_by(ObservationRecord.year, ObservationRecord.month, ObservationRecord.quarter)
    )
    with session_for(engine) as session:
        return [_stored(r) for r in session.scalars(query)]


def latest_observations(engine: Engine, indicator_ids: list[int]) -> dict[int, StoredObservation]:
    """The most recent observation of each indicator (latest year, then latest period in it)."""
    query = (
        select(ObservationRecord)
        .where(ObservationRecord.indicator_id.in_(indicator_ids))
        .order_by(
            ObservationRecord.year,
            case((ObservationRecord.period_kind == PeriodKind.YEAR.value, 1), else_=0),
            ObservationRecord.month,
            ObservationRecord.quarter,
        )
    )
    with session_for(engine) as session:
        return {r.indicator_id: _stored(r) for r in session.scalars(query)}


def year_observations(
    engine: Engine, indicator_ids: list[int], year: int
) -> dict[int, StoredObservation]:
    """The whole-year observation of each indicator for one year (what Table 1 reports)."""
    return period_observations(engine, indicator_ids, Period.of_year(year))


def period_observations(
    engine: Engine, indicator_ids: list[int], period: Period
) -> dict[int, StoredObservation]:
    """The observation of each indicator for one period (1-6月 for 序时进度), in one query."""
    query = select(ObservationRecord).where(
        ObservationRecord.indicator_id.in_(indicator_ids),
        *period_filter(ObservationRecord, period),
    )
    with session_for(engine) as session:
        return {r.indicator_id: _stored(r) for r in session.scalars(query)}


def observations_of_year(
    engine: Engine, indicator_ids: list[int], year: int
) -> dict[int, list[StoredObservation]]:
    """Every observation of each indicator in one year, in period order (last year's path)."""
    query = (
        select(ObservationRecord)
        .where(ObservationRecord.indicator_id.in_(indicator_ids), ObservationRecord.year == year)
        .order_by(ObservationRecord.month, ObservationRecord.quarter)
    )
    found: dict[int, list[StoredObservation]] = {i: [] for i in indicator_ids}
    with session_for(engine) as session:
        for record in session.scalars(query):
            found[record.indicator_id].append(_stored(record))
    return found


def months_to_date(observations: list[StoredObservation]) -> dict[int, str]:
    """month → phrase of the 1-N月 figures among a year's observations."""
    return {
        o.period.month: o.phrase
        for o in observations
        if o.period.kind is PeriodKind.YEAR_TO_DATE and o.period.month is not None
    }


def year_actuals(engine: Engine, indicator_ids: list[int], year: int) -> dict[int, str]:
    """Just the phrases of ``year_observations``: one light query for the dashboard's hot path."""
    query = select(ObservationRecord.indicator_id, ObservationRecord.phrase).where(
        ObservationRecord.indicator_id.in_(indicator_ids),
        ObservationRecord.period_kind == PeriodKind.YEAR.value,
        ObservationRecord.year == year,
    )
    with connect(engine) as connection:
        return dict(connection.execute(query).all())


def get_observation(engine: Engine, observation_id: int) -> StoredObservation:
    with session_for(engine) as session:
        record = get_by_id(session, ObservationRecord, observation_id)
        if record is None:
            raise BadObservation(
                f"没有编号为{observation_id}的观测值", f"no observation {observation_id}"
            )
        return _stored(record)


@dataclass(frozen=True)
class PrintedActual:
    """A review table's actual as the report prints it, with its quality (read before)."""

    year: int
    phrase: str
    quality: Quality


def record_printed_actual(
    session: Session,
    plan_id: int,
    indicator: IndicatorRecord,
    printed: PrintedActual,
    actor: str,
) -> None:
    """The report's own actual becomes the year's observation unless a user entered one.

    A re-import that changes it is a change like any other: its version goes up and the old and
    new values are audited, so a form loaded before the re-import is refused as stale instead of
    overwriting the correction. The first import of a value is covered by the upload's entry.
    """
    key = {"period_kind": PeriodKind.YEAR.value, "year": printed.year, "quarter": 0, "month": 0}
    existing = None
    if indicator.id is not None:
        existing = session.scalar(
            select(ObservationRecord).filter_by(indicator_id=indicator.id, **key)
        )
    values = {
        "phrase": printed.phrase,
        "quality": printed.quality.value,
        "source": f"{PLAN_SOURCE}{plan_id}",
        "plan_id": plan_id,
        "updated_by": actor,
    }
    if existing is None:
        session.add(ObservationRecord(indicator=indicator, **key, **values, version=1))
        return
    if not (existing.source or "").startswith(PLAN_SOURCE):
        return  # what a user entered is never overwritten by an import
    if all(getattr(existing, k) == v for k, v in values.items() if k != "updated_by"):
        return
    old = {**_public(existing), "indicator_id": existing.indicator_id}
    for name, value in values.items():
        setattr(existing, name, value)
    existing.version += 1
    session.flush()
    new = {**_public(existing), "indicator_id": existing.indicator_id}
    record_change(session, actor, "update", "observation", existing.id, old, new)


def _stale(period: Period) -> StaleEdit:
    return StaleEdit(
        f"{period.label}的数值已被他人修改，请刷新后查看最新值再提交（未覆盖）",
        "the value was changed by someone else since you loaded it; reload (nothing overwritten)",
    )


@dataclass(frozen=True)
class Entry:
    """One figure to store: what a form, the API or a line of an import file gives."""

    indicator_id: int
    period: Period
    phrase: str
    quality: str = "final"
    note: str | None = None
    source: str | None = None
    version: int | None = None  # the version the editor loaded; None for a new figure


class OnExisting(StrEnum):
    """What to do when a figure of the same indicator and period is stored already."""

    CHECK = "check"  # an edit: the version loaded must still be current (else StaleEdit)
    KEEP = "keep"  # an import: the same phrase again is fine, a different one is refused
    REPLACE = "replace"  # an import re-run on purpose: overwrite, audited


def save_observations(
    engine: Engine,
    entries: list[Entry],
    actor: str,
    *,
    on_existing: OnExisting = OnExisting.CHECK,
) -> list[StoredObservation]:
    """Store several figures in one transaction: all of them, or (on any error) none.

    The figures are checked before they come here (``monitor.entry.checked``: the phrase read
    by the grammar, the quality one a user may enter); the store keeps them as given.
    """
    try:
        with session_for(engine) as session, session.begin():
            return [_save_in(session, entry, actor, on_existing) for entry in entries]
    except IntegrityError:  # a concurrent first entry of the same period won the race
        raise _stale(entries[0].period) from None


def _save_in(
    session: Session, entry: Entry, actor: str, on_existing: OnExisting
) -> StoredObservation:
    indicator_id, period, phrase = entry.indicator_id, entry.period, entry.phrase
    source = entry.source
    if (source or "").startswith(PLAN_SOURCE):
        source = None  # that prefix marks the report's own actual, which a re-import may replace
    values = {
        "phrase": phrase,
        "quality": entry.quality,
        "note": (entry.note or "").strip() or None,
        "source": (source or "").strip() or None,
        "updated_by": actor,
    }
    key = {"indicator_id": indicator_id, **period_columns(period)}
    if get_by_id(session, IndicatorRecord, indicator_id) is None:
        raise IndicatorNotFound(f"没有编号为{indicator_id}的指标", f"no indicator {indicator_id}")
    current = session.scalar(select(ObservationRecord).filter_by(**key))
    if current is None:
        if entry.version is not None and on_existing is OnExisting.CHECK:
            raise _stale(period)
        current = ObservationRecord(**key, **values, version=1)
        session.add(current)
        session.flush()
        mark_submitted(session, indicator_id, period)
        new = {**_public(current), "indicator_id": indicator_id}
        record_change(session, actor, "create", "observation", current.id, None, new)
        return _stored(current)
    if on_existing is OnExisting.KEEP:
        if current.phrase == phrase:
            return _stored(current)
        raise BadObservation(
            f"{period.label}已有数值“{current.phrase}”，与导入的“{phrase}”不同（未导入任何数据；"
            "确需覆盖请加 --replace）",
            "a different figure is stored for this period already; nothing imported",
        )
    version = current.version if on_existing is OnExisting.REPLACE else entry.version
    if version is None or version != current.version:
        raise _stale(period)
    old = _public(current)
    done = session.execute(
        update(ObservationRecord)
        .where(ObservationRecord.id == current.id, ObservationRecord.version == version)
        .values(
            **values,
            version=version + 1,
            updated_at=utc_now(),
        )
        .execution_options(synchronize_session=False)
    )
    if done.rowcount != 1:  # type: ignore[attr-defined]  # a CursorResult: UPDATE counts rows
        raise _stale(period)
    session.expire(current)
    mark_submitted(session, indicator_id, period)
    record_change(
        session,
        actor,
        "update",
        "observation",
        current.id,
        {**old, "indicator_id": indicator_id},
        {**_public(current), "indicator_id": indicator_id},
    )
    return _stored(current)


def _public(record: ObservationRecord) -> dict:
    return {
        "period": record_period(record).label,
        "phrase": record.phrase,
        "quality": record.quality,
        "note": record.note,
        "source": record.source,
        "version": record.version,
    }
