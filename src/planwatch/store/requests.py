"""The department reporting cycle: data requests with due dates, review, and status overrides.

The DRC asks for each indicator's figure of a period, in bulk, with a due date (monthly by the
10th of the next month, quarterly by the 15th of the month after the quarter, the year by the
end of January: ``DueRule``). Saving a figure marks its request submitted, in the saving
transaction; the DRC accepts it or returns it with a comment, and a returned figure is not
used until the department saves again. Requests still open (or returned) after their due date
are late. A DRC editor may override the 序时 status of an indicator for a period, only with a
reason. Every change is audited in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from planwatch.errors import BadObservation, ReviewError
from planwatch.model import Period, PeriodKind, Progress, RequestStatus
from planwatch.store.audit import record_change
from planwatch.store.database import session_for
from planwatch.store.schema import (
    DataRequestRecord,
    IndicatorRecord,
    StatusOverrideRecord,
    get_by_id,
    period_columns,
    period_filter,
    record_period,
    utc_now,
)
from planwatch.textclean import strip_controls


@dataclass(frozen=True)
class DueRule:
    """Days of the month after a period's end by which its figure is due."""

    month_day: int = 10
    quarter_day: int = 15
    year_day: int = 31

    def due(self, period: Period) -> dt.date:
        if period.kind is PeriodKind.YEAR:
            return dt.date(period.year + 1, 1, self.year_day)
        last = (period.quarter or 0) * 3 if period.kind is PeriodKind.QUARTER else period.month
        day = self.quarter_day if period.kind is PeriodKind.QUARTER else self.month_day
        year, month = (period.year + 1, 1) if last == 12 else (period.year, (last or 0) + 1)
        return dt.date(year, month, min(day, 28))


@dataclass(frozen=True)
class StoredRequest:
    id: int
    indicator_id: int
    period: Period
    due: dt.date
    status: RequestStatus
    comment: str | None
    reviewed_by: str | None

    @property
    def status_zh(self) -> str:
        return self.status.zh


LATE_HEADER = ["责任部门", "指标名称", "期间", "截止日期", "逾期天数", "状态"]


@dataclass(frozen=True)
class LateRequest:
    request: StoredRequest
    indicator: str
    department: str | None
    days_late: int

    def cells(self) -> list[str]:
        """One line of the late-reporters list, in ``LATE_HEADER``'s order."""
        return [
            self.department or "未分配",
            self.indicator,
            self.request.period.label,
            self.request.due.isoformat(),
            str(self.days_late),
            self.request.status_zh,
        ]


def _stored(record: DataRequestRecord) -> StoredRequest:
    return StoredRequest(
        record.id,
        record.indicator_id,
        record_period(record),
        record.due,
        RequestStatus(record.status),
        record.comment,
        record.reviewed_by,
    )


def request_figures(
    engine: Engine,
    indicator_ids: list[int],
    periods: list[Period],
    actor: str,
    rule: DueRule | None = None,
) -> int:
    """Ask for every indicator's figure of every period; existing requests are kept as they
    are. Returns how many were created. One transaction: all or none."""
    rule = rule or DueRule()
    created = 0
    with session_for(engine) as session, session.begin():
        for period in periods:
            have = set(
                session.scalars(
                    select(DataRequestRecord.indicator_id).where(
                        DataRequestRecord.indicator_id.in_(indicator_ids),
                        *period_filter(DataRequestRecord, period),
                    )
                )
            )
            for indicator_id in indicator_ids:
                if indicator_id in have:
                    continue
                session.add(
                    DataRequestRecord(
                        indicator_id=indicator_id,
                        **period_columns(period),
                        due=rule.due(period),
                        status=RequestStatus.OPEN,
                        requested_by=actor,
                    )
                )
                created += 1
        record_change(
            session,
            actor,
            "request",
            "data_request",
            None,
            None,
            {"periods": [p.label for p in periods], "indicators": len(indicator_ids)},
        )
    return created


def mark_submitted(session: Session, indicator_id: int, period: Period) -> None:
    """A saved figure is submitted for review (again, if it had been returned or accepted)."""
    session.execute(
        update(DataRequestRecord)
        .where(
            DataRequestRecord.indicator_id == indicator_id,
            *period_filter(DataRequestRecord, period),
        )
        .values(status=RequestStatus.SUBMITTED, submitted_at=utc_now())
        .execution_options(synchronize_session=False)
    )


def period_requests(
    engine: Engine, indicator_ids: list[int], period: Period
) -> dict[int, StoredRequest]:
    query = select(DataRequestRecord).where(
        DataRequestRecord.indicator_id.in_(indicator_ids),
        *period_filter(DataRequestRecord, period),
    )
    with session_for(engine) as session:
        return {r.indicator_id: _stored(r) for r in session.scalars(query)}


