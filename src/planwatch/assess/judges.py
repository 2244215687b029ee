"""One judge per target kind, in the ``JUDGES`` registry; ``judge`` dispatches.

Before any judge, two readings apply to every kind: the report's own verdict (``完成``,
``未完成``, ``基本完成``) and an actual that restates the target word for word
(``保持基本稳定`` / ``保持基本稳定``). Both mean the report asserts the outcome, and the reason
says so. Otherwise the judge of the target's kind decides; what it cannot decide is
``unassessable`` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from planwatch.assess.numeric import (
    LOW_IS_GOOD,
    Context,
    Verdict,
    compare,
    describe,
    english,
    unassessable,
)
from planwatch.model import (
    FLIPPED,
    ActualSpec,
    Comparator,
    Direction,
    Quantity,
    Status,
    TargetKind,
    Trend,
)
from planwatch.model import TargetSpec as Target
from planwatch.phrases.actual import VERDICT_MET, VERDICT_NEARLY, VERDICT_NOT_MET
from planwatch.phrases.grammar import prepare
from planwatch.phrases.numbers import PERCENT, POINTS, format_amount

Judge = Callable[[Target, ActualSpec, Context], Verdict]
_WORD_STATUS = {
    VERDICT_MET: Status.MET,
    VERDICT_NEARLY: Status.NEARLY_MET,
    VERDICT_NOT_MET: Status.NOT_MET,
}
_SEVERITY = [Status.UNASSESSABLE, Status.NOT_MET, Status.PENDING, Status.NEARLY_MET, Status.MET]


def _specs(actual: ActualSpec) -> tuple[ActualSpec, ...]:
    return (actual, *actual.parts)


def _growth_of(spec: ActualSpec | None) -> Quantity | None:
    if spec is None:
        return None
    if spec.growth is not None:
        return spec.growth
    if spec.kind is TargetKind.LEVEL and spec.value and spec.value.unit == PERCENT:
        return spec.value
    return None


def _rate_from_growth(
    target: Target, spec: ActualSpec, ctx: Context | None
) -> tuple[Quantity, Comparator, str] | None:
    """A change reported for a rate target: ``下降0.5%`` for CPI 涨幅 ``3%左右`` is −0.5 %;
    ``下降5.9%`` for a 下降率 (a reduction, whose size is the number) is 5.9 %."""
    if ctx is None or spec.growth is None or target.kind is not TargetKind.LEVEL:
        return None
    if not (target.value and target.value.unit == PERCENT == spec.growth.unit):
        return None
    shown = describe(spec.growth, True, spec.comparator)
    if ctx.change_rate:
        return spec.growth, spec.comparator, shown
    if ctx.reduction:
        size = Quantity(value=-spec.growth.value, unit=PERCENT, text=spec.growth.text)
        return size, FLIPPED.get(spec.comparator, spec.comparator), shown
    return None


def _number_for(
    target: Target, actual: ActualSpec, ctx: Context | None = None
) -> tuple[Quantity, Comparator, str] | None:
    """The actual number a numeric target is judged on, its bound, and how to quote it."""
    for spec in _specs(actual):
        rate = _rate_from_growth(target, spec, ctx)
        if rate is not None:
            return rate
        if target.kind is TargetKind.GROWTH:
            number = _growth_of(spec)
            if number is not None:
                return number, spec.comparator, describe(number, True, spec.comparator)
        elif target.kind is TargetKind.SHARE_CHANGE:
            if spec.kind is TargetKind.SHARE_CHANGE and spec.value is not None:
                return spec.value, spec.comparator, describe(spec.value, False, spec.comparator)
        elif spec.value is not None and spec.kind is not TargetKind.SHARE_CHANGE:
            if spec.kind is TargetKind.INCREMENT and target.kind is TargetKind.LEVEL:
                continue  # 新增206家 says nothing of a stock such as 1.85万家
            if spec.kind is TargetKind.INCREMENT:  # quote 新增/净增 as the report wrote it
                return spec.value, spec.comparator, prepare(spec.phrase).core
            return spec.value, spec.comparator, describe(spec.value, False, spec.comparator)
    return None


def judge_numeric(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """Growth, level, increment and change-of-share targets."""
    found = _number_for(target, actual, ctx)
    if found is None:
        return unassessable(
            f"完成情况“{actual.phrase}”中没有可与目标“{target.phrase}”比较的数值",
            f"the actual {actual.phrase} has no number comparable with the target",
        )
    quantity, bound, shown = found
    stable = target.trend is Trend.STABLE and target.comparator is Comparator.APPROX
    tolerance = ctx.policy.stable_points if stable else None
    return compare(
        target, quantity, ctx, shown=shown, bound=bound, stable=stable, tolerance=tolerance
    )


def judge_event(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """不发生重特大生产安全责任事故: the count of events must not exceed the target's."""
    limit = target.value.value if target.value else 0.0
    for spec in _specs(actual):
        if spec.kind in (TargetKind.EVENT_COUNT, TargetKind.LEVEL) and spec.value is not None:
            count = spec.value.value
            what = spec.subject or target.subject or "事件"
            shown = f"{what}起数为{format_amount(count, None)}"
            margin = round(count - limit, 6)
            if count <= limit:
                return Verdict(
                    Status.MET,
                    f"{shown}，符合目标“{target.phrase}”",
                    f"{count:g} events, within the target",
                    margin,
                    "起",
                )
            return Verdict(
                Status.NOT_MET,
                f"{shown}，超出目标“{target.phrase}”",
                f"{count:g} events, more than the target",
                margin,
                "起",
            )
    return unassessable(f"完成情况“{actual.phrase}”没有给出事件起数", "no count of events")


