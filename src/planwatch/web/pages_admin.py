"""Administration: accounts, anonymous read access, departments of indicators, the audit log.

Per account: reset the password, disable or enable, change the role and department, end its
sessions (all audited; a reset or a disable ends the account's sessions, the admin's own one
excepted when it is theirs).
"""

from __future__ import annotations

import json
from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.errors import AccountError
from planwatch.model import Direction
from planwatch.phrases import direction_for
from planwatch.store import (
    ANONYMOUS_READ,
    Role,
    add_user,
    anonymous_read,
    assign_department,
    end_sessions,
    get_user,
    list_audit,
    list_indicators,
    list_users,
    set_active,
    set_direction,
    set_password,
    set_role,
    set_setting,
)
from planwatch.store.indicators import IndicatorInfo, assign_departments
from planwatch.web.security import Id, admin, check_csrf, editor, engine_of, session_token
from planwatch.web.templating import render

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


def _admin_page(
    request: Request,
    message: str | None = None,
    status_code: int = 200,
    error: str | None = None,
    section: str = "",
) -> Response:
    """The admin page; ``error`` is a refused form's reason, shown where the form is."""
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
        error=error,
        section=section,
        categories=_categories(indicators),
    )


def _category_key(jurisdiction: str | None, category: str) -> str:
    """A category's form value: its jurisdiction and name (two cities may share a name)."""
    return json.dumps([jurisdiction or "", category], ensure_ascii=False)


def _categories(indicators: list[IndicatorInfo]) -> list[dict[str, str | int]]:
    """The categories of the stored indicators, in first-seen order, with their counts."""
    counts: dict[tuple[str, str], int] = {}
    for i in indicators:
        if i.category:
            key = (i.jurisdiction or "", i.category)
            counts[key] = counts.get(key, 0) + 1
    return [
        {"value": _category_key(place, name), "place": place, "name": name, "count": n}
        for (place, name), n in counts.items()
    ]


@router.get("/admin")
def admin_page(request: Request, message: str | None = None, section: str = "") -> Response:
    """``section=assign``: the message belongs to the departments' table, shown there."""
    admin(request)
    return _admin_page(request, message, section=section)


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


def _done(message: str) -> Response:
    return RedirectResponse(f"/admin?message={message}#users", status_code=303)


@router.post("/admin/users/{user_id}/password")
def reset_password(
    request: Request, user_id: Id, password: Annotated[str, Form(max_length=1000)]
) -> Response:
    """A new password for the account; its sessions end (the admin's own current one stays)."""
    user = admin(request)
    keep = session_token(request) if user_id == user.id else None
    target = get_user(engine_of(request), user_id)
    ended = set_password(engine_of(request), user_id, password, user.name, keep)
    return _done(f"已重置{target.name}的密码，{ended}个会话已退出")


@router.post("/admin/users/{user_id}/active")
def set_account_active(request: Request, user_id: Id, active: Annotated[str, Form()]) -> Response:
    """Disable (its sessions end) or enable (a lockout is lifted) an account."""
    user = admin(request)
    if user_id == user.id and active != "on":
        raise AccountError("不能停用自己正在使用的账户", "you cannot disable your own account")
    changed = set_active(engine_of(request), user_id, active == "on", user.name)
    return _done(f"已{'启用' if changed.active else '停用'}用户{changed.name}")


@router.post("/admin/users/{user_id}/role")
def change_role(
    request: Request,
    user_id: Id,
    role: Annotated[str, Form()],
    department: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    user = admin(request)
    changed = set_role(engine_of(request), user_id, role, department or None, user.name)
    where = f"（{changed.department}）" if changed.department else ""
    return _done(f"{changed.name}的角色已改为{changed.role.zh}{where}")


@router.post("/admin/users/{user_id}/sessions/end")
def end_user_sessions(request: Request, user_id: Id) -> Response:
    """Sign the account out everywhere (for the admin's own account: everywhere else)."""
    user = admin(request)
    keep = session_token(request) if user_id == user.id else None
    target = get_user(engine_of(request), user_id)
    ended = end_sessions(engine_of(request), user_id, user.name, keep_token=keep)
    return _done(f"已退出{target.name}的{ended}个会话")


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
    return RedirectResponse("/admin?message=责任部门已保存&section=assign#assign-section", 303)


@router.post("/admin/indicators/department")
def bulk_department(
    request: Request,
    department: Annotated[str, Form(max_length=200)] = "",
    scope: Annotated[Literal["selected", "category"], Form()] = "selected",
    category: Annotated[str, Form(max_length=1000)] = "",
    indicator: Annotated[list[int] | None, Form()] = None,
) -> Response:
    """One department for the checked indicators or for a whole category, in one transaction."""
    user = admin(request)
    engine = engine_of(request)
    chosen = _chosen(list_indicators(engine), scope, category, indicator or [])
    if isinstance(chosen, str):
        return _admin_page(request, status_code=422, error=chosen, section="assign")
    changed = assign_departments(engine, chosen, department, user.name)
    name = department.strip()
    what = f"设为{name}" if name else "清空"
    unchanged = f"，{len(chosen) - changed}项原已如此" if changed < len(chosen) else ""
    message = f"已将{changed}项指标的责任部门{what}{unchanged}"
    return RedirectResponse(
        f"/admin?message={quote(message)}&section=assign#assign-section", status_code=303
    )


def _chosen(
    indicators: list[IndicatorInfo], scope: str, category: str, checked: list[int]
) -> list[int] | str:
    """The ids a bulk assignment applies to, or why there are none (said to the admin)."""
    if scope == "selected":
        known = {i.id for i in indicators}
        if not checked:
            return "没有勾选指标：请在下表勾选要指定部门的指标，或改选“整个分类”"
        if any(i not in known for i in checked):
            return "勾选的指标中有已不存在的指标，请刷新页面后重试"
        return checked
    ids = [
        i.id
        for i in indicators
        if i.category and _category_key(i.jurisdiction, i.category) == category
    ]
    return ids or "请选择一个分类（该分类可能已没有指标，请刷新页面）"


@router.post("/admin/indicators/{indicator_id}/direction")
def override_direction(
    request: Request, indicator_id: Id, direction: Annotated[str, Form()] = ""
) -> Response:
    user = admin(request)
    set_direction(engine_of(request), indicator_id, direction or None, user.name)
    return RedirectResponse("/admin?message=指标方向已保存&section=assign#assign-section", 303)


@router.get("/audit")
def audit_page(request: Request) -> Response:
    editor(request)
    return render(request, "audit.html", audit=list_audit(engine_of(request)))
