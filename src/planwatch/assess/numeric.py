"""Judging one number against a numeric target: comparator × direction × tolerance.

The table every expert carries in their head, written down once:

=========  =====================  ==============================  ===========================
target     higher-better          lower-better / ceiling          band / unknown direction
=========  =====================  ==============================  ===========================
≥ (以上)    a ≥ v met              a ≥ v met                       a ≥ v met
≤ (以内)    a ≤ v met              a ≤ v met                       a ≤ v met
= (bare)   a ≥ v met              a ≤ v met                       a = v met, else band: not
                                                                  met, unknown: unassessable
≈ (左右)    a ≥ v met; a ≥ v−t     a ≤ v met; a ≤ v+t nearly       |a−v| ≤ t met, else band:
           nearly; else not met   ; else not met                  not met, unknown: unassess.
range      inside or above met    inside or below met             inside met
=========  =====================  ==============================  ===========================

A *stable* target (``基本持平``, ``保持稳定`` against a number) counts its whole tolerance band
as met: "basically flat" is the goal itself, not a near miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.assess.policy import TolerancePolicy
from planwatch.model import (
    FLIPPED,
    ActualSpec,
    Comparator,
    Direction,
    Quantity,
    Status,
    TargetSpec,
)
from planwatch.phrases.numbers import PERCENT, POINTS, RATIO, format_amount

LOW_IS_GOOD = (Direction.LOWER_BETTER, Direction.CEILING)
_EPSILON = 1e-9
_FLIP = {
    Direction.HIGHER_BETTER: Direction.LOWER_BETTER,
    Direction.LOWER_BETTER: Direction.HIGHER_BETTER,
}
_BARE = re.compile(r"[+-]?\d+(?:\.\d+)?")
_BOUND_WORDS = {Comparator.GE: "以上", Comparator.LE: "以下", Comparator.APPROX: "左右"}


@dataclass(frozen=True)
class Verdict:
    """A judgement before it is dressed as an ``Assessment``; ``reason`` has no status word."""

    status: Status
    reason: str
    reason_en: str
    margin: float | None = None
    margin_unit: str | None = None
    tolerance: float | None = None


@dataclass(frozen=True)
class Context:
    """What a judge needs besides the two specs."""

    direction: Direction
    policy: TolerancePolicy
    reduction: bool = False
    reference: ActualSpec | None = None  # the other indicator's actual, for RELATIVE targets
    reference_name: str | None = None
    change_rate: bool = False  # the indicator is a rate of change (涨幅, 增速): it can be < 0


def unassessable(reason: str, reason_en: str) -> Verdict:
    return Verdict(Status.UNASSESSABLE, reason, reason_en)


def margin_unit(unit: str | None) -> str | None:
    """Differences of percentages are percentage points; of ratios (1.77:1), plain numbers."""
    return POINTS if unit == PERCENT else None if unit == RATIO else unit


def describe(quantity: Quantity, growth: bool, bound: Comparator = Comparator.EQ) -> str:
    """``增长6%``, ``下降1.4%``, ``1050亿元``, ``95%以上``: a number as a reason quotes it."""
    if growth:
        if quantity.value < 0:  # 下降4%以上 is stored as growth ≤ −4 %: say it as printed
            bound = FLIPPED.get(bound, bound)
        body = format_amount(abs(quantity.value), quantity.unit)
        text = ("下降" if quantity.value < 0 else "增长") + body
    elif quantity.text and not _BARE.fullmatch(quantity.text):
        text = quantity.text
    else:  # a bare number that took its unit from the column header: show the unit
        text = format_amount(quantity.value, quantity.unit)
    return text + _BOUND_WORDS.get(bound, "")


def effective_direction(target: TargetSpec, ctx: Context) -> Direction:
    """A reduction indicator (能耗降低) whose target is written as ``下降3%`` compares on the
    signed axis, where more reduction is a lower number: its direction flips."""
    value = target.value.value if target.value else 0
    if ctx.reduction and value < 0:
        return _FLIP.get(ctx.direction, ctx.direction)
    return ctx.direction


def _status(
    target: TargetSpec, a: float, direction: Direction, tol: float, stable: bool
) -> Status | None:
    """The table of the module docstring; ``None`` when only a direction could decide."""
    v = target.value.value if target.value else 0.0
    comparator = target.comparator
    if comparator is Comparator.GE:
        return Status.MET if a >= v - _EPSILON else Status.NOT_MET
    if comparator is Comparator.LE:
        return Status.MET if a <= v + _EPSILON else Status.NOT_MET
    if comparator is Comparator.RANGE and target.upper is not None:
        high = target.upper.value
        if v - _EPSILON <= a <= high + _EPSILON:
            return Status.MET
        good = (a > high and direction is Direction.HIGHER_BETTER) or (
            a < v and direction in LOW_IS_GOOD
        )
        return Status.MET if good else Status.NOT_MET
    tol = tol if comparator is Comparator.APPROX else 0.0
    gap = a - v
    if direction is Direction.HIGHER_BETTER:
        shortfall = -gap
    elif direction in LOW_IS_GOOD:
        shortfall = gap
    else:
        if abs(gap) <= tol + _EPSILON:
            return Status.MET
        return Status.NOT_MET if direction is Direction.BAND else None
    if shortfall <= _EPSILON:
        return Status.MET
    if shortfall <= tol + _EPSILON:
        return Status.MET if stable else Status.NEARLY_MET
    return Status.NOT_MET


def _margin(target: TargetSpec, a: float) -> float:
    """Actual minus target; for a range, the distance outside it (0 inside)."""
    low = target.value.value if target.value else 0.0
    if target.comparator is Comparator.RANGE and target.upper is not None:
        high = target.upper.value
        return a - low if a < low else a - high if a > high else 0.0
    return a - low


def _direction_note(direction: Direction, ctx: Context) -> tuple[str, str]:
    """Said when the direction is not the obvious one, so the reader sees why."""
    if ctx.reduction:
        return "该指标为降低幅度，降得越多越好，", "a reduction: the more the better; "
    if direction is Direction.CEILING:
        return "该指标目标为上限，", "the target is a ceiling; "
    if direction is Direction.LOWER_BETTER:
        return "该指标越低越好，", "lower is better; "
    return "", ""


def compare(
    target: TargetSpec,
    actual: Quantity,
    ctx: Context,
    *,
    shown: str | None = None,
    bound: Comparator = Comparator.EQ,
    stable: bool = False,
    tolerance: float | None = None,
) -> Verdict:
    """Judge ``actual`` against a numeric ``target``.

    ``shown`` is how the reason quotes the actual (``增长6%``); ``bound`` how exact it is
    (``95%以上`` is GE); ``stable`` counts the whole tolerance band as met.
    """
    goal = target.value
    if goal is None:
        return unassessable("目标没有数值", "the target has no number")
    if goal.unit and actual.unit and goal.unit != actual.unit:
        return unassessable(
            f"目标单位为{goal.unit}，完成情况单位为{actual.unit}，无法比较",
            f"units differ: target {goal.unit}, actual {actual.unit}",
        )
    direction = effective_direction(target, ctx)
    unit = margin_unit(goal.unit or actual.unit)
    tol = tolerance if tolerance is not None else ctx.policy.approx(target, goal)
    shown = shown or describe(actual, False, bound)
    status = _status(target, actual.value, direction, tol, stable)
    ends = _spread(actual, bound, ctx)
    if any(_status(target, end, direction, tol, stable) != status for end in ends):
        what, what_en = _BOUND_KINDS[bound]
        return unassessable(
            f"完成情况“{shown}”只给出{what}，实际值可能在目标“{target.phrase}”的两侧，无法判断",
            f"the actual {shown} is only {what_en}: it may lie on either side of the target",
        )
    margin = round(_margin(target, actual.value), 6)
    clause, clause_en = _sentence(target, shown, margin, unit, goal.value)
    note, note_en = _direction_note(direction, ctx)
    approx = target.comparator is Comparator.APPROX or stable
    bad_side = margin < 0 if direction is Direction.HIGHER_BETTER else margin > 0
    allowed = format_amount(tol, unit, goal.value)
    if approx and status is Status.NOT_MET:
        clause += f"，超出允许的{allowed}"
        clause_en += f", beyond the tolerance of {allowed}"
    elif approx and bad_side and status in (Status.MET, Status.NEARLY_MET):
        clause += f"，在允许的{allowed}以内"
        clause_en += f", within the tolerance of {allowed}"
    if status is None:
        clause += "，但指标方向未知（可在目录中设定），无法判断好坏"
        clause_en += ", but the indicator's direction is unknown (set it in the catalogue)"
        status = Status.UNASSESSABLE
    used = tol if approx else None
    return Verdict(status, note + clause, english(note_en + clause_en), margin, unit, used)


_BOUND_KINDS = {
    Comparator.GE: ("下限", "a lower bound"),
    Comparator.LE: ("上限", "an upper bound"),
    Comparator.APPROX: ("约数", "approximate"),
    Comparator.EQ: ("数值", "a value"),
}
_FAR = 1e15  # beyond any plan figure: an open bound reaches this far


def _spread(actual: Quantity, bound: Comparator, ctx: Context) -> tuple[float, float]:
    """The values an actual allows: ``95%以上`` is [95, ∞), ``增长5%左右`` is 5 ± the policy's
    tolerance, a plain figure is itself. A bound decides only when both ends judge the same."""
    a = actual.value
    far = _FAR + abs(a) * 10
    if bound is Comparator.GE:
        return a, a + far
    if bound is Comparator.LE:
        return a - far, a
    if bound is Comparator.APPROX:
        spread = ctx.policy.about(actual)
        return a - spread, a + spread
    return a, a


def _sentence(
    target: TargetSpec, shown: str, margin: float, unit: str | None, scale: float
) -> tuple[str, str]:
    """``实际增长6%，高于目标“增长5%以上”1个百分点`` and its English; the gap keeps the
    multiplier of the target (``scale``), so a ``1050亿元`` target's gap reads in 亿元."""
    if abs(margin) <= _EPSILON:
        return (
            f"实际{shown}，与目标“{target.phrase}”持平",
            f"actual {shown} equals the target {target.phrase}",
        )
    gap = format_amount(abs(margin), unit, scale)
    side, side_en = ("高于", "above") if margin > 0 else ("低于", "below")
    return (
        f"实际{shown}，{side}目标“{target.phrase}”{gap}",
        f"actual {shown} is {gap} {side_en} the target {target.phrase}",
    )


def english(text: str) -> str:
    """Units in English reasons: 个百分点 reads as percentage points."""
    return text.replace("个百分点", " percentage points")
