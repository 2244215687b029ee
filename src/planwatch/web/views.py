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

from pydantic import ValidationError
from sqlalchemy import Engine, select

from planwatch.model import IndicatorRow, Period, PeriodKind, PlanDocument, PlanTable, TableRole
from planwatch.store import load_plan as load_stored_plan
from planwatch.store.observations import (
    BadObservation,
    IndicatorInfo,
    list_observations,
    plan_indicator_ids,
    target_history,
    year_actuals,
)
from planwatch.store.plans import PLAN_SOURCE
from planwatch.store.schema import PlanRecord
from planwatch.web.templating import QUALITY_ZH

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
    return doc


@dataclass(frozen=True)
class AssessedRow:
    row: IndicatorRow
    indicator_id: int | None
    status: str
    reason: str
    margin: float | None
    margin_unit: str | None

    @property
    def gap(self) -> str:
        """The margin as a reader says it: ``-3.3个百分点``."""
        if self.margin is None:
            return ""
        unit = self.margin_unit or ""
        return f"{self.margin:+.4g}{unit}"


def period_of(kind: str, year: int, quarter: int | None, month: int | None) -> Period:
    """A period from form fields; parts that the kind does not use are ignored."""
    try:
        if not 1949 <= year <= 2100:
            raise ValueError(year)
        kind_ = PeriodKind(kind)
        return Period(
            kind=kind_,
            year=year,
            quarter=quarter if kind_ is PeriodKind.QUARTER else None,
            month=month if kind_ in (PeriodKind.MONTH, PeriodKind.YEAR_TO_DATE) else None,
        )
    except (ValueError, ValidationError):
        raise BadObservation(
            "期间不完整：季度须填1-4季度，月度和年初至今须填1-12月，年份须为四位数",
            "incomplete period: a quarter needs 1-4, a month or YTD needs 1-12",
        ) from None


def review_table(engine: Engine, plan_id: int) -> tuple[PlanDocument, PlanTable | None, dict]:
    """The plan's 表1 with entered observations in place of printed actuals, and row → id."""
    doc = load_plan(engine, plan_id)
    ids = plan_indicator_ids(engine, plan_id)
    table = doc.table_for(TableRole.REVIEW)
    if table is None or table.year is None:
        return doc, table, ids
    row_ids = [ids[("review", r.name)] for r in table.rows if ("review", r.name) in ids]
    entered = year_actuals(engine, row_ids, table.year)
    rows = []
    for row in table.rows:
        phrase = entered.get(ids.get(("review", row.name), -1))
        changed = phrase is not None and phrase != row.actual
        rows.append(row.model_copy(update={"actual": phrase}) if changed else row)
    return doc, table.model_copy(update={"rows": rows}), ids


def assess_rows(table: PlanTable, ids: dict) -> list[AssessedRow]:
    return [
        AssessedRow(
            row=row,
            indicator_id=ids.get(("review", row.name)),
            status=a.status.value,
            reason=a.reason,
            margin=a.margin,
            margin_unit=a.margin_unit,
        )
        for row, a in zip(table.rows, _assessments(table), strict=True)
    ]


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
    assessments = _assessments(table)
    rows = [
        AssessedRow(
            row, ids.get(("review", row.name)), a.status.value, a.reason, a.margin, a.margin_unit
        )
        for row, a in zip(table.rows, assessments, strict=True)
    ]
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


def _assessments(table: PlanTable):
    from planwatch.assess import assess_table

    return assess_table(table)


def plan_links(plan_id: int) -> list[dict[str, str]]:
    """The plan's other views and its downloads."""
    return [
        {"href": f"/plans/{plan_id}/diff", "label": "指标变化"},
        {"href": f"/plans/{plan_id}/lint", "label": "一致性检查"},
        {"href": f"/plans/{plan_id}/downloads", "label": "下载报告和图表"},
    ]


def current_document(engine: Engine, plan_id: int) -> PlanDocument:
    """The stored document with the entered actuals in its 表1, as reports should show it."""
    doc, table, _ids = review_table(engine, plan_id)
    if table is None:
        return doc
    tables = [
        table if t.role is TableRole.REVIEW and t.year == table.year else t for t in doc.tables
    ]
    return doc.model_copy(update={"tables": tables})


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


