"""The audit log: every change made through the web app or the CLI, who, when, old and new.

Entries are written inside the transaction of the change itself, so a change and its audit
entry are stored together or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.store.database import session_for
from planwatch.store.schema import AuditRecord, utc_now


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    old: dict | None
    new: dict | None


def record_change(
    session: Session,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
) -> None:
    """Add an audit entry to the caller's transaction."""
    session.add(
        AuditRecord(
            at=utc_now(),
            actor=actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            old=old,
            new=new,
        )
    )


def list_audit(
    engine: Engine,
    entity: str | None = None,
    entity_ids: list[int] | None = None,
    limit: int = 200,
) -> list[AuditEntry]:
    """The newest entries first, optionally only those of one kind of entity and some ids."""
    query = select(AuditRecord).order_by(AuditRecord.id.desc()).limit(limit)
    if entity is not None:
        query = query.where(AuditRecord.entity == entity)
    if entity_ids is not None:
        query = query.where(AuditRecord.entity_id.in_(entity_ids))
    with session_for(engine) as session:
        return [
            AuditEntry(r.id, r.at, r.actor, r.action, r.entity, r.entity_id, r.old, r.new)
            for r in session.scalars(query)
        ]
