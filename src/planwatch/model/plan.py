"""Plan documents as read from a report: jurisdiction, periods, tables, rows, sections."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum

from pydantic import BaseModel, Field, model_serializer, model_validator


class PeriodKind(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"
    YEAR_TO_DATE = "ytd"


class Period(BaseModel, frozen=True):
    """A reporting period. Year-to-date periods run from January to ``month`` inclusive."""

    kind: PeriodKind = PeriodKind.YEAR
    year: int
    quarter: int | None = None
    month: int | None = None

    @model_validator(mode="after")
    def _check_parts(self) -> Period:
        needs_quarter = self.kind is PeriodKind.QUARTER
        needs_month = self.kind in (PeriodKind.MONTH, PeriodKind.YEAR_TO_DATE)
        if needs_quarter != (self.quarter is not None):
            raise ValueError(f"period {self.kind} needs a quarter exactly when it is quarterly")
        if needs_month != (self.month is not None):
            raise ValueError(f"period {self.kind} needs a month exactly when it is monthly or YTD")
        if self.quarter is not None and not 1 <= self.quarter <= 4:
            raise ValueError(f"quarter {self.quarter} is not 1-4")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is not 1-12")
        return self

    @classmethod
    def of_year(cls, year: int) -> Period:
        return cls(kind=PeriodKind.YEAR, year=year)

    @property
    def elapsed_share(self) -> float:
        """Share of the year this period covers at its end: the basis of 序时进度."""
        if self.kind is PeriodKind.YEAR:
            return 1.0
        if self.kind is PeriodKind.QUARTER:
            return (self.quarter or 0) / 4
        return (self.month or 0) / 12

    @property
    def label(self) -> str:
        """The Chinese label used in reports: ``2024年``, ``2024年第1季度``, ``2024年1-6月``."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}年"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{self.quarter}季度"
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}年{self.month}月"
        if self.month == 1:  # 1-1月 is said 1月
            return f"{self.year}年1月"
        return f"{self.year}年1-{self.month}月"


class Jurisdiction(BaseModel, frozen=True):
    """A government: 苏州市, with its parent 江苏省 when known."""

    name: str
    level: str | None = None  # 省 / 市 / 区 / 县, from the name's suffix
    parent: str | None = None


class Nature(StrEnum):
    BINDING = "binding"  # 约束性
    EXPECTED = "expected"  # 预期性

    @property
    def zh(self) -> str:
        return {"binding": "约束性", "expected": "预期性"}[self.value]


class Direction(StrEnum):
    """Which way is good for an indicator."""

    HIGHER_BETTER = "higher_better"
    LOWER_BETTER = "lower_better"
    CEILING = "ceiling"  # the target is a cap (CPI 涨幅, 城镇调查失业率)
    BAND = "band"  # inside a range is good
    UNKNOWN = "unknown"

    @property
    def zh(self) -> str:
        return {
            "higher_better": "越高越好",
            "lower_better": "越低越好",
            "ceiling": "上限",
            "band": "区间",
            "unknown": "未知",
        }[self.value]


class TableRole(StrEnum):
    REVIEW = "review"  # last year's targets with actuals (表1)
    PLAN = "plan"  # this year's targets (表2)


class IndicatorRow(BaseModel):
    """One row of an indicator table, phrases exactly as printed."""

    no: int | None = None
    category: str | None = None
    name: str
    unit: str | None = None
    nature: Nature | None = None
    target: str | None = None
    actual: str | None = None
    department: str | None = None
    # Filled only by tables that print them, and left out of dumps when unset so a
    # document without them serialises as before.
    parent: str | None = None  # ``#制造业投资`` / ``其中：``: the indicator it belongs to
    target_parts: dict[str, str] | None = None  # split columns: {"absolute": …, "growth": …}
    actual_parts: dict[str, str] | None = None
    # Last year's result printed beside this year's plan (``上年完成`` next to ``本年计划``):
    # a plan table's ``actual`` stays None, since nothing in it has been achieved yet.
    previous: str | None = None  # as the report would read it: ``8029.8亿元，增长3.7%``
    previous_parts: dict[str, str] | None = None
    # A user's override of the catalogue's direction for this indicator (set from the store
    # or ``planwatch assess --direction``); travels with the row so every assessment sees it.
    direction: Direction | None = None

    @model_serializer(mode="wrap")
    def _omit_unset_parts(self, handler):
        data = handler(self)
        for key in _OPTIONAL_ROW_KEYS:
            if data.get(key) is None:
                data.pop(key, None)
        return data


_OPTIONAL_ROW_KEYS = (
    "parent",
    "target_parts",
    "actual_parts",
    "previous",
    "previous_parts",
    "direction",
)


class Category(BaseModel):
    """A group of rows with its declared count, as in ``经济发展实力（8个）``."""

    name: str
    declared_count: int | None = None