def _number(spec: Any, growth_first: bool) -> float | None:
    """The plotted number of a parsed phrase: its growth rate for growth targets, else level."""
    if spec is None:
        return None
    parts = ("growth", "value") if growth_first else ("value", "growth")
    for part in parts:
        quantity = getattr(spec, part, None)
        if quantity is not None:
            return quantity.value
    return None


def indicator(engine: Engine, info: IndicatorInfo) -> dict[str, Any]:
    """The indicator page: target history with actuals, a chart, parses, reason, lineage."""
    from planwatch.phrases import parse_actual, parse_target

    history = target_history(engine, info.id)
    observations = list_observations(engine, info.id)
    yearly = {o.period.year: o for o in observations if o.period.kind is PeriodKind.YEAR}
    lines, points, units = [], {}, []
    for h in history:
        target = parse_target(h.phrase, h.unit) if h.phrase else None
        observed = yearly.get(h.year) if h.role == "review" else None
        actual = parse_actual(observed.phrase, h.unit) if observed else None
        growth = target is not None and target.kind.value == "growth"
        spec = describe_spec(target)
        lines.append({**h.__dict__, "actual": observed.phrase if observed else None, "spec": spec})
        if h.year is None or (h.role != "review" and h.year in points):
            continue  # a year's review table (with its actual) wins over its plan table
        points[h.year] = (_number(target, growth), _number(actual, growth))
        if target is not None and target.value is not None and target.value.unit:
            units.append(("增速" if growth else "") + f"（{target.value.unit}）")
    years = sorted(points)
    chart = {
        "points": sum(v is not None for y in years for v in points[y]),
        "data": {
            "labels": [f"{y}年" for y in years],
            "target": [points[y][0] for y in years],
            "actual": [points[y][1] for y in years],
            "unit": units[-1] if units else (info.unit or ""),
        },
    }
    return {
        "info": info,
        "history": lines,
        "observations": observations,
        "chart": chart,
        "assessment": indicator_assessment(engine, info, history),
        "lineage": indicator_lineage(engine, info, history),
        "audit": indicator_audit(engine, info, observations),
    }


def describe_spec(spec: Any) -> str:
    """A short Chinese gloss of a parsed target: kind, comparator, value and unit."""
    if spec is None:
        return ""
    parts = [KIND_ZH.get(spec.kind.value, spec.kind.value)]
    if spec.comparator.value != "none":
        parts.append(COMPARATOR_ZH.get(spec.comparator.value, spec.comparator.value))
    if spec.value is not None:
        parts.append(f"{spec.value.value:g}{spec.value.unit or ''}")
    if spec.reference:
        parts.append(spec.reference)
    if spec.tolerance is not None:
        parts.append(f"容差±{spec.tolerance:g}")
    if spec.basis:
        parts.append(spec.basis)
    return " ".join(parts)


KIND_ZH = {
    "growth": "增速",
    "level": "水平值",
    "increment": "增量",
    "share": "比重",
    "share_change": "比重变化",
    "event_count": "事件数",
    "qualitative": "定性",
    "external": "上级下达任务",
    "relative": "相对目标",
    "direction": "方向",
    "compound": "复合目标",
    "unknown": "未识别",
}
COMPARATOR_ZH = {"ge": "≥", "le": "≤", "approx": "≈", "eq": "=", "range": "区间"}


def indicator_assessment(engine: Engine, info: IndicatorInfo, history) -> dict | None:
    """The judgement of the newest review table that holds the indicator."""
    for h in reversed(history):
        if h.role != "review":
            continue
        _doc, table, ids = review_table(engine, h.plan_id)
        if table is None:
            continue
        for item in assess_rows(table, ids):
            if item.indicator_id == info.id:
                return {"status": item.status, "reason": item.reason, "year": table.year}
    return None


def indicator_lineage(engine: Engine, info: IndicatorInfo, history) -> list[str]:
    """What each stored report says happened to this indicator between its two tables."""
    from planwatch.errors import TableNotFound
    from planwatch.lineage import diff_plans

    lines: list[str] = []
    for plan_id in dict.fromkeys(h.plan_id for h in history):
        try:
            result = diff_plans(load_plan(engine, plan_id))
        except TableNotFound:
            continue
        for p in result.pairings:
            if info.name not in (p.old_name, p.new_name):
                continue
            if p.kind.value == "unchanged" and not p.changes:
                continue
            names = " → ".join(n for n in (p.old_name, p.new_name) if n)
            extra = f"；{'；'.join(p.changes)}" if p.changes else ""
            lines.append(
                f"{result.from_label}→{result.to_label}年 {p.kind.zh}：{names}（{p.reason}{extra}）"
            )
    return lines


