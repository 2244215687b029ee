"""Pair each jurisdiction-year's targets with that year's results, from any mix of documents,
and judge them: the rows of the research panel.

Pairing rules (docs/panel.md):
- sides are one indicator when their keys agree (``indicator_key``: the catalogue's name, or
  the normalised name); names that differ where one only contains the other are listed as an
  unsure pair, not judged;
- of several results for one indicator-year the most final wins (final > preliminary >
  estimate), then the one printed latest; results that read differently are a conflict, kept
  in ``conflict``;
- targets that read differently (a plan adjusted during the year, two documents that
  disagree) each get their row, every one flagged;
- a jurisdiction and its parent's targets for one indicator-year give the escalation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from planwatch.assess import assess_pair
from planwatch.model import PlanDocument, Quality, Status
from planwatch.model.panel import PanelMatch, PanelRow, PanelSide
from planwatch.panel.place import Place, place_of
from planwatch.panel.sides import (
    DatedSide,
    SideKind,
    bare_name,
    document_sides,
    indicator_key,
)
from planwatch.phrases import parse_actual, parse_target

_QUALITY_RANK = {
    Quality.FINAL.value: 0,
    Quality.PRELIMINARY.value: 1,
    Quality.ESTIMATE.value: 2,
    Quality.QUALITATIVE.value: 3,
}


@dataclass(frozen=True)
class SourcedDocument:
    document: PlanDocument
    source: str  # the file name, or ``plan:12`` for a stored plan


@dataclass
class PanelResult:
    rows: list[PanelRow] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (source, reason in Chinese)
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Group:
    """One jurisdiction-year-indicator's sides, from every document."""

    key: str
    known: bool
    names: set[str] = field(default_factory=set)  # the names as written, normalised
    targets: list[DatedSide] = field(default_factory=list)
    actuals: list[DatedSide] = field(default_factory=list)


def build_panel(documents: Iterable[SourcedDocument]) -> PanelResult:
    """The panel rows of ``documents``, sorted by jurisdiction, year and indicator."""
    result = PanelResult()
    places: dict[str, Place] = {}
    groups: dict[tuple[str, int], dict[str, _Group]] = defaultdict(dict)
    for sourced in documents:
        place = place_of(sourced.document)
        if isinstance(place, str):
            result.refused.append((sourced.source, place))
            continue
        if place.code is None:
            result.warnings.append(f"{sourced.source}：区划表中没有“{place.name}”，按名称归并")
        places.setdefault(place.key, place)
        for dated in document_sides(sourced.document, sourced.source):
            key, known = indicator_key(dated.side.name)
            group = groups[place.key, dated.year].setdefault(key, _Group(key, known))
            group.names.add(bare_name(dated.side.name))
            (group.targets if dated.kind is SideKind.TARGET else group.actuals).append(dated)
    for (place_key, year), by_key in groups.items():
        result.rows += _rows_of(places[place_key], year, by_key)
    _add_escalation(result.rows)
    result.rows.sort(key=lambda r: (r.code or "~", r.jurisdiction, r.year, r.canonical or ""))
    return result


def _rows_of(place: Place, year: int, by_key: dict[str, _Group]) -> list[PanelRow]:
    rows: list[PanelRow] = []
    lone_targets = [g for g in by_key.values() if g.targets and not g.actuals]
    lone_actuals = [g for g in by_key.values() if g.actuals and not g.targets]
    for group in by_key.values():
        if group.targets and group.actuals:
            rows += _paired_rows(place, year, group, PanelMatch.SAME)
    for group in lone_targets:
        partner = _unsure_partner(group, lone_actuals)
        if partner is not None:
            lone_actuals.remove(partner)
            group.actuals = partner.actuals
            rows += _paired_rows(place, year, group, PanelMatch.UNSURE)
        else:
            rows += _paired_rows(place, year, group, PanelMatch.ALONE)
    for group in lone_actuals:
        rows += _paired_rows(place, year, group, PanelMatch.ALONE)
    return rows


def _unsure_partner(group: _Group, candidates: list[_Group]) -> _Group | None:
    """A result whose name contains the target's (or the reverse): perhaps one indicator
    (居民人均可支配收入 / 全体居民人均可支配收入), perhaps not (工业投资 / 工业技改投资)."""
    mine = {name for name in group.names | {group.key} if len(name) >= 2}
    found = [
        other
        for other in candidates
        if any(a in b or b in a for a in mine for b in other.names | {other.key} if len(b) >= 2)
    ]
    return found[0] if len(found) == 1 else None


def _paired_rows(place: Place, year: int, group: _Group, match: PanelMatch) -> list[PanelRow]:
    targets = _distinct_targets(group.targets)
    if not targets:
        actual, conflict = _best_actual(group.actuals, None)
        return [_row(place, year, group, None, actual, match, conflict)]
    target_conflict = None
    if len(targets) > 1:
        target_conflict = "目标不一致：" + "；".join(
            f"{t.side.phrase}（{t.side.source}）" for t in targets
        )
    rows = []
    for target in targets:
        actual, actual_conflict = _best_actual(group.actuals, target)
        conflict = "；".join(c for c in (target_conflict, actual_conflict) if c) or None
        rows.append(_row(place, year, group, target, actual, match, conflict))
    return rows


def _distinct_targets(targets: list[DatedSide]) -> list[DatedSide]:
    kept: list[DatedSide] = []
    for dated in targets:
        if not any(_same_target(dated.side.phrase, other.side.phrase) for other in kept):
            kept.append(dated)
    return kept


