"""``planwatch report``: 表1/表2 as Word, Excel, HTML or Markdown, optionally the full draft."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, PlanArgument, err, out, styled, user_errors

YearOption = Annotated[
    int | None, typer.Option("--year", help="表的年份：执行年得表1（完成情况），计划年得表2")
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="自定义模板目录：同名模板优先于内置模板（改措辞无需改代码）"),
]


def report(
    plan: PlanArgument,
    output: Annotated[Path, typer.Option("--output", "-o", help="输出文件")],
    year: YearOption = None,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="docx、xlsx、html 或 md（默认按扩展名）")
    ] = None,
    status: Annotated[bool, typer.Option("--status", help="加“完成状态”列（带颜色）")] = False,
    full: Annotated[
        bool, typer.Option("--full", help="完整报告：表、评估小结、图表、完成情况段落")
    ] = False,
    charts: Annotated[
        Path | None,
        typer.Option("--charts", help="另存各类别图表（PNG 和 SVG）到此目录（执行年）"),
    ] = None,
    templates: TemplatesOption = None,
    db: DbOption = None,
) -> None:
    """生成指标表（Word/Excel/HTML/Markdown）。Write Table 1 or 2, or the full report."""
    from planwatch.report import write_report
    from planwatch.sources import load_plan

    with user_errors():
        loaded = load_plan(plan, db)
        content = write_report(
            loaded.document,
            output,
            fmt,
            year=year,
            status=status,
            full=full,
            templates=templates,
            charts_dir=charts,
        )
    layout = content.layout
    extras = []
    if content.narrative:
        extras.append("评估小结与完成情况段落")
    if content.charts:
        extras.append(f"{len(content.charts)}张图表")
    out.print(
        f"已生成 {layout.caption}：{len(layout.rows)}项指标，{len(layout.groups)}类"
        + (f"，含{'、'.join(extras)}" if extras else ""),
        soft_wrap=True,
    )
    out.print(f"  → {output}", soft_wrap=True)
    if content.chart_files:
        out.print(f"  图表 {len(content.chart_files)} 个文件 → {charts}", soft_wrap=True)
    for warning in content.warnings:
        err.print(styled("[yellow]警告[/]：", warning), soft_wrap=True)