class PlanTable(BaseModel):
    caption: str
    role: TableRole
    year: int | None = None
    declared_counts: dict[str, int] = Field(default_factory=dict)
    rows: list[IndicatorRow] = Field(default_factory=list)

    @property
    def categories(self) -> list[str]:
        """Category names in order of first appearance."""
        seen: dict[str, None] = {}
        for row in self.rows:
            if row.category:
                seen.setdefault(row.category, None)
        for name in self.declared_counts:
            seen.setdefault(name, None)
        return list(seen)

    def row_named(self, name: str) -> IndicatorRow | None:
        return next((row for row in self.rows if row.name == name), None)


class Section(BaseModel):
    """A node of the report's outline: ``一、`` (level 1), ``（一）`` (2), ``1．`` (3)."""

    number: str
    title: str
    level: int
    text: str = ""
    children: list[Section] = Field(default_factory=list)

    def walk(self):
        """This section and all below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


class Commitment(BaseModel):
    """A quantified commitment in a key task's prose: ``实施186个城中村改造``.

    ``phrase`` is what can be judged at year end (``186个``, ``下降至12%左右``), ``name`` what it
    is about, ``text`` the clause as printed; trackable like a target.
    """

    name: str
    phrase: str
    text: str


class KeyTask(BaseModel):
    """A measure of the plan (三、…主要措施) with the quantified commitments in its prose."""

    number: str  # the path of section numbers: 三、（五）1．
    title: str
    text: str
    commitments: list[Commitment] = Field(default_factory=list)


class ProseRole(StrEnum):
    """What a sentence states: this year's target, last year's result, a five-year goal, or
    the result of the five years behind."""

    TARGET = "target"
    ACTUAL = "actual"
    FIVE_YEAR = "five_year"  # 十五五 / 到2030年: never reported as an annual target
    FIVE_YEAR_RESULT = "five_year_result"  # 过去五年…年均增长5.7%: never a goal, nor last year's

    @property
    def zh(self) -> str:
        return PROSE_ROLE_ZH[self]


PROSE_ROLE_ZH: dict[ProseRole, str] = {
    ProseRole.TARGET: "目标",
    ProseRole.ACTUAL: "完成情况",
    ProseRole.FIVE_YEAR: "五年目标",
    ProseRole.FIVE_YEAR_RESULT: "五年成效",
}


class ProseItem(BaseModel):
    """A target or result stated in a sentence: ``地区生产总值增长5%左右`` in the targets passage.

    ``offset`` is where the clause starts in the document's text (its lines joined by newlines),
    so a reader can find it; ``sentence`` is the sentence it stands in.
    """

    role: ProseRole
    name: str
    phrase: str
    year: int | None = None
    sentence: str
    offset: int
    note: str | None = None


class PlanDocument(BaseModel):
    """One report: last year's execution and this year's draft plan."""

    title: str
    jurisdiction: Jurisdiction | None = None
    review_year: int | None = None
    plan_year: int | None = None
    date: dt.date | None = None
    authority: str | None = None
    meeting: str | None = None
    tables: list[PlanTable] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    prose_targets: list[ProseItem] = Field(default_factory=list)
    prose_actuals: list[ProseItem] = Field(default_factory=list)
    five_year_goals: list[ProseItem] = Field(default_factory=list)
    five_year_results: list[ProseItem] = Field(default_factory=list)
    key_tasks: list[KeyTask] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def prose_items(self) -> list[ProseItem]:
        """Everything the sentences state: targets, results, five-year goals and results."""
        return [
            *self.prose_targets,
            *self.prose_actuals,
            *self.five_year_goals,
            *self.five_year_results,
        ]

    def table_for(self, role: TableRole | None = None, year: int | None = None) -> PlanTable | None:
        """The first table matching the role and year given (either may be left open)."""
        for table in self.tables:
            if (role is None or table.role is role) and (year is None or table.year == year):
                return table
        return None

    def walk_sections(self):
        for section in self.sections:
            yield from section.walk()

    def section_titled(self, prefix: str) -> Section | None:
        return next((s for s in self.walk_sections() if s.title.startswith(prefix)), None)

    def with_directions(self, overrides: Mapping[str, Direction]) -> PlanDocument:
        """A copy whose rows carry the user's direction overrides (the same object if none)."""
        if not overrides or not any(r.name in overrides for t in self.tables for r in t.rows):
            return self
        tables = [
            table.model_copy(
                update={
                    "rows": [
                        row.model_copy(update={"direction": Direction(overrides[row.name])})
                        if row.name in overrides
                        else row
                        for row in table.rows
                    ]
                }
            )
            for table in self.tables
        ]
        return self.model_copy(update={"tables": tables})

    def public_dict(self) -> dict:
        """The document as the CLI's ``--json`` and the API publish it."""
        data = self.model_dump(mode="json")
        data["jurisdiction"] = self.jurisdiction.name if self.jurisdiction else None
        # a sentence's phrase under the key a table row uses: ``target`` or ``actual``
        for key, word in (("prose_targets", "target"), ("prose_actuals", "actual")):
            for item in data[key]:
                item[word] = item["phrase"]
        for item in data["five_year_goals"]:
            item["target"] = item["phrase"]
        for item in data["five_year_results"]:
            item["actual"] = item["phrase"]
        data["commitments"] = [
            {"task": task.number, "task_title": task.title, **c.model_dump(mode="json")}
            for task in self.key_tasks
            for c in task.commitments
        ]
        return data
