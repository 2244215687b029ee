"""``planwatch lint``: check a draft report for internal consistency.

Exit code 0 when no finding is an error, 1 otherwise (warnings and infos do not fail), so
a script or CI step can stop a report that contradicts itself.
"""

from __future__ import annotations

import typer

from planwatch.cli.common import (
    DbOption,
    JsonOption,
    PlanArgument,
    out,
    print_json,
    styled,
    user_errors,
)

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def lint(plan: PlanArgument, as_json: JsonOption = False, db: DbOption = None) -> None:
    """检查报告内部是否一致：个数、总数、叙述与表格、声明的指标变化、序号、单位。"""
    from rich.text import Text

    from planwatch.cli.terminal import Column, print_table
    from planwatch.lint import has_errors, lint_document
    from planwatch.sources import load_plan

    with user_errors():
        loaded = load_plan(plan, db)
        findings = lint_document(loaded.document)
    if as_json:
        print_json({"findings": [f.model_dump(mode="json") for f in findings]})
    elif not findings:
        out.print(styled("", f"{loaded.label}：未发现问题。", style="green"), soft_wrap=True)
    else:
        columns = [Column("代码"), Column("级别"), Column("问题", True), Column("依据", True)]
        rows = [
            (
                f.code,
                Text(f.severity.zh, style=STYLE[f.severity.value]),
                f.message,
                "\n".join(f.evidence),
            )
            for f in findings
        ]
        title = f"{loaded.label}：{_summary(findings)}"
        print_table(out, columns, rows, title=title, show_lines=True)
    if has_errors(findings):
        raise typer.Exit(1)


def _summary(findings) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.severity.zh] = counts.get(f.severity.zh, 0) + 1
    return "，".join(f"{level}{n}项" for level, n in counts.items())
