"""``planwatch diff`` and ``planwatch pair``: indicator changes between years, and a user's rulings.

``diff`` reads one report (表1 against 表2) or two (the tables of the years given), applies the
stored pairing decisions of the jurisdiction and prints what changed. ``pair`` stores, lists and
deletes those decisions.
"""

from __future__ import annotations

from typing import Annotated

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

KIND_HELP = "配对类型：unchanged（不变）、renamed（更名）、replaced（替换）"


def diff(
    plan: PlanArgument,
    other: Annotated[
        str | None, typer.Argument(help="另一份报告或已存计划（省略时比较同一报告的表1与表2）")
    ] = None,
    from_year: Annotated[int | None, typer.Option("--from", help="旧指标表的年份")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="新指标表的年份")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """比较两年的指标：不变、更名、替换、新增、删减，并核对报告声明的变化。"""
    from planwatch.sources import diff_documents, load_plan
    from planwatch.store import database_url

    with user_errors():
        first = load_plan(plan, db).document
        second = load_plan(other, db).document if other else None
        url = database_url(db)
        result = diff_documents(url, first, second, from_year=from_year, to_year=to_year)
    if as_json:
        print_json(result.public_dict())
        return
    _print_diff(result)


def _print_diff(result) -> None:
    from rich.text import Text

    from planwatch.cli.terminal import Column, print_paragraph, print_table
    from planwatch.lineage import ChangeKind

    counts = " · ".join(f"{k.zh} {len(result.of_kind(k))}" for k in ChangeKind)
    heading = Text(f"{result.from_label} → {result.to_label} 指标变化", style="bold")
    print_paragraph(out, counts, first=heading + "：")
    for warning in result.warnings:
        print_paragraph(out, warning, first=Text("注意", style="bold yellow") + "：", rest="  ")
    changed = [p for p in result.pairings if p.kind is not ChangeKind.UNCHANGED]
    if changed:
        columns = [Column("变化"), Column("原指标"), Column("新指标"), Column("说明", long=True)]
        rows = [
            (
                p.kind.zh + ("（已确认）" if p.decided else ""),
                p.old_name or "—",
                p.new_name or "—",
                p.reason,
            )
            for p in changed
        ]
        print_table(out, columns, rows, title="指标配对")
    continuing = [p for p in result.pairings if p.changes]
    if continuing:
        changes = [(p.new_name or "", "\n".join(p.changes)) for p in continuing]
        title = "延续指标的目标、属性、口径变化"
        print_table(out, [Column("指标"), Column("变化", long=True)], changes, title=title)
    if result.declared_note:
        print_paragraph(out, result.declared_note)
    if result.declared is None:
        if not result.declared_note:
            out.print("报告中没有声明指标变化的段落。")
        return
    if not result.mismatches:
        out.print(styled("[green]报告声明的指标变化与表格一致。[/]"))
        return
    out.print(styled(f"[bold red]声明与表格不符（{len(result.mismatches)}处）[/]："))
    for mismatch in result.mismatches:
        print_paragraph(out, mismatch.message, first="  ✗ ", rest="    ")


def pair(
    old: Annotated[str | None, typer.Argument(help="旧指标名称（“-”表示新指标没有前身）")] = None,
    new: Annotated[str | None, typer.Argument(help="新指标名称（省略表示旧指标没有后继）")] = None,
    kind: Annotated[str, typer.Option("--kind", help=KIND_HELP)] = "renamed",
    jurisdiction: Annotated[
        str, typer.Option("--jurisdiction", help="适用地区，如“苏州市”（默认适用所有地区）")
    ] = "",
    note: Annotated[str | None, typer.Option("--note", help="说明")] = None,
    list_: Annotated[bool, typer.Option("--list", help="列出已存的配对决定")] = False,
    delete: Annotated[int | None, typer.Option("--delete", help="删除该编号的决定")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="保存尚未导入的指标名称（不核对已存计划的指标表）")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """确认或更正指标配对，并保存供以后各年使用。Confirm or correct an indicator pairing."""
    from planwatch.store import (
        database_url,
        delete_decision,
        list_decisions,
        migrated_engine,
        save_decision,
    )

    with user_errors():
        engine = migrated_engine(database_url(db))
        if list_:
            decisions = list_decisions(engine, jurisdiction or None)
        elif delete is not None:
            decisions = [delete_decision(engine, delete)]
        else:
            decision = _decision(old, new, kind, jurisdiction, note)
            if not force:
                _check_names_stored(engine, [decision.old_name, decision.new_name])
            decisions = [save_decision(engine, decision)]
    if as_json:
        print_json([d.model_dump(mode="json") for d in decisions])
        return
    if list_:
        _print_decisions(decisions)
    elif delete is not None:
        out.print(f"已删除配对决定 #{delete}：{_describe(decisions[0])}", soft_wrap=True)
    else:
        out.print(f"已保存配对决定 #{decisions[0].id}：{_describe(decisions[0])}", soft_wrap=True)


def _print_decisions(decisions) -> None:
    from planwatch.cli.terminal import Column, print_table

    if not decisions:
        out.print("还没有配对决定。用 planwatch pair 旧指标 新指标 保存一个。")
        return
    columns = [Column("编号"), Column("地区"), Column("决定", long=True), Column("说明", long=True)]
    rows = [
        (str(d.id), d.jurisdiction or "所有地区", _describe(d), d.note or "") for d in decisions
    ]
    print_table(out, columns, rows)


def _decision(old: str | None, new: str | None, kind: str, jurisdiction: str, note: str | None):
    from planwatch.errors import PlanwatchError
    from planwatch.lineage import ChangeKind, PairingDecision

    old = None if old in (None, "-") else old
    if old is None and new is None:
        raise PlanwatchError(
            "请给出旧指标和新指标的名称（或用 --list 查看、--delete 删除）",
            "give OLD and NEW indicator names",
        )
    if old is None:
        kind = ChangeKind.ADDED.value
    elif new is None:
        kind = ChangeKind.REMOVED.value
    allowed = {k.value for k in ChangeKind}
    if kind not in allowed:
        raise PlanwatchError(
            f"未知的配对类型“{kind}”（可用：unchanged、renamed、replaced）", f"unknown kind {kind}"
        )
    return PairingDecision(
        jurisdiction=jurisdiction, old_name=old, new_name=new, kind=ChangeKind(kind), note=note
    )


def _check_names_stored(engine, names: list[str | None]) -> None:
    """Refuse a name no stored plan's table has: a typo would be a ruling that never applies."""
    from planwatch.errors import IndicatorNotFound
    from planwatch.lineage.names import similarity
    from planwatch.store.indicators import table_row_names

    known = table_row_names(engine)
    for name in names:
        if name is None or name in known:
            continue
        if not known:
            raise IndicatorNotFound(
                f"已存计划中没有指标“{name}”：数据库里还没有计划。"
                "先用 planwatch ingest 导入报告，或加 --force 保存尚未导入的指标名称",
                f"no stored plan has an indicator named '{name}'; ingest first or use --force",
            )
        close = sorted(
            (n for n in known if similarity(name, n) >= 60),
            key=lambda n: (-similarity(name, n), n),
        )[:3]
        hint = f"。是否指：{'、'.join(f'“{n}”' for n in close)}？" if close else "。"
        raise IndicatorNotFound(
            f"已存计划的指标表中没有指标“{name}”{hint}若是尚未导入的报告中的指标，请加 --force",
            f"no stored plan's table has an indicator named '{name}' (use --force to save it)",
        )


def _describe(decision) -> str:
    if decision.old_name is None:
        return f"“{decision.new_name}”为新增指标，没有前身"
    if decision.new_name is None:
        return f"“{decision.old_name}”已删减，没有后继"
    return f"“{decision.old_name}”{decision.kind.zh}为“{decision.new_name}”"
