"""Pages comparing and checking whole plans: the diff between two years, lint findings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from planwatch.errors import TableNotFound
from planwatch.model import ChangeKind, TableRole
from planwatch.store import list_plans, load_current
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
    doc = load_current(engine, plan_id)
    result = views.plan_diff(engine, doc, other, from_year, to_year)
    kinds = (ChangeKind.REPLACED, ChangeKind.RENAMED, ChangeKind.ADDED, ChangeKind.REMOVED)
    groups = [(kind.value, result.of_kind(kind)) for kind in (*kinds, ChangeKind.UNCHANGED)]
    return render(
        request,
        "diff.html",
        doc=doc,
        plan_id=plan_id,
        result=result,
        groups=groups,
        plans=list_plans(engine, doc.jurisdiction.name if doc.jurisdiction else None),
        other=other,
        from_year=from_year,
        to_year=to_year,
    )


@router.get("/plans/{plan_id}/lint")
def lint_page(request: Request, plan_id: Id) -> Response:
    reader(request)
    engine = engine_of(request)
    from planwatch.lint import lint_document

    doc = load_current(engine, plan_id)
    return render(request, "lint.html", doc=doc, plan_id=plan_id, findings=lint_document(doc))


@router.get("/plans/{plan_id}/downloads")
def downloads_page(request: Request, plan_id: Id) -> Response:
    reader(request)
    engine = engine_of(request)
    doc = load_current(engine, plan_id)
    categories = views.chart_categories(doc)
    return render(
        request,
        "downloads.html",
        doc=doc,
        plan_id=plan_id,
        categories=categories,
        plan_table=doc.table_for(TableRole.PLAN),
    )


@router.get("/plans/{plan_id}/report.{fmt}")
def report_download(
    request: Request,
    plan_id: Id,
    fmt: Literal["docx", "xlsx"],
    table: Literal["1", "2"] = "1",
) -> Response:
    """The full 表1 report, or with ``?table=2`` the plan year's 表2 by itself."""
    reader(request)
    data, name = views.report_file(engine_of(request), plan_id, fmt, table)
    return Response(data, media_type=views.REPORT_MEDIA[fmt], headers=views.attachment(name))


@router.get("/plans/{plan_id}/charts/{number}.{fmt}")
def chart_download(
    request: Request,
    plan_id: Id,
    number: Annotated[int, Path(ge=0, le=100)],
    fmt: Literal["png", "svg"],
) -> Response:
    reader(request)
    drawn = views.charts(engine_of(request), plan_id, fmt)
    if number >= len(drawn):
        raise TableNotFound(f"没有第{number + 1}张图表", f"no chart {number}")
    chart = drawn[number]
    media = "image/png" if fmt == "png" else "image/svg+xml"
    return Response(
        getattr(chart, fmt), media_type=media, headers=views.attachment(f"{chart.title}.{fmt}")
    )
