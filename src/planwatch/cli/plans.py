"""``planwatch plans`` and ``planwatch show``: what is stored, and one plan's tables."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, PlanArgument, out, print_json, user_errors
from planwatch.errors import TableNotFound

if TYPE_CHECKING:
    from planwatch.model import PlanTable


def plans(as_json: JsonOption = False, db: DbOption = None) -> None:
    """列出已存的计划。List the stored plans."""
    from planwatch.cli.terminal import Column, print_table
    from planwatch.store import database_url, list_plans, migrated_engine

    with user_errors():
        summaries = list_plans(migrated_engine(database_url(db)))
    if as_json:
        print_json([dataclasses.asdict(s) for s in summaries])
        return
    if not summaries:
        out.print("还没有已存的计划。用 planwatch ingest 文件 导入一份报告。")
        return
    columns = [Column(c) for c in ("编号", "地区", "执行年", "计划年", "日期", "表/行")]
    rows = [
        (
            str(s.id),
            s.jurisdiction or "",
            str(s.review_year or ""),
            str(s.plan_year or ""),
            s.date or "",
            f"{s.tables}/{s.rows}",
            s.title,
        )
        for s in summaries
    ]
    print_table(out, [*columns, Column("标题", long=True)], rows)


def _print_prose(items) -> None:
    """Targets and results stated in sentences, one row each, with their year."""
    from planwatch.cli.terminal import Column, print_table

    columns = [Column("类别"), Column("年份"), Column("指标名称"), Column("表述", long=True)]
    rows = [(item.role.zh, str(item.year or ""), item.name, item.phrase) for item in items]
    print_table(out, columns, rows, title="正文中的目标与完成情况")


def show(
    plan: PlanArgument,
    year: Annotated[int | None, typer.Option("--year", help="只显示该年的表")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """显示一份计划的指标表。Print a plan's indicator tables."""
    from planwatch.cli.terminal import print_paragraph
    from planwatch.sources import load_plan

    with user_errors():
        loaded = load_plan(plan, db)
        doc = loaded.document
        tables = [t for t in doc.tables if year is None or t.year == year]
        prose = [item for item in doc.prose_items() if year is None or item.year == year]
        if not tables and not prose:
            years = "、".join(str(t.year) for t in doc.tables if t.year) or "无"
            raise TableNotFound(
                f"{loaded.label}没有{year}年的指标表（有：{years}）", f"no table for {year}"
            )
    if as_json:
        print_json([t.model_dump(mode="json") for t in tables])
        return
    if prose:
        _print_prose(prose)
    print_paragraph(out, f"{doc.title}（{loaded.label}）", style="bold")
    for source in tables:
        _print_table(source)


def _print_table(source: PlanTable) -> None:
    """One table as the reports lay it out: the category cell on its group's first row."""
    from planwatch.cli.terminal import Column, print_table
    from planwatch.report import layout_table

    layout = layout_table(source)
    columns = [Column(column) for column in layout.columns]
    print_table(out, columns, layout.printed_rows(), title=source.caption)
