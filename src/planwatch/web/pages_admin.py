"""Administration: accounts, anonymous read access, departments of indicators, the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.model import Direction
from planwatch.phrases import direction_for
from planwatch.store import (
    ANONYMOUS_READ,
    Role,
    add_user,
    anonymous_read,
    assign_department,
    list_audit,
    list_indicators,
    list_users,
    set_direction,
    set_setting,
)
from planwatch.web.security import Id, admin, check_csrf, editor, engine_of
from planwatch.web.templating import render

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


def _admin_page(request: Request, message: str | None = None, status_code: int = 200) -> Response:
    engine = engine_of(request)
    users = list_users(engine)
    indicators = list_indicators(engine)
    departments = sorted(
        {u.department for u in users if u.department}
        | {i.department for i in indicators if i.department}
    )
    return render(
        request,
        "admin.html",
        status_code=status_code,
        users=users,
        indicators=indicators,
        departments=departments,
        roles=list(Role),
        directions=[d for d in Direction if d is not Direction.UNKNOWN],
        catalogue={i.id: direction_for(i.name) for i in indicators},
        anonymous=anonymous_read(engine),
        message=message,
    )


@router.get("/admin")
def admin_page(request: Request, message: str | None = None) -> Response:
    admin(request)
    return _admin_page(request, message)


@router.post("/admin/users")
def create_user(
    request: Request,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()],
    role: Annotated[str, Form()],
    department: Annotated[str, Form()] = "",
) -> Response:
    user = admin(request)
    created = add_user(engine_of(request), name, password, role, department or None, user.name)
    return RedirectResponse(f"/admin?message=已添加用户{created.name}", status_code=303)


@router.post("/admin/settings")
def settings(request: Request, anonymous_read: Annotated[str, Form()]) -> Response:
    user = admin(request)
    value = "on" if anonymous_read == "on" else "off"
    set_setting(engine_of(request), ANONYMOUS_READ, value, user.name)
    return RedirectResponse("/admin?message=设置已保存", status_code=303)


@router.post("/admin/indicators/{indicator_id}/department")
def set_department(
    request: Request, indicator_id: Id, department: Annotated[str, Form()] = ""
) -> Response:
    user = admin(request)
    assign_department(engine_of(request), indicator_id, department, user.name)
    return RedirectResponse("/admin?message=责任部门已保存#assign", status_code=303)


@router.post("/admin/indicators/{indicator_id}/direction")
def override_direction(
    request: Request, indicator_id: Id, direction: Annotated[str, Form()] = ""
) -> Response:
    user = admin(request)
    set_direction(engine_of(request), indicator_id, direction or None, user.name)
    return RedirectResponse("/admin?message=指标方向已保存#assign", status_code=303)


@router.get("/audit")
def audit_page(request: Request) -> Response:
    editor(request)
    return render(request, "audit.html", audit=list_audit(engine_of(request)))
