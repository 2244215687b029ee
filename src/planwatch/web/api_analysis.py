"""API views that judge or compare whole plans: assessments, the diff between years, lint."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from planwatch.store import load_current
from planwatch.web import views
from planwatch.web.security import Id, OptionalId, OptionalYear, check_csrf, engine_of, reader

router = APIRouter(prefix="/api", dependencies=[Depends(check_csrf)], tags=["analysis"])


@router.get("/plans/{plan_id}/assessments", summary="Every target of 表1 judged, with counts")
def assessments(request: Request, plan_id: Id) -> dict:
    reader(request)
    context = views.dashboard(engine_of(request), plan_id)
    rows = context.get("rows", [])
    return {
        "year": context["year"],
        "jurisdiction": context["place"] or None,
        "summary": context.get("counts", {}),
        "sentence": context.get("sentence", ""),
        "rows": [
            {
                "no": r.row.no,
                "category": r.row.category,
                "name": r.row.name,
                "target": r.row.target,
                "actual": r.row.actual,
                "status": r.status,
                "margin": r.margin,
                "margin_unit": r.margin_unit,
                "reason": r.reason,
                "indicator_id": r.indicator_id,
            }
            for r in rows
        ],
    }


@router.get(
    "/plans/{plan_id}/diff", summary="Indicator changes: 表1 vs 表2, or against another plan"
)
def diff(
    request: Request,
    plan_id: Id,
    other: OptionalId = None,
    from_year: OptionalYear = None,
    to_year: OptionalYear = None,
) -> dict:
    reader(request)
    engine = engine_of(request)
    doc = load_current(engine, plan_id)
    return views.plan_diff(engine, doc, other, from_year, to_year).public_dict()


@router.get("/plans/{plan_id}/lint", summary="Consistency findings of a report (docs/lint.md)")
def lint(request: Request, plan_id: Id) -> list[dict]:
    reader(request)
    from planwatch.lint import lint_document

    findings = lint_document(load_current(engine_of(request), plan_id))
    return [f.model_dump(mode="json") for f in findings]