def _trends(actual: ActualSpec) -> list[Trend]:
    """The ways an actual says things went: stated trends, and signs of its numbers."""
    found: list[Trend] = []
    for spec in _specs(actual):
        if spec.trend:
            found.append(spec.trend)
        number = spec.growth if spec.growth is not None else None
        if number is None and spec.kind is TargetKind.SHARE_CHANGE:
            number = spec.value
        if number is not None:
            found.append(_sign_trend(number.value))
    return found


def _sign_trend(value: float) -> Trend:
    return Trend.UP if value > 0 else Trend.DOWN if value < 0 else Trend.STABLE


def judge_direction(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """稳步降低, 稳步提升, 高于上年: judged on the way the actual went."""
    wanted = target.trend
    if wanted is Trend.BETTER:  # 持续改善: which way is better depends on the indicator
        low_is_good = ctx.direction in LOW_IS_GOOD
        higher = ctx.direction is Direction.HIGHER_BETTER
        wanted = Trend.UP if higher else Trend.DOWN if low_is_good else None
    trends = _trends(actual)
    if wanted is None or not trends:
        return unassessable(
            f"完成情况“{actual.phrase}”没有说明变化方向，无法对照目标“{target.phrase}”",
            "the actual states no direction",
        )
    good = {Trend.UP, Trend.STABLE} if wanted is Trend.NOT_DOWN else {wanted}
    if any(t in good for t in trends):
        return Verdict(
            Status.MET,
            f"完成情况“{actual.phrase}”符合目标“{target.phrase}”的方向",
            f"the actual went the way the target {target.phrase} asks",
        )
    return Verdict(
        Status.NOT_MET,
        f"完成情况“{actual.phrase}”与目标“{target.phrase}”方向不符",
        f"the actual went against the target {target.phrase}",
    )


def judge_qualitative(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """保持基本稳定, 稳中提质: the report's word, or a number inside the stable band."""
    if target.trend is Trend.STABLE:
        for spec in _specs(actual):
            number = spec.growth or (spec.value if spec.kind is TargetKind.SHARE_CHANGE else None)
            if number is not None and number.unit in (PERCENT, POINTS):
                zero = Quantity(value=0, unit=number.unit, text="0")
                flat = Target(
                    phrase=target.phrase,
                    kind=TargetKind.GROWTH,
                    comparator=Comparator.APPROX,
                    value=zero,
                    trend=Trend.STABLE,
                )
                shown = describe(number, spec.growth is not None)
                return compare(
                    flat, number, ctx, shown=shown, stable=True, tolerance=ctx.policy.stable_points
                )
    if target.trend and target.trend in _trends(actual):
        return Verdict(
            Status.MET,
            f"完成情况“{actual.phrase}”与目标“{target.phrase}”一致",
            f"the actual {actual.phrase} agrees with the target",
        )
    return unassessable(
        f"定性目标“{target.phrase}”与完成情况“{actual.phrase}”无法对应",
        "a qualitative target and an actual that do not correspond",
    )


def judge_share(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """占全省全国比重保持稳定: every named share must hold (or rise), by the report's words."""
    if target.value is not None:
        return judge_numeric(target, actual, ctx)
    changes = {}
    for spec in _specs(actual):
        if spec.kind in (TargetKind.SHARE, TargetKind.SHARE_CHANGE) and spec.subject:
            sign = {Trend.UP: 1.0, Trend.DOWN: -1.0}.get(spec.trend, 0.0) if spec.trend else 0.0
            changes[spec.subject] = spec.value.value if spec.value else sign
    scopes = (target.subject or "").split("、")
    missing = [s for s in scopes if s not in changes]
    if missing or not scopes:
        return unassessable(
            f"完成情况没有给出占{'、'.join(missing)}比重的变化",
            f"no change of share given for {'/'.join(missing)}",
        )
    floor = -ctx.policy.share_points
    ok = {
        Trend.STABLE: lambda c: c >= floor - 1e-9,
        Trend.UP: lambda c: c > 0,
        Trend.DOWN: lambda c: c < 0,
    }
    test = ok.get(target.trend or Trend.STABLE, ok[Trend.STABLE])
    if all(test(changes[s]) for s in scopes):
        return Verdict(
            Status.MET,
            f"完成情况“{actual.phrase}”符合目标“{target.phrase}”",
            f"every share named holds: {actual.phrase}",
        )
    return Verdict(
        Status.NOT_MET,
        f"完成情况“{actual.phrase}”未达到目标“{target.phrase}”",
        f"a share named fell: {actual.phrase}",
    )


def judge_external(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """完成省下达任务: only the report's verdict can say (handled before any judge)."""
    return unassessable(
        f"目标“{target.phrase}”的具体数值不在报告中，完成情况“{actual.phrase}”未说明是否完成",
        "the higher level's figure is not in the report and the actual gives no verdict",
    )


def judge_relative(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """高于地区生产总值增幅, 与经济增长基本同步: against the other indicator's growth."""
    own, other = _growth_of(actual), _growth_of(ctx.reference)
    name = ctx.reference_name or target.reference or "参照指标"
    if own is None or other is None:
        lacking = "本指标" if own is None else name
        return unassessable(
            f"缺少{lacking}的实际增速，无法判断“{target.phrase}”",
            f"no growth figure for {'this indicator' if own is None else name}",
        )
    sync = target.comparator is Comparator.APPROX  # 同步: not lagging beyond the policy
    bar = Target(
        phrase=target.phrase,
        kind=TargetKind.GROWTH,
        comparator=Comparator.APPROX if sync else target.comparator,
        value=other,
    )
    low = target.comparator is Comparator.LE
    direction = Direction.LOWER_BETTER if low else Direction.HIGHER_BETTER
    tolerance = ctx.policy.sync_points if sync else 0.0
    plain = replace(ctx, direction=direction, reduction=False)
    verdict = compare(bar, own, plain, tolerance=tolerance)
    status = Status.MET if verdict.status is Status.NEARLY_MET else verdict.status
    margin = verdict.margin or 0.0
    side, side_en = ("高于", "above") if margin > 0 else ("低于", "below")
    gap = "" if margin == 0 else format_amount(abs(margin), verdict.margin_unit)
    relation = side if gap else "等于"
    clause = f"实际{describe(own, True)}，{relation}{name}增速（{describe(other, True)}）{gap}"
    clause_en = (
        f"growth {own.text} is {gap or 'equal'} {side_en if gap else 'to'} {name}'s {other.text}"
    )
    if sync and margin < 0:
        word = "在" if status is Status.MET else "超出"
        clause += f"，{word}“基本同步”允许的{format_amount(tolerance, verdict.margin_unit)}"
        clause += "以内" if status is Status.MET else ""
    clause += f"，{'符合' if status is Status.MET else '不符合'}目标“{target.phrase}”"
    return Verdict(
        status, clause, english(clause_en), verdict.margin, verdict.margin_unit, verdict.tolerance
    )


def _counterpart(
    part: Target, pool: list[ActualSpec], used: set[int], ctx: Context
) -> ActualSpec | None:
    """The actual clause a target part is judged on: same kind and subject first, then one that
    holds the number the part needs (``126家，增长14.5%`` serves both ``140家`` and ``增长11%``)."""

    def fits(spec: ActualSpec) -> tuple[bool, bool, bool]:
        same_kind = spec.kind is part.kind
        return (same_kind and spec.subject == part.subject, same_kind, id(spec) not in used)

    ranked = sorted(pool, key=fits, reverse=True)
    for spec in ranked:
        if spec.kind is part.kind or (
            part.value is not None and _number_for(part, spec, ctx) is not None
        ):
            return spec
    return None


def judge_respectively(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """分别增长5%左右、5%以上: each part belongs to one of the indicators the name lists, so
    only an actual that lists as many parts (分别增长5.2%、6.1%) can be judged, in order."""
    if len(actual.parts) != len(target.parts):
        return unassessable(
            f"目标“{target.phrase}”分别对应{len(target.parts)}项指标，"
            f"完成情况“{actual.phrase}”未逐项给出，需拆分到各指标后判断",
            "the target lists one figure per indicator; the actual does not",
        )
    verdicts = [judge(p, a, ctx) for p, a in zip(target.parts, actual.parts, strict=True)]
    return _worst(verdicts)


def _worst(verdicts: list[Verdict]) -> Verdict:
    worst = min((v.status for v in verdicts), key=_SEVERITY.index)
    return Verdict(
        worst, "；".join(v.reason for v in verdicts), "; ".join(v.reason_en for v in verdicts)
    )


def judge_compound(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """净增1500家以上，总量增长10%: each part against its counterpart clause of the actual."""
    if target.family == "respectively":
        return judge_respectively(target, actual, ctx)
    pool = list(actual.parts) or [actual]
    used: set[int] = set()
    verdicts = []
    for part in target.parts:
        match = _counterpart(part, pool, used, ctx)
        if match is None:
            verdicts.append(unassessable(f"“{part.phrase}”没有对应的完成情况", "a part unmatched"))
            continue
        used.add(id(match))
        verdicts.append(judge(part, match, ctx))
    return _worst(verdicts)


JUDGES: dict[TargetKind, Judge] = {
    TargetKind.GROWTH: judge_numeric,
    TargetKind.LEVEL: judge_numeric,
    TargetKind.INCREMENT: judge_numeric,
    TargetKind.SHARE_CHANGE: judge_numeric,
    TargetKind.SHARE: judge_share,
    TargetKind.EVENT_COUNT: judge_event,
    TargetKind.QUALITATIVE: judge_qualitative,
    TargetKind.DIRECTION: judge_direction,
    TargetKind.EXTERNAL: judge_external,
    TargetKind.RELATIVE: judge_relative,
    TargetKind.COMPOUND: judge_compound,
}


def judge(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """The target's verdict; a stretch goal (力争达到8%) is judged too and said beside it,
    never changing the status: the plan's commitment is the firm figure."""
    verdict = _judge_firm(target, actual, ctx)
    if target.stretch is None or verdict.status not in (Status.MET, Status.NEARLY_MET):
        return verdict
    extra = _judge_firm(target.stretch, actual, ctx)
    if extra.status is Status.MET:
        said, said_en = "已达到", "reached"
    elif extra.status is Status.UNASSESSABLE:
        said, said_en = "无法判断", "cannot be judged"
    else:
        said, said_en = "未达到", "not reached"
    return replace(
        verdict,
        reason=f"{verdict.reason}；{target.stretch.phrase}：{said}",
        reason_en=f"{verdict.reason_en}; the stretch goal {target.stretch.phrase} {said_en}",
    )


def _judge_firm(target: Target, actual: ActualSpec, ctx: Context) -> Verdict:
    """The report's verdict, then a word-for-word restatement, then the kind's judge."""
    if actual.verdict in _WORD_STATUS:
        return Verdict(
            _WORD_STATUS[actual.verdict],
            f"报告认定“{actual.phrase}”",
            f"the report states: {actual.phrase}",
        )
    # A numeric target restated is still judged, so the reason gives its margin.
    if target.value is None and prepare(target.phrase).core == prepare(actual.phrase).core:
        return Verdict(
            Status.MET,
            f"完成情况“{actual.phrase}”与目标表述一致，报告认定达到",
            "the report restates the target as achieved",
        )
    judge_kind = JUDGES.get(target.kind)
    if judge_kind is None:
        return unassessable(f"目标“{target.phrase}”无法识别", "the target is not understood")
    return judge_kind(target, actual, ctx)