def indicator_audit(engine: Engine, info: IndicatorInfo, observations) -> list:
    from planwatch.store.audit import list_audit

    entries = (
        list_audit(engine, "observation", [o.id for o in observations]) if observations else []
    )
    entries += list_audit(engine, "indicator", [info.id])
    return sorted(entries, key=lambda e: e.id, reverse=True)


def entry_defaults(
    engine: Engine, info: IndicatorInfo, kind: str, year: int | None, quarter, month
) -> dict[str, Any]:
    """The entry form's fields: the stored observation of the period when there is one."""
    history = target_history(engine, info.id)
    review = [h for h in history if h.role == "review" and h.year]
    plan = [h for h in history if h.role == "plan" and h.year]
    target = (review or plan or [None])[-1]
    if year is None:
        year = target.year if target else Period.of_year(2000).year
    period = period_of(kind, year, quarter, month)
    form: dict[str, Any] = {
        "kind": period.kind.value,
        "year": period.year,
        "quarter": period.quarter,
        "month": period.month,
        "phrase": "",
        "quality": "final",
        "note": "",
        "source": "",
        "version": "",
        "target": target.phrase if target else None,
        "target_year": target.year if target else None,
    }
    for o in list_observations(engine, info.id):
        if o.period == period:
            form.update(
                phrase=o.phrase,
                quality=o.quality,
                note=o.note or "",
                source="" if (o.source or "").startswith(PLAN_SOURCE) else o.source,
                version=str(o.version),
            )
    return form


def preview_actual(engine: Engine, info: IndicatorInfo, period: Period, phrase: str) -> dict:
    """The phrase as the grammar reads it, and the status it would give against the target.

    The row is judged inside its whole table, so relative targets (与经济增长基本同步) see
    the other indicators' actuals; only whole-year values are judged against annual targets.
    """
    from planwatch.assess import assess_row
    from planwatch.phrases import parse_actual

    spec = parse_actual(phrase.strip(), info.unit)
    result: dict[str, Any] = {"parsed": describe_actual(spec), "status": None, "reason": ""}
    if period.kind is not PeriodKind.YEAR:
        result["reason"] = "（季度、月度数据不按年度目标评估）"
        return result
    for h in reversed(target_history(engine, info.id)):
        if h.year != period.year or not h.phrase:
            continue
        doc = load_plan(engine, h.plan_id)
        table = doc.table_for(TableRole(h.role), h.year)
        if h.role == "review":
            _doc, table, _ids = review_table(engine, h.plan_id)
        if table is None:
            continue
        rows = [
            r.model_copy(update={"actual": phrase}) if r.name == info.name else r
            for r in table.rows
        ]
        context = table.model_copy(update={"rows": rows, "role": TableRole.REVIEW})
        row = next(r for r in rows if r.name == info.name)
        judged = assess_row(row, context)
        result.update(status=judged.status.value, reason=judged.reason)
        return result
    return result


def describe_actual(spec: Any) -> str:
    """A short Chinese gloss of a parsed actual: quality, kind, numbers, verdict."""
    parts = [
        QUALITY_ZH.get(spec.quality.value, spec.quality.value),
        KIND_ZH.get(spec.kind.value, spec.kind.value),
    ]
    for label, quantity in (("数值", spec.value), ("增长", spec.growth)):
        if quantity is not None:
            parts.append(f"{label}{quantity.value:g}{quantity.unit or ''}")
    if spec.verdict:
        parts.append(spec.verdict)
    if spec.note:
        parts.append(f"（{spec.note}）")
    return " ".join(parts)


def plan_diff(
    engine: Engine, plan_id: int, other: int | None, from_year: int | None, to_year: int | None
):
    """``diff_plans`` on stored plans: one report's two tables, or two reports' tables."""
    from planwatch.lineage import diff_plans

    doc = load_plan(engine, plan_id)
    other_doc = load_plan(engine, other) if other is not None else None
    return diff_plans(doc, other_doc, from_year=from_year, to_year=to_year)
