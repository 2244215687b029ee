"""What the indicator pages and data entry show: history, specs, reason, lineage, preview.

Like ``views``, this only arranges what the library says: phrases are parsed by
``planwatch.phrases``, judged by ``planwatch.assess``, paired by ``planwatch.lineage``.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from sqlalchemy import Engine

from planwatch.errors import BadObservation
from planwatch.model import (
    ActualSpec,
    Comparator,
    IndicatorRow,
    Period,
    PeriodKind,
    PlanTable,
    Quality,
    Status,
    TableRole,
    TargetKind,
    TargetSpec,
)
from planwatch.store import (
    PLAN_SOURCE,
    IndicatorInfo,
    User,
    get_indicator,
    list_observations,
    load_current,
    plan_indicator_ids,
    target_history,
)
from planwatch.web.views import review_table


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


def _number(spec: TargetSpec | ActualSpec | None, growth_first: bool) -> float | None:
    """The plotted number of a parsed phrase: its growth rate for growth targets, else level."""
    if spec is None:
        return None
    parts = ("growth", "value") if growth_first else ("value", "growth")
    for part in parts:
        quantity = getattr(spec, part, None)
        if quantity is not None:
            return quantity.value
    return None


def indicator(engine: Engine, info: IndicatorInfo, viewer: User | None) -> dict[str, Any]:
    """The indicator page: target history with actuals, a chart, parses, reason, lineage.

    ``viewer`` is who reads it (None: an anonymous reader); the reason never quotes a figure
    of an indicator the viewer may not read (``judge_for``)."""
    from planwatch.phrases import parse_actual, parse_target

    history = target_history(engine, info.id)
    observations = list_observations(engine, info.id)
    yearly = {o.period.year: o for o in observations if o.period.kind is PeriodKind.YEAR}
    lines, points, units = [], {}, []
    for h in history:
        target = parse_target(h.phrase, h.unit) if h.phrase else None
        review = h.role is TableRole.REVIEW
        observed = yearly.get(h.year) if h.year is not None and review else None
        actual = parse_actual(observed.phrase, h.unit) if observed else None
        growth = target is not None and target.kind is TargetKind.GROWTH
        spec = describe_spec(target)
        lines.append({**h.__dict__, "actual": observed.phrase if observed else None, "spec": spec})
        if h.year is None or (h.role is not TableRole.REVIEW and h.year in points):
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
        "assessment": indicator_assessment(engine, info, history, viewer),
        "lineage": indicator_lineage(engine, info, history),
        "audit": indicator_audit(engine, info, observations),
    }


def describe_spec(spec: TargetSpec | None) -> str:
    """A short Chinese gloss of a parsed target: kind, comparator, value and unit."""
    if spec is None:
        return ""
    parts = [spec.kind.zh]
    if spec.comparator is not Comparator.NONE:
        parts.append(spec.comparator.sign)
    if spec.value is not None:
        parts.append(f"{spec.value.value:g}{spec.value.unit or ''}")
    if spec.reference:
        parts.append(spec.reference)
    if spec.tolerance is not None:
        parts.append(f"容差±{spec.tolerance:g}")
    if spec.basis:
        parts.append(spec.basis)
    return " ".join(parts)


def indicator_assessment(
    engine: Engine, info: IndicatorInfo, history, viewer: User | None
) -> dict | None:
    """The judgement of the newest review table that holds the indicator."""
    for h in reversed(history):
        if h.role is not TableRole.REVIEW:
            continue
        _doc, table, ids = review_table(engine, h.plan_id)
        if table is None:
            continue
        for row in table.rows:
            if ids.get((TableRole.REVIEW, row.name)) == info.id:
                status, reason = judge_for(engine, viewer, row, table, ids)
                return {"status": status, "reason": reason, "year": table.year}
    return None


def _may_read(engine: Engine, viewer: User | None, indicator_id: int | None) -> bool:
    if viewer is None:
        return True  # an anonymous reader, allowed to read every plan (``security.reader``)
    department = get_indicator(engine, indicator_id).department if indicator_id else None
    return viewer.may_read(department)


def judge_for(
    engine: Engine, viewer: User | None, row: IndicatorRow, table: PlanTable, ids: dict
) -> tuple[str, str]:
    """The status and reason of ``row`` judged inside ``table``, as ``viewer`` may see them.

    A relative target (居民人均可支配收入 ``与经济增长基本同步``) is judged against another
    indicator's actual. When the viewer may not read that indicator (a department user and
    another department's GDP), the row is judged without that figure: a verdict the phrase
    states itself still counts, anything that needed the figure is 无法评估 with a reason
    that names the indicator but never its value. Judging with the figure and showing only
    the status would not do: previewing phrase after phrase would find the value by halving.
    """
    from planwatch.assess import assess_row, reference_row

    referred = reference_row(row, table)
    hidden = referred is not None and not _may_read(
        engine, viewer, ids.get((table.role, referred.name))
    )
    if hidden:
        rows = [r.model_copy(update={"actual": None}) if r is referred else r for r in table.rows]
        table = table.model_copy(update={"rows": rows})
    judged = assess_row(row, table)
    if hidden and referred is not None and judged.status is Status.UNASSESSABLE:
        return judged.status.value, (
            f"参照指标“{referred.name}”的数值无权查看，无法判断是否达到目标“{row.target}”"
        )
    return judged.status.value, judged.reason


def indicator_lineage(engine: Engine, info: IndicatorInfo, history) -> list[str]:
    """What each stored report says happened to this indicator between its two tables."""
    from planwatch.errors import TableNotFound
    from planwatch.sources import diff_documents

    lines: list[str] = []
    for plan_id in dict.fromkeys(h.plan_id for h in history):
        try:
            result = diff_documents(engine, load_current(engine, plan_id))
        except TableNotFound:
            continue
        lines += result.story_of(info.name)
    return lines


def indicator_audit(engine: Engine, info: IndicatorInfo, observations) -> list:
    from planwatch.store import list_audit

    entries = (
        list_audit(engine, "observation", [o.id for o in observations]) if observations else []
    )
    entries += list_audit(engine, "indicator", [info.id])
    return sorted(entries, key=lambda e: e.id, reverse=True)


def period_key(period: Period) -> str:
    """The period a form's version belongs to, as the form carries it: ``quarter:2025:1:``."""
    return f"{period.kind.value}:{period.year}:{period.quarter or ''}:{period.month or ''}"


