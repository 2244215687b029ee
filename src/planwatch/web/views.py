"""What the pages show, gathered from the library: no judging here, only arranging.

Statuses come from ``planwatch.assess``, phrase specs from ``planwatch.phrases``, lineage from
``planwatch.lineage``; this module puts the stored observations in front of them (an actual a
department entered replaces the report's printed one for that year) and shapes the results
for templates and the API.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine

from planwatch.model import IndicatorRow, PlanDocument, PlanTable, TableRole
from planwatch.store import load_current, plan_indicator_ids


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
    doc = load_current(engine, plan_id, ids)
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
            ids.get((TableRole.REVIEW, row.name)),
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
        "plan_table": doc.table_for(TableRole.PLAN),  # 表2, shown when asked (?table=2)
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
        {"href": f"/plans/{plan_id}/tasks", "label": "重点任务"},
        {"href": f"/plans/{plan_id}/downloads", "label": "下载报告和图表"},
        {"href": f"/plans/{plan_id}/versions", "label": "历史版本"},
    ]


REPORT_MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def report_file(engine: Engine, plan_id: int, fmt: str, table: str = "1") -> tuple[bytes, str]:
    """The report as .docx or .xlsx bytes: of 表1 the full report (table, summary, charts,
    narrative); of 表2 (``table="2"``) the plan year's target table as officially laid out."""
    import tempfile
    from pathlib import Path

    from planwatch.report import write_report

    doc = load_current(engine, plan_id)
    place = doc.jurisdiction.name if doc.jurisdiction else "计划"
    with tempfile.TemporaryDirectory(prefix="planwatch-web-") as folder:
        out = Path(folder) / f"report.{fmt}"
        if table == "2":
            plan_table = _plan_table(doc)
            write_report(doc, out, fmt, year=plan_table.year)
            name = f"{place}{plan_table.year}年主要指标预期目标（表2）.{fmt}"
        else:
            write_report(doc, out, fmt, status=True, full=True)
            name = f"{place}{doc.review_year or ''}年指标完成情况.{fmt}"
        return out.read_bytes(), name


def _plan_table(doc: PlanDocument) -> PlanTable:
    """表2, when it can be exported by itself: the report writer picks a table by its year, so
    a 表2 without a year (or sharing 表1's) would come out as 表1; it is refused instead."""
    from planwatch.errors import TableNotFound
    from planwatch.report import select_table

    table = doc.table_for(TableRole.PLAN)
    if table is None:
        raise TableNotFound("这份报告没有计划目标表（表2）", "the report has no plan table")
    if table.year is None or select_table(doc, table.year) is not table:
        raise TableNotFound(
            f"{table.caption or '表2'}没有单独的年份，无法单独导出；请下载表1的完整报告",
            "the plan table has no year of its own",
        )
    return table


def charts(engine: Engine, plan_id: int, fmt: str) -> list:
    """The per-category charts of the review year (PNG or SVG), drawn by the report package."""
    from planwatch.report import build_report

    doc = load_current(engine, plan_id)
    if doc.table_for(TableRole.REVIEW) is None:
        return []
    return build_report(doc, None, status=True, full=True, chart_formats=(fmt,)).charts


def chart_categories(doc: PlanDocument) -> list[str]:
    """The categories that get a chart, in the order ``charts`` draws them (no drawing)."""
    from planwatch.report import layout_table

    table = doc.table_for(TableRole.REVIEW)
    return [g.name for g in layout_table(table).groups] if table is not None else []


def plan_diff(
    engine: Engine,
    doc: PlanDocument,
    other: int | None,
    from_year: int | None,
    to_year: int | None,
):
    """The diff of stored plans: one report's two tables (``doc``, as ``load_current`` gives
    it), or two reports' tables."""
    from planwatch.sources import diff_documents

    other_doc = load_current(engine, other) if other is not None else None
    return diff_documents(engine, doc, other_doc, from_year=from_year, to_year=to_year)


def attachment(name: str) -> dict[str, str]:
    """A download name that survives any browser: ASCII fallback plus the UTF-8 name."""
    fallback = "report" + PurePath(name).suffix  # .docx/.png kept where UTF-8 names are not
    disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return {"Content-Disposition": disposition}
