"""``planwatch assess``: every target of a report's table of actuals judged, with reasons."""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, PlanArgument, out, print_json, user_errors
from planwatch.errors import PlanwatchError

STYLE = {
    "met": "green",
    "nearly_met": "cyan",
    "not_met": "bold red",
    "expected": "blue",
    "pending": "yellow",
    "unassessable": "magenta",
}


def parse_overrides(pairs: list[str] | None) -> dict:
    """``名称=方向`` pairs from the command line."""
    from planwatch.model import Direction  # pydantic loads only when a command runs

    overrides: dict[str, Direction] = {}
    for pair in pairs or []:
        name, _, value = pair.rpartition("=")
        try:
            overrides[name.strip()] = Direction(value.strip())
        except ValueError:
            choices = "、".join(d.value for d in Direction if d is not Direction.UNKNOWN)
            raise PlanwatchError(
                f"--direction “{pair}” 应写成“指标名称=方向”，方向可用：{choices}",
                f"--direction expects NAME=DIRECTION, one of {choices}",
            ) from None
        if not name.strip():
            raise PlanwatchError(f"--direction “{pair}” 缺少指标名称", "missing indicator name")
    return overrides


def check_overrides_named_rows(overrides: dict, table) -> None:
    """Refuse an override naming no row of the assessed table: a typo would change nothing."""
    from planwatch.lineage.names import similarity

    names = [row.name for row in table.rows]
    for name in overrides:
        if name in names:
            continue
        close = sorted(
            (n for n in names if similarity(name, n) >= 60), key=lambda n: -similarity(name, n)
        )
        hint = f"。是否指：{'、'.join(f'“{n}”' for n in close[:3])}？" if close else ""
        caption = table.caption or f"{table.year or ''}年指标表"
        raise PlanwatchError(
            f"--direction 的指标“{name}”不在“{caption}”中{hint}",
            f"--direction names '{name}', which is no row of the table assessed",
        )


def assess(
    plan: PlanArgument,
    year: Annotated[
        int | None, typer.Option("--year", help="评估该年的表（默认：带完成情况的表）")
    ] = None,
    directions: Annotated[
        list[str] | None,
        typer.Option(
            "--direction",
            help="本次评估覆盖指标方向，如 “居民消费价格总水平涨幅=ceiling”（可重复）",
        ),
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """评估每项指标的完成情况。Judge every target against its actual, with the reason."""
    from planwatch.assess import assess_document, format_margin
    from planwatch.sources import load_plan

    with user_errors():
        overrides = parse_overrides(directions)
        document = load_plan(plan, db).document.with_directions(overrides)
        result = assess_document(document, year)
        check_overrides_named_rows(overrides, result.table)
    if as_json:
        print_json(result.to_json())
        return
    from rich.text import Text  # only the table printed needs rich (issue 17: --json starts fast)

    from planwatch.cli.terminal import Column, print_paragraph, print_table

    columns = [Column(c) for c in ("序号", "指标名称", "预期目标", "完成情况", "评估", "差距")]
    rows = [
        (
            str(row.no or ""),
            row.name,
            row.target or "",
            row.actual or "",
            Text(found.status.zh, style=STYLE[found.status.value]),
            format_margin(found),
            found.reason,
        )
        for row, found in result.rows
    ]
    title = result.table.caption or f"{result.year or ''}年指标完成情况"
    print_table(out, [*columns, Column("理由", long=True)], rows, title=title, show_lines=True)
    print_paragraph(out, f"{result.sentence}。", style="bold")
