"""``planwatch progress``: this year's targets judged by 序时进度 against a period's figures."""

from __future__ import annotations

import re
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, PlanArgument, out, print_json, user_errors
from planwatch.errors import PlanwatchError

STYLE = {"ahead": "green", "on_track": "cyan", "behind": "bold red"}
STYLE |= {"pending": "yellow", "unassessable": "magenta"}
_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{1,2})|-?[Qq](?P<quarter>[1-4]))?$")


def parse_period(text: str):
    """``2025-06`` (1-6月, cumulative), ``2025Q1`` (第1季度), ``2025`` (the whole year)."""
    from planwatch.model import Period, PeriodKind

    match = _PERIOD.match(text.strip())
    if match is None or (match["month"] and not 1 <= int(match["month"]) <= 12):
        raise PlanwatchError(
            f"--period “{text}” 应写成 2025-06（1-6月累计）、2025Q1（第1季度）或 2025（全年）",
            "--period expects 2025-06, 2025Q1 or 2025",
        )
    year = int(match["year"])
    if match["month"]:
        return Period(kind=PeriodKind.YEAR_TO_DATE, year=year, month=int(match["month"]))
    if match["quarter"]:
        return Period(kind=PeriodKind.QUARTER, year=year, quarter=int(match["quarter"]))
    return Period.of_year(year)


def progress(
    plan: PlanArgument,
    period: Annotated[
        str, typer.Option("--period", help="期间：2025-06（1-6月累计）、2025Q1 或 2025")
    ],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """按序时进度判断本年目标。Judge this year's targets against a period's figures."""
    from rich.text import Text

    from planwatch.assess.progress import progress_sentence, progress_table
    from planwatch.cli.terminal import Column, print_paragraph, print_table
    from planwatch.model import TableRole
    from planwatch.sources import load_plan
    from planwatch.store import database_url, list_indicators, migrated_engine, period_observations

    with user_errors():
        wanted = parse_period(period)
        loaded = load_plan(plan, db)
        table = loaded.document.table_for(TableRole.PLAN, wanted.year)
        if table is None:
            from planwatch.errors import TableNotFound

            raise TableNotFound(
                f"{loaded.label}没有{wanted.year}年的计划表（表2）",
                f"no plan table for {wanted.year}",
            )
        figures: dict[str, str] = {}
        if loaded.plan_id is not None:
            engine = migrated_engine(database_url(db))
            names = {i.id: i.name for i in list_indicators(engine, plan_id=loaded.plan_id)}
            stored = period_observations(engine, list(names), wanted)
            figures = {names[i]: observation.phrase for i, observation in stored.items()}
        rows = progress_table(table, figures, wanted)
    sentence = progress_sentence(rows, wanted)
    if as_json:
        print_json(
            {
                "period": wanted.label,
                "sentence": sentence,
                "rows": [
                    {
                        "no": r.no,
                        "name": r.name,
                        "target": r.target,
                        "actual": r.actual,
                        "status": r.verdict.status.value,
                        "expected": r.verdict.expected,
                        "margin": r.verdict.margin,
                        "reason": r.verdict.reason,
                    }
                    for r in rows
                ],
            }
        )
        return
    columns = [Column(c) for c in ("序号", "指标名称", "年度目标", "完成情况", "序时进度")]
    cells = [
        (
            str(r.no or ""),
            r.name,
            r.target or "",
            r.actual or "",
            Text(r.verdict.status.zh, style=STYLE[r.verdict.status.value]),
            r.verdict.reason,
        )
        for r in rows
    ]
    title = f"{table.caption}：{wanted.label}序时进度"
    print_table(out, [*columns, Column("理由", long=True)], cells, title=title, show_lines=True)
    print_paragraph(out, f"{sentence}。", style="bold")
