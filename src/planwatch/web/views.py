"""What the pages show, gathered from the library: no judging here, only arranging.

Statuses come from ``planwatch.assess``, phrase specs from ``planwatch.phrases``, lineage from
``planwatch.lineage``; this module puts the stored observations in front of them (an actual a
department entered replaces the report's printed one for that year) and shapes the results
for templates and the API.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select

from planwatch.model import IndicatorRow, PlanDocument, PlanTable, TableRole
from planwatch.store import load_plan as load_stored_plan
from planwatch.store import with_overrides
from planwatch.store.indicators import plan_indicator_ids
from planwatch.store.plans import with_entered_actuals
from planwatch.store.schema import PlanRecord

_DOCUMENTS: OrderedDict[str, PlanDocument] = OrderedDict()
_DOCUMENTS_KEPT = 64


def load_plan(engine: Engine, plan_id: int) -> PlanDocument:
    """A stored plan, parsed once per content: the cache is keyed by the content's fingerprint.

    Validating a whole document (tables, sections, narrative) is the dashboard's largest cost;
    a re-import changes the fingerprint, so a cached copy is never stale. Callers must not
    modify the document (they use ``model_copy``).
    """
    with engine.connect() as connection:
        digest = connection.execute(
            select(PlanRecord.fingerprint).where(PlanRecord.id == plan_id)
        ).scalar()
    if digest is None:
        return load_stored_plan(engine, plan_id)  # raises PlanNotFound
    key = f"{engine.url}#{plan_id}#{digest}"
    doc = _DOCUMENTS.get(key)
    if doc is None:
        doc = _DOCUMENTS[key] = load_stored_plan(engine, plan_id)
        while len(_DOCUMENTS) > _DOCUMENTS_KEPT:
            _DOCUMENTS.popitem(last=False)
    # Overrides can change without a re-import, so they are applied after the cache.
    return with_overrides(engine, doc)


@dataclass(frozen=True)
class AssessedRow:
    row: IndicatorRow
    indicator_id: int | None
    status: str
    reason: str
    margin: float | None
    margin_unit: str | None
    gap: str  # the margin as a reader says it: ``-3.3个百分点``


def review_table(engine: Engine, plan_id: int) -> tuple[PlanDocument, PlanTable | None, dict]:
    """The plan's 表1 with entered observations in place of printed actuals, and row → id."""
    ids = plan_indicator_ids(engine, plan_id)
    doc = with_entered_actuals(engine, plan_id, load_plan(engine, plan_id), ids)
    return doc, doc.table_for(TableRole.REVIEW), ids


def assess_rows(table: PlanTable, ids: dict) -> list[AssessedRow]:
    return _assessed(table, ids)[0]


def _assessed(table: PlanTable, ids: dict) -> tuple[list[AssessedRow], list]:
    """Each row with its judgement and indicator id, and the assessments themselves."""
    from planwatch.assess import assess_table, format_margin

    assessments = assess_table(table)
    rows = [
        AssessedRow(
            row,
            ids.get(("review", row.name)),
            a.status.value,
            a.reason,
            a.margin,
            a.margin_unit,
            format_margin(a),
        )
        for row, a in zip(table.rows, assessments, strict=True)
    ]
    return rows, assessments


def dashboard(engine: Engine, plan_id: int) -> dict[str, Any]:
    from planwatch.assess import summarize, summary_sentence

    doc, table, ids = review_table(engine, plan_id)
    place = doc.jurisdiction.name if doc.jurisdiction else ""
    context: dict[str, Any] = {
        "doc": doc,
        "plan_id": plan_id,
        "table": table,
        "place": place,
        "year": table.year if table else doc.review_year,
        "links": plan_links(plan_id),
    }
    if table is None:
        return context
    rows, assessments = _assessed(table, ids)
    panels: dict[str, list[AssessedRow]] = {}
    for item in rows:
        panels.setdefault(item.row.category or "其他", []).append(item)
    context.update(
        rows=rows,
        panels=list(panels.items()),
        counts={status.value: n for status, n in summarize(assessments).items()},
        sentence=summary_sentence(assessments),
        not_met=[r for r in rows if r.status == "not_met"],
    )
    return context


def plan_links(plan_id: int) -> list[dict[str, str]]:
    """The plan's other views and its downloads."""
    return [
        {"href": f"/plans/{plan_id}/diff", "label": "指标变化"},
        {"href": f"/plans/{plan_id}/lint", "label": "一致性检查"},
        {"href": f"/plans/{plan_id}/monitor", "label": "年内监测"},
        {"href": f"/plans/{plan_id}/downloads", "label": "下载报告和图表"},
    ]


def current_document(engine: Engine, plan_id: int) -> PlanDocument:
    """The stored document with the entered actuals, as reports should show it."""
    return review_table(engine, plan_id)[0]


REPORT_MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def report_file(engine: Engine, plan_id: int, fmt: str) -> tuple[bytes, str]:
    """The full report (table, summary, charts, narrative) as .docx or .xlsx bytes."""
    import tempfile
    from pathlib import Path

    from planwatch.report import write_report

    doc = current_document(engine, plan_id)
    place = doc.jurisdiction.name if doc.jurisdiction else "计划"
    name = f"{place}{doc.review_year or ''}年指标完成情况.{fmt}"
    with tempfile.TemporaryDirectory(prefix="planwatch-web-") as folder:
        out = Path(folder) / f"report.{fmt}"
        write_report(doc, out, fmt, status=True, full=True)
        return out.read_bytes(), name


def charts(engine: Engine, plan_id: int, fmt: str) -> list:
    """The per-category charts of the review year (PNG or SVG), drawn by the report package."""
    from planwatch.report import build_report

    doc = current_document(engine, plan_id)
    if doc.table_for(TableRole.REVIEW) is None:
        return []
    return build_report(doc, None, status=True, full=True, chart_formats=(fmt,)).charts


def chart_categories(engine: Engine, plan_id: int) -> list[str]:
    """The categories that get a chart, in the order ``charts`` draws them (no drawing)."""
    from planwatch.report import layout_table

    table = load_plan(engine, plan_id).table_for(TableRole.REVIEW)
    return [g.name for g in layout_table(table).groups] if table is not None else []


def lint(engine: Engine, plan_id: int) -> list:
    from planwatch.lint import lint_document

    return lint_document(load_plan(engine, plan_id))


def plan_diff(
    engine: Engine, plan_id: int, other: int | None, from_year: int | None, to_year: int | None
):
    """``diff_plans`` on stored plans: one report's two tables, or two reports' tables."""
    from planwatch.lineage import diff_plans

    doc = load_plan(engine, plan_id)
    other_doc = load_plan(engine, other) if other is not None else None
    return diff_plans(doc, other_doc, from_year=from_year, to_year=to_year)
