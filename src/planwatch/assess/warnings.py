"""预警: a red, yellow or green light for each indicator and period, from its 序时进度.

The light is a reading of the progress verdict, never a second judgement: an indicator ahead
of or on schedule is green; one behind is yellow while its shortfall is within the red
threshold, red beyond it. Indicators without a figure, or whose figure cannot be judged, get
no light (灰) and say why. Binding indicators (约束性) have their own, stricter, thresholds:
a small slip on an energy-intensity target is already red.

Thresholds are in the measure the progress verdict uses (``ProgressVerdict.shortfall``):
points below the annual rate for growth rates, levels in % and ceilings; a share of the amount
due by now for quantities. They are documented in docs/monitoring.md and may be set from a
TOML file (``[expected]`` and ``[binding]`` tables with ``red_points`` and ``red_share``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from planwatch.assess.progress import Progress, ProgressVerdict
from planwatch.errors import PlanwatchError
from planwatch.model import Nature


class Light(StrEnum):
    RED = "red"
    YELLOW = "yellow"
    GREEN = "green"
    NONE = "none"  # no figure, or none that can be judged

    @property
    def zh(self) -> str:
        return {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "none": "未亮灯"}[self.value]


@dataclass(frozen=True)
class Thresholds:
    """Beyond these shortfalls a behind-schedule indicator is red rather than yellow."""

    red_points: float  # rates and levels in %: points behind the annual target
    red_share: float  # quantities: the share of the amount due by now that is missing


@dataclass(frozen=True)
class WarningPolicy:
    expected: Thresholds = field(default_factory=lambda: Thresholds(1.5, 0.15))
    binding: Thresholds = field(default_factory=lambda: Thresholds(0.5, 0.05))

    def for_nature(self, nature: Nature | str | None) -> Thresholds:
        return self.binding if nature in (Nature.BINDING, "binding") else self.expected


@dataclass(frozen=True)
class Alert:
    light: Light
    reason: str


def warn(
    verdict: ProgressVerdict, nature: Nature | str | None, policy: WarningPolicy | None = None
) -> Alert:
    """The light of one progress verdict."""
    policy = policy or WarningPolicy()
    if verdict.status in (Progress.AHEAD, Progress.ON_TRACK):
        return Alert(Light.GREEN, verdict.status.zh)
    if verdict.status is not Progress.BEHIND or verdict.shortfall is None:
        return Alert(Light.NONE, verdict.reason)
    limits = policy.for_nature(nature)
    kind = "约束性" if limits is policy.binding else "预期性"
    if verdict.relative:
        limit, shown = limits.red_share, f"{verdict.shortfall:.0%}"
        rule = f"{kind}指标缺口超过应完成量的{limits.red_share:.0%}为红灯"
    else:
        limit, shown = limits.red_points, f"{verdict.shortfall:g}个百分点"
        rule = f"{kind}指标落后超过{limits.red_points:g}个百分点为红灯"
    light = Light.RED if verdict.shortfall > limit + 1e-9 else Light.YELLOW
    return Alert(light, f"慢于序时，缺口{shown}（{rule}）")


def newly_red(current: dict[str, Light], previous: dict[str, Light]) -> list[str]:
    """The indicators red this period that were not red the period before, in order."""
    return [
        name
        for name, light in current.items()
        if light is Light.RED and previous.get(name) is not Light.RED
    ]


def light_counts(lights: Iterable[Light]) -> dict[Light, int]:
    counts = dict.fromkeys(Light, 0)
    for light in lights:
        counts[light] += 1
    return counts


def load_warning_policy(path: Path) -> WarningPolicy:
    """A policy from TOML; a missing key keeps its default, an unknown one is refused."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PlanwatchError(f"无法读取预警阈值文件{path}：{exc}", "bad warning policy") from None
    default = WarningPolicy()
    parts = {}
    for kind in ("expected", "binding"):
        given = data.pop(kind, {})
        base = getattr(default, kind)
        unknown = set(given) - {"red_points", "red_share"}
        if unknown or not all(isinstance(v, int | float) and v >= 0 for v in given.values()):
            raise PlanwatchError(
                f"预警阈值文件{path}的[{kind}]只能有非负数 red_points、red_share",
                "thresholds are non-negative red_points and red_share",
            )
        parts[kind] = Thresholds(
            float(given.get("red_points", base.red_points)),
            float(given.get("red_share", base.red_share)),
        )
    if data:
        raise PlanwatchError(
            f"预警阈值文件{path}中有未知的项：{'、'.join(data)}（可用：[expected]、[binding]）",
            "unknown tables in the warning policy",
        )
    return WarningPolicy(**parts)
