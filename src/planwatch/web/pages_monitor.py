"""In-year monitoring pages: the board of a plan and period (序时进度, lights, forecasts,
requests and their review, overrides), the bulletin download, the late reporters.

Every page reads ``monitor.load_board`` or the store's request functions, the same that the
CLI's ``bulletin`` and ``late`` use.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.clock import beijing_today
from planwatch.errors import PlanwatchError
from planwatch.model import Progress
from planwatch.monitor import load_board, parse_period
from planwatch.monitor.periods import period_code
from planwatch.report.cells import csv_row
from planwatch.store import (
    LATE_HEADER,
    Role,
    late_requests,
    months_to_date,
    observations_of_year,
    request_figures,
    review_request,
    set_override,
)
from planwatch.web.security import Id, check_csrf, editor, engine_of, reader, signed_in
from planwatch.web.templating import render

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)

MEDIA = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _default_period(engine, board_ids: list[int], year: int) -> str:
    """The latest 1-N月 with any figure this year, else June."""
    found = observations_of_year(engine, board_ids, year).values()
    months = [month for observations in found for month in months_to_date(observations)]
    return f"{year}-{max(months, default=6):02d}"


@router.get("/plans/{plan_id}/monitor")
def monitor_page(request: Request, plan_id: Id, period: str = "", message: str = "") -> Response:
    user = reader(request)
    engine = engine_of(request)
    if not period:
        from planwatch.store import list_indicators, load_plan

        year = load_plan(engine, plan_id).plan_year or dt.date.today().year
        ids = [i.id for i in list_indicators(engine, plan_id=plan_id)]
        period = _default_period(engine, ids, year)
    board = load_board(engine, plan_id, parse_period(period))
    return render(
        request,
        "monitor.html",
        board=board,
        code=period_code(board.period),
        may_review=user is not None and user.can_edit_all,
        statuses=[p.value for p in Progress],
        message=message,
    )


@router.get("/plans/{plan_id}/bulletin")
def bulletin_download(request: Request, plan_id: Id, period: str, format: str = "html"):
    from planwatch.report.bulletin import (
        FORMATS,
        build_bulletin,
        bulletin_html,
        bulletin_markdown,
        write_bulletin_docx,
    )

    reader(request)
    if format not in FORMATS:
        raise PlanwatchError("格式只能是 md、html 或 docx", "format is md, html or docx")
    board = load_board(engine_of(request), plan_id, parse_period(period))
    content = build_bulletin(board, () if format == "md" else ("png", "svg"))
    if format == "docx":
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bulletin.docx"
            write_bulletin_docx(content, path)
            body = path.read_bytes()
    else:
        text = bulletin_markdown(content) if format == "md" else bulletin_html(content)
        body = text.encode("utf-8")
    name = f"monitor-bulletin-{plan_id}-{period_code(board.period)}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=MEDIA[format], headers=headers)


@router.post("/plans/{plan_id}/requests")
def create_requests(request: Request, plan_id: Id, periods: Annotated[str, Form()]) -> Response:
    """Ask every indicator of the plan for the listed periods (``2025-07 2025-08 2025Q3``)."""
    user = editor(request)
    engine = engine_of(request)
    wanted = [parse_period(p) for p in periods.replace("，", " ").replace(",", " ").split()]
    board = load_board(engine, plan_id, wanted[0]) if wanted else None
    if board is None:
        raise PlanwatchError("请填写期间，如 2025-07", "no period given")
    outside = [p.label for p in wanted if p.year != board.period.year]
    if outside:
        raise PlanwatchError(
            f"{'、'.join(outside)}不在计划年度{board.period.year}年内", "period outside the plan"
        )
    created = request_figures(engine, list(board.ids.values()), wanted, user.name)
    back = f"/plans/{plan_id}/monitor?period={period_code(wanted[0])}"
    return RedirectResponse(_back(back, f"已下达{created}项报送任务"), status_code=303)


@router.post("/requests/{request_id}/review")
def review(
    request: Request,
    request_id: Id,
    decision: Annotated[str, Form()],
    back: Annotated[str, Form()],
    comment: Annotated[str, Form()] = "",
) -> Response:
    user = editor(request)
    done = review_request(engine_of(request), request_id, decision == "accept", comment, user.name)
    word = "已采用" if decision == "accept" else "已退回"
    return RedirectResponse(_back(back, f"{done.period.label}数据{word}"), status_code=303)


@router.post("/plans/{plan_id}/override")
def override(
    request: Request,
    plan_id: Id,
    indicator_id: Annotated[int, Form()],
    period: Annotated[str, Form()],
    status: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    user = editor(request)
    wanted = parse_period(period)
    set_override(engine_of(request), indicator_id, wanted, status, reason, user.name)
    back = f"/plans/{plan_id}/monitor?period={period_code(wanted)}"
    return RedirectResponse(_back(back, "状态已人工调整" if status else "已恢复自动判断"), 303)


def _back(path: str, message: str) -> str:
    if not path.startswith("/plans/"):  # only back to a monitoring page of this site
        path = "/"
    return f"{path}{'&' if '?' in path else '?'}message={quote(message)}"


def _late_rows(request: Request) -> tuple[list, dt.date]:
    user = signed_in(request)
    department = user.department if user.role is Role.DEPARTMENT else None
    today = beijing_today()
    return late_requests(engine_of(request), today, department), today


@router.get("/late")
def late_page(request: Request) -> Response:
    rows, today = _late_rows(request)
    return render(request, "late.html", rows=rows, today=today)


@router.get("/late.csv")
def late_csv(request: Request) -> Response:
    rows, today = _late_rows(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows([LATE_HEADER, *(csv_row(r.cells()) for r in rows)])
    name = f"late-{today.isoformat()}.csv"
    return Response(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"),  # BOM: Excel opens it as UTF-8
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
