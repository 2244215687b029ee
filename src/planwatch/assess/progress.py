"""序时进度: judging a figure of part of the year against the annual target.

Through the year the DRC compares each indicator with its target and with the time elapsed
(时间过半、任务过半). One rule per kind of target, each tested beside this module:

- **cumulative quantities** (新增150家, 城镇新增就业35万人, 新开工改造2.2万户): the figure to date
  against target × the share of the year elapsed (``Period.elapsed_share``: 1-6月 is 6/12, 第2季度
  is 2/4, cumulative to date as Chinese statistics report them; a single month is 1/12). With
  last year's monthly profile (the share of last year's total reached by the same month) the
  expected share is that instead of the calendar's.
- **growth rates and levels** (1-6月 增长5.3% against 增长5%左右; a share of 53%): the figure
  to date against the annual target itself: a rate to date is already comparable.
- **ceilings** (CPI 涨幅 3%左右, 城镇调查失业率): the figure to date against the cap; below it is
  符合序时 (a cap has nothing to be ahead of), above it 慢于序时.
- **pending, qualitative, external**: 待反馈 or 无法判断, with the reason.

Statuses: 快于序时 (ahead), 符合序时 (on schedule), 慢于序时 (behind). "On schedule" is a band:
``ProgressPolicy.band_points`` for rates (0.5 points, as the 左右 tolerance), ``band_share`` for
quantities (5 % of the expected amount); binding indicators (约束性) may be given a narrower
band by the caller.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from planwatch.assess.numeric import LOW_IS_GOOD, describe
from planwatch.model import (
    ActualSpec,
    Direction,
    Period,
    PeriodKind,
    PlanTable,
    Progress,
    Quality,
    Quantity,
    TargetKind,
    Trend,
)
from planwatch.model import TargetSpec as Target
from planwatch.phrases import direction_for, parse_actual, parse_target
from planwatch.phrases.numbers import PERCENT, POINTS, rough_amount


@dataclass(frozen=True)
class ProgressPolicy:
    """How wide "on schedule" is; frozen, so a policy can key a cache."""

    band_points: float = 0.5  # rates and levels in %: ± points around the target
    band_share: float = 0.05  # quantities: ± this share of the expected amount


@dataclass(frozen=True)
class ProgressVerdict:
    status: Progress
    reason: str
    expected: float | None = None  # what the target asks by now, in the target's unit
    margin: float | None = None  # the figure minus ``expected``
    unit: str | None = None
    # How far behind, in the measure the band uses: points for rates and shares in %, a share
    # of ``expected`` for quantities (``relative``); 0 when on schedule or ahead. Warnings and
    # forecasts read it, so they never re-derive which measure applies.
    shortfall: float | None = None
    relative: bool = False


_RATE_UNITS = frozenset({PERCENT, POINTS, ":1"})


def elapsed(period: Period, profile: dict[int, float] | None = None) -> float:
    """The share of the year's target due by the end of ``period``: by last year's profile
    (month → cumulative share) when given, else by the calendar; a single month is 1/12."""
    if period.kind is PeriodKind.MONTH:
        return 1 / 12
    month = 12 if period.kind is PeriodKind.YEAR else None
    if period.kind is PeriodKind.QUARTER:
        month = (period.quarter or 0) * 3
    if period.kind is PeriodKind.YEAR_TO_DATE:
        month = period.month
    if profile and month in profile:
        return profile[month]
    return period.elapsed_share


def judge_progress(
    target: Target,
    actual: ActualSpec,
    period: Period,
    direction: Direction,
    *,
    name: str = "",
    policy: ProgressPolicy | None = None,
    profile: dict[int, float] | None = None,
) -> ProgressVerdict:
    """快于序时 / 符合序时 / 慢于序时 for a figure of ``period`` against the annual ``target``."""
    policy = policy or ProgressPolicy()
    if actual.quality is Quality.PENDING:
        return ProgressVerdict(Progress.PENDING, f"{period.label}数据待反馈")
    stable = target.kind is TargetKind.QUALITATIVE and target.trend is Trend.STABLE
    if stable and (actual.growth or actual.value) is not None:
        # 保持稳定 against 增长3.1%: a growth of about zero, within the stable band of 1 point
        zero = Quantity(value=0, unit=PERCENT, text="0%")
        target = target.model_copy(update={"kind": TargetKind.GROWTH, "value": zero})
        policy = ProgressPolicy(band_points=1.0, band_share=policy.band_share)
    goal = target.value
    number = actual.growth if target.kind is TargetKind.GROWTH else actual.value
    if number is None and target.kind is TargetKind.GROWTH:
        number = actual.value if actual.value and actual.value.unit == PERCENT else None
    if goal is None or number is None:
        return ProgressVerdict(
            Progress.UNASSESSABLE,
            f"目标“{target.phrase}”或{period.label}完成情况“{actual.phrase}”没有可比较的数值",
        )
    if goal.unit and number.unit and goal.unit != number.unit:
        return ProgressVerdict(
            Progress.UNASSESSABLE,
            f"目标单位为{goal.unit}，{period.label}完成情况单位为{number.unit}，无法比较",
        )
    cumulative = is_cumulative(target, direction, name)
    if cumulative:
        share = elapsed(period, profile)
        expected = goal.value * share
        band = abs(expected) * policy.band_share
        relative = True
        basis = f"序时进度{share:.0%}应完成{rough_amount(expected, goal.unit, goal.value)}"
    else:
        rate = (goal.unit or PERCENT) in (PERCENT, POINTS)
        relative = not rate
        expected = goal.value
        band = policy.band_points if rate else abs(goal.value) * policy.band_share
        basis = f"年度目标“{target.phrase}”"
    margin = number.value - expected
    growth = target.kind is TargetKind.GROWTH
    shown = describe(number, growth) if not cumulative else actual.phrase.strip()  # 新增80家
    if direction in LOW_IS_GOOD:
        status = Progress.ON_TRACK if number.value <= expected + band else Progress.BEHIND
    elif margin > band:
        status = Progress.AHEAD
    elif margin >= -band:
        status = Progress.ON_TRACK
    else:
        status = Progress.BEHIND
    gap = rough_amount(abs(margin), _margin_unit(goal.unit), goal.value)
    compared = f"高于{gap}" if margin > 0 else f"低于{gap}" if margin < 0 else "持平"
    reason = f"{period.label}{shown}，{basis}，{compared}，{status.zh}"
    behind = max(margin, 0.0) if direction in LOW_IS_GOOD else max(-margin, 0.0)
    shortfall = behind / abs(expected) if relative and expected else behind
    return ProgressVerdict(
        status,
        reason,
        expected,
        round(margin, 6),
        _margin_unit(goal.unit),
        round(shortfall, 6),
        relative,
    )


def is_cumulative(target: Target, direction: Direction, name: str = "") -> bool:
    """Whether a target is counted up through the year (新增150家, 城镇新增就业35万人), so that
    a figure to date is due only in proportion to the time elapsed and never falls."""
    goal = target.value
    if goal is None:
        return False
    return target.kind is TargetKind.INCREMENT or (
        target.kind is TargetKind.LEVEL
        and (goal.unit or "") not in _RATE_UNITS
        and direction is Direction.HIGHER_BETTER
        and _is_flow(target, name)
    )


def _margin_unit(unit: str | None) -> str | None:
    return POINTS if unit == PERCENT else unit


_FLOW_WORDS = ("新增", "新开工", "新建", "引留", "累计", "完成")
# A sum of money (技术合同成交额 1150亿元, 一般公共预算收入) is counted over the year unless
# it is a balance or stock at a date.
_STOCK_WORDS = ("余额", "存量", "保有", "拥有", "总量", "规模")


def _is_flow(target: Target, name: str) -> bool:
    """A level target counted over the year (城镇新增就业35万人, 新开工改造2.2万户, 技术合同
    成交额1150亿元), not a stock (1.85万家 高新技术企业): the name, subject or phrase says it
    is added in the year, or it is an amount of money that is not a balance."""
    words = name + (target.subject or "") + target.phrase
    if any(word in words for word in _FLOW_WORDS):
        return True
    money = target.value is not None and target.value.unit == "元"
    return money and not any(word in words for word in _STOCK_WORDS)


@dataclass(frozen=True)
class ProgressRow:
    """One indicator of the plan table judged for a period: its figure, or none reported."""

    no: int | None
    name: str
    target: str | None
    actual: str | None
    verdict: ProgressVerdict
    category: str | None = None
    nature: str | None = None
    unit: str | None = None
    direction: Direction = Direction.UNKNOWN


def progress_table(
    table: PlanTable,
    figures: Mapping[str, str],
    period: Period,
    policy: ProgressPolicy | None = None,
    profiles: Mapping[str, dict[int, float]] | None = None,
) -> list[ProgressRow]:
    """Every row of a plan table judged by 序时进度; ``figures`` maps a name to the phrase
    reported for ``period`` (a row without one is 待反馈: nothing reported yet), ``profiles``
    a name to last year's path (month → share of the year's total)."""
    rows = []
    for row in table.rows:
        phrase = figures.get(row.name)
        direction = row.direction or direction_for(row.name)
        if phrase is None:
            verdict = ProgressVerdict(Progress.PENDING, f"{period.label}尚未填报")
        elif not row.target:
            verdict = ProgressVerdict(Progress.UNASSESSABLE, "没有年度目标")
        else:
            verdict = judge_progress(
                parse_target(row.target, row.unit),
                parse_actual(phrase, row.unit),
                period,
                direction,
                name=row.name,
                policy=policy,
                profile=(profiles or {}).get(row.name),
            )
        nature = row.nature.value if row.nature else None
        rows.append(
            ProgressRow(
                row.no,
                row.name,
                row.target,
                phrase,
                verdict,
                row.category,
                nature,
                row.unit,
                direction,
            )
        )
    return rows


class Judged(Protocol):
    """A row with a 序时进度 verdict: a ``ProgressRow``, or a monitoring board's row."""

    @property
    def verdict(self) -> ProgressVerdict: ...


def progress_sentence(rows: Sequence[Judged], period: Period, lead: str | None = None) -> str:
    """``2025年1-6月，44项指标中，30项快于或符合序时进度，8项慢于序时，6项待反馈``; ``lead``
    replaces the period (``经济发展实力8项指标中…`` in a bulletin's sections)."""
    counts = {status: sum(r.verdict.status is status for r in rows) for status in Progress}
    parts = [f"{lead or period.label + '，'}{len(rows)}项指标中"]
    on_time = counts[Progress.AHEAD] + counts[Progress.ON_TRACK]
    if on_time:
        parts.append(f"{on_time}项快于或符合序时进度")
    for status in (Progress.BEHIND, Progress.PENDING, Progress.UNASSESSABLE):
        if counts[status]:
            parts.append(f"{counts[status]}项{status.zh}")
    return "，".join(parts)
