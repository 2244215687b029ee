"""Saving and loading plan documents. Each save is one transaction: all of it or nothing."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planwatch.errors import PlanConflict, RepeatedIndicator
from planwatch.model import PlanDocument, PlanTable, Quality, TableRole
from planwatch.store.audit import record_change
from planwatch.store.database import session_for
from planwatch.store.observations import PrintedActual, record_printed_actual
from planwatch.store.schema import (
    IndicatorRecord,
    JurisdictionRecord,
    PlanRecord,
    PlanTableRecord,
    TargetRecord,
)
from planwatch.store.versions import keep_version


@dataclass(frozen=True)
class SaveResult:
    plan_id: int
    status: str  # created / unchanged / updated


def fingerprint(doc: PlanDocument) -> str:
    """Identity of a document's content, whatever file format it came in."""
    content = doc.model_dump(mode="json", exclude={"warnings"})
    return hashlib.sha256(
        json.dumps(content, ensure_ascii=False, sort_keys=True).encode()
    ).hexdigest()


def _jurisdiction(session: Session, doc: PlanDocument) -> JurisdictionRecord | None:
    if doc.jurisdiction is None:
        return None
    record = session.scalar(
        select(JurisdictionRecord).where(JurisdictionRecord.name == doc.jurisdiction.name)
    )
    if record is None:
        record = JurisdictionRecord(name=doc.jurisdiction.name, level=doc.jurisdiction.level)
        session.add(record)
        session.flush()
    return record


def _indicator(
    session: Session, known: dict[str, IndicatorRecord], jurisdiction_id: int | None, row
) -> IndicatorRecord:
    """The jurisdiction's indicator of this name, created on first sight."""
    record = known.get(row.name)
    if record is None:
        record = IndicatorRecord(jurisdiction_id=jurisdiction_id, name=row.name)
        session.add(record)
        known[row.name] = record
    record.category = row.category or record.category
    record.unit = row.unit or record.unit
    record.department = row.department or record.department
    return record


def _same_plan(
    session: Session, doc: PlanDocument, jurisdiction_id: int | None
) -> PlanRecord | None:
    """An earlier import of the same report: same title, jurisdiction and years.

    A document without a title has no identity beyond its content, so it never matches.
    """
    if not doc.title:
        return None
    return session.scalar(
        select(PlanRecord).where(
            PlanRecord.jurisdiction_id == jurisdiction_id,
            PlanRecord.title == doc.title,
            PlanRecord.review_year == doc.review_year,
            PlanRecord.plan_year == doc.plan_year,
        )
    )


def _rows(counts: list[int]) -> str:
    """``45行、44行`` for a plan's tables."""
    return "、".join(f"{n}行" for n in counts) or "无表"


def _conflict(plan: PlanRecord, doc: PlanDocument) -> PlanConflict:
    stored = _rows([len(t.targets) for t in plan.tables])
    new = _rows([len(t.rows) for t in doc.tables])
    warned = f"，并有{len(doc.warnings)}条警告" if doc.warnings else ""
    source = PurePath(plan.source_name.split(":", 1)[-1]).name  # never a server's folders
    return PlanConflict(
        f"已存有同一报告的另一版本：计划 #{plan.id}（{stored}，来自 {source}），"
        f"新文件为{new}{warned}；内容不同，未保存。确认用新版本替换时：命令行加 --replace，"
        "网页点“替换为新版本”，API 加 ?replace=true",
        f"another version of this report is stored as plan {plan.id}; use --replace to replace it",
    )


def _refuse_repeated_names(table: PlanTable) -> None:
    """Two rows of one name would share one indicator and one year's figure: which printed
    actual is the indicator's cannot be told, so the report is refused, saying where."""
    seen: dict[str, list[int]] = {}
    for number, row in enumerate(table.rows, start=1):
        seen.setdefault(row.name, []).append(number)
    repeated = {name: rows for name, rows in seen.items() if len(rows) > 1}
    if repeated:
        where = "；".join(
            f"“{name}”（第{'、'.join(map(str, rows))}行）" for name, rows in repeated.items()
        )
        raise RepeatedIndicator(
            f"{table.caption or '指标表'}中有同名指标：{where}。同一张表里的同名指标无法区分，"
            "未保存；请在文件中更正名称（例如加上口径或范围）后再导入",
            f"the table names an indicator twice: {', '.join(repeated)}; nothing stored",
        )