def _same_target(phrase: str, other: str) -> bool:
    a, b = parse_target(phrase), parse_target(other)
    return (a.kind, a.comparator, a.value, a.upper) == (b.kind, b.comparator, b.value, b.upper)


def _best_actual(
    actuals: list[DatedSide], target: DatedSide | None
) -> tuple[DatedSide | None, str | None]:
    """The result to judge: the most final; then one that states the figure the target
    needs (a growth for a growth target); then a table's over a sentence's (the table is the
    record, a sentence may restate a target); then the latest printed. Results of the same
    quality that state the same figure differently are a conflict."""
    if not actuals:
        return None, None
    wants_growth = target is not None and parse_target(target.side.phrase).kind.value == "growth"

    def rank(dated: DatedSide) -> tuple[int, int, int, int]:
        spec = parse_actual(dated.side.phrase, dated.unit)
        fits = 0 if (spec.growth is not None) == wants_growth else 1
        from_prose = 1 if dated.side.sentence else 0
        return (
            _QUALITY_RANK.get(spec.quality.value, 9),
            fits,
            from_prose,
            -(dated.side.published or 0),
        )

    ranked = sorted(actuals, key=rank)
    best = ranked[0]
    rivals = [
        d
        for d in ranked[1:]
        if d.side.quality == best.side.quality and _disagree(d.side, best.side)
    ]
    if not rivals:
        return best, None
    listed = "；".join(
        f"{d.side.phrase}（{d.side.source}，{d.side.where}）" for d in [best, *rivals]
    )
    return best, f"完成情况不一致：{listed}"


def _disagree(one: PanelSide, other: PanelSide) -> bool:
    """Whether two results state the same figure (the growth, or the level in one unit)
    with different values: 26727亿元 and 增长6% do not disagree, 增长6% and 增长5.8% do."""
    a, b = parse_actual(one.phrase), parse_actual(other.phrase)
    if a.growth is not None and b.growth is not None and a.growth.value != b.growth.value:
        return True
    if a.value is None or b.value is None or a.value.unit != b.value.unit:
        return False
    return a.value.value != b.value.value


def _row(
    place: Place,
    year: int,
    group: _Group,
    target: DatedSide | None,
    actual: DatedSide | None,
    match: PanelMatch,
    conflict: str | None,
) -> PanelRow:
    named = target or actual
    assert named is not None
    row = PanelRow(
        jurisdiction=place.name,
        code=place.code,
        level=place.level,
        parent=place.parent,
        parent_code=place.parent_code,
        year=year,
        indicator=named.side.name,
        canonical=group.key if group.known else None,
        match=match.value,
        conflict=conflict,
    )
    if target is not None:
        _fill_target(row, target)
    if actual is not None:
        _fill_actual(row, actual)
    if target is not None and actual is not None:
        _judge(row, target, actual, match)
    return row


def _fill_target(row: PanelRow, target: DatedSide) -> None:
    spec = parse_target(target.side.phrase)
    row.target = target.side.phrase
    row.kind = spec.kind.value
    row.comparator = spec.comparator.value
    if spec.value is not None:
        row.target_value = spec.value.value
        row.unit = spec.value.unit
    row.target_source = target.side.source
    row.target_where = target.side.where
    row.target_sentence = target.side.sentence


def _fill_actual(row: PanelRow, actual: DatedSide) -> None:
    spec = parse_actual(actual.side.phrase, actual.unit)
    row.actual = actual.side.phrase
    figure = spec.growth if row.kind == "growth" and spec.growth else spec.value or spec.growth
    row.actual_value = figure.value if figure is not None else None
    row.quality = spec.quality.value
    row.actual_name = actual.side.name
    row.actual_source = actual.side.source
    row.actual_where = actual.side.where
    row.actual_sentence = actual.side.sentence


def _judge(row: PanelRow, target: DatedSide, actual: DatedSide, match: PanelMatch) -> None:
    name = row.canonical or row.indicator
    verdict = assess_pair(
        target.side.phrase, actual.side.phrase, name=name, unit_hint=target.unit or actual.unit
    )
    if match is PanelMatch.UNSURE:
        row.status = Status.UNASSESSABLE.value
        row.status_zh = Status.UNASSESSABLE.zh
        row.reason = (
            f"指标名称不同（{target.side.name} / {actual.side.name}），不能确定是同一指标，"
            f"未作判断；若是同一指标则为{verdict.status.zh}：{verdict.reason}"
        )
        return
    row.status = verdict.status.value
    row.status_zh = verdict.status.zh
    row.margin = verdict.margin
    row.reason = verdict.reason


def _add_escalation(rows: list[PanelRow]) -> None:
    """``parent_target`` and ``escalation`` (the target minus the parent's, when both are
    numbers of one kind and unit) for every row whose parent set a target too."""
    by_place: dict[tuple[str | None, int, str | None], PanelRow] = {
        (r.code, r.year, r.canonical): r for r in rows if r.code and r.canonical and r.target
    }
    for row in rows:
        parent = by_place.get((row.parent_code, row.year, row.canonical))
        if parent is None or row.target is None or row.parent_code is None:
            continue
        row.parent_target = parent.target
        comparable = (
            row.kind == parent.kind
            and row.unit == parent.unit
            and row.target_value is not None
            and parent.target_value is not None
        )
        if comparable:
            assert row.target_value is not None and parent.target_value is not None
            row.escalation = round(row.target_value - parent.target_value, 6)
