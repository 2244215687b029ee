"""全年预计: the year-end value projected from the figure to date, with a likelihood band.

The method, documented in docs/monitoring.md and tested on real national figures of past years
(tests/test_assess_forecast.py):

- **cumulative quantities** (新增, 城镇新增就业): the figure to date divided by the share of the
  year's total that is usually reached by now: last year's share at the same month when last
  year's path is stored (``profile_of``), else the calendar share. Seasonal series (hiring
  peaks in spring, investment in December) are why last year's path is preferred.
- **rates, shares and caps** (1-6月 增长5.3%, CPI 涨幅): persistence: the rate to date is the best
  single guess of the year's rate; the months still to come only widen the band.

The band is half-width ``spread × (1 − elapsed)``: wide in the first quarter, closing to the
figure itself at year end. Its ends are judged against the target by the same 序时 rule as the
figure at year end (``judge_progress`` with the whole year elapsed), so the forecast never
disagrees with the assessment the same value would get:

- 很可能完成: both ends reach the target;
- 完成存在不确定性: the band straddles it;
- 完成难度较大: neither end reaches it.

This is the ESCAP "anticipated progress" idea (the value projected from the current pace to
the target date, compared with the target), applied within a year instead of to 2030; its
ratio, projected ÷ target, is reported for quantities as ``ratio``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from planwatch.assess.progress import Progress, elapsed, is_cumulative, judge_progress
from planwatch.model import ActualSpec, Direction, Period, Quality, Quantity, TargetKind, Trend
from planwatch.model import TargetSpec as Target
from planwatch.phrases import parse_actual
from planwatch.phrases.numbers import PERCENT, POINTS, rough_amount


class Likelihood(StrEnum):
    LIKELY = "likely"
    UNCERTAIN = "uncertain"
    UNLIKELY = "unlikely"
    UNKNOWN = "unknown"

    @property
    def zh(self) -> str:
        return {
            "likely": "很可能完成",
            "uncertain": "完成存在不确定性",
            "unlikely": "完成难度较大",
            "unknown": "无法预计",
        }[self.value]


@dataclass(frozen=True)
class ForecastPolicy:
    """Half-widths of the band at the start of the year (they close linearly to year end)."""

    spread_points: float = 1.5  # rates and levels in %: points
    spread_share: float = 0.2  # quantities paced by the calendar: share of the projection
    spread_share_profile: float = 0.1  # quantities paced by last year's path
    spread_share_level: float = 0.03  # stocks and other levels not in %: share of the level


@dataclass(frozen=True)
class Forecast:
    likelihood: Likelihood
    text: str  # 全年预计新增约150家（140～160家），很可能完成
    value: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    method: str = ""
    ratio: float | None = None  # projected ÷ target, for quantities


def forecast_year_end(
    target: Target,
    actual: ActualSpec,
    period: Period,
    direction: Direction,
    *,
    name: str = "",
    profile: Mapping[int, float] | None = None,
    policy: ForecastPolicy | None = None,
) -> Forecast:
    """The projected year-end value of an indicator from its figure for ``period``."""
    policy = policy or ForecastPolicy()
    growth = target.kind is TargetKind.GROWTH or (
        target.kind is TargetKind.QUALITATIVE and target.trend is Trend.STABLE
    )
    number = actual.growth if growth else actual.value
    if number is None and growth and actual.value and actual.value.unit == PERCENT:
        number = actual.value
    if actual.quality is Quality.PENDING or number is None:
        return Forecast(Likelihood.UNKNOWN, f"{period.label}没有可用于预计的数值")
    share = elapsed(period, dict(profile) if profile else None)
    remaining = max(0.0, 1.0 - period.elapsed_share)
    if is_cumulative(target, direction, name):
        if share <= 0:
            return Forecast(Likelihood.UNKNOWN, "去年同期尚无累计值，无法按去年进度预计")
        projected = number.value / share
        spread = (policy.spread_share_profile if profile else policy.spread_share) * remaining
        low, high = projected * (1 - spread), projected * (1 + spread)
        method = "按去年同期完成进度推算" if profile else "按时间进度推算"
        ratio = projected / target.value.value if target.value and target.value.value else None
    else:
        projected = number.value
        if (number.unit or PERCENT) in (PERCENT, POINTS):
            half = policy.spread_points * remaining
        else:
            half = abs(projected) * policy.spread_share_level * remaining
        low, high = projected - half, projected + half
        method, ratio = "按年内累计增速（水平）延续推算", None
    year = Period.of_year(period.year)
    ends = [
        _judge_at(target, actual, year, direction, name, end, number, growth) for end in (low, high)
    ]
    if Progress.UNASSESSABLE in ends:
        return Forecast(Likelihood.UNKNOWN, "目标与数值无法比较，无法预计")
    behind = sum(end is Progress.BEHIND for end in ends)
    likelihood = [Likelihood.LIKELY, Likelihood.UNCERTAIN, Likelihood.UNLIKELY][behind]
    scale = target.value.value if target.value else None
    shown = _amount(projected, number.unit, scale, growth)
    band = "～".join(_amount(end, number.unit, scale, growth) for end in (low, high))
    text = f"全年预计{shown}" + (f"（{band}）" if remaining else "") + f"，{likelihood.zh}"
    return Forecast(likelihood, text, projected, low, high, number.unit, method, ratio)


def _amount(value: float, unit: str | None, scale: float | None, growth: bool) -> str:
    """A projection as a sentence shows it (187家, 1114亿元, 增长5.6%)."""
    body = rough_amount(abs(value) if growth else value, unit, scale)
    if not growth:
        return body
    return ("下降" if value < 0 else "增长") + body


def _judge_at(target, actual, year, direction, name, value, number, growth) -> Progress:
    """The year-end 序时 status the value would get: the same rule the assessment uses."""
    quantity = Quantity(value=value, unit=number.unit, text=None)
    field = "growth" if growth and actual.growth is not None else "value"
    projected = actual.model_copy(update={field: quantity, "quality": Quality.ESTIMATE})
    return judge_progress(target, projected, year, direction, name=name).status


def profile_of(to_date: Mapping[int, str], year_total: str) -> dict[int, float] | None:
    """Last year's path: month → the share of the year's total reached by then, from the
    phrases stored for last year's 1-N月 and whole year; None when the total is unusable."""
    total = parse_actual(year_total).value
    if total is None or not total.value:
        return None
    shares = {}
    for month, phrase in to_date.items():
        value = parse_actual(phrase).value
        if value is not None and value.unit == total.unit:
            shares[month] = value.value / total.value
    return shares or None
