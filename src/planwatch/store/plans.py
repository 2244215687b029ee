"""Saving and loading plan documents. Each save is one transaction: all of it or nothing."""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from planwatch.errors import PlanConflict, PlanNotFound, RepeatedIndicator
from planwatch.model import PlanDocument, PlanTable, Quality, TableRole
from planwatch.store.audit import record_change
from planwatch.store.observations import PrintedActual, record_printed_actual
from planwatch.store.schema import (
    IndicatorRecord,
    JurisdictionRecord,
    PlanRecord,
    PlanTableRecord,
    TargetRecord,
    get_by_id,
)
from planwatch.store.versions import keep_version


@dataclass(frozen=True)
class SaveResult:
    plan_id: int
    status: str  # created / unchanged / updated


@dataclass(frozen=True)
class PlanSummary:
    id: int
    title: str
    jurisdiction: str | None
    review_year: int | None
    plan_year: int | None
    date: str | None
    tables: int
    rows: int
    source_name: str


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
        "网页勾选“替换已存的同一报告”，API 加 ?replace=true",
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
    with Session(engine) as session:
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
) -> SaveResult:
    """Store a document; the same content twice is stored once.

    Another version of a stored report (same title, jurisdiction and years, other content)
    replaces it only with ``replace``; otherwise ``PlanConflict`` says what differs, so a
    truncated copy can never silently overwrite the complete report. With ``actor``, the
    upload is written to the audit log in the same transaction. ``qualities`` gives the
    quality of each printed actual (``phrases.actual_qualities``): the store reads no phrase;
    ``sources.save_document`` is the one call that does both.
    """
    for _attempt in range(_ATTEMPTS):
        try:
            with Session(engine) as session, session.begin():
                saved = _save(session, doc, source_name, replace, qualities, actor or "import")
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
) -> SaveResult:
    digest = fingerprint(doc)
    same = session.scalar(select(PlanRecord).where(PlanRecord.fingerprint == digest))
    if same is not None:
        return SaveResult(same.id, "unchanged")
    jurisdiction = _jurisdiction(session, doc)
    jurisdiction_id = jurisdiction.id if jurisdiction else None
    plan = _same_plan(session, doc, jurisdiction_id)
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


def list_plans(engine: Engine) -> list[PlanSummary]:
    with Session(engine) as session:
        plans = session.scalars(select(PlanRecord).order_by(PlanRecord.id)).all()
        return [
            PlanSummary(
                id=plan.id,
                title=plan.title,
                jurisdiction=plan.jurisdiction.name if plan.jurisdiction else None,
                review_year=plan.review_year,
                plan_year=plan.plan_year,
                date=plan.date.isoformat() if plan.date else None,
                tables=len(plan.tables),
                rows=sum(len(t.targets) for t in plan.tables),
                source_name=plan.source_name,
            )
            for plan in plans
        ]


_PARSED: OrderedDict[tuple[str, int, str], PlanDocument] = OrderedDict()
_PARSED_KEPT = 64
_PARSED_LOCK = threading.Lock()


def load_plan(engine: Engine, plan_id: int) -> PlanDocument:
    """A stored plan as imported (without entered actuals or overrides: see ``load_current``).

    Validating a whole document is the pages' largest cost, so each content is parsed once per
    process: the cache is keyed by the database and the content's fingerprint, which a
    re-import changes, so a cached copy is never stale in any process. Callers must not modify
    the document (they use ``model_copy``).
    """
    with engine.connect() as connection:
        digest = connection.execute(
            select(PlanRecord.fingerprint).where(PlanRecord.id == plan_id)
        ).scalar()
        if digest is None:
            raise PlanNotFound(f"没有编号为{plan_id}的已存计划", f"no stored plan {plan_id}")
        key = (str(engine.url), plan_id, digest)
        with _PARSED_LOCK:
            if key in _PARSED:
                _PARSED.move_to_end(key)
                return _PARSED[key]
        digest, content = connection.execute(
            select(PlanRecord.fingerprint, PlanRecord.document).where(PlanRecord.id == plan_id)
        ).one()
    doc = PlanDocument.model_validate(content)
    with _PARSED_LOCK:
        _PARSED[(str(engine.url), plan_id, digest)] = doc
        while len(_PARSED) > _PARSED_KEPT:
            _PARSED.popitem(last=False)
    return doc


