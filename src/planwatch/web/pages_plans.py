"""Pages about whole plans: the list, the dashboard, and uploading a report with a preview."""

from __future__ import annotations

from typing import Annotated

import anyio
from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from planwatch.store import (
    Role,
    drop_preview,
    keep_preview,
    list_plans,
    load_current,
    other_version,
    plan_versions,
    preview_of,
)
from planwatch.web import views
from planwatch.web.security import Id, check_csrf, current_user, editor, engine_of, reader
from planwatch.web.templating import render
from planwatch.web.uploads import read_upload, store_upload

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


@router.get("/")
def home(request: Request) -> Response:
    user = current_user(request)
    if user is not None and user.role is Role.DEPARTMENT:
        return RedirectResponse("/entry", status_code=303)
    reader(request)
    return render(request, "plans.html", plans=list_plans(engine_of(request)))


@router.get("/plans/{plan_id}")
def dashboard(request: Request, plan_id: Id) -> Response:
    reader(request)
    return render(request, "dashboard.html", **views.dashboard(engine_of(request), plan_id))


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
    existing = other_version(engine, doc)
    return render(
        request, "upload_preview.html", doc=doc, token=token, name=name, existing=existing
    )


@router.post("/upload/confirm")
def confirm_upload(
    request: Request, token: Annotated[str, Form()], replace: Annotated[str, Form()] = ""
) -> Response:
    user = editor(request)
    engine = engine_of(request)
    doc, name = preview_of(engine, token, user.id)
    saved = store_upload(engine, doc, name, user.name, "web", replace == "on")
    drop_preview(engine, token)
    return RedirectResponse(f"/plans/{saved.plan_id}?saved={saved.status}", status_code=303)


@router.get("/plans/{plan_id}/versions")
def versions_page(request: Request, plan_id: Id, restored: int | None = None) -> Response:
    """The versions a replacement put aside; editors may restore one."""
    user = reader(request)
    engine = engine_of(request)
    doc = load_current(engine, plan_id)
    source = next((p.source_name for p in list_plans(engine) if p.id == plan_id), "")
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
