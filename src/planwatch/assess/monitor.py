"""The monitoring board of one plan and period: 序时进度, the light, the forecast, overrides.

It only composes the rules that live in ``progress``, ``warnings`` and ``forecast``; the CLI,
the web page, the bulletin and the benchmark all read their rows from ``monitor_table``, so
they cannot disagree. A DRC override replaces the status shown (with its reason, and the
judgement it replaced) but never the figure or the forecast.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from planwatch.assess.forecast import Forecast, ForecastPolicy, Likelihood, forecast_year_end
from planwatch.assess.progress import (
    Progress,
    ProgressPolicy,
    ProgressRow,
    ProgressVerdict,
    progress_table,
)
from planwatch.assess.warnings import Alert, Light, WarningPolicy, warn
from planwatch.model import Period, PlanTable
from planwatch.phrases import parse_actual, parse_target


@dataclass(frozen=True)
class MonitorPolicy:
    progress: ProgressPolicy = field(default_factory=ProgressPolicy)
    warnings: WarningPolicy = field(default_factory=WarningPolicy)
    forecast: ForecastPolicy = field(default_factory=ForecastPolicy)


@dataclass(frozen=True)
class Override:
    """A DRC editor's status for an indicator and period, with the reason they must give."""

    status: Progress
    reason: str
    by: str


@dataclass(frozen=True)
class MonitorRow:
    row: ProgressRow
    verdict: ProgressVerdict  # what is shown: the override when there is one
    alert: Alert
    forecast: Forecast
    override: Override | None = None

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def judged(self) -> ProgressVerdict:
        """The rule's own verdict, kept beside an override."""
        return self.row.verdict


def monitor_table(
    table: PlanTable,
    figures: Mapping[str, str],
    period: Period,
    *,
    profiles: Mapping[str, dict[int, float]] | None = None,
    overrides: Mapping[str, Override] | None = None,
    policy: MonitorPolicy | None = None,
) -> list[MonitorRow]:
    policy = policy or MonitorPolicy()
    rows = []
    for row in progress_table(table, figures, period, policy.progress, profiles):
        alert = warn(row.verdict, row.nature, policy.warnings)
        forecast = _forecast(row, period, profiles, policy.forecast)
        verdict, override = row.verdict, (overrides or {}).get(row.name)
        if override is not None:
            verdict = ProgressVerdict(
                override.status,
                f"{override.reason}（{override.by}人工调整，原判断：{row.verdict.status.zh}）",
                row.verdict.expected,
                row.verdict.margin,
                row.verdict.unit,
            )
            alert = _overridden_light(override.status, alert)
        rows.append(MonitorRow(row, verdict, alert, forecast, override))
    return rows


def _forecast(row: ProgressRow, period, profiles, policy: ForecastPolicy) -> Forecast:
    if row.actual is None or not row.target or row.verdict.status is Progress.UNASSESSABLE:
        return Forecast(Likelihood.UNKNOWN, "无法预计")
    return forecast_year_end(
        parse_target(row.target, row.unit),
        parse_actual(row.actual, row.unit),
        period,
        row.direction,
        name=row.name,
        profile=(profiles or {}).get(row.name),
        policy=policy,
    )


def _overridden_light(status: Progress, judged: Alert) -> Alert:
    """An overridden status takes the light it implies; behind keeps the rule's red/yellow."""
    if status in (Progress.AHEAD, Progress.ON_TRACK):
        return Alert(Light.GREEN, f"{status.zh}（人工调整）")
    if status is Progress.BEHIND:
        light = judged.light if judged.light in (Light.RED, Light.YELLOW) else Light.YELLOW
        return Alert(light, "慢于序时（人工调整）")
    return Alert(Light.NONE, f"{status.zh}（人工调整）")
