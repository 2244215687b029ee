"""The dashboard's user-independent part, rendered once per change of the plan.

Judging 45 rows and rendering their panels is most of a dashboard request, yet it is the same
for every reader until something shown changes. So the body below the heading (the panels, the
not-met table, 表2, the prose) is kept as HTML, keyed by the database, the plan, the table asked
for and ``store.change_marker``: the content's fingerprint, the newest audit entry and the
newest observation. Every change a page can show moves one of them, in any process, so a kept
page is never stale; the key costs one query of primary-key lookups. What differs per user (the
header, the CSRF token, the flash after an upload) is rendered on every request around it.

``PLANWATCH_PAGE_CACHE=off`` renders every request afresh (the benchmark's reference).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any

from markupsafe import Markup
from sqlalchemy import Engine

from planwatch.errors import PlanNotFound
from planwatch.store.reading import change_marker
from planwatch.web import views
from planwatch.web.table_views import shown_table
from planwatch.web.templating import templates

BODY_TEMPLATE = "_dashboard_body.html"
# What the heading around the body prints, besides ``doc`` and ``plan_table`` (kept as the few
# fields it reads, so a kept page holds no document: see ``_heading``).
HEADING_KEYS = ("plan_id", "place", "year", "links")
KEPT = 256  # pages kept per process: a few hundred plans × two tables, a few MB

_PAGES: OrderedDict[tuple, dict[str, Any]] = OrderedDict()
_LOCK = threading.Lock()


def enabled() -> bool:
    """Whether pages are kept: read on each call, so a test or a benchmark can switch it."""
    return os.environ.get("PLANWATCH_PAGE_CACHE", "on").lower() not in ("0", "off", "no", "false")


def dashboard_page(engine: Engine, plan_id: int, which: str) -> dict[str, Any]:
    """The dashboard's context: the heading's values and ``body``, the rendered HTML of 表1
    judged (``which="1"``) or of 表2. A fresh dict each call: callers add their own keys."""
    marker = change_marker(engine, plan_id)
    if marker is None:
        raise PlanNotFound(f"没有编号为{plan_id}的已存计划", f"no stored plan {plan_id}")
    key = (str(engine.url), plan_id, which, marker)
    if enabled():
        with _LOCK:
            page = _PAGES.get(key)
            if page is not None:
                _PAGES.move_to_end(key)
                return dict(page)
    page = build_page(engine, plan_id, which)
    if enabled():
        with _LOCK:
            _PAGES[key] = page
            while len(_PAGES) > KEPT:
                _PAGES.popitem(last=False)
    return dict(page)


def build_page(engine: Engine, plan_id: int, which: str) -> dict[str, Any]:
    """The page as the view judges it now, its body rendered (no cache involved)."""
    context = views.dashboard(engine, plan_id)
    plan_table = context["plan_table"]
    if which == "2" and plan_table is not None:
        context["plan_shown"] = shown_table(plan_table)
    body = templates().env.get_template(BODY_TEMPLATE).render(which=which, **context)
    page = {name: context[name] for name in HEADING_KEYS} | _heading(context)
    page.update(which=which, body=Markup(body))  # autoescaped by Jinja above
    return page


def _heading(context: dict[str, Any]) -> dict[str, Any]:
    """``doc.title``, ``doc.date`` and ``plan_table.year`` as the heading reads them (Jinja
    reads ``doc.title`` from a dict too): a few strings instead of the whole document."""
    doc, plan_table = context["doc"], context["plan_table"]
    table = {"year": plan_table.year} if plan_table is not None else None
    return {"doc": {"title": doc.title, "date": doc.date}, "plan_table": table}


def forget() -> None:
    """Drop every kept page (tests; the key already makes them unreachable once stale)."""
    with _LOCK:
        _PAGES.clear()
