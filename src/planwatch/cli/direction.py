"""``planwatch direction``: override which way is good for one stored indicator."""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli.common import DbOption, out, user_errors

CLEAR = "catalogue"


def direction(
    name: Annotated[str, typer.Argument(help="指标名称，与表中一致")],
    value: Annotated[
        str | None,
        typer.Argument(
            help="higher_better（越高越好）、lower_better（越低越好）、ceiling（上限）、"
            f"band（区间）；{CLEAR} 恢复指标目录的默认值；省略则显示当前方向"
        ),
    ] = None,
    jurisdiction: Annotated[
        str | None,
        typer.Option("--jurisdiction", help="地区，如“苏州市”（同名指标多于一个时必填）"),
    ] = None,
    db: DbOption = None,
) -> None:
    """设置或查看指标的方向（覆盖指标目录）。Override an indicator's direction."""
    from planwatch.phrases import direction_for
    from planwatch.store import database_url, find_indicator, migrated_engine, set_direction

    with user_errors():
        engine = migrated_engine(database_url(db))
        info = find_indicator(engine, name, jurisdiction)
        if value is not None:
            set_direction(engine, info.id, None if value == CLEAR else value, actor="cli")
            info = find_indicator(engine, name, jurisdiction)
    catalogue = direction_for(info.name).value
    if info.direction:
        out.print(
            f"{info.name}（{info.jurisdiction}）：{info.direction}（用户设定；目录为 {catalogue}）"
        )
    else:
        out.print(f"{info.name}（{info.jurisdiction}）：{catalogue}（指标目录）")