def with_overrides(engine: Engine, doc: PlanDocument) -> PlanDocument:
    """The document with its jurisdiction's direction overrides on the rows."""
    from planwatch.store.indicators import direction_overrides

    place = doc.jurisdiction.name if doc.jurisdiction else None
    return doc.with_directions(direction_overrides(engine, place))


def with_entered_actuals(
    engine: Engine, plan_id: int, doc: PlanDocument, ids: dict | None = None
) -> PlanDocument:
    """The document with the yearly actuals users entered in place of the printed ones.

    ``ids`` (table role, row name) → indicator id, when the caller already has them.
    Returns the same object when nothing was entered.
    """
    from planwatch.store.indicators import plan_indicator_ids

    ids = plan_indicator_ids(engine, plan_id) if ids is None else ids
    tables = [_entered(engine, table, ids) for table in doc.tables]
    if all(new is old for new, old in zip(tables, doc.tables, strict=True)):
        return doc
    return doc.model_copy(update={"tables": tables})


def _entered(engine: Engine, table: PlanTable, ids: dict) -> PlanTable:
    """One table with its entered actuals (only review tables have actuals to replace)."""
    from planwatch.store.observations import year_actuals

    if table.role is not TableRole.REVIEW or table.year is None:
        return table
    row_ids = {row.name: ids.get((TableRole.REVIEW, row.name)) for row in table.rows}
    entered = year_actuals(engine, [i for i in row_ids.values() if i is not None], table.year)
    rows = []
    for row in table.rows:
        row_id = row_ids[row.name]
        phrase = entered.get(row_id) if row_id is not None else None
        changed = phrase is not None and phrase != row.actual
        rows.append(row.model_copy(update={"actual": phrase}) if changed else row)
    if rows == table.rows:
        return table
    return table.model_copy(update={"rows": rows})


def load_current(engine: Engine, plan_id: int, ids: dict | None = None) -> PlanDocument:
    """A stored plan as users judge it now: entered actuals and direction overrides applied.

    The one "current document": the CLI (through ``sources.load_plan``), every page and the API
    judge it, so they never disagree about the same database. The parsed import is cached
    (``load_plan``); what users change without a re-import is applied on every call.
    ``ids`` as in ``with_entered_actuals``.
    """
    doc = with_entered_actuals(engine, plan_id, load_plan(engine, plan_id), ids)
    return with_overrides(engine, doc)


def find_plan_id(engine: Engine, ref: str) -> int:
    """A stored plan by id (``3``, ``#3``) or by jurisdiction and year (``苏州市2025``).

    ``苏州市-2024`` and ``苏州市2024年`` work too.

    A year matches the plan year first, then the review year; the newest import wins.
    """
    ref = ref.strip()
    number = ref.removeprefix("#").strip()
    if number.isdigit():
        with Session(engine) as session:
            if get_by_id(session, PlanRecord, int(number)) is not None:
                return int(number)
        raise PlanNotFound(
            f"没有编号为{number}的已存计划（用 planwatch plans 查看已存计划）",
            f"no stored plan {number}",
        )
    name = ref.rstrip("0123456789-年 ")
    year_text = ref[len(name) :].strip("-年 ")
    year = int(year_text) if year_text.isdigit() else None
    with Session(engine) as session:
        query = (
            select(PlanRecord).join(JurisdictionRecord, isouter=True).order_by(PlanRecord.id.desc())
        )
        candidates = [
            p
            for p in session.scalars(query)
            if not name or (p.jurisdiction and p.jurisdiction.name.startswith(name))
        ]
        for field in ("plan_year", "review_year"):
            for plan in candidates:
                if year is None or getattr(plan, field) == year:
                    return plan.id
    raise PlanNotFound(
        f"“{ref}”既不是文件，也不是已存计划（可用编号或“地区+年份”，如“苏州市2025”；"
        "用 planwatch plans 查看已存计划）",
        f"'{ref}' is neither a file nor a stored plan",
    )
