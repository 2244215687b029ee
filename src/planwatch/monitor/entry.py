"""Figures entered through the year, checked before they are stored.

One check besides the grammar's: a cumulative indicator (新增, 城镇新增就业 …) never falls
within a year, so 1-6月 may not be lower than 1-5月, nor higher than 1-7月 when that is
stored already. An import file is checked whole (every line, each period once, each
indicator in the plan and, for a department, its own) and stored in one transaction.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from planwatch.assess.progress import is_cumulative
from planwatch.errors import BadObservation, PlanwatchError, TableNotFound
from planwatch.model import Period, PeriodKind, PlanTable, Quality, TableRole
from planwatch.monitor.board import plan_table_of
from planwatch.monitor.periods import parse_period
from planwatch.phrases import direction_for, parse_actual, parse_target
from planwatch.store import (
    ENTRY_QUALITIES,
    Entry,
    OnExisting,
    get_indicator,
    months_to_date,
    observations_of_year,
    plan_indicator_ids,
    save_observations,
    target_history,
)
from planwatch.textclean import strip_controls, strip_controls_or_none

COLUMNS = {"指标名称": "name", "期间": "period", "完成情况": "phrase"}
OPTIONAL = {"质量": "quality", "说明": "note", "来源": "source"}


def checked(entry: Entry) -> Entry:
    """The entry with its phrase trimmed, or ``BadObservation`` saying what is wrong with it.

    The same grammar as the CLI reads the phrase: what it cannot read would only ever be
    judged 无法评估, so it is refused here, before anything is stored. Control characters
    are removed from the phrase, the note and the source first (``textclean``).
    """
    entry = dataclasses.replace(
        entry,
        phrase=strip_controls(entry.phrase),
        note=strip_controls_or_none(entry.note),
        source=strip_controls_or_none(entry.source),
    )
    if entry.quality not in {q.value for q in ENTRY_QUALITIES}:
        allowed = "、".join(q.value for q in ENTRY_QUALITIES)
        raise BadObservation(
            f"未知的数据质量“{entry.quality}”（可用：{allowed}）", "unknown quality"
        )
    return dataclasses.replace(entry, phrase=readable_phrase(entry.phrase))


def readable_phrase(
    phrase: str,
    what: str = "完成情况",
    limit: int = 2000,
    examples: str = "“增长5.6%”“1159万人”“待省反馈”“完成”",
) -> str:
    """A reported phrase trimmed, or ``BadObservation``: empty, longer than ``limit``, or not
    read by the grammar (what it cannot read would only ever be judged 无法评估). The one rule
    for entered actuals and a key task's reported progress."""
    phrase = strip_controls(phrase or "").strip()
    if not phrase:
        raise BadObservation(f"{what}不能为空", "the phrase is empty")
    if len(phrase) > limit:
        raise BadObservation(f"{what}过长（超过{limit}字）", f"longer than {limit} characters")
    spec = parse_actual(phrase)
    if spec.quality is Quality.UNKNOWN:
        raise BadObservation(
            f"无法识别{what}“{phrase}”：{spec.note or '不是已知的完成情况句式'}"
            f"（可写{examples}等）",
            "the phrase cannot be read",
        )
    return phrase


def check_series(
    target: str | None,
    name: str,
    period: Period,
    phrase: str,
    neighbours: dict[int, str],
    unit: str | None = None,
) -> None:
    """Refuse a cumulative figure lower than an earlier month's or higher than a later one's
    (``neighbours``: month → phrase of the other 1-N月 figures of the same year)."""
    if period.kind is not PeriodKind.YEAR_TO_DATE or period.month is None or not target:
        return
    spec = parse_target(target, unit)
    if not is_cumulative(spec, direction_for(name), name):
        return
    value = parse_actual(phrase, unit).value
    if value is None:
        return
    for month, other in sorted(neighbours.items()):
        known = parse_actual(other, unit).value
        if known is None or known.unit != value.unit or month == period.month:
            continue
        earlier, later = month < period.month, month > period.month
        if (earlier and value.value < known.value) or (later and value.value > known.value):
            relation = "低于" if earlier else "高于"
            then = Period(kind=PeriodKind.YEAR_TO_DATE, year=period.year, month=month).label
            raise BadObservation(
                f"“{name}”是累计指标，{period.label}的“{phrase}”{relation}"
                f"{then}的“{other}”：累计值不会回落，请核对",
                "a cumulative figure lower than an earlier month's (or higher than a later one's)",
            )


def _plan_target(engine: Engine, indicator_id: int, year: int) -> str | None:
    found = [
        h
        for h in target_history(engine, indicator_id)
        if h.role is TableRole.PLAN and h.year == year
    ]
    return found[-1].phrase if found else None


def _months(engine: Engine, indicator_id: int, year: int) -> dict[int, str]:
    return months_to_date(observations_of_year(engine, [indicator_id], year)[indicator_id])


def enter_figure(engine: Engine, entry: Entry, actor: str):
    """Store one figure from a form or the API, checked, after the series check."""
    entry = checked(entry)
    info = get_indicator(engine, entry.indicator_id)
    check_series(
        _plan_target(engine, info.id, entry.period.year),
        info.name,
        entry.period,
        entry.phrase,
        _months(engine, info.id, entry.period.year),
        info.unit,
    )
    return save_observations(engine, [entry], actor)[0]


