"""Pages comparing and checking whole plans: the diff between two years, lint findings."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from planwatch.store import list_plans, load_plan
from planwatch.web import views
from planwatch.web.security import Id, OptionalId, OptionalYear, check_csrf, engine_of, reader
from planwatch.web.templating import render

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


@router.get("/plans/{plan_id}/diff")
def diff_page(
    request: Request,
    plan_id: Id,
    other: OptionalId = None,
    from_year: OptionalYear = None,
    to_year: OptionalYear = None,
) -> Response:
    reader(request)
    engine = engine_of(request)
    result = views.plan_diff(engine, plan_id, other, from_year, to_year)
    groups = [
        (kind, [p for p in result.pairings if p.kind.value == kind])
        for kind in ("replaced", "renamed", "added", "removed", "unchanged")
    ]
    return render(
        request,
        "diff.html",
        doc=load_plan(engine, plan_id),
        plan_id=plan_id,
        result=result,
        groups=groups,
        plans=list_plans(engine),
        other=other,
        from_year=from_year,
        to_year=to_year,
    )
