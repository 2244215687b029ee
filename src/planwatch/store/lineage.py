"""Stored pairing decisions: a user confirms or corrects a pairing once, later diffs obey it.

A decision names indicators, not rows, so it holds for every later year of the jurisdiction
(or of all jurisdictions when ``jurisdiction`` is ""). A newer decision about the same old or
new indicator supersedes the older one; each change is written to the audit log in the same
transaction.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import DateTime, Engine, String, Text, func, or_, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Mapped, mapped_column

from planwatch.errors import DecisionNotFound, PlanwatchError
from planwatch.model import ChangeKind, PairingDecision
from planwatch.store.audit import record_change
from planwatch.store.database import session_for
from planwatch.store.schema import Base, get_by_id

AUDIT_ENTITY = "lineage_decision"


class LineageDecisionRecord(Base):
    """One ruling: ``old_name`` continues as ``new_name`` (either may be None, not both)."""

    __tablename__ = "lineage_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(100), index=True, default="")
    old_name: Mapped[str | None] = mapped_column(String(300))
    new_name: Mapped[str | None] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    def to_decision(self) -> PairingDecision:
        return PairingDecision(
            id=self.id,
            jurisdiction=self.jurisdiction,
            old_name=self.old_name,
            new_name=self.new_name,
            kind=ChangeKind(self.kind),
            note=self.note,
        )


def _as_dict(record: LineageDecisionRecord) -> dict:
    return record.to_decision().model_dump(mode="json", exclude={"id"})


def save_decision(engine: Engine, decision: PairingDecision, actor: str = "cli") -> PairingDecision:
    """Store a decision, replacing earlier ones about the same indicators; returns it with id."""
    if not decision.old_name and not decision.new_name:
        raise PlanwatchError("配对决定至少要写明旧指标或新指标的名称", "a decision needs a name")
    if (
        decision.kind in (ChangeKind.ADDED, ChangeKind.REMOVED)
        and decision.old_name
        and (decision.new_name)
    ):
        raise PlanwatchError(
            f"“{decision.old_name}”与“{decision.new_name}”配对时，类型只能是不变、更名或替换",
            "a pairing of two indicators is unchanged, renamed or replaced",
        )
    with session_for(engine) as session, session.begin():
        same = [
            LineageDecisionRecord.old_name == decision.old_name if decision.old_name else None,
            LineageDecisionRecord.new_name == decision.new_name if decision.new_name else None,
        ]
        older = session.scalars(
            select(LineageDecisionRecord).where(
                LineageDecisionRecord.jurisdiction == decision.jurisdiction,
                or_(*[c for c in same if c is not None]),
            )
        ).all()
        for record in older:
            record_change(
                session, actor, "supersede", AUDIT_ENTITY, record.id, _as_dict(record), None
            )
            session.delete(record)
        record = LineageDecisionRecord(
            jurisdiction=decision.jurisdiction,
            old_name=decision.old_name,
            new_name=decision.new_name,
            kind=decision.kind.value,
            note=decision.note,
            decided_by=actor,
        )
        session.add(record)
        session.flush()
        record_change(session, actor, "create", AUDIT_ENTITY, record.id, None, _as_dict(record))
        return record.to_decision()


def list_decisions(engine: Engine, jurisdiction: str | None = None) -> list[PairingDecision]:
    """All decisions, or those of one jurisdiction together with the ones for every jurisdiction."""
    query = select(LineageDecisionRecord).order_by(LineageDecisionRecord.id)
    if jurisdiction is not None:
        query = query.where(LineageDecisionRecord.jurisdiction.in_([jurisdiction, ""]))
    with session_for(engine) as session:
        records = session.scalars(query).all()
        # The jurisdiction's own rulings come first, so they win over the general ones.
        return sorted((r.to_decision() for r in records), key=lambda d: d.jurisdiction == "")


def delete_decision(engine: Engine, decision_id: int, actor: str = "cli") -> PairingDecision:
    """Remove one decision; later diffs go back to the computed pairing."""
    with session_for(engine) as session, session.begin():
        record = get_by_id(session, LineageDecisionRecord, decision_id)
        if record is None:
            raise DecisionNotFound(
                f"没有编号为{decision_id}的配对决定（用 planwatch pair --list 查看）",
                f"no pairing decision {decision_id}",
            )
        decision = record.to_decision()
        record_change(session, actor, "delete", AUDIT_ENTITY, decision_id, _as_dict(record), None)
        session.delete(record)
        return decision


def stored_decisions(db: str | Engine, jurisdiction: str | None) -> list[PairingDecision]:
    """Decisions for a diff (``db``: an engine, or a URL), without creating a database that
    does not exist yet.

    ``planwatch diff`` of two files should not leave a new SQLite file behind: when the
    file is absent there can be no decisions in it.
    """
    if isinstance(db, Engine):
        return list_decisions(db, jurisdiction)
    url = db
    parsed = make_url(url)
    sqlite_file = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if sqlite_file and not Path(sqlite_file).is_file():
        return []
    from planwatch.store.database import migrated_engine

    return list_decisions(migrated_engine(url), jurisdiction)
