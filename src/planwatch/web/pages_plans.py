"""Pages about whole plans: the list, the dashboard, and uploading a report with a preview."""

from __future__ import annotations

import secrets
import time
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from planwatch.errors import UploadExpired
from planwatch.store import Role, other_version
from planwatch.web import views
from planwatch.web.security import Id, check_csrf, current_user, editor, engine_of, reader
from planwatch.web.templating import render
from planwatch.web.uploads import read_upload, store_upload

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)

PENDING_SECONDS = 30 * 60


@router.get("/")
def home(request: Request) -> Response:
    user = current_user(request)
    if user is not None and user.role is Role.DEPARTMENT:
        return RedirectResponse("/entry", status_code=303)
    reader(request)
    from planwatch.store import list_plans

    return render(request, "plans.html", plans=list_plans(engine_of(request)))


@router.get("/plans/{plan_id}")
def dashboard(request: Request, plan_id: Id) -> Response:
    reader(request)
    return render(request, "dashboard.html", **views.dashboard(engine_of(request), plan_id))


@router.get("/upload")
def upload_page(request: Request) -> Response:
    editor(request)
    return render(request, "upload.html")


def _pending(request: Request) -> dict:
    """Uploads awaiting confirmation, kept in memory for half an hour (one server process)."""
    pending = request.app.state.pending_uploads
    now = time.monotonic()
    for key in [k for k, v in pending.items() if now - v["at"] > PENDING_SECONDS]:
        del pending[key]
    return pending


@router.post("/upload")
async def upload(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    user = editor(request)
    doc, name = await read_upload(file)

    token = secrets.token_urlsafe(16)
    _pending(request)[token] = {"doc": doc, "name": name, "user": user.id, "at": time.monotonic()}
    existing = other_version(engine_of(request), doc)
    return render(
        request, "upload_preview.html", doc=doc, token=token, name=name, existing=existing
    )


@router.post("/upload/confirm")
def confirm_upload(
    request: Request, token: Annotated[str, Form()], replace: Annotated[str, Form()] = ""
) -> Response:
    user = editor(request)
    entry = _pending(request).get(token)
    if entry is None or entry["user"] != user.id:
        raise UploadExpired()
    saved = store_upload(
        engine_of(request), entry["doc"], entry["name"], user.name, "web", replace == "on"
    )
    del _pending(request)[token]
    return RedirectResponse(f"/plans/{saved.plan_id}?saved={saved.status}", status_code=303)