def entry_defaults(
    engine: Engine, info: IndicatorInfo, kind: str, year: int | None, quarter, month
) -> dict[str, Any]:
    """The entry form's fields: the stored observation of the period when there is one."""
    history = target_history(engine, info.id)
    review = [h for h in history if h.role is TableRole.REVIEW and h.year]
    plan = [h for h in history if h.role is TableRole.PLAN and h.year]
    target = (review or plan)[-1] if review or plan else None
    if year is None:
        year = target.year if target and target.year else Period.of_year(2000).year
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
        "loaded_period": period_key(period),
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


def preview_actual(
    engine: Engine, info: IndicatorInfo, period: Period, phrase: str, viewer: User | None
) -> dict:
    """The phrase as the grammar reads it, and the status it would give against the target.

    The row is judged inside its whole table, so relative targets (与经济增长基本同步) see
    the other indicators' actuals, those ``viewer`` may read (``judge_for``); only whole-year
    values are judged against annual targets.
    """
    from planwatch.phrases import parse_actual

    spec = parse_actual(phrase.strip(), info.unit)
    result: dict[str, Any] = {"parsed": describe_actual(spec), "status": None, "reason": ""}
    if period.kind is not PeriodKind.YEAR:
        result["reason"] = "（季度、月度数据不按年度目标评估）"
        return result
    for h in reversed(target_history(engine, info.id)):
        if h.year != period.year or not h.phrase:
            continue
        if h.role is TableRole.REVIEW:
            _doc, table, ids = review_table(engine, h.plan_id)
        else:
            table = load_current(engine, h.plan_id).table_for(h.role, h.year)
            ids = plan_indicator_ids(engine, h.plan_id)
        if table is None:
            continue
        rows = [
            r.model_copy(update={"actual": phrase}) if r.name == info.name else r
            for r in table.rows
        ]
        # Judged as a review row, but indicators are looked up in the table they belong to.
        ids = {(TableRole.REVIEW, name): i for (role, name), i in ids.items() if role is h.role}
        context = table.model_copy(update={"rows": rows, "role": TableRole.REVIEW})
        row = next(r for r in rows if r.name == info.name)
        status, reason = judge_for(engine, viewer, row, context, ids)
        result.update(status=status, reason=reason)
        return result
    return result


def describe_actual(spec: ActualSpec) -> str:
    """A short Chinese gloss of a parsed actual: quality, kind, numbers, verdict.

    A plain number says nothing about its quality (the editor's 数据质量 choice does), so only
    what the phrase itself states (预计, 待省反馈, a verdict) is shown as its quality.
    """
    parts = []
    if spec.kind is not TargetKind.UNKNOWN or spec.quality is Quality.UNKNOWN:
        parts.append(spec.kind.zh)
    if spec.quality is not Quality.FINAL:
        parts.insert(0, spec.quality.zh)
    for label, quantity in (("数值", spec.value), ("增长", spec.growth)):
        if quantity is not None:
            parts.append(f"{label}{quantity.value:g}{quantity.unit or ''}")
    if spec.verdict:
        parts.append(spec.verdict)
    if spec.note:
        parts.append(f"（{spec.note}）")
    return " ".join(parts)
