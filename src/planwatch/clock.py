"""Beijing time for what people read: the store keeps every timestamp as naive UTC.

China keeps one offset all year (no daylight saving since 1991), so a fixed +08:00 needs no
time-zone database (the ``tzdata`` package is not a dependency).
"""

from __future__ import annotations

import datetime as dt

BEIJING = dt.timezone(dt.timedelta(hours=8), "北京时间")


def beijing(moment: dt.datetime | str | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """A stored time (naive UTC, or its ISO text) as Beijing time; "" for none."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, str):
        try:
            when = dt.datetime.fromisoformat(moment)
        except ValueError:
            return moment
    else:
        when = moment
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(BEIJING).strftime(fmt)


def beijing_today() -> dt.date:
    """Today's date in Beijing (a server in UTC is a day behind until 08:00 there)."""
    return dt.datetime.now(BEIJING).date()
