"""The year-to-year diff of two indicator sets, checked against the changes a report declares.

``diff_indicator_sets`` works on any two lists of rows; ``diff_plans`` picks the tables of one
or two documents (表1 against 表2 of one report, or the tables of two reports for given years)
and reads the declared changes from the newer one.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, Field

from planwatch.errors import TableNotFound
from planwatch.lineage.declared import find_declaration, parse_declared_changes
from planwatch.lineage.mismatches import compare_declared
from planwatch.lineage.pairing import pair_indicators
from planwatch.model import IndicatorRow, PlanDocument, PlanTable, TableRole
from planwatch.model.lineage import (
    ChangeKind,
    DeclaredChanges,
    DeclaredMismatch,
    Pairing,
    PairingDecision,
)


class IndicatorDiff(BaseModel):
    """Every pairing between two indicator sets, with the declared changes and their mismatches."""

    from_label: int | str | None = None
    to_label: int | str | None = None
    pairings: list[Pairing] = Field(default_factory=list)
    declared: DeclaredChanges | None = None
    mismatches: list[DeclaredMismatch] = Field(default_factory=list)
    # Why the declared changes were not checked against these two tables, or which tables they
    # were checked against instead; None when checked here (or when nothing is declared).
    declared_note: str | None = None
    warnings: list[str] = Field(default_factory=list)  # e.g. two reports of different places

    def of_kind(self, kind: ChangeKind) -> list[Pairing]:
        return [p for p in self.pairings if p.kind is kind]

    def target_changes(self) -> list[dict[str, str | None]]:
        """Continuing indicators whose target phrase changed."""
        return [
            {"name": p.new_name, "from": p.old.target, "to": p.new.target}
            for p in self.pairings
            if p.old and p.new and p.kind in (ChangeKind.UNCHANGED, ChangeKind.RENAMED)
            if any(c.startswith("目标") for c in p.changes)
        ]

    def story_of(self, name: str) -> list[str]:
        """What happened to one indicator between the two tables, a Chinese line per pairing
        that names it (a continuing indicator with no change says nothing)."""
        lines = []
        for p in self.pairings:
            if name not in (p.old_name, p.new_name):
                continue
            if p.kind is ChangeKind.UNCHANGED and not p.changes:
                continue
            names = " → ".join(n for n in (p.old_name, p.new_name) if n)
            extra = f"；{'；'.join(p.changes)}" if p.changes else ""
            span = f"{self.from_label}→{self.to_label}年"
            lines.append(f"{span} {p.kind.zh}：{names}（{p.reason}{extra}）")
        return lines

    def public_dict(self) -> dict:
        """The JSON of ``planwatch diff --json``, exactly the documented keys."""
        declared = self.declared or DeclaredChanges(text="")
        return {
            "from": self.from_label,
            "to": self.to_label,
            "unchanged": [p.new_name for p in self.of_kind(ChangeKind.UNCHANGED)],
            "renamed": [[p.old_name, p.new_name] for p in self.of_kind(ChangeKind.RENAMED)],
            "replaced": [[p.old_name, p.new_name] for p in self.of_kind(ChangeKind.REPLACED)],
            "added": [p.new_name for p in self.of_kind(ChangeKind.ADDED)],
            "removed": [p.old_name for p in self.of_kind(ChangeKind.REMOVED)],
            "target_changed": self.target_changes(),
            "declared": {
                "added": list(declared.added),
                "removed": list(declared.removed),
                "replaced": [list(pair) for pair in declared.replaced],
            },
            "declared_mismatches": [m.model_dump() for m in self.mismatches],
            "declared_note": self.declared_note,
            "warnings": list(self.warnings),
        }


def diff_indicator_sets(
    old: Iterable[IndicatorRow],
    new: Iterable[IndicatorRow],
    *,
    decisions: Iterable[PairingDecision] = (),
    declared: DeclaredChanges | None = None,
    from_label: int | str | None = None,
    to_label: int | str | None = None,
) -> IndicatorDiff:
    """Pair two indicator sets and hold the result against the declared changes, if given."""
    hints = declared.replaced if declared else ()
    pairings = pair_indicators(old, new, decisions, hints)
    result = IndicatorDiff(
        from_label=from_label, to_label=to_label, pairings=pairings, declared=declared
    )
    if declared is not None:
        result.mismatches = compare_declared(declared, pairings)
    return result


def pick_table(doc: PlanDocument, year: int | None, prefer: TableRole) -> PlanTable:
    """The table of ``year`` (the preferred role first), or the preferred role's table."""
    roles = [prefer, *(r for r in TableRole if r is not prefer)]
    for role in roles:
        table = doc.table_for(role, year)
        if table is not None and (year is not None or role is prefer):
            return table
    have = "、".join(f"{t.caption}（{t.year}年）" for t in doc.tables) or "无"
    wanted = (
        f"{year}年的指标表"
        if year
        else f"{'表1（执行情况）' if prefer is TableRole.REVIEW else '表2（计划）'}"
    )
    raise TableNotFound(
        f"{doc.title or '该报告'}中没有{wanted}；现有：{have}",
        f"no table for {year or prefer.value}",
    )


