"""The REST API under ``/api/``: the same library calls and permissions as the pages, as JSON.

Authentication: ``POST /api/session`` with a name and password returns a token to send as
``Authorization: Bearer …``; a browser's session cookie works too (then changes need the
``X-CSRF-Token`` header). Errors are ``{"error", "message", "message_en"}`` with a 4xx status.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field

from planwatch.errors import LoginLocked
from planwatch.model import Direction
from planwatch.monitor import enter_figure
from planwatch.store import (
    Entry,
    Role,
    assign_department,
    close_session,
    get_indicator,
    list_indicators,
    list_observations,
    load_current,
    open_session,
    plan_indicator_ids,
    set_direction,
    sign_in,
    target_history,
)
from planwatch.web import indicator_views
from planwatch.web.security import (
    Id,
    OptionalId,
    admin,
    bearer_token,
    check_csrf,
    client_address,
    current_user,
    editor,
    engine_of,
    may_edit_indicator,
    may_read_indicator,
    policy_of,
    reader,
    signed_in,
)
from planwatch.web.uploads import read_upload, store_upload

public = APIRouter(prefix="/api", tags=["session"])
router = APIRouter(prefix="/api", dependencies=[Depends(check_csrf)])


def routers() -> list[APIRouter]:
    from planwatch.web import api_analysis

    return [public, router, api_analysis.router]


class Credentials(BaseModel):
    name: str = Field(max_length=100)
    password: str = Field(max_length=1000)


class PeriodIn(BaseModel):
    kind: Literal["year", "quarter", "month", "ytd"] = "year"
    year: int = Field(ge=1949, le=2100)
    quarter: int | None = Field(default=None, ge=1, le=4)
    month: int | None = Field(default=None, ge=1, le=12)


class ObservationIn(BaseModel):
    period: PeriodIn
    phrase: str = Field(min_length=1, max_length=2000)
    quality: Literal["final", "preliminary", "estimate", "pending"] = "final"
    note: str | None = Field(default=None, max_length=2000)
    source: str | None = Field(default=None, max_length=300)
    version: int | None = Field(
        default=None, description="the version being edited; omit to create a new observation"
    )


class DepartmentIn(BaseModel):
    department: str | None = Field(default=None, max_length=200)


class DirectionIn(BaseModel):
    direction: Direction | None = None  # None: back to the catalogue's


def _user_json(user) -> dict:
    return {"name": user.name, "role": user.role.value, "department": user.department}


@public.post("/session", summary="Sign in: returns a bearer token")
def create_session(request: Request, credentials: Credentials, response: Response) -> dict:
    """Throttled like the login form: a locked account or address gets 429 and Retry-After."""
    engine, policy = engine_of(request), policy_of(request)
    try:
        user = sign_in(
            engine, credentials.name, credentials.password, client_address(request), policy
        )
    except LoginLocked as locked:
        response.status_code = locked.http_status
        response.headers["Retry-After"] = str(locked.retry_after)
        return {
            "error": type(locked).__name__,
            "message": locked.message,
            "message_en": locked.english,
            "retry_after": locked.retry_after,
        }
    return {"token": open_session(engine, user, policy), "user": _user_json(user)}


@router.delete("/session", summary="Sign out: the token stops working")
def delete_session(request: Request) -> dict:
    signed_in(request)
    close_session(engine_of(request), bearer_token(request) or request.cookies.get("pw_session"))
    return {"ok": True}


@router.get("/me", summary="The signed-in user")
def me(request: Request) -> dict:
    user = current_user(request)
    return _user_json(user) if user else {"name": None, "role": "anonymous", "department": None}


@router.get("/plans", summary="Stored plans (all, or a page of them with offset and limit)")
def plans(
    request: Request,
    jurisdiction: Annotated[str | None, Query(max_length=100)] = None,
    offset: Annotated[int, Query(ge=0, le=2_147_483_647)] = 0,
    limit: Annotated[int | None, Query(ge=1, le=10_000)] = None,
) -> list[dict]:
    reader(request)
    from planwatch.store import list_plans

    listed = list_plans(engine_of(request), jurisdiction, offset=offset, limit=limit)
    return [dataclasses.asdict(s) for s in listed]


@router.post("/plans", summary="Upload a report (any format ingest reads) and store it")
async def upload_plan(
    request: Request,
    file: Annotated[UploadFile, File()],
    dry_run: Annotated[bool, Query(description="only read, do not store")] = False,
    replace: Annotated[
        bool, Query(description="replace another stored version of the same report")
    ] = False,
) -> dict:
    user = editor(request)
    doc, name = await read_upload(request, file)
    result: dict[str, object] = {
        "document": doc.public_dict(),
        "plan_id": None,
        "status": "preview",
    }
    if not dry_run:
        saved = store_upload(engine_of(request), doc, name, user.name, "api", replace)
        result.update(plan_id=saved.plan_id, status=saved.status)
    return result


@router.get("/plans/{plan_id}", summary="One stored plan document")
def plan(request: Request, plan_id: Id) -> dict:
    reader(request)
    return load_current(engine_of(request), plan_id).public_dict()


@router.get("/plans/{plan_id}/targets", summary="Every target row of a plan's tables")
def plan_targets(request: Request, plan_id: Id) -> list[dict]:
    reader(request)
    engine = engine_of(request)
    ids = plan_indicator_ids(engine, plan_id)
    return [
        {
            "table": table.caption,
            "role": table.role.value,
            "year": table.year,
            **row.model_dump(
                mode="json",
                include={
                    "no",
                    "category",
                    "name",
                    "unit",
                    "nature",
                    "target",
                    "actual",
                    "department",
                },
            ),
            "indicator_id": ids.get((table.role, row.name)),
        }
        for table in load_current(engine, plan_id).tables
        for row in table.rows
    ]


@router.get("/indicators", summary="Indicators (a department user gets only its own)")
def indicators(request: Request, plan_id: OptionalId = None) -> list[dict]:
    user = current_user(request)
    if user is None:
        reader(request)  # anonymous visitors only when the admin allows it
    department = None
    if user is not None and user.role is Role.DEPARTMENT:
        department = user.department or ""
    found = list_indicators(engine_of(request), department=department, plan_id=plan_id)
    return [dataclasses.asdict(i) for i in found]


@router.get("/indicators/{indicator_id}", summary="One indicator with its printed targets")
def indicator(request: Request, indicator_id: Id) -> dict:
    engine = engine_of(request)
    info = get_indicator(engine, indicator_id)
    may_read_indicator(request, info.department)
    history = [dataclasses.asdict(h) for h in target_history(engine, indicator_id)]
    return {**dataclasses.asdict(info), "targets": history}


@router.put("/indicators/{indicator_id}/department", summary="Assign a department (admin)")
def set_department(request: Request, indicator_id: Id, body: DepartmentIn) -> dict:
    user = admin(request)
    assign_department(engine_of(request), indicator_id, body.department, user.name)
    return dataclasses.asdict(get_indicator(engine_of(request), indicator_id))


@router.put("/indicators/{indicator_id}/direction", summary="Override the direction (admin)")
def put_direction(request: Request, indicator_id: Id, body: DirectionIn) -> dict:
    user = admin(request)
    set_direction(engine_of(request), indicator_id, body.direction, user.name)
    return dataclasses.asdict(get_indicator(engine_of(request), indicator_id))


@router.get("/indicators/{indicator_id}/observations", summary="An indicator's observations")
def observations(request: Request, indicator_id: Id) -> list[dict]:
    engine = engine_of(request)
    may_read_indicator(request, get_indicator(engine, indicator_id).department)
    return [o.as_dict() for o in list_observations(engine, indicator_id)]


@router.post(
    "/indicators/{indicator_id}/observations/preview",
    summary="Parse an actual and show the status it would give, without saving",
)
def preview(request: Request, indicator_id: Id, body: ObservationIn) -> dict:
    engine = engine_of(request)
    info = get_indicator(engine, indicator_id)
    user = may_edit_indicator(request, info.department)
    period = indicator_views.period_of(
        body.period.kind, body.period.year, body.period.quarter, body.period.month
    )
    return indicator_views.preview_actual(engine, info, period, body.phrase, user)


@router.post(
    "/indicators/{indicator_id}/observations",
    status_code=201,
    summary="Enter or change an actual; a stale version is refused with 409",
)
def enter_observation(request: Request, indicator_id: Id, body: ObservationIn) -> dict:
    engine = engine_of(request)
    info = get_indicator(engine, indicator_id)
    user = may_edit_indicator(request, info.department)
    period = indicator_views.period_of(
        body.period.kind, body.period.year, body.period.quarter, body.period.month
    )
    entry = Entry(
        indicator_id, period, body.phrase, body.quality, body.note, body.source, body.version
    )
    return enter_figure(engine, entry, user.name).as_dict()


@router.get("/audit", summary="The audit log, newest first (admins and editors)")
def audit(request: Request, limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[dict]:
    editor(request)
    from planwatch.store import list_audit

    return [
        {**dataclasses.asdict(e), "at": e.at.isoformat()}
        for e in list_audit(engine_of(request), limit=limit)
    ]
