"""The research panel's rows in the store: replaced whole in one transaction, read by
indicator and year (the comparison page) or by jurisdiction (its history), streamed in
chunks for exports of a national corpus."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterable, Iterator

from sqlalchemy import Engine, delete, func, insert, select

from planwatch.model.panel import PANEL_COLUMNS, PanelRow
from planwatch.store.audit import record_change
from planwatch.store.database import connect, session_for
from planwatch.store.schema import PanelRowRecord
from planwatch.store.users import SettingRecord, get_setting, set_setting

PANEL_PUBLIC = "panel_public"
# Changed by every replace, in its transaction: what the per-process summary cache is keyed by.
PANEL_VERSION = "panel_version"
_SUMMARIES: dict[tuple[str, str], tuple[list[tuple[str, int]], int]] = {}
_SUMMARIES_LOCK = threading.Lock()
_CHUNK = 5000
_COLUMNS = [getattr(PanelRowRecord, name) for name in PANEL_COLUMNS]


def replace_panel(engine: Engine, rows: Iterable[PanelRow], actor: str) -> int:
    """Put ``rows`` in place of the stored panel, all or nothing; returns how many."""
    count = 0
    with session_for(engine) as session, session.begin():
        before = session.scalar(select(func.count(PanelRowRecord.id))) or 0
        session.execute(delete(PanelRowRecord))
        chunk: list[dict[str, object]] = []
        for row in rows:
            chunk.append(row.as_dict())
            if len(chunk) >= _CHUNK:
                session.execute(insert(PanelRowRecord), chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            session.execute(insert(PanelRowRecord), chunk)
            count += len(chunk)
        record_change(session, actor, "replace", "panel", None, {"rows": before}, {"rows": count})
        version = session.get(SettingRecord, PANEL_VERSION)
        if version is None:
            session.add(SettingRecord(key=PANEL_VERSION, value=secrets.token_hex(8)))
        else:
            version.value = secrets.token_hex(8)
    return count


def panel_rows(
    engine: Engine,
    *,
    canonical: str | None = None,
    year: int | None = None,
    code: str | None = None,
    jurisdiction: str | None = None,
) -> list[PanelRow]:
    """The stored rows that match every filter given, in jurisdiction, year, indicator order."""
    return list(
        iter_panel_rows(
            engine, canonical=canonical, year=year, code=code, jurisdiction=jurisdiction
        )
    )


def iter_panel_rows(
    engine: Engine,
    *,
    canonical: str | None = None,
    year: int | None = None,
    code: str | None = None,
    jurisdiction: str | None = None,
) -> Iterator[PanelRow]:
    """Like ``panel_rows``, streamed: a million rows never sit in memory at once."""
    query = select(*_COLUMNS)
    for column, value in (
        (PanelRowRecord.canonical, canonical),
        (PanelRowRecord.year, year),
        (PanelRowRecord.code, code),
        (PanelRowRecord.jurisdiction, jurisdiction),
    ):
        if value is not None:
            query = query.where(column == value)
    query = query.order_by(PanelRowRecord.id)
    filtered = any(v is not None for v in (canonical, year, code, jurisdiction))
    # The whole panel streams through a server-side cursor. A filtered read is small and
    # goes in one piece: PostgreSQL plans a cursor for its first rows and would walk the
    # primary key in id order past a million rows instead of using the filter's index.
    options = {} if filtered else {"stream_results": True, "yield_per": _CHUNK}
    with connect(engine) as connection:
        for values in connection.execution_options(**options).execute(query):
            yield PanelRow(**dict(zip(PANEL_COLUMNS, values, strict=True)))


def panel_indicators(engine: Engine) -> list[tuple[str, int]]:
    """The catalogue indicators the panel holds, with how many rows each, most rows first."""
    return _summary(engine)[0]


def panel_size(engine: Engine) -> int:
    return _summary(engine)[1]


def _summary(engine: Engine) -> tuple[list[tuple[str, int]], int]:
    """Counting a national panel (1.2M rows) takes a third of a second: counted once per
    process for each version of the panel, so every page view pays one indexed lookup."""
    key = (engine.url.render_as_string(hide_password=True), get_setting(engine, PANEL_VERSION))
    with _SUMMARIES_LOCK:
        if key in _SUMMARIES:
            return _SUMMARIES[key]
    count = func.count(PanelRowRecord.id)
    query = (
        select(PanelRowRecord.canonical, count)
        .where(PanelRowRecord.canonical.is_not(None))
        .group_by(PanelRowRecord.canonical)
        .order_by(count.desc(), PanelRowRecord.canonical)
    )
    with connect(engine) as connection:
        indicators = [(name, number) for name, number in connection.execute(query) if name]
        size = connection.scalar(select(func.count(PanelRowRecord.id))) or 0
    with _SUMMARIES_LOCK:
        _SUMMARIES[key] = (indicators, size)
        while len(_SUMMARIES) > 16:
            _SUMMARIES.pop(next(iter(_SUMMARIES)))
    return indicators, size


def panel_years(engine: Engine, canonical: str | None = None) -> list[int]:
    query = select(PanelRowRecord.year).distinct().order_by(PanelRowRecord.year.desc())
    if canonical is not None:
        query = query.where(PanelRowRecord.canonical == canonical)
    with connect(engine) as connection:
        return list(connection.scalars(query))


def panel_public(engine: Engine) -> bool:
    """Whether visitors who are not signed in may read the panel (a research deployment)."""
    return get_setting(engine, PANEL_PUBLIC, "off") == "on"


def set_panel_public(engine: Engine, public: bool, actor: str) -> None:
    set_setting(engine, PANEL_PUBLIC, "on" if public else "off", actor)
