"""The research panel's pages: one indicator and year across every stored jurisdiction
(sortable, with a chart and downloads), one jurisdiction's history, and the two switches
(rebuild from the stored plans; open to visitors who are not signed in)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import RedirectResponse, Response

from planwatch.model.panel import PanelRow
from planwatch.store import (
    panel_indicators,
    panel_public,
    panel_rows,
    panel_size,
    panel_years,
)
from planwatch.web.security import (
    OptionalYear,
    Page,
    admin,
    check_csrf,
    editor,
    engine_of,
    reader,
)
from planwatch.web.templating import query_link, render
from planwatch.web.views import attachment

router = APIRouter(dependencies=[Depends(check_csrf)], include_in_schema=False)

# The columns the comparison page sorts by, with how each sorts (missing values last).
SORTABLE = (
    "jurisdiction",
    "code",
    "target_value",
    "actual_value",
    "margin",
    "status",
    "escalation",
)
Sort = Annotated[Literal[SORTABLE], Query()]  # type: ignore[valid-type]
Order = Annotated[Literal["asc", "desc"], Query()]
Indicator = Annotated[str | None, Query(max_length=200)]
Format = Literal["csv", "xlsx"]


def panel_reader(request: Request) -> None:
    """Anyone may read the panel when the admin opened it; otherwise as any plan page."""
    if not panel_public(engine_of(request)):
        reader(request)


PAGE_ROWS = 200  # a national panel has 3,000 rows per indicator-year: shown a page at a time
Within = Annotated[str | None, Query(max_length=12, pattern=r"^\d{2,12}$")]


@router.get("/panel")
def comparison_page(
    request: Request,
    indicator: Indicator = None,
    year: OptionalYear = None,
    within: Within = None,
    sort: Sort = "jurisdiction",
    order: Order = "asc",
    page: Page = 1,
) -> Response:
    panel_reader(request)
    engine = engine_of(request)
    indicators = panel_indicators(engine)
    chosen = indicator or (indicators[0][0] if indicators else None)
    years = panel_years(engine, chosen) if chosen else []
    year = year if year is not None else (years[0] if years else None)
    every = panel_rows(engine, canonical=chosen, year=year) if chosen and year else []
    parents = sorted({(r.parent_code, r.parent) for r in every if r.parent_code and r.parent})
    rows = [r for r in every if within in (None, r.parent_code, r.code)]
    rows = sorted_rows(rows, sort, order)
    pages = max(1, -(-len(rows) // PAGE_ROWS))
    page = min(page, pages)
    shown = rows[(page - 1) * PAGE_ROWS : page * PAGE_ROWS]
    state = {"indicator": chosen, "year": year, "within": within, "sort": sort, "order": order}
    return render(
        request,
        "panel.html",
        indicators=indicators,
        indicator=chosen,
        years=years,
        year=year,
        parents=parents,
        within=within,
        rows=shown,
        total=len(rows),
        page=page,
        pages=pages,
        sort=sort,
        order=order,
        link=lambda **changes: query_link(state, changes),
        chart=_chart(shown),
        size=panel_size(engine),
        public=panel_public(engine),
        message=request.query_params.get("message"),
        number=number,
    )


def sorted_rows(rows: list[PanelRow], sort: str, order: str) -> list[PanelRow]:
    """Rows by one column; a row without that value goes last whichever the order."""
    present = [r for r in rows if getattr(r, sort) is not None]
    missing = [r for r in rows if getattr(r, sort) is None]
    present.sort(key=lambda r: getattr(r, sort), reverse=order == "desc")
    return present + missing


def number(value: float | None) -> str:
    """A figure as a reader writes it: 5.5, 30000, 1050亿 for 105000000000 (no 1.05e+11)."""
    if value is None:
        return ""
    for size, word in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= size * 10:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + word
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _chart(rows: list[PanelRow]) -> dict[str, object]:
    """Targets and actuals of the rows that have numbers, for the page's bar chart."""
    numbered = [r for r in rows if r.target_value is not None or r.actual_value is not None]
    units = {r.unit for r in numbered if r.unit}
    return {
        "labels": [r.jurisdiction for r in numbered],
        "target": [r.target_value for r in numbered],
        "actual": [r.actual_value for r in numbered],
        "unit": units.pop() if len(units) == 1 else "",
        "kind": "增长（%）" if {r.kind for r in numbered} == {"growth"} else "",
    }


@router.get("/panel/places/{place}")
def place_page(request: Request, place: str) -> Response:
    """One jurisdiction's rows across years, by its code (320583) or its name (昆山市)."""
    panel_reader(request)
    engine = engine_of(request)
    if place.isdigit():
        rows = panel_rows(engine, code=place)
    else:
        rows = panel_rows(engine, jurisdiction=place)
    years = sorted({r.year for r in rows}, reverse=True)
    by_year = {y: [r for r in rows if r.year == y] for y in years}
    name = rows[0].jurisdiction if rows else place
    return render(
        request,
        "panel_place.html",
        place=place,
        name=name,
        by_year=by_year,
        rows=rows,
        number=number,
    )


@router.get("/panel/download.{fmt}")
def download(
    request: Request, fmt: Format, indicator: Indicator = None, year: OptionalYear = None
) -> Response:
    panel_reader(request)
    from planwatch.panel import panel_csv, panel_xlsx

    rows = panel_rows(engine_of(request), canonical=indicator, year=year)
    parts = [p for p in (indicator, f"{year}年" if year else None) if p]
    name = "面板" + ("-" + "-".join(parts) if parts else "") + f".{fmt}"
    if fmt == "csv":
        data = ("\ufeff" + panel_csv(rows, chinese_headers=True)).encode("utf-8")
        return Response(data, media_type="text/csv; charset=utf-8", headers=attachment(name))
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(panel_xlsx(rows), media_type=media, headers=attachment(name))


@router.post("/panel/rebuild")
def rebuild(request: Request) -> Response:
    """Rebuild the panel from every stored plan (what ``planwatch panel --all`` does)."""
    user = editor(request)
    from planwatch.panel import build_panel
    from planwatch.sources import panel_documents
    from planwatch.store import replace_panel

    engine = engine_of(request)
    documents, _ = panel_documents([], every_stored=True, engine=engine)
    result = build_panel(documents)
    count = replace_panel(engine, result.rows, user.name)
    refused = f"，{len(result.refused)}份未纳入" if result.refused else ""
    return RedirectResponse(f"/panel?message=面板已重新生成：{count}行{refused}", status_code=303)


@router.post("/panel/public")
def set_public(request: Request, public: Annotated[Literal["on", "off"], Form()]) -> Response:
    user = admin(request)
    from planwatch.store import set_panel_public

    set_panel_public(engine_of(request), public == "on", user.name)
    said = "已向未登录访客开放面板" if public == "on" else "面板仅限登录用户查看"
    return RedirectResponse(f"/panel?message={said}", status_code=303)
