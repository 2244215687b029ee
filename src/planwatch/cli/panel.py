"""``planwatch panel``: targets and results across jurisdictions and years, one tidy row per
jurisdiction × year × indicator, printed or written as CSV, Excel, JSON or Parquet."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, err, out, print_json, styled, user_errors

if TYPE_CHECKING:
    from planwatch.panel import PanelResult

_FORMATS = ("csv", "xlsx", "json", "parquet")


def panel(
    refs: Annotated[
        list[str] | None,
        typer.Argument(help="报告文件、文件夹或已存计划（编号或“苏州市2025”），可多个"),
    ] = None,
    every_stored: Annotated[
        bool, typer.Option("--all", help="加入所有已存计划，并把结果存为网页上的面板")
    ] = False,
    stored: Annotated[
        bool,
        typer.Option("--stored", help="不重新生成，直接导出数据库中已存的面板（适合全国规模）"),
    ] = False,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="输出格式：csv、xlsx、json、parquet")
    ] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """跨地区、跨年份的目标与完成情况面板。Targets and results across places and years."""
    from planwatch.errors import EmptyPanel, PlanwatchError
    from planwatch.panel import PanelFormat, build_panel, panel_json, write_panel
    from planwatch.sources import panel_documents

    with user_errors():
        chosen = _format(fmt, output)
        if stored:
            _export_stored(db, output, chosen, as_json)
            return
        if not refs and not every_stored:
            raise PlanwatchError(
                "请给出报告文件、文件夹或已存计划，或用 --all 取所有已存计划",
                "give files, folders or stored plans, or --all",
            )
        documents, failed = panel_documents(refs or [], db, every_stored=every_stored)
        result = build_panel(documents)
        result.refused[:0] = failed  # filled while the documents were read
        if not result.rows:
            _print_refused(result)
            raise EmptyPanel(
                "没有可纳入面板的目标或完成情况", "no targets or results to put in a panel"
            )
        if every_stored:
            _store(result, db)
        if output is not None:
            write_panel(result.rows, output, PanelFormat(chosen or "csv"))
    if as_json:
        print_json(
            {
                "rows": [r.as_dict() for r in result.rows],
                "refused": [{"source": s, "reason": why} for s, why in result.refused],
                "warnings": result.warnings,
            }
        )
        return
    if chosen == "json" and output is None:
        typer.echo(panel_json(result.rows))
        return
    _print_summary(result, output)


def _export_stored(db: str | None, output: Path | None, chosen: str | None, as_json: bool) -> None:
    """The stored panel, streamed from the database to the file (or as JSON)."""
    from planwatch.errors import EmptyPanel
    from planwatch.panel import PanelFormat, write_panel
    from planwatch.store import database_url, iter_panel_rows, migrated_engine, panel_size

    engine = migrated_engine(database_url(db))
    count = panel_size(engine)
    if not count:
        raise EmptyPanel(
            "数据库中还没有面板：先运行 planwatch panel --all", "no stored panel: run panel --all"
        )
    if as_json or output is None:
        print_json({"rows": [row.as_dict() for row in iter_panel_rows(engine)]})
        return
    write_panel(iter_panel_rows(engine), output, PanelFormat(chosen or "csv"))
    out.print(f"已导出数据库中的面板：{count}行 → {output}")


def _format(fmt: str | None, output: Path | None) -> str | None:
    from planwatch.errors import PlanwatchError

    chosen = fmt or (output.suffix.lstrip(".").lower() if output is not None else None)
    if chosen is not None and chosen not in _FORMATS:
        raise PlanwatchError(
            f"不认识的格式“{chosen}”，可用：{'、'.join(_FORMATS)}",
            f"unknown format {chosen!r}; use one of {', '.join(_FORMATS)}",
        )
    return chosen


def _store(result: PanelResult, db: str | None) -> None:
    from planwatch.store import database_url, migrated_engine, replace_panel

    count = replace_panel(migrated_engine(database_url(db)), result.rows, "cli")
    out.print(f"已将面板存入数据库：{count}行（网页“面板”页可查看）")


def _print_summary(result: PanelResult, output: Path | None) -> None:
    from planwatch.cli.terminal import Column, print_table

    rows = result.rows
    counts: dict[tuple[str, int], list[int]] = {}  # rows, targets, results, pairs
    for r in rows:
        tally = counts.setdefault((r.jurisdiction, r.year), [0, 0, 0, 0])
        for i, present in enumerate((True, r.target, r.actual, r.target and r.actual)):
            tally[i] += bool(present)
    judged = Counter(r.status_zh for r in rows if r.status_zh)
    paired = sum(tally[3] for tally in counts.values())
    columns = [Column(c) for c in ("地区", "年份", "行数", "目标", "完成情况", "已配对")]
    lines = [
        (place, str(year), *map(str, tally)) for (place, year), tally in sorted(counts.items())
    ]
    print_table(out, columns, lines, title="面板")
    statuses = "，".join(f"{status}{n}行" for status, n in judged.most_common())
    out.print(
        f"共{len(rows)}行，{len(counts)}个地区年份，"
        f"其中{paired}行目标与完成情况已配对（{statuses or '无'}）"
    )
    unsure = sum(1 for r in rows if r.match == "unsure")
    conflicts = sum(1 for r in rows if r.conflict)
    if unsure or conflicts:
        out.print(f"指标匹配不确定{unsure}行、来源之间有冲突{conflicts}行（见 match、conflict 列）")
    if output is not None:
        out.print(f"已写出：{output}")
    for warning in result.warnings:
        err.print(styled("[yellow]警告[/]：", warning), soft_wrap=True)
    _print_refused(result)


def _print_refused(result: PanelResult) -> None:
    for source, reason in result.refused:
        err.print(styled("[yellow]未纳入[/]：", f"{source}：{reason}"), soft_wrap=True)
