"""Target × actual → ``Assessment``: the quality gates, the judges, the reason, the cache.

``assess_pair`` is the one entry point; ``assess_row`` and ``assess_table`` add what a table
knows (the indicator's name for its direction, the unit header, the row a relative target
refers to). Judgements are cached per distinct (name, target, actual, direction, hint,
policy, reference) because real reports and panels repeat the same phrases endlessly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import NamedTuple

from planwatch.assess.judges import judge
from planwatch.assess.numeric import Context, Verdict, unassessable
from planwatch.assess.policy import DEFAULT_POLICY, TolerancePolicy
from planwatch.bulk import bulk
from planwatch.model import (
    ActualSpec,
    Assessment,
    Direction,
    IndicatorRow,
    PlanTable,
    Quality,
    Status,
    TargetKind,
    TargetSpec,
)
from planwatch.phrases import canonical_name, lookup_indicator, parse_actual, parse_target
from planwatch.phrases.catalogue import Override, is_change_rate

_STATUS_EN = {status: status.value.replace("_", " ") for status in Status}


def _gate(target: TargetSpec, actual: ActualSpec) -> Verdict | None:
    """What needs no judge: an unknown phrase, data not in, a period not due."""
    if target.kind is TargetKind.UNKNOWN:
        return unassessable(f"目标无法识别：{target.note}", f"target not understood: {target.note}")
    if not actual.phrase.strip():
        return unassessable("没有填写完成情况", "no actual was given")
    if actual.quality is Quality.UNKNOWN:
        return unassessable(
            f"完成情况无法识别：{actual.note}", f"actual not understood: {actual.note}"
        )
    if actual.quality is Quality.PENDING:
        return Verdict(Status.PENDING, f"完成情况为“{actual.phrase}”，尚无数据", "no data yet")
    if actual.quality is Quality.NOT_DUE:
        return Verdict(Status.PENDING, f"“{actual.phrase}”尚未到评估期", "not due in this period")
    return None


def _estimate(target: TargetSpec, actual: ActualSpec, ctx: Context) -> Verdict:
    """An estimate judged as if final: met becomes expected (预计完成), a miss stays a miss."""
    has_number = actual.value is not None or actual.growth is not None or bool(actual.parts)
    final = actual.model_copy(
        update={"quality": Quality.FINAL if has_number else Quality.QUALITATIVE}
    )
    verdict = judge(target, final, ctx)
    if verdict.status in (Status.MET, Status.NEARLY_MET):
        verdict = replace(verdict, status=Status.EXPECTED)
    if verdict.status in (Status.EXPECTED, Status.NOT_MET):
        verdict = replace(
            verdict,
            reason=f"{verdict.reason}（预计数，尚无最终数据）",
            reason_en=f"{verdict.reason_en} (an estimate, not final)",
        )
    return verdict


_BASIS_TRIM = re.compile(r"^按|(?:计算|测算|统计)$")
_SAME_BASIS = {"可比口径": "同口径", "可比价格": "可比价", "现价计算": "现价"}
_JUDGED = (Status.MET, Status.NEARLY_MET, Status.NOT_MET, Status.EXPECTED)


def _basis_key(basis: str | None) -> str | None:
    """``按可比价格计算`` and ``按可比价`` are one basis; so are ``同口径`` and ``可比口径``."""
    if not basis:
        return None
    key = _BASIS_TRIM.sub("", basis)
    return _SAME_BASIS.get(key, key)


def _basis_caveat(target: TargetSpec, actual: ActualSpec, verdict: Verdict) -> Verdict:
    """A target on one basis judged by a figure on another (新口径 vs 老口径): the numbers are
    not strictly comparable. The judgement is kept, since it is usually still the best reading
    and the report compares them itself, but the reason says so first, never silently."""
    t_key, a_key = _basis_key(target.basis), _basis_key(actual.basis)
    if verdict.status not in _JUDGED or not t_key or not a_key or t_key == a_key:
        return verdict
    zh = f"口径不同（目标为{target.basis}，完成情况为{actual.basis}），结论仅供参考："
    en = f"bases differ (target {target.basis}, actual {actual.basis}), indicative only: "
    return replace(verdict, reason=zh + verdict.reason, reason_en=en + verdict.reason_en)


class _Options(NamedTuple):
    """The rarely given arguments of a judgement, one hashable key part (None when all unset)."""

    direction: Direction | None
    reduction: bool
    policy: TolerancePolicy | None
    reference_actual: str | None
    reference_name: str | None


@lru_cache(maxsize=131072)
def _assess(
    indicator: str,
    target_phrase: str,
    actual_phrase: str,
    unit_hint: str | None,
    options: _Options | None,
) -> Assessment:
    """The cached judgement: the common call (no options) costs one short cache lookup."""
    direction, reduction, policy, reference_actual, reference_name = options or _NO_OPTIONS
    if direction is None:  # the catalogue decides, from the name
        entry = lookup_indicator(indicator) if indicator else None
        direction = entry.direction if entry else Direction.UNKNOWN
        reduction = bool(entry and entry.reduction)
    # What the name decides is its direction and whether its value is a rate of change; the
    # judgement of the phrases is shared by every name that decides the same (a table of
    # 45,000 district rows repeats a few hundred pairs under distinct names).
    judged = _judge_phrases(
        target_phrase,
        actual_phrase,
        unit_hint,
        direction,
        _Options(None, reduction, policy, reference_actual, reference_name),
        is_change_rate(indicator),
    )
    return judged if not indicator else judged.model_copy(update={"indicator": indicator})


@lru_cache(maxsize=131072)
def _judge_phrases(
    target_phrase: str,
    actual_phrase: str,
    unit_hint: str | None,
    direction: Direction,
    options: _Options,
    change_rate: bool,
) -> Assessment:
    """A target phrase judged against an actual phrase, for an indicator of no name
    (``options`` without its direction, which is the argument)."""
    _, reduction, policy, reference_actual, reference_name = options
    target = parse_target(target_phrase, unit_hint)
    actual = parse_actual(actual_phrase, unit_hint)
    reference = parse_actual(reference_actual) if reference_actual is not None else None
    ctx = Context(
        direction,
        policy or DEFAULT_POLICY,
        reduction,
        reference,
        reference_name,
        change_rate,
    )
    verdict = _gate(target, actual)
    if verdict is None:
        verdict = (
            _estimate(target, actual, ctx)
            if actual.quality is Quality.ESTIMATE
            else judge(target, actual, ctx)
        )
        verdict = _basis_caveat(target, actual, verdict)
    return Assessment(
        indicator="",
        status=verdict.status,
        margin=verdict.margin,
        margin_unit=verdict.margin_unit,
        direction=direction,
        tolerance=verdict.tolerance,
        reason=f"{verdict.reason}，{verdict.status.zh}。",
        reason_en=f"{verdict.reason_en}: {_STATUS_EN[verdict.status]}.",
        target=target,
        actual=actual,
    )


_NO_OPTIONS = _Options(None, False, None, None, None)


def assess_pair(
    target: str | None,
    actual: str | None,
    *,
    name: str = "",
    direction: Direction | None = None,
    unit_hint: str | None = None,
    policy: TolerancePolicy | None = None,
    directions: Mapping[str, Override] | None = None,
    reference_actual: str | None = None,
    reference_name: str | None = None,
) -> Assessment:
    """Judge one target phrase against one actual phrase; never raises.

    ``direction`` wins; otherwise ``directions`` (user overrides by indicator name), then the
    built-in catalogue decide it from ``name``. ``reference_actual`` is the actual phrase of the
    indicator a relative target refers to (GDP for ``高于地区生产总值增幅``). ``policy`` defaults
    to ``DEFAULT_POLICY``.
    """
    target = target if isinstance(target, str) else ""
    actual = actual if isinstance(actual, str) else ""
    if direction is None and not directions:
        if policy is None and reference_actual is None:
            return _assess(name, target, actual, unit_hint, None)  # the hot path of a panel
        options = _Options(None, False, policy, reference_actual, reference_name)
        return _assess(name, target, actual, unit_hint, options)
    entry = lookup_indicator(name, directions) if name else None
    if direction is None:
        direction = entry.direction if entry else Direction.UNKNOWN
    reduction = bool(entry and entry.reduction)
    options = _Options(Direction(direction), reduction, policy, reference_actual, reference_name)
    return _assess(name, target, actual, unit_hint, options)


Pair = tuple[str, str | None, str | None] | tuple[str, str | None, str | None, str | None]


def assess_pairs(
    pairs: Iterable[Pair],
    *,
    directions: Mapping[str, Override] | None = None,
    policy: TolerancePolicy | None = None,
) -> list[Assessment]:
    """Judge many ``(name, target, actual[, unit_hint])`` pairs, in order: a panel of years and
    jurisdictions. A pair that repeats (most do) is looked up, not judged again."""
    memo: dict[Pair, Assessment] = {}
    judged = []
    for pair in pairs:
        found = memo.get(pair)
        if found is None:
            name, target, actual, *hint = pair
            found = memo[pair] = assess_pair(
                target,
                actual,
                name=name,
                unit_hint=hint[0] if hint else None,
                directions=directions,
                policy=policy,
            )
        judged.append(found)
    return judged


_MEASURE = re.compile(r"(的)?(增幅|增速|增长|涨幅|平均水平|水平)$")


def _wanted(reference: str) -> set[str]:
    wanted = {reference, _MEASURE.sub("", reference)}
    return wanted | {canonical_name(w) for w in list(wanted)}


def find_reference(table: PlanTable, reference: str, exclude: IndicatorRow | None = None):
    """The row a relative target names: ``地区生产总值增幅`` and ``经济增长`` both find GDP."""
    wanted = _wanted(reference)
    for row in table.rows:
        if row is exclude:
            continue
        if row.name in wanted or canonical_name(row.name) in wanted:
            return row
    return None


class _NameIndex:
    """A table's rows by name as printed and by canonical name, in table order.

    Why: ``find_reference`` scans the whole table for each relative target, so a table of
    45,000 rows with a relative target in every 45 took minutes (issue 17); looked up here it is
    one dictionary read per wanted name, with the same answer (the first row in table order).
    """

    def __init__(self, table: PlanTable) -> None:
        self.rows: dict[str, list[tuple[int, IndicatorRow]]] = {}
        for position, row in enumerate(table.rows):
            for key in {row.name, canonical_name(row.name)}:
                self.rows.setdefault(key, []).append((position, row))

    def find(self, reference: str, exclude: IndicatorRow | None) -> IndicatorRow | None:
        """What ``find_reference(table, reference, exclude)`` returns."""
        best: tuple[int, IndicatorRow] | None = None
        for name in _wanted(reference):
            found = next(
                (entry for entry in self.rows.get(name, ()) if entry[1] is not exclude), None
            )
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        return best[1] if best is not None else None


def _references(spec: TargetSpec) -> list[str]:
    if spec.kind is TargetKind.RELATIVE and spec.reference:
        return [spec.reference]
    return [r for part in spec.parts for r in _references(part)]


def reference_row(
    row: IndicatorRow, table: PlanTable, index: _NameIndex | None = None
) -> IndicatorRow | None:
    """The row of ``table`` whose actual a relative target of ``row`` is judged against
    (GDP for 居民人均可支配收入 ``与经济增长基本同步``); None when there is none.

    ``index`` is the table's names, built once when the whole table is judged."""
    if not row.target:
        return None
    for reference in _references(parse_target(row.target, row.unit)):
        if index is not None:
            found = index.find(reference, row)
        else:
            found = find_reference(table, reference, exclude=row)
        if found is not None:
            return found
    return None


