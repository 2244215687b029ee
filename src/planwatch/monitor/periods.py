"""Periods as users type them: ``2025-06`` (1-6月 cumulative), ``2025Q1``, ``2025``."""

from __future__ import annotations

import re

from planwatch.errors import PlanwatchError
from planwatch.model import Period, PeriodKind

_PERIOD = re.compile(
    r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})|-?[Qq](?P<quarter>[1-4])|[Mm](?P<single>\d{1,2})|年(?:1-(?P<ytd>\d{1,2})月"
    r"|第(?P<q>[1-4一二三四])季度))?$"
)
_QUARTER_WORDS = {"一": 1, "二": 2, "三": 3, "四": 4}


def parse_period(text: str) -> Period:
    """``2025-06`` or ``2025年1-6月`` (cumulative), ``2025Q1`` or ``2025年第1季度``, ``2025M06``
    (June alone), ``2025``."""
    match = _PERIOD.match(text.strip())
    printed = match and (match["month"] or match["ytd"] or match["single"])
    month = int(printed) if printed else None
    if match is None or (month is not None and not 1 <= month <= 12):
        raise PlanwatchError(
            f"期间“{text}”应写成 2025-06（1-6月累计）、2025Q1（第1季度）或 2025（全年）",
            "a period is written 2025-06, 2025Q1 or 2025",
        )
    year = int(match["year"])
    if match["single"]:
        return Period(kind=PeriodKind.MONTH, year=year, month=month)
    if month is not None:
        return Period(kind=PeriodKind.YEAR_TO_DATE, year=year, month=month)
    quarter = match["quarter"] or match["q"]
    if quarter:
        number = _QUARTER_WORDS.get(quarter) or int(quarter)
        return Period(kind=PeriodKind.QUARTER, year=year, quarter=number)
    return Period.of_year(year)


def period_code(period: Period) -> str:
    """The inverse of ``parse_period``: what URLs and file names carry (``2025-06``)."""
    if period.kind is PeriodKind.QUARTER:
        return f"{period.year}Q{period.quarter}"
    if period.kind is PeriodKind.MONTH:
        return f"{period.year}M{period.month:02d}"
    if period.kind is PeriodKind.YEAR_TO_DATE:
        return f"{period.year}-{period.month:02d}"
    return str(period.year)
