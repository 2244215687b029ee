"""Indicator pages and data entry: a department sees and edits only its own indicators.

Entry is two steps on one form: 预览 parses the phrase with the CLI's grammar and shows the
parsed value and the status it would give; 保存 stores it, naming the version the form was
loaded with, so an edit made meanwhile by someone else is refused instead of overwritten.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.errors import PlanwatchError
from planwatch.monitor import enter_figure
from planwatch.store import (
    ENTRY_QUALITIES,
    Entry,
    Role,
    count_indicators,
    get_indicator,
    latest_observations,
    list_indicators,
)
from planwatch.web import indicator_views
from planwatch.web.security import (
    PER_PAGE,
    Id,
    Page,
    Place,
    check_csrf,
    engine_of,
    may_edit_indicator,
    may_read_indicator,
    signed_in,
)
from planwatch.web.templating import ListPage, render

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)


INDICATORS_PER_PAGE = PER_PAGE  # a DRC of a national store sees tens of thousands


@router.get("/entry")
def my_indicators(request: Request, page: Page = 1, jurisdiction: Place = None) -> Response:
    """The indicators this user may fill in: the department's own, or all for DRC editors;
    a page at a time, of one jurisdiction when one is chosen."""
    user = signed_in(request)
    engine = engine_of(request)
    place = jurisdiction or None
    department = None if user.can_edit_all else user.department
    allowed = user.can_edit_all or user.role is Role.DEPARTMENT  # a viewer fills in nothing
    total = count_indicators(engine, department, place) if allowed else 0
    shown = ListPage.of(total, page, INDICATORS_PER_PAGE, jurisdiction=place)
    indicators = (
        list_indicators(
            engine, department, jurisdiction=place, offset=shown.offset, limit=shown.per_page
        )
        if allowed
        else []
    )
    latest = latest_observations(engine, [i.id for i in indicators])
    return render(
        request, "entry_list.html", indicators=indicators, latest=latest, **shown.context()
    )


@router.get("/indicators/{indicator_id}")
def indicator_page(request: Request, indicator_id: Id) -> Response:
    info = get_indicator(engine_of(request), indicator_id)
    user = may_read_indicator(request, info.department)
    context = indicator_views.indicator(engine_of(request), info, user)
    may_edit = user is not None and user.role is not Role.VIEWER and user.may_edit(info.department)
    return render(request, "indicator.html", may_edit=may_edit, **context)


@router.get("/indicators/{indicator_id}/entry")
def entry_form(
    request: Request,
    indicator_id: Id,
    kind: str = "year",
    year: int | None = None,
    quarter: int | None = None,
    month: int | None = None,
) -> Response:
    info = get_indicator(engine_of(request), indicator_id)
    may_edit_indicator(request, info.department)
    form = indicator_views.entry_defaults(engine_of(request), info, kind, year, quarter, month)
    return render(
        request,
        "entry_form.html",
        info=info,
        form=form,
        preview=None,
        qualities=[q.value for q in ENTRY_QUALITIES],
        error=None,
    )


@router.post("/indicators/{indicator_id}/entry")
def entry_submit(
    request: Request,
    indicator_id: Id,
    phrase: Annotated[str, Form()],
    kind: Annotated[str, Form()] = "year",
    year: Annotated[int, Form()] = 0,
    quarter: Annotated[int | None, Form()] = None,
    month: Annotated[int | None, Form()] = None,
    quality: Annotated[str, Form()] = "final",
    note: Annotated[str, Form()] = "",
    source: Annotated[str, Form()] = "",
    version: Annotated[str, Form()] = "",
    loaded_period: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "preview",
) -> Response:
    engine = engine_of(request)
    info = get_indicator(engine, indicator_id)
    user = may_edit_indicator(request, info.department)
    form = {
        "kind": kind,
        "year": year,
        "quarter": quarter,
        "month": month,
        "phrase": phrase,
        "quality": quality,
        "note": note,
        "source": source,
        "version": version,
        "loaded_period": loaded_period,
    }
    qualities = [q.value for q in ENTRY_QUALITIES]
    defaults = indicator_views.entry_defaults(
        engine, info, "year", year if 1949 <= year <= 2100 else None, None, None
    )
    form.update(target=defaults["target"], target_year=defaults["target_year"])
    try:
        period = indicator_views.period_of(kind, year, quarter, month)
        preview = indicator_views.preview_actual(engine, info, period, phrase, user)
        if action != "save":
            return render(
                request,
                "entry_form.html",
                info=info,
                form=form,
                preview=preview,
                qualities=qualities,
                error=None,
            )
        # The version belongs to the period the form was loaded for (a post without it names
        # the submitted period); another period chosen in the form is a new entry there,
        # refused, not overwritten, if one exists meanwhile.
        same_period = not loaded_period or loaded_period == indicator_views.period_key(period)
        expected = int(version) if same_period and version.strip().isdigit() else None
        entry = Entry(indicator_id, period, phrase, quality, note, source, expected)
        enter_figure(engine, entry, user.name)
    except PlanwatchError as exc:
        return render(
            request,
            "entry_form.html",
            status_code=exc.http_status,
            info=info,
            form=form,
            preview=None,
            qualities=qualities,
            error=exc,
        )
    return RedirectResponse(f"/indicators/{indicator_id}?saved=1", status_code=303)