def assess_row(
    row: IndicatorRow,
    table: PlanTable | None = None,
    directions: Mapping[str, Override] | None = None,
    policy: TolerancePolicy | None = None,
    index: _NameIndex | None = None,
) -> Assessment:
    """Judge one table row; ``table`` lets a relative target find the row it refers to.

    The row's own ``direction`` (a user's override) wins over ``directions`` and the catalogue.
    """
    referred = reference_row(row, table, index) if table is not None else None
    return assess_pair(
        row.target,
        row.actual,
        name=row.name,
        direction=row.direction,
        unit_hint=row.unit,
        policy=policy,
        directions=directions,
        reference_actual=referred.actual if referred else None,
        reference_name=referred.name if referred else None,
    )


def assess_table(
    table: PlanTable,
    directions: Mapping[str, Override] | None = None,
    policy: TolerancePolicy | None = None,
) -> list[Assessment]:
    """Every row of a table, in order.

    The cyclic garbage collector is held back meanwhile (``bulk``): judging a big table makes
    many small objects that all live on, and collecting them again and again was a third to a
    half of a 45,000-row table's time (issue 17)."""
    with bulk():
        index = _NameIndex(table) if len(table.rows) > _SMALL_TABLE else None
        return [assess_row(row, table, directions, policy, index) for row in table.rows]


_SMALL_TABLE = 200  # below this a scan is as fast as building the index