def _write_tables(
    session: Session,
    plan: PlanRecord,
    doc: PlanDocument,
    qualities: Mapping[str, Quality],
    actor: str,
) -> None:
    jurisdiction_id = plan.jurisdiction_id
    plan.tables.clear()
    session.flush()
    known = {
        record.name: record
        for record in session.scalars(
            select(IndicatorRecord).where(IndicatorRecord.jurisdiction_id == jurisdiction_id)
        )
    }
    for position, table in enumerate(doc.tables):
        _refuse_repeated_names(table)
        table_record = PlanTableRecord(
            position=position,
            caption=table.caption,
            role=table.role.value,
            year=table.year,
            declared_counts=dict(table.declared_counts),
        )
        plan.tables.append(table_record)
        for row_position, row in enumerate(table.rows):
            indicator = _indicator(session, known, jurisdiction_id, row)
            table_record.targets.append(
                TargetRecord(
                    indicator=indicator,
                    position=row_position,
                    no=row.no,
                    category=row.category,
                    name=row.name,
                    unit=row.unit,
                    nature=row.nature.value if row.nature else None,
                    phrase=row.target,
                    department=row.department,
                )
            )
            if table.role is TableRole.REVIEW and row.actual and table.year:
                printed = PrintedActual(table.year, row.actual, qualities[row.actual])
                record_printed_actual(session, plan.id, indicator, printed, actor)


def other_version(engine: Engine, doc: PlanDocument) -> int | None:
    """The stored plan that is another version of this report (what ``save_plan`` would refuse)."""
    with session_for(engine) as session:
        jurisdiction_id = None
        if doc.jurisdiction is not None:
            jurisdiction_id = session.scalar(
                select(JurisdictionRecord.id).where(
                    JurisdictionRecord.name == doc.jurisdiction.name
                )
            )
            if jurisdiction_id is None:
                return None
        plan = _same_plan(session, doc, jurisdiction_id)
        if plan is None or plan.fingerprint == fingerprint(doc):
            return None
        return plan.id


_ATTEMPTS = 4  # a unique-key race is retried: the winner's rows are found the next time


def save_plan(
    engine: Engine,
    doc: PlanDocument,
    source_name: str,
    *,
    qualities: Mapping[str, Quality],
    replace: bool = False,
    actor: str | None = None,
    separate: bool = False,
) -> SaveResult:
    """Store a document; the same content twice is stored once.

    Another version of a stored report (same title, jurisdiction and years, other content)
    replaces it only with ``replace``; otherwise ``PlanConflict`` says what differs, so a
    truncated copy can never silently overwrite the complete report. With ``actor``, the
    upload is written to the audit log in the same transaction. ``qualities`` gives the
    quality of each printed actual (``phrases.actual_qualities``): the store reads no phrase;
    ``sources.save_document`` is the one call that does both. ``separate`` stores another
    version as a plan of its own, beside the stored one (the user chose to keep both).
    """
    for _attempt in range(_ATTEMPTS):
        try:
            with session_for(engine) as session, session.begin():
                saved = _save(
                    session, doc, source_name, replace, qualities, actor or "import", separate
                )
                if actor is not None:
                    name = PurePath(source_name.split(":", 1)[-1]).name
                    new = {"source": name, "status": saved.status}
                    record_change(session, actor, "upload", "plan", saved.plan_id, None, new)
                return saved
        except IntegrityError:
            # Another import created the same jurisdiction, indicator or content meanwhile:
            # run again, and this time find what it created (nothing was written).
            continue
    raise PlanConflict(
        f"其他导入正同时写入同一地区的数据，重试{_ATTEMPTS}次仍冲突，未保存；请稍后再导入",
        "concurrent imports kept colliding; nothing stored, try again",
    )


def _save(
    session: Session,
    doc: PlanDocument,
    source_name: str,
    replace: bool,
    qualities: Mapping[str, Quality],
    actor: str,
    separate: bool = False,
) -> SaveResult:
    digest = fingerprint(doc)
    same = session.scalar(select(PlanRecord).where(PlanRecord.fingerprint == digest))
    if same is not None:
        return SaveResult(same.id, "unchanged")
    jurisdiction = _jurisdiction(session, doc)
    jurisdiction_id = jurisdiction.id if jurisdiction else None
    plan = None if separate else _same_plan(session, doc, jurisdiction_id)
    if plan is not None and not replace:
        raise _conflict(plan, doc)
    status = "updated" if plan else "created"
    if plan is not None:
        keep_version(session, plan, actor)
    if plan is None:
        plan = PlanRecord(jurisdiction_id=jurisdiction_id)
        session.add(plan)
    plan.title = doc.title
    plan.review_year, plan.plan_year = doc.review_year, doc.plan_year
    plan.date, plan.authority, plan.meeting = doc.date, doc.authority, doc.meeting
    plan.source_name = source_name
    plan.fingerprint = digest
    plan.document = doc.model_dump(mode="json")
    session.flush()
    _write_tables(session, plan, doc, qualities, actor)
    return SaveResult(plan.id, status)
