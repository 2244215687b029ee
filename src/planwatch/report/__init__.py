"""Report: Table 1 / Table 2 as Word, Excel, HTML and Markdown, the narrative, the charts.

``write_report`` builds the content once (``build.build_report``) and hands it to the writer
of the format; a format joins ``WRITERS`` with one line. Writers import python-docx, openpyxl
and matplotlib only when called, so importing this package stays cheap.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import UnknownReportFormat
from planwatch.model import PlanDocument
from planwatch.report.build import ReportContent, build_report
from planwatch.report.files import check_output, temporary_beside
from planwatch.report.layout import STATUS_COLOURS, TableLayout, layout_table, select_table
from planwatch.report.narrative import Narrative, write_narrative
from planwatch.report.templating import check_template_folder


@dataclass(frozen=True)
class Writer:
    suffix: str
    function: str  # "module:function", imported when used
    charts: tuple[str, ...] = ()  # the chart images it embeds in a full report

    def __call__(self, content: ReportContent, out: Path, templates: Path | None) -> None:
        module, name = self.function.split(":")
        getattr(importlib.import_module(module), name)(content, out, templates)


WRITERS: dict[str, Writer] = {
    "docx": Writer(".docx", "planwatch.report.docx_writer:write_docx", ("png",)),
    "xlsx": Writer(".xlsx", "planwatch.report.xlsx_writer:write_xlsx", ("png",)),
    "html": Writer(".html", "planwatch.report.markdown:write_html", ("svg",)),
    "md": Writer(".md", "planwatch.report.markdown:write_markdown"),
}


def format_for(out: Path, fmt: str | None) -> str:
    """The format asked for, else the one the output's suffix names."""
    name = (fmt or out.suffix.lstrip(".")).lower()
    if name not in WRITERS:
        raise UnknownReportFormat(
            f"不支持的报告格式“{name or out.name}”（可用：{'、'.join(WRITERS)}）",
            f"unknown report format {name!r}; use one of {', '.join(WRITERS)}",
        )
    return name


def write_report(
    doc: PlanDocument,
    out: Path,
    fmt: str | None = None,
    *,
    year: int | None = None,
    status: bool = False,
    full: bool = False,
    templates: Path | None = None,
    charts_dir: Path | None = None,
) -> ReportContent:
    """Write the report of ``year`` to ``out``; returns what was written.

    With ``charts_dir`` each category's chart is also saved there as PNG and SVG. The report
    appears whole or not at all: it is written beside ``out`` and renamed into place, so a
    failure never leaves a half-written report over a good one. ``out``'s folder must exist
    (it is never made) and a ``templates`` folder must hold at least one template.
    """
    writer = WRITERS[format_for(out, fmt)]
    check_output(out)
    if templates is not None:
        check_template_folder(templates)
    content = build_report(
        doc,
        year,
        status=status,
        full=full,
        charts=full or charts_dir is not None,
        templates=templates,
        chart_formats=("png", "svg") if charts_dir else writer.charts,
    )
    drawn, content.charts = content.charts, content.charts if content.full else []
    temporary = temporary_beside(out, writer.suffix)
    try:
        writer(content, temporary, templates)
        os.replace(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)
    if charts_dir is not None and drawn:
        from planwatch.report.charts import write_charts

        content.chart_files = write_charts(drawn, charts_dir)
    return content


__all__ = [
    "STATUS_COLOURS",
    "WRITERS",
    "Narrative",
    "ReportContent",
    "TableLayout",
    "UnknownReportFormat",
    "build_report",
    "format_for",
    "layout_table",
    "select_table",
    "write_narrative",
    "write_report",
]
