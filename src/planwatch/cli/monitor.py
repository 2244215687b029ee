"""``planwatch figures`` / ``bulletin`` / ``late``: in-year figures, the monthly bulletin, and
who has not reported."""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import (
    DbOption,
    JsonOption,
    PlanArgument,
    err,
    out,
    print_json,
    user_errors,
)

PeriodOption = Annotated[
    str, typer.Option("--period", help="期间：2025-06（1-6月累计）、2025Q1 或 2025")
]


def _stored_plan(plan: str, db: str | None):
    from planwatch.store import database_url, find_plan_id, migrated_engine

    engine = migrated_engine(database_url(db))
    return engine, find_plan_id(engine, plan)


def figures(
    file: Annotated[Path, typer.Argument(help="CSV：指标名称,期间,完成情况[,质量,说明,来源]")],
    plan: Annotated[str, typer.Option("--plan", help="已存计划（编号或“苏州市2025”）")],
    replace: Annotated[bool, typer.Option("--replace", help="覆盖已有的不同数值")] = False,
    department: Annotated[
        str | None, typer.Option("--department", help="只接受该部门负责的指标")
    ] = None,
    db: DbOption = None,
) -> None:
    """导入年内数据（月度、季度）。Import in-year figures for a stored plan, all or none."""
    from planwatch.monitor import import_figures

    with user_errors():
        engine, plan_id = _stored_plan(plan, db)
        result = import_figures(
            engine, plan_id, file, "cli", department=department, replace=replace
        )
    periods = result.periods
    span = f"{periods[0]}至{periods[-1]}" if len(periods) > 1 else periods[0]
    out.print(f"已导入{result.stored}条数据（{span}，共{len(periods)}个期间）→ 计划 #{plan_id}")


def bulletin(
    plan: PlanArgument,
    period: PeriodOption,
    fmt: Annotated[str, typer.Option("--format", "-f", help="md、html 或 docx")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="输出文件（md 默认打印）")
    ] = None,
    policy: Annotated[
        Path | None,
        typer.Option("--policy", help="预警阈值文件（TOML，见 docs/monitoring.md）"),
    ] = None,
    db: DbOption = None,
) -> None:
    """生成月度监测简报。Write the monthly monitoring bulletin of a stored plan."""
    from planwatch.errors import PlanwatchError
    from planwatch.monitor import load_board, parse_period
    from planwatch.report.bulletin import (
        FORMATS,
        build_bulletin,
        bulletin_html,
        bulletin_markdown,
        write_bulletin_docx,
    )
    from planwatch.report.files import check_output

    with user_errors():
        if fmt not in FORMATS:
            raise PlanwatchError(
                f"--format 只能是 {'、'.join(FORMATS)}", "--format is md, html or docx"
            )
        if fmt == "docx" and output is None:
            raise PlanwatchError("docx 须用 --output 指定文件", "docx needs --output")
        if output is not None:
            check_output(output)
        rules = None
        if policy is not None:
            from planwatch.assess.monitor import MonitorPolicy
            from planwatch.assess.warnings import load_warning_policy

            rules = MonitorPolicy(warnings=load_warning_policy(policy))
        engine, plan_id = _stored_plan(plan, db)
        board = load_board(engine, plan_id, parse_period(period), rules)
        content = build_bulletin(board, () if fmt == "md" else ("png", "svg"))
        if fmt == "docx" and output is not None:  # checked above: docx needs --output
            write_bulletin_docx(content, output)
        else:
            text = bulletin_markdown(content) if fmt == "md" else bulletin_html(content)
            if output is None:
                sys.stdout.write(text)
                return
            output.write_text(text, encoding="utf-8")
    err.print(f"已生成{content.title}（{fmt}）→ {output}", soft_wrap=True)


def late(
    today: Annotated[
        str | None, typer.Option("--today", help="按此日期计算（默认北京时间的今天，YYYY-MM-DD）")
    ] = None,
    department: Annotated[str | None, typer.Option("--department", help="只看该部门")] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="输出 CSV")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """逾期未报清单。Who has not reported what, and how many days late."""
    from planwatch.clock import beijing_today
    from planwatch.errors import PlanwatchError
    from planwatch.store import LATE_HEADER, database_url, late_requests, migrated_engine

    with user_errors():
        try:
            day = dt.date.fromisoformat(today) if today else beijing_today()
        except ValueError:
            raise PlanwatchError(f"--today “{today}” 应为 YYYY-MM-DD", "bad date") from None
        rows = late_requests(migrated_engine(database_url(db)), day, department)
    table = [r.cells() for r in rows]
    if as_json:
        print_json([dict(zip(LATE_HEADER, row, strict=True)) for row in table])
    elif as_csv:
        from planwatch.report.cells import csv_row

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerows([LATE_HEADER, *(csv_row(row) for row in table)])
    else:
        from planwatch.cli.terminal import Column, print_table

        if table:
            print_table(out, [Column(h) for h in LATE_HEADER], table)
        out.print(f"逾期未报{len(table)}项（截至{day.isoformat()}）")
