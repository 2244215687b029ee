"""``planwatch narrative``: the paragraph （一）主要计划目标完成情况, written from the data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, PlanArgument, out, print_json, user_errors
from planwatch.cli.report import TemplatesOption, YearOption


def narrative(
    plan: PlanArgument,
    year: YearOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入文本文件（默认打印）")
    ] = None,
    templates: TemplatesOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """撰写完成情况段落、评估小结和未完成指标。Write the completion narrative."""
    from planwatch.report.build import narrative_for
    from planwatch.report.files import check_output
    from planwatch.sources import load_plan

    with user_errors():
        if output is not None:
            check_output(output)
        text = narrative_for(load_plan(plan, db).document, year, templates=templates)
    if as_json:
        print_json(
            {
                "heading": text.heading,
                "paragraph": text.paragraph,
                "summary": text.summary,
                "shortfalls": text.shortfalls,
            }
        )
    elif output is not None:
        output.write_text(text.text, encoding="utf-8")
        out.print(f"已写出完成情况段落 → {output}", soft_wrap=True)
    else:
        typer.echo(text.text, nl=False)
