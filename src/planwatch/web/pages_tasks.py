"""The key tasks' commitments of a plan: listed, given to departments, reported and judged.

The same library calls as ``planwatch tasks`` (``monitor.commitments``). DRC editors give a
commitment to a department; the department (or an editor) reports its progress; each is
judged by the rule for targets.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.model import Status
from planwatch.monitor.commitments import assign, report_progress, tracked_commitments
from planwatch.store import Role, commitment_states, load_current
from planwatch.web.security import (
    Id,
    check_csrf,
    current_user,
    editor,
    engine_of,
    may_edit_indicator,
    reader,
)
from planwatch.web.templating import render

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)

Key = Annotated[str, Form(max_length=20)]


def _viewer(request: Request):
    """Readers see every commitment; a department user only its own (not a plan-level page)."""
    user = current_user(request)
    if user is not None and user.role is Role.DEPARTMENT:
        return user
    return reader(request)


@router.get("/plans/{plan_id}/tasks")
def tasks_page(request: Request, plan_id: Id, message: str = "") -> Response:
    user = _viewer(request)
    engine = engine_of(request)
    doc = load_current(engine, plan_id)
    tracked = tracked_commitments(doc, commitment_states(engine, plan_id))
    if user is not None and user.role is Role.DEPARTMENT:
        tracked = [t for t in tracked if user.may_read(t.state.department)]
    counts = {status: sum(t.status is status for t in tracked) for status in Status}
    return render(
        request,
        "tasks.html",
        plan_id=plan_id,
        place=doc.jurisdiction.name if doc.jurisdiction else "",
        year=doc.plan_year,
        tracked=tracked,
        unreported=sum(t.status is None for t in tracked),
        counts={s: n for s, n in counts.items() if n},
        may_assign=user is not None and user.can_edit_all,
        reportable={t.key for t in tracked if _may_report(user, t.state.department)},
        message=message,
    )


def _may_report(user, department: str | None) -> bool:
    return user is not None and user.role is not Role.VIEWER and user.may_edit(department)


@router.post("/plans/{plan_id}/tasks/department")
def set_department(
    request: Request,
    plan_id: Id,
    key: Key,
    department: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    user = editor(request)
    done = assign(engine_of(request), plan_id, key, department, user.name)
    what = f"交由{department.strip()}负责" if department.strip() else "已清除责任部门"
    return _back(plan_id, f"承诺{done}{what}")


@router.post("/plans/{plan_id}/tasks/progress")
def set_progress(
    request: Request,
    plan_id: Id,
    key: Key,
    progress: Annotated[str, Form(max_length=500)],
) -> Response:
    engine = engine_of(request)
    recorded = commitment_states(engine, plan_id).get(key.strip())
    # a commitment no one was given answers to editors only (may_edit(None) is theirs alone)
    user = may_edit_indicator(request, recorded.department if recorded else None)
    done = report_progress(engine, plan_id, key, progress, user.name)
    return _back(plan_id, f"承诺{done}的进展已保存")


def _back(plan_id: int, message: str) -> Response:
    return RedirectResponse(f"/plans/{plan_id}/tasks?message={quote(message)}#c", 303)
