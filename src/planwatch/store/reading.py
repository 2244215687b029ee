"""Reading stored plans: the list, one plan as imported (parsed once per content), and the
current document every view judges (entered actuals and direction overrides applied)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from sqlalchemy import Engine, bindparam, func, select

from planwatch.errors import PlanNotFound
from planwatch.model import PlanDocument, PlanTable, TableRole
from planwatch.store.database import connect, session_for
from planwatch.store.schema import (
    AuditRecord,
    JurisdictionRecord,
    ObservationRecord,
    PlanRecord,
    PlanTableRecord,
    TargetRecord,
    get_by_id,
)


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


def list_plans(
    engine: Engine,
    jurisdiction: str | None = None,
    *,
    offset: int = 0,
    limit: int | None = None,
) -> list[PlanSummary]:
    """Every stored plan (or one jurisdiction's) with its table and row counts, in the order
    they were stored: counted in SQL, no document loaded. ``offset`` and ``limit`` take one
    page of them (the plan list of a store of 3,000 plans shows 100 at a time)."""
    # Correlated counts: each an indexed lookup (plan_tables.plan_id, targets.table_id), so
    # listing one jurisdiction's plans does not count the rows of every stored plan.
    tables = (
        select(func.count(PlanTableRecord.id))
        .where(PlanTableRecord.plan_id == PlanRecord.id)
        .scalar_subquery()
    )
    rows = (
        select(func.count(TargetRecord.id))
        .join(PlanTableRecord, TargetRecord.table_id == PlanTableRecord.id)
        .where(PlanTableRecord.plan_id == PlanRecord.id)
        .scalar_subquery()
    )
    query = (
        select(
            PlanRecord.id,
            PlanRecord.title,
            JurisdictionRecord.name,
            PlanRecord.review_year,
            PlanRecord.plan_year,
            PlanRecord.date,
            tables,
            rows,
            PlanRecord.source_name,
        )
        .join(JurisdictionRecord, PlanRecord.jurisdiction_id == JurisdictionRecord.id, isouter=True)
        .order_by(PlanRecord.id)
    )
    if jurisdiction is not None:
        query = query.where(JurisdictionRecord.name == jurisdiction)
    query = query.offset(offset).limit(limit)
    with connect(engine) as connection:
        return [
            PlanSummary(
                id=id_,
                title=title,
                jurisdiction=place,
                review_year=review_year,
                plan_year=plan_year,
                date=date.isoformat() if date else None,
                tables=n_tables,
                rows=n_rows,
                source_name=source,
            )
            for id_, title, place, review_year, plan_year, date, n_tables, n_rows, source in (
                connection.execute(query)
            )
        ]


def count_plans(engine: Engine, jurisdiction: str | None = None) -> int:
    """How many plans ``list_plans`` would list, without counting their tables and rows."""
    query = select(func.count(PlanRecord.id))
    if jurisdiction is not None:
        query = query.join(JurisdictionRecord, PlanRecord.jurisdiction_id == JurisdictionRecord.id)
        query = query.where(JurisdictionRecord.name == jurisdiction)
    with connect(engine) as connection:
        return connection.execute(query).scalar_one()


def source_name(engine: Engine, plan_id: int) -> str:
    """The file (or address) a stored plan was read from; empty when no such plan is stored."""
    with connect(engine) as connection:
        name = connection.execute(
            select(PlanRecord.source_name).where(PlanRecord.id == plan_id)
        ).scalar()
    return name or ""


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
    with connect(engine) as connection:
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


# Asked on every dashboard request: built once (building a statement costs more than running it).
_MARKER = select(
    PlanRecord.fingerprint,
    select(func.max(AuditRecord.id)).scalar_subquery(),
    select(func.max(ObservationRecord.id)).scalar_subquery(),
).where(PlanRecord.id == bindparam("plan_id"))


def change_marker(engine: Engine, plan_id: int) -> tuple[str, int, int] | None:
    """What a page of the plan depends on, in one query of primary-key lookups: the content's
    fingerprint (a re-import or restore changes it), the newest audit entry (entered actuals,
    direction overrides, department assignments, status overrides are all audited) and the
    newest observation (an import's printed actual is created without an audit entry).

    None when no such plan is stored. A cache keyed by it is never stale, in any process.
    """
    with connect(engine) as connection:
        found = connection.execute(_MARKER, {"plan_id": plan_id}).first()
    if found is None:
        return None
    digest, audit, observation = found
    return str(digest), audit or 0, observation or 0


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
        with session_for(engine) as session:
            if get_by_id(session, PlanRecord, int(number)) is not None:
                return int(number)
        raise PlanNotFound(
            f"没有编号为{number}的已存计划（用 planwatch plans 查看已存计划）",
            f"no stored plan {number}",
        )
    name = ref.rstrip("0123456789-年 ")
    year_text = ref[len(name) :].strip("-年 ")
    year = int(year_text) if year_text.isdigit() else None
    query = (
        select(PlanRecord.id, PlanRecord.plan_year, PlanRecord.review_year)
        .join(JurisdictionRecord, PlanRecord.jurisdiction_id == JurisdictionRecord.id, isouter=True)
        .order_by(PlanRecord.id.desc())
    )
    if name:  # only the years and ids of that jurisdiction's plans: never their documents
        query = query.where(JurisdictionRecord.name.startswith(name, autoescape=True))
    with connect(engine) as connection:
        candidates = connection.execute(query).all()
    for position in (1, 2):  # the plan year first, then the review year
        for candidate in candidates:
            if year is None or candidate[position] == year:
                return candidate[0]
    raise PlanNotFound(
        f"“{ref}”既不是文件，也不是已存计划（可用编号或“地区+年份”，如“苏州市2025”；"
        "用 planwatch plans 查看已存计划）",
        f"'{ref}' is neither a file nor a stored plan",
    )
