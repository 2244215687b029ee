"""What a report holds, gathered once and handed to whichever format writes it.

``build_report`` selects the table, asks the assessment engine for statuses when they are
wanted, and adds the narrative and charts for a full report; the writers (docx, xlsx, html,
md) only draw a ``ReportContent``. Judging stays in ``planwatch.assess``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from planwatch.errors import TableNotFound
from planwatch.model import Assessment, PlanDocument, PlanTable, TableRole
from planwatch.report.charts import Chart
from planwatch.report.layout import TableLayout, layout_table, select_table
from planwatch.report.narrative import Narrative


@dataclass
class ReportContent:
    title: str
    layout: TableLayout
    full: bool = False
    narrative: Narrative | None = None
    charts: list[Chart] = field(default_factory=list)
    chart_files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str | None:
        return self.narrative.summary if self.narrative else None


def assess_rows(table: PlanTable) -> list[Assessment]:
    """The assessment engine's judgement of every row, in the table's order."""
    from planwatch.assess import assess_table

    return assess_table(table)


def report_title(doc: PlanDocument, table: PlanTable) -> str:
    """``苏州市2024年国民经济和社会发展计划主要指标完成情况`` (or ``…主要指标预期目标``)."""
    place = doc.jurisdiction.name if doc.jurisdiction else ""
    what = "主要指标完成情况" if table.role is TableRole.REVIEW else "主要指标预期目标"
    return f"{place}{table.year or ''}年国民经济和社会发展计划{what}"


def build_report(
    doc: PlanDocument,
    year: int | None = None,
    *,
    status: bool = False,
    full: bool = False,
    charts: bool | None = None,
    templates: Path | None = None,
    chart_formats: tuple[str, ...] = ("png", "svg"),
) -> ReportContent:
    """Everything a report of ``year`` shows; ``full`` adds summary, charts and narrative.

    ``charts`` (by default: when ``full``) draws one chart per category in ``chart_formats``,
    the images the writer embeds (Word wants PNG, HTML SVG): drawing only those keeps a full
    report well under the 2-second goal.
    """
    charts = full if charts is None else charts
    table = select_table(doc, year)
    review = table.role is TableRole.REVIEW
    assessments = assess_rows(table) if review and (status or full or charts) else None
    layout = layout_table(table, assessments, with_status=status)
    content = ReportContent(report_title(doc, table), layout, full=full)
    if assessments is None:
        if charts:
            content.warnings.append(f"{table.caption}是计划目标表，没有完成情况，不生成图表")
        return content
    if full:
        from planwatch.report.narrative import write_narrative

        content.narrative = write_narrative(doc, table, assessments, templates=templates)
    if charts and chart_formats:
        from planwatch.report.charts import chart_text, draw_charts
        from planwatch.report.fonts import font_warnings

        content.charts = draw_charts(layout, assessments, chart_formats)
        content.warnings.extend(font_warnings(chart_text(layout)))
    return content


def narrative_for(
    doc: PlanDocument, year: int | None = None, *, templates: Path | None = None
) -> Narrative:
    """The completion narrative of a review year (表1); a plan year has none to write."""
    from planwatch.report.narrative import write_narrative
    from planwatch.report.templating import check_template_folder

    if templates is not None:
        check_template_folder(templates)
    table = select_table(doc, year)
    if table.role is not TableRole.REVIEW:
        raise TableNotFound(
            f"{table.caption}是{table.year}年的计划目标表，没有完成情况，无法撰写完成情况段落"
            f"（请用执行年份，如 --year {doc.review_year or (table.year or 1) - 1}）",
            f"{table.year} is a plan year: the narrative needs a review year's table",
        )
    return write_narrative(doc, table, assess_rows(table), templates=templates)