def review_request(
    engine: Engine, request_id: int, accept: bool, comment: str, actor: str
) -> StoredRequest:
    """Accept a submitted figure, or return it with a comment (then it is not used)."""
    comment = strip_controls(comment or "").strip()
    if not accept and not comment:
        raise ReviewError("退回时必须填写意见", "returning a figure needs a comment")
    with session_for(engine) as session, session.begin():
        record = get_by_id(session, DataRequestRecord, request_id)
        if record is None:
            raise ReviewError(f"没有编号为{request_id}的报送任务", f"no data request {request_id}")
        if record.status != RequestStatus.SUBMITTED:
            raise ReviewError(
                f"{record_period(record).label}的数据当前为“{RequestStatus(record.status).zh}”，"
                "只有已报送的数据可以采用或退回",
                "only a submitted figure can be accepted or returned",
            )
        old = {"status": record.status, "comment": record.comment}
        record.status = RequestStatus.ACCEPTED if accept else RequestStatus.RETURNED
        record.comment = comment or None
        record.reviewed_by, record.reviewed_at = actor, utc_now()
        session.flush()
        record_change(
            session,
            actor,
            "accept" if accept else "return",
            "data_request",
            record.id,
            old,
            {"status": record.status, "comment": record.comment},
        )
        return _stored(record)


def late_requests(
    engine: Engine, today: dt.date, department: str | None = None
) -> list[LateRequest]:
    """Requests past their due date with no usable figure (open, or returned), most late first."""
    query = (
        select(DataRequestRecord, IndicatorRecord.name, IndicatorRecord.department)
        .join(IndicatorRecord, IndicatorRecord.id == DataRequestRecord.indicator_id)
        .where(
            DataRequestRecord.status.in_((RequestStatus.OPEN, RequestStatus.RETURNED)),
            DataRequestRecord.due < today,
        )
        .order_by(DataRequestRecord.due, IndicatorRecord.department, IndicatorRecord.name)
    )
    if department is not None:
        query = query.where(IndicatorRecord.department == department)
    with session_for(engine) as session:
        return [
            LateRequest(_stored(r), name, dept, (today - r.due).days)
            for r, name, dept in session.execute(query)
        ]


@dataclass(frozen=True)
class StoredOverride:
    indicator_id: int
    period: Period
    status: Progress
    reason: str
    decided_by: str
    decided_at: dt.datetime | None


def set_override(
    engine: Engine,
    indicator_id: int,
    period: Period,
    status: Progress | str | None,
    reason: str,
    actor: str,
) -> StoredOverride | None:
    """Override the 序时 status shown for an indicator and period; the reason is mandatory.
    ``status`` "" (or None) removes the override, so the rule's own status is shown again; then
    None is returned."""
    reason = strip_controls(reason or "").strip()
    if status and status not in {p.value for p in Progress}:
        raise ReviewError(f"未知的状态“{status}”", "unknown status")
    if status and not reason:
        raise ReviewError("人工调整状态必须填写理由", "an override needs a reason")
    with session_for(engine) as session, session.begin():
        if get_by_id(session, IndicatorRecord, indicator_id) is None:
            raise BadObservation(f"没有编号为{indicator_id}的指标", f"no indicator {indicator_id}")
        key = {"indicator_id": indicator_id, **period_columns(period)}
        record = session.scalar(select(StatusOverrideRecord).filter_by(**key))
        old = {"status": record.status, "reason": record.reason} if record else None
        if not status:
            if record is not None:
                session.delete(record)
            record_change(session, actor, "clear", "status_override", indicator_id, old, None)
            return None
        status = Progress(status)
        if record is None:
            record = StatusOverrideRecord(**key, status=status, reason=reason, decided_by=actor)
            session.add(record)
        else:
            record.status, record.reason, record.decided_by = status, reason, actor
            record.decided_at = utc_now()
        session.flush()
        new = {"period": period.label, "status": status, "reason": reason}
        record_change(session, actor, "override", "status_override", indicator_id, old, new)
        return StoredOverride(indicator_id, period, status, reason, actor, record.decided_at)


def period_overrides(
    engine: Engine, indicator_ids: list[int], period: Period
) -> dict[int, StoredOverride]:
    query = select(StatusOverrideRecord).where(
        StatusOverrideRecord.indicator_id.in_(indicator_ids),
        *period_filter(StatusOverrideRecord, period),
    )
    with session_for(engine) as session:
        return {
            r.indicator_id: StoredOverride(
                r.indicator_id,
                record_period(r),
                Progress(r.status),
                r.reason,
                r.decided_by,
                r.decided_at,
            )
            for r in session.scalars(query)
        }
