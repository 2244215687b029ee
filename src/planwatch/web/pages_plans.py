"""Pages about whole plans: the list, the dashboard, and uploading a report with a preview."""

from __future__ import annotations

from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import Engine

from planwatch.errors import PlanConflict
from planwatch.model import PlanDocument
from planwatch.store import (
    Role,
    count_plans,
    drop_preview,
    keep_preview,
    list_plans,
    load_current,
    load_plan,
    other_version,
    plan_versions,
    preview_of,
    source_name,
)
from planwatch.web.page_cache import dashboard_page
from planwatch.web.security import (
    PER_PAGE,
    Id,
    Page,
    Place,
    check_csrf,
    current_user,
    editor,
    engine_of,
    reader,
)
from planwatch.web.table_views import other_differences, shown_table, version_difference
from planwatch.web.templating import ListPage, render
from planwatch.web.uploads import read_upload, store_upload

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


PLANS_PER_PAGE = PER_PAGE  # a national store holds thousands: shown a page at a time


@router.get("/")
def home(request: Request, page: Page = 1, jurisdiction: Place = None) -> Response:
    user = current_user(request)
    if user is not None and user.role is Role.DEPARTMENT:
        return RedirectResponse("/entry", status_code=303)
    reader(request)
    engine = engine_of(request)
    place = jurisdiction or None
    shown = ListPage.of(count_plans(engine, place), page, PLANS_PER_PAGE, jurisdiction=place)
    plans = list_plans(engine, place, offset=shown.offset, limit=PLANS_PER_PAGE)
    return render(request, "plans.html", plans=plans, **shown.context())


SAVED_ZH = {
    "created": "新建",
    "updated": "已更新，原内容存为历史版本",
    "unchanged": "内容相同，未改变",
}


@router.get("/plans/{plan_id}")
def dashboard(
    request: Request, plan_id: Id, table: Literal["1", "2"] = "1", saved: str = ""
) -> Response:
    """表1 judged (the default) or 表2, the next year's targets, switched by ``?table=2``;
    ``saved`` (created, updated, unchanged) says how an upload just went."""
    reader(request)
    context = dashboard_page(engine_of(request), plan_id, table)  # the same for every user
    context["saved"] = SAVED_ZH.get(saved)  # what varies per request goes around it
    return render(request, "dashboard.html", **context)


@router.get("/upload")
def upload_page(request: Request) -> Response:
    editor(request)
    return render(request, "upload.html")


@router.post("/upload")
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    user = editor(request)
    doc, name = await read_upload(request, file)
    engine = engine_of(request)
    token = await anyio.to_thread.run_sync(keep_preview, engine, user.id, name, doc)
    return _preview(request, engine, doc, token, name)


def _preview(
    request: Request,
    engine: Engine,
    doc: PlanDocument,
    token: str,
    name: str,
    status_code: int = 200,
) -> Response:
    """The preview of an upload; when another version is stored, what differs from it and
    the two ways on (replace it, or keep both), the preview's token kept for either."""
    existing = other_version(engine, doc)
    context: dict = {"existing": existing, "differences": [], "notes": [], "stored_source": ""}
    if existing is not None:
        stored = load_plan(engine, existing)
        source = source_name(engine, existing)
        context.update(
            differences=version_difference(stored, doc),
            notes=other_differences(stored, doc),
            stored_source=source.split(":", 1)[-1].rsplit("/", 1)[-1],
        )
    tables = [shown_table(t) for t in doc.tables]
    return render(
        request,
        "upload_preview.html",
        status_code=status_code,
        doc=doc,
        token=token,
        name=name,
        tables=tables,
        **context,
    )


@router.post("/upload/confirm")
def confirm_upload(
    request: Request,
    token: Annotated[str, Form()],
    choice: Annotated[Literal["", "save", "replace", "separate"], Form()] = "",
    replace: Annotated[str, Form()] = "",
) -> Response:
    """Save the previewed upload: as it is, replacing another version (kept as a version of
    the plan), or beside it as a plan of its own. A refused save shows the preview again."""
    user = editor(request)
    engine = engine_of(request)
    doc, name = preview_of(engine, token, user.id)
    try:
        saved = store_upload(
            engine,
            doc,
            name,
            user.name,
            "web",
            replace=choice == "replace" or replace == "on",
            separate=choice == "separate",
        )
    except PlanConflict:
        return _preview(request, engine, doc, token, name, status_code=409)
    drop_preview(engine, token)
    return RedirectResponse(f"/plans/{saved.plan_id}?saved={saved.status}", status_code=303)


@router.get("/plans/{plan_id}/versions")
def versions_page(request: Request, plan_id: Id, restored: int | None = None) -> Response:
    """The versions a replacement put aside; editors may restore one."""
    user = reader(request)
    engine = engine_of(request)
    doc = load_current(engine, plan_id)
    source = source_name(engine, plan_id)
    return render(
        request,
        "versions.html",
        doc=doc,
        doc_source=source.split(":", 1)[-1],
        plan_id=plan_id,
        versions=plan_versions(engine, plan_id),
        may_restore=user is not None and user.can_edit_all,
        restored=restored,
    )


@router.post("/plans/{plan_id}/versions/{version_id}/restore")
def restore_page(request: Request, plan_id: Id, version_id: Id) -> Response:
    user = editor(request)
    from planwatch.sources import restore_version

    restore_version(engine_of(request), plan_id, version_id, user.name)
    return RedirectResponse(f"/plans/{plan_id}/versions?restored={version_id}", status_code=303)
