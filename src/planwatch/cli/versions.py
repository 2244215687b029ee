"""``planwatch versions``: the earlier versions a ``--replace`` kept, and restoring one."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, out, print_json, user_errors

if TYPE_CHECKING:
    from planwatch.store import PlanVersion


def versions(
    plan: Annotated[str, typer.Argument(help="已存计划（编号或“苏州市2025”）")],
    restore: Annotated[
        int | None, typer.Option("--restore", help="恢复该编号的历史版本（当前内容另存为版本）")
    ] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """列出已存计划被替换前的各版本，或恢复其中一个。List or restore a plan's earlier versions."""
    from planwatch.cli.terminal import Column, print_table
    from planwatch.sources import restore_version
    from planwatch.store import database_url, find_plan_id, migrated_engine, plan_versions

    with user_errors():
        engine = migrated_engine(database_url(db))
        plan_id = find_plan_id(engine, plan)
        if restore is not None:
            saved = restore_version(engine, plan_id, restore, "cli")
            out.print(
                f"已将计划 #{saved.plan_id} 恢复为历史版本 #{restore}（原内容已另存为新版本）"
            )
            return
        kept = plan_versions(engine, plan_id)
    if as_json:
        print_json([{**dataclasses.asdict(v), **_times(v)} for v in kept])
        return
    if not kept:
        out.print(f"计划 #{plan_id} 没有历史版本（从未被 --replace 替换）。")
        return
    from planwatch.clock import beijing

    headers = ("版本", "导入时间（北京时间）", "被替换时间（北京时间）", "替换者", "表/行")
    rows = [
        (
            str(v.id),
            beijing(v.imported_at, _SECONDS),
            beijing(v.replaced_at, _SECONDS),
            v.replaced_by or "",
            f"{v.tables}/{v.rows}",
            v.source_name,
        )
        for v in kept
    ]
    columns = [*(Column(h) for h in headers), Column("来源", long=True)]
    print_table(out, columns, rows, title=f"计划 #{plan_id}")


_SECONDS = "%Y-%m-%d %H:%M:%S"


def _times(version: PlanVersion) -> dict[str, str | None]:
    """The version's times for ``--json``: UTC, as every timestamp of the store."""
    imported = (
        version.imported_at.isoformat(sep=" ", timespec="seconds") if version.imported_at else None
    )
    return {
        "imported_at": imported,
        "replaced_at": version.replaced_at.isoformat(sep=" ", timespec="seconds"),
    }
