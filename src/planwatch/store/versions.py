"""Earlier versions of stored reports: what ``--replace`` put aside, viewable and restorable.

Restoring goes through ``sources.restore_version`` (the restored document's actuals are read by
the grammar again, which the store never calls), and keeps the version it replaces in turn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.errors import PlanNotFound
from planwatch.model import PlanDocument
from planwatch.store.database import session_for
from planwatch.store.schema import PlanRecord, PlanVersionRecord, get_by_id, utc_now


@dataclass(frozen=True)
class PlanVersion:
    id: int
    plan_id: int
    source_name: str
    imported_at: dt.datetime | None
    replaced_at: dt.datetime
    replaced_by: str | None
    tables: int
    rows: int


def keep_version(session: Session, plan: PlanRecord, actor: str) -> None:
    """Put the plan's current content aside before a replacement overwrites it."""
    session.add(
        PlanVersionRecord(
            plan_id=plan.id,
            fingerprint=plan.fingerprint,
            source_name=plan.source_name,
            document=plan.document,
            imported_at=plan.imported_at,
            replaced_at=utc_now(),
            replaced_by=actor,
        )
    )


def _summary(record: PlanVersionRecord) -> PlanVersion:
    tables = record.document.get("tables") or []
    return PlanVersion(
        record.id,
        record.plan_id,
        record.source_name,
        record.imported_at,
        record.replaced_at,
        record.replaced_by,
        len(tables),
        sum(len(t.get("rows") or []) for t in tables),
    )


def plan_versions(engine: Engine, plan_id: int) -> list[PlanVersion]:
    """The plan's earlier versions, newest first (empty when it was never replaced)."""
    query = (
        select(PlanVersionRecord)
        .where(PlanVersionRecord.plan_id == plan_id)
        .order_by(PlanVersionRecord.id.desc())
    )
    with session_for(engine) as session:
        if get_by_id(session, PlanRecord, plan_id) is None:
            raise PlanNotFound(f"没有编号为{plan_id}的已存计划", f"no stored plan {plan_id}")
        return [_summary(r) for r in session.scalars(query)]


def version_document(engine: Engine, plan_id: int, version_id: int) -> PlanDocument:
    """The document of one earlier version of the plan."""
    with session_for(engine) as session:
        record = get_by_id(session, PlanVersionRecord, version_id)
        if record is None or record.plan_id != plan_id:
            raise PlanNotFound(
                f"计划 #{plan_id} 没有编号为{version_id}的历史版本（用 planwatch versions 查看）",
                f"plan {plan_id} has no version {version_id}",
            )
        return PlanDocument.model_validate(record.document)
