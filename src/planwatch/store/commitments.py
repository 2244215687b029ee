"""The tracking of key-task commitments: who answers for each and what they reported.

A commitment is named by its key within its plan (``3-2``); what it promises stays in the
plan's stored document. Every change is one transaction with its audit entry.
"""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.model import CommitmentState
from planwatch.store.audit import record_change
from planwatch.store.database import session_for
from planwatch.store.schema import CommitmentRecord, utc_now
from planwatch.textclean import strip_controls


def commitment_states(engine: Engine, plan_id: int) -> dict[str, CommitmentState]:
    """Every recorded commitment of a plan by key (those never touched are absent)."""
    with session_for(engine) as session:
        records = session.scalars(
            select(CommitmentRecord).where(CommitmentRecord.plan_id == plan_id)
        ).all()
        return {
            r.key: CommitmentState(r.department, r.progress, r.updated_by, r.updated_at)
            for r in records
        }


def assign_commitment(
    engine: Engine, plan_id: int, key: str, department: str | None, actor: str
) -> None:
    """Make a department answer for a commitment (None or "" clears it), audited."""
    department = strip_controls(department or "").strip() or None
    with session_for(engine) as session, session.begin():
        record = _record(session, plan_id, key)
        old = record.department
        record.department = department
        _audit(session, actor, "assign", record, {"department": old}, {"department": department})


def record_progress(engine: Engine, plan_id: int, key: str, progress: str, actor: str) -> None:
    """Store what a department reports of a commitment (``checked`` by the caller), audited."""
    with session_for(engine) as session, session.begin():
        record = _record(session, plan_id, key)
        old = record.progress
        record.progress, record.updated_by, record.updated_at = progress, actor, utc_now()
        _audit(session, actor, "progress", record, {"progress": old}, {"progress": progress})


def _record(session: Session, plan_id: int, key: str) -> CommitmentRecord:
    found = session.scalar(
        select(CommitmentRecord).where(
            CommitmentRecord.plan_id == plan_id, CommitmentRecord.key == key
        )
    )
    if found is None:
        found = CommitmentRecord(plan_id=plan_id, key=key)
        session.add(found)
        session.flush()
    return found


def _audit(session, actor, action, record: CommitmentRecord, old: dict, new: dict) -> None:
    new = {"plan_id": record.plan_id, "key": record.key, **new}
    record_change(session, actor, action, "commitment", record.id, old, new)
