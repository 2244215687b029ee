"""What one document says about any year: its targets and its results, each with where it
was found. The panel pairs these sides across documents (``panel.build``).

A plan report states last year's targets and results (表1), this year's targets (表2) and
sometimes last year's result beside them (``上年完成``); a work report states them in
sentences. A five-year goal is never a side: it is no year's target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from planwatch.model import PlanDocument, PlanTable, ProseItem, TableRole
from planwatch.model.panel import PanelSide
from planwatch.phrases import lookup_indicator, parse_actual
from planwatch.phrases.catalogue import normalise_name, without_scope


class SideKind(StrEnum):
    TARGET = "target"
    ACTUAL = "actual"


@dataclass(frozen=True)
class DatedSide:
    kind: SideKind
    year: int
    side: PanelSide
    unit: str | None = None  # the table's unit column, a hint for the grammar


@lru_cache(maxsize=65536)
def indicator_key(name: str) -> tuple[str, bool]:
    """The key that makes two documents' names one indicator, and whether the catalogue knows
    it (``经济增长`` and ``地区生产总值`` are one key; an unknown name is its normalised self)."""
    bare = without_scope(name.strip(), part=True)
    entry = lookup_indicator(bare) if bare else None
    if entry is not None and entry.source != "pattern":
        return entry.name, True
    return bare_name(name), False


@lru_cache(maxsize=65536)
def bare_name(name: str) -> str:
    """The name as written, without whose it is (全市) and normalised: for comparing names."""
    return normalise_name(without_scope(name.strip(), part=True))


def document_sides(document: PlanDocument, source: str) -> list[DatedSide]:
    """Every target and result the document states, dated: prose first (it carries the
    sentence), then the tables. A side printed twice with the same phrase is kept once."""
    published = document.plan_year or document.review_year
    sides = _prose_sides(document, source, published)
    for table in document.tables:
        sides += _table_sides(table, document, source, published)
    return _once(sides)


def _prose_sides(document: PlanDocument, source: str, published: int | None) -> list[DatedSide]:
    sides: list[DatedSide] = []
    for kind, items in (
        (SideKind.TARGET, document.prose_targets),
        (SideKind.ACTUAL, document.prose_actuals),
    ):
        sides += [_prose_side(kind, item, source, published) for item in items if item.year]
    return sides


def _prose_side(kind: SideKind, item: ProseItem, source: str, published: int | None) -> DatedSide:
    quality = parse_actual(item.phrase).quality.value if kind is SideKind.ACTUAL else None
    side = PanelSide(
        name=item.name or item.phrase,
        phrase=item.phrase,
        source=source,
        where=f"正文第{item.offset}字",
        sentence=item.sentence,
        quality=quality,
        published=published,
    )
    assert item.year is not None
    return DatedSide(kind, item.year, side)


def _table_sides(
    table: PlanTable, document: PlanDocument, source: str, published: int | None
) -> list[DatedSide]:
    year = table.year or (
        document.review_year if table.role is TableRole.REVIEW else document.plan_year
    )
    if year is None:
        return []
    sides: list[DatedSide] = []
    for number, row in enumerate(table.rows, start=1):
        where = f"{table.caption}第{row.no or number}行"

        def side(phrase: str, quality: str | None = None, name=row.name, where=where) -> PanelSide:
            return PanelSide(name, phrase, source, where, None, quality, published)

        if row.target:
            sides.append(DatedSide(SideKind.TARGET, year, side(row.target), row.unit))
        if row.actual:
            quality = parse_actual(row.actual, row.unit).quality.value
            sides.append(DatedSide(SideKind.ACTUAL, year, side(row.actual, quality), row.unit))
        if row.previous and table.role is TableRole.PLAN:
            quality = parse_actual(row.previous, row.unit).quality.value
            previous = side(row.previous, quality)
            sides.append(DatedSide(SideKind.ACTUAL, year - 1, previous, row.unit))
    return sides


def _once(sides: list[DatedSide]) -> list[DatedSide]:
    seen: set[tuple[SideKind, int, str, str]] = set()
    kept: list[DatedSide] = []
    for dated in sides:
        key = (dated.kind, dated.year, indicator_key(dated.side.name)[0], _bare(dated.side.phrase))
        if key not in seen:
            seen.add(key)
            kept.append(dated)
    return kept


def _bare(phrase: str) -> str:
    return re.sub(r"[\s。，,；;]+$", "", phrase)