@dataclass(frozen=True)
class ImportResult:
    stored: int
    periods: list[str]


def import_figures(
    engine: Engine,
    plan_id: int,
    path: Path,
    actor: str,
    *,
    department: str | None = None,
    replace: bool = False,
) -> ImportResult:
    """Read a CSV of figures (指标名称, 期间, 完成情况[, 质量, 说明, 来源]) for one plan's
    indicators and store them all in one transaction, or none with the first problem named."""
    lines = _read_csv(path)
    if not lines:
        raise BadObservation(f"{path.name}中没有数据行", "no data rows")
    plan_year = _plan_year(engine, plan_id, parse_period(lines[0][1]["period"]).year)
    _, _, table = plan_table_of(engine, plan_id, plan_year)
    ids = plan_indicator_ids(engine, plan_id)
    entries: list[Entry] = []
    seen: dict[tuple[str, Period], int] = {}  # (name, period) → the line it was on
    for number, line in lines:
        entry = _entry(engine, path, number, line, table, ids, plan_year, department, seen)
        entries.append(checked(entry))
    _check_file_series(entries, table, ids, engine)
    mode = OnExisting.REPLACE if replace else OnExisting.KEEP
    stored = save_observations(engine, entries, actor, on_existing=mode)
    periods = sorted({e.period for e in entries}, key=lambda p: (p.year, p.elapsed_share))
    return ImportResult(len(stored), [p.label for p in periods])


def _plan_year(engine: Engine, plan_id: int, year: int) -> int:
    """The plan year the file is for: its first period's, or the next when that is last
    year's path (the plan's figures follow it)."""
    try:
        plan_table_of(engine, plan_id, year)
        return year
    except TableNotFound:
        plan_table_of(engine, plan_id, year + 1)  # else this one's error names the plan years
        return year + 1


def _read_csv(path: Path) -> list[tuple[int, dict[str, str]]]:
    from planwatch.ingest.decode import decode_text

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadObservation(f"无法读取{path}：{exc.strerror}", "cannot read the file") from None
    text, _ = decode_text(raw, path.name)
    rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip() for cell in (rows[0] if rows else [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise BadObservation(
            f"{path.name}第1行应为表头，缺少列：{'、'.join(missing)}"
            f"（需要：{'、'.join(COLUMNS)}，可选：{'、'.join(OPTIONAL)}）",
            "the header row lacks required columns",
        )
    names = {**COLUMNS, **OPTIONAL}
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = dict(zip(header, row, strict=False))
        lines.append((number, {names[k]: v.strip() for k, v in cells.items() if k in names}))
    return lines


def _entry(engine, path, number, line, table: PlanTable, ids, plan_year, department, seen):
    where = f"{path.name}第{number}行"
    name = line.get("name", "")
    row = next((r for r in table.rows if r.name == name), None)
    if row is None:
        raise BadObservation(
            f"{where}：指标“{name}”不在{plan_year}年计划表中（名称须与计划表一致）",
            "the indicator is not in the plan table",
        )
    try:
        period = parse_period(line.get("period", ""))
    except PlanwatchError as exc:
        raise BadObservation(f"{where}：{exc.message}", "bad period") from None
    if period.year not in (plan_year, plan_year - 1):
        raise BadObservation(
            f"{where}：{period.label}不在计划年度{plan_year}年内"
            f"（只接受{plan_year}年的数据，和用于按去年进度预计的{plan_year - 1}年数据）",
            "the period is outside the plan year",
        )
    key = (name, period)
    if key in seen:
        raise BadObservation(
            f"{where}：“{name}”{period.label}的数据已在第{seen[key]}行出现，同一期间只能报一次",
            "the same indicator and period twice",
        )
    seen[key] = number
    indicator_id = ids[(TableRole.PLAN, name)]
    if department is not None and get_indicator(engine, indicator_id).department != department:
        raise BadObservation(
            f"{where}：“{name}”不是{department}负责的指标，不能导入",
            "an indicator of another department",
        )
    return Entry(
        indicator_id,
        period,
        line.get("phrase", ""),
        line.get("quality") or "final",
        line.get("note"),
        line.get("source"),
    )


def _check_file_series(entries: list[Entry], table: PlanTable, ids, engine) -> None:
    """The series check over the file's figures together with those already stored."""
    rows = {ids[(TableRole.PLAN, r.name)]: r for r in table.rows if (TableRole.PLAN, r.name) in ids}
    by_indicator: dict[tuple[int, int], dict[int, str]] = {}
    for entry in entries:
        month = entry.period.month
        if entry.period.kind is PeriodKind.YEAR_TO_DATE and month is not None:
            months = by_indicator.setdefault((entry.indicator_id, entry.period.year), {})
            months[month] = entry.phrase
    for (indicator_id, year), months in by_indicator.items():
        row = rows[indicator_id]  # last year's path is checked with this year's target's kind
        known = {**_months(engine, indicator_id, year), **months}
        for month, phrase in months.items():
            period = Period(kind=PeriodKind.YEAR_TO_DATE, year=year, month=month)
            check_series(row.target, row.name, period, phrase, known, row.unit)
