"""SQLAlchemy tables for plans, indicators, targets, observations and the audit log.

Portable SQL only (SQLite by default, PostgreSQL by URL). Periods are stored with 0 for an
absent quarter or month, so the uniqueness of an observation holds on both databases
(NULLs never collide in a unique index).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from planwatch.model import Period, PeriodKind

# Ids are INTEGER columns: anything outside 1..2^31-1 cannot name a row on any database
# (and overflows SQLite's driver), so lookups answer "not found" instead of crashing.
MAX_ID = 2**31 - 1


# Observations read from a report's own table carry this source prefix (``plan:3``): a
# re-import may replace them, while what a user entered is never overwritten by an import.
PLAN_SOURCE = "plan:"


class Base(DeclarativeBase):
    pass


def utc_now() -> dt.datetime:
    """Now in UTC, naive: how every time in the store is kept (pages show Beijing time)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def token_hash(token: str) -> str:
    """What is stored of a secret token (a session's, an upload preview's): its SHA-256, so a
    copy of the database names no usable token."""
    return hashlib.sha256(token.encode()).hexdigest()


def get_by_id(session, record_class, record_id: int):
    """``session.get`` that answers None for ids no row can have."""
    if not 1 <= record_id <= MAX_ID:
        return None
    return session.get(record_class, record_id)


def period_columns(period: Period) -> dict:
    """The columns that name a period in every per-period table (0 for an absent part)."""
    return {
        "period_kind": period.kind.value,
        "year": period.year,
        "quarter": period.quarter or 0,
        "month": period.month or 0,
    }


def record_period(record) -> Period:
    """The period a row of a per-period table names."""
    return Period(
        kind=PeriodKind(record.period_kind),
        year=record.year,
        quarter=record.quarter or None,
        month=record.month or None,
    )


def period_filter(record_class, period: Period) -> list:
    """WHERE clauses selecting one period in a per-period table."""
    return [getattr(record_class, k) == v for k, v in period_columns(period).items()]


class JurisdictionRecord(Base):
    __tablename__ = "jurisdictions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    level: Mapped[str | None] = mapped_column(String(20))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))