def _label(table: PlanTable) -> int | str:
    return table.year if table.year is not None else table.caption


def newer_document(doc: PlanDocument, other: PlanDocument | None) -> PlanDocument:
    """Of two reports the one of the later plan year (the second when the years are equal or
    unknown): its declaring paragraph is the one checked, its jurisdiction's decisions applied."""
    if other is None:
        return doc
    if doc.plan_year is not None and other.plan_year is not None:
        return doc if doc.plan_year > other.plan_year else other
    return other


def _place(doc: PlanDocument) -> str | None:
    return doc.jurisdiction.name if doc.jurisdiction else None


def _place_warnings(doc: PlanDocument, other: PlanDocument | None) -> list[str]:
    if other is None:
        return []
    first, second = _place(doc), _place(other)
    if first and second and first != second:
        return [
            f"两份报告属于不同地区（{first}、{second}）：比较的是两地的指标表，"
            "不是同一地区前后年份的变化"
        ]
    return []


def _spoken_years(parsed: DeclaredChanges, newer: PlanDocument) -> tuple[int, int] | None:
    """The years the declaration speaks of: its base year → the next (``与2024年相比`` in the
    2025 plan), or the newer report's plan year and the one before when it names none."""
    if parsed.base_year is not None:
        return parsed.base_year, parsed.base_year + 1
    if newer.plan_year is not None:
        return newer.plan_year - 1, newer.plan_year
    return None


def _described_tables(newer: PlanDocument, spoken: tuple[int, int]):
    """The newer report's own tables of the two years its declaration speaks of, or None."""
    try:
        old = pick_table(newer, spoken[0], TableRole.REVIEW)
        new = pick_table(newer, spoken[1], TableRole.PLAN)
    except TableNotFound:
        return None
    return None if old is new else (old, new)


def diff_plans(
    doc: PlanDocument,
    other: PlanDocument | None = None,
    *,
    from_year: int | None = None,
    to_year: int | None = None,
    decisions: Iterable[PairingDecision] = (),
) -> IndicatorDiff:
    """Diff one report's 表1 against its 表2, or the tables of two reports for given years.

    The declared changes come from the newer report (``newer_document``) and speak of its base
    year (``与2024年相比``) → the next. They are checked when the compared tables are of those
    years; with no years given they are checked against the newer report's own tables of those
    years instead; otherwise ``declared_note`` says why they were not checked.
    """
    decisions = list(decisions)
    newer = newer_document(doc, other)
    old_table = pick_table(doc, from_year, TableRole.PLAN if other else TableRole.REVIEW)
    new_table = pick_table(other or doc, to_year, TableRole.PLAN)
    if old_table is new_table:
        raise TableNotFound(
            f"比较的两端是同一张表（{old_table.caption}）：请指定不同的年份"
            "（命令行用 --from/--to，网页和 API 用 from_year/to_year）",
            "both sides of the diff are the same table",
        )
    declared = None
    note = None
    elsewhere = None
    text = find_declaration(newer)
    if text is not None:
        known = [r.name for r in old_table.rows] + [r.name for r in new_table.rows]
        parsed = parse_declared_changes(text, known)
        spoken = _spoken_years(parsed, newer)
        compared = (old_table.year, new_table.year)
        if spoken is None or all(c in (None, y) for c, y in zip(compared, spoken, strict=True)):
            declared = parsed  # a table without a year is taken to be of the year spoken of
        else:
            said = f"报告声明的是{spoken[0]}→{spoken[1]}年的指标变化（{_base(parsed)}）"
            span = f"本次比较的是{_label(old_table)}→{_label(new_table)}年"
            defaults = from_year is None and to_year is None
            described = _described_tables(newer, spoken) if defaults else None
            if described is not None:
                elsewhere = described
                old, new = (f"{t.caption.split()[0]}（{t.year}年）" for t in described)
                note = f"{said}，{span}：声明已按较新报告自身的{old}与{new}核对"
            else:
                note = (
                    f"未核对报告声明的指标变化：{said}，{span}。"
                    f"要核对，请比较{spoken[0]}年与{spoken[1]}年的指标表"
                    f"（--from {spoken[0]} --to {spoken[1]}）"
                )
    result = diff_indicator_sets(
        old_table.rows,
        new_table.rows,
        decisions=decisions,
        declared=declared,
        from_label=_label(old_table),
        to_label=_label(new_table),
    )
    if elsewhere is not None and text is not None:
        old, new = elsewhere
        known = [r.name for r in old.rows] + [r.name for r in new.rows]
        checked = diff_indicator_sets(
            old.rows, new.rows, decisions=decisions, declared=parse_declared_changes(text, known)
        )
        result.declared, result.mismatches = checked.declared, checked.mismatches
    result.declared_note = note
    result.warnings = _place_warnings(doc, other)
    return result


def _base(parsed: DeclaredChanges) -> str:
    if parsed.base_year is not None:
        return f"与{parsed.base_year}年相比"
    return "段落未写基准年，按报告的计划年份推定"
