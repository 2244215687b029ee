"""A whole document assessed: the table that has actuals, every row judged, the summary.

This is what ``planwatch assess`` prints and what the web app shows; ``to_json`` is the
command's ``--json`` schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planwatch.assess.engine import assess_table
from planwatch.assess.policy import TolerancePolicy
from planwatch.assess.summary import summarize, summary_sentence
from planwatch.errors import TableNotFound
from planwatch.model import Assessment, IndicatorRow, PlanDocument, PlanTable, Status
from planwatch.phrases.catalogue import Override


@dataclass(frozen=True)
class TableAssessment:
    """One table's rows with their assessments, and the counts."""

    table: PlanTable
    jurisdiction: str | None
    rows: list[tuple[IndicatorRow, Assessment]]

    @property
    def year(self) -> int | None:
        return self.table.year

    @property
    def assessments(self) -> list[Assessment]:
        return [assessment for _, assessment in self.rows]

    @property
    def summary(self) -> dict[Status, int]:
        return summarize(self.assessments)

    @property
    def sentence(self) -> str:
        return summary_sentence(self.assessments)

    def to_json(self) -> dict[str, Any]:
        """``{"year", "jurisdiction", "summary", "rows": [...]}``, JSON-ready."""
        return {
            "year": self.year,
            "jurisdiction": self.jurisdiction,
            "summary": {status.value: n for status, n in self.summary.items()},
            "rows": [
                {
                    "no": row.no,
                    "category": row.category,
                    "name": row.name,
                    "target": row.target,
                    "actual": row.actual,
                    "status": a.status.value,
                    "margin": a.margin,
                    "reason": a.reason,
                    "target_spec": a.target.model_dump(mode="json") if a.target else None,
                    "actual_spec": a.actual.model_dump(mode="json") if a.actual else None,
                }
                for row, a in self.rows
            ],
        }


def review_table(document: PlanDocument, year: int | None = None) -> PlanTable:
    """The table with actuals (表1); with ``year``, that year's. Raises ``TableNotFound``."""
    for table in document.tables:
        if (year is None or table.year == year) and any(row.actual for row in table.rows):
            return table
    when = f"{year}年" if year is not None else ""
    raise TableNotFound(
        f"报告中没有{when}带完成情况的指标表{_prose_note(document)}",
        f"no indicator table with actuals{f' for {year}' if year is not None else ''}",
    )


def _prose_note(document: PlanDocument) -> str:
    """Why a work report has nothing to judge: its sentences state another year's results."""
    targets = sorted({t.year for t in document.prose_targets if t.year})
    actuals = sorted({a.year for a in document.prose_actuals if a.year})
    if not targets and not actuals:
        return ""
    said = "、".join(f"{y}年" for y in targets) or "无"
    done = "、".join(f"{y}年" for y in actuals) or "无"
    return (
        f"；正文陈述了{said}的目标和{done}的完成情况，不是同一年，"
        "这些目标的完成情况要看下一年的报告（planwatch show 可列出正文中的目标）"
    )


def assess_document(
    document: PlanDocument,
    year: int | None = None,
    directions: Mapping[str, Override] | None = None,
    policy: TolerancePolicy | None = None,
) -> TableAssessment:
    """Assess the document's table of actuals (of ``year`` if given)."""
    table = review_table(document, year)
    assessments = assess_table(table, directions, policy)
    jurisdiction = document.jurisdiction.name if document.jurisdiction else None
    return TableAssessment(table, jurisdiction, list(zip(table.rows, assessments, strict=True)))