class PlanRecord(Base):
    """A stored report; ``document`` keeps the whole parsed document for exact round trips."""

    __tablename__ = "plans"
    __table_args__ = (
        UniqueConstraint("fingerprint", name="uq_plans_fingerprint"),
        # A jurisdiction's plans (the diff page's choices, the other version of an upload).
        Index("ix_plans_jurisdiction", "jurisdiction_id", "plan_year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    jurisdiction_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    title: Mapped[str] = mapped_column(Text)
    review_year: Mapped[int | None] = mapped_column(Integer)
    plan_year: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[dt.date | None] = mapped_column(Date)
    authority: Mapped[str | None] = mapped_column(String(200))
    meeting: Mapped[str | None] = mapped_column(String(200))
    source_name: Mapped[str] = mapped_column(String(500))
    fingerprint: Mapped[str] = mapped_column(String(64))
    document: Mapped[dict] = mapped_column(JSON)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())

    jurisdiction: Mapped[JurisdictionRecord | None] = relationship()
    tables: Mapped[list[PlanTableRecord]] = relationship(
        back_populates="plan", cascade="all, delete-orphan", order_by="PlanTableRecord.position"
    )


class PlanTableRecord(Base):
    __tablename__ = "plan_tables"
    __table_args__ = (Index("ix_plan_tables_plan", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    caption: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(10))
    year: Mapped[int | None] = mapped_column(Integer)
    declared_counts: Mapped[dict] = mapped_column(JSON)

    plan: Mapped[PlanRecord] = relationship(back_populates="tables")
    targets: Mapped[list[TargetRecord]] = relationship(
        back_populates="table", cascade="all, delete-orphan", order_by="TargetRecord.position"
    )


class IndicatorRecord(Base):
    """An indicator of one jurisdiction, identified by its name there."""

    __tablename__ = "indicators"
    __table_args__ = (
        UniqueConstraint("jurisdiction_id", "name", name="uq_indicator_name"),
        Index("ix_indicators_department", "department"),  # a department's own (/entry)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    jurisdiction_id: Mapped[int | None] = mapped_column(ForeignKey("jurisdictions.id"))
    name: Mapped[str] = mapped_column(String(300))
    category: Mapped[str | None] = mapped_column(String(100))
    unit: Mapped[str | None] = mapped_column(String(50))
    direction: Mapped[str | None] = mapped_column(String(20))  # user override of the catalogue
    department: Mapped[str | None] = mapped_column(String(200))


class TargetRecord(Base):
    __tablename__ = "targets"
    __table_args__ = (
        Index("ix_targets_table", "table_id"),
        Index("ix_targets_indicator", "indicator_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    table_id: Mapped[int] = mapped_column(ForeignKey("plan_tables.id", ondelete="CASCADE"))
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    position: Mapped[int] = mapped_column(Integer)
    no: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str | None] = mapped_column(String(50))
    nature: Mapped[str | None] = mapped_column(String(10))
    phrase: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(String(200))

    table: Mapped[PlanTableRecord] = relationship(back_populates="targets")
    indicator: Mapped[IndicatorRecord] = relationship()


class PeriodColumns:
    """The columns of every per-period table: an indicator and a period (0 for an absent
    quarter or month, so unique constraints hold on SQLite and PostgreSQL alike)."""

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    period_kind: Mapped[str] = mapped_column(String(10))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer, default=0)
    month: Mapped[int] = mapped_column(Integer, default=0)


class ObservationRecord(PeriodColumns, Base):
    """An actual for one indicator and period; ``version`` detects concurrent edits."""

    __tablename__ = "observations"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id", "period_kind", "year", "quarter", "month", name="uq_observation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    phrase: Mapped[str] = mapped_column(Text)
    quality: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(300))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plans.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by: Mapped[str | None] = mapped_column(String(100))
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime, server_default=func.now(), onupdate=func.now()
    )

    indicator: Mapped[IndicatorRecord] = relationship()


class AuditRecord(Base):
    """Who changed what, when: old and new values as JSON."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    old: Mapped[dict | None] = mapped_column(JSON)
    new: Mapped[dict | None] = mapped_column(JSON)


class DataRequestRecord(PeriodColumns, Base):
    """The DRC's request for one indicator's figure of one period, and its review.

    ``status``: open (asked, nothing yet) → submitted (the department saved a figure) →
    accepted, or returned with a comment (the figure is then not used until resubmitted)."""

    __tablename__ = "data_requests"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id", "period_kind", "year", "quarter", "month", name="uq_data_request"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    due: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open")
    comment: Mapped[str | None] = mapped_column(Text)
    requested_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class StatusOverrideRecord(PeriodColumns, Base):
    """A DRC editor's 序时 status for one indicator and period, with the mandatory reason."""

    __tablename__ = "status_overrides"
    __table_args__ = (
        UniqueConstraint(
            "indicator_id", "period_kind", "year", "quarter", "month", name="uq_status_override"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class PlanVersionRecord(Base):
    """An earlier version of a stored report, kept when ``--replace`` put another in its place:
    viewable and restorable (``store.plan_versions``, ``store.restore_version``)."""

    __tablename__ = "plan_versions"
    __table_args__ = (Index("ix_plan_versions_plan", "plan_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(500))
    document: Mapped[dict] = mapped_column(JSON)
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    replaced_at: Mapped[dt.datetime] = mapped_column(DateTime)
    replaced_by: Mapped[str | None] = mapped_column(String(100))


class UploadPreviewRecord(Base):
    """An uploaded document shown to its uploader and not yet confirmed. Kept in the store,
    not in a process's memory, so any worker can confirm it; only the token's hash is kept."""

    __tablename__ = "upload_previews"
    __table_args__ = (Index("ix_upload_previews_created", "created_at"),)

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    document: Mapped[dict] = mapped_column(JSON)
    size: Mapped[int] = mapped_column(Integer)  # bytes of the document's JSON, for the cap
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class PanelRowRecord(Base):
    """One row of the research panel (``model.panel.PanelRow``): rebuilt from the stored plans
    by ``planwatch panel --all``, read by the comparison pages. Free text is TEXT, so no
    report's long sentence is cut or refused by PostgreSQL."""

    __tablename__ = "panel_rows"
    __table_args__ = (
        Index("ix_panel_rows_indicator_year", "canonical", "year"),
        Index("ix_panel_rows_code_year", "code", "year"),
        Index("ix_panel_rows_jurisdiction", "jurisdiction"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(12))
    level: Mapped[str | None] = mapped_column(Text)
    parent: Mapped[str | None] = mapped_column(Text)
    parent_code: Mapped[str | None] = mapped_column(String(12))
    year: Mapped[int] = mapped_column(Integer)
    indicator: Mapped[str] = mapped_column(Text)
    canonical: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(30))
    comparator: Mapped[str | None] = mapped_column(String(30))
    target_value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    actual_value: Mapped[float | None] = mapped_column(Float)
    quality: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str | None] = mapped_column(String(30))
    status_zh: Mapped[str | None] = mapped_column(String(30))
    margin: Mapped[float | None] = mapped_column(Float)
    reason: Mapped[str | None] = mapped_column(Text)
    match: Mapped[str] = mapped_column(String(10))
    conflict: Mapped[str | None] = mapped_column(Text)
    target_source: Mapped[str | None] = mapped_column(Text)
    target_where: Mapped[str | None] = mapped_column(Text)
    target_sentence: Mapped[str | None] = mapped_column(Text)
    actual_name: Mapped[str | None] = mapped_column(Text)
    actual_source: Mapped[str | None] = mapped_column(Text)
    actual_where: Mapped[str | None] = mapped_column(Text)
    actual_sentence: Mapped[str | None] = mapped_column(Text)
    parent_target: Mapped[str | None] = mapped_column(Text)
    escalation: Mapped[float | None] = mapped_column(Float)


class CommitmentRecord(Base):
    """A key-task commitment as tracked: its department and its latest progress, by the
    commitment's key within its plan (``3-2``: the 3rd task's 2nd commitment). The commitment
    itself lives in the plan's document; a re-import of the plan starts its tracking anew."""

    __tablename__ = "commitments"
    __table_args__ = (UniqueConstraint("plan_id", "key", name="uq_commitments_plan_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plans.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(200))
    progress: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
