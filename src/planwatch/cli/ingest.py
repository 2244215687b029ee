"""``planwatch ingest``: read reports and store them."""

from __future__ import annotations

from typing import Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, err, out, print_json, user_errors


def ingest(
    path: Annotated[str, typer.Argument(help="报告文件（文本、Word、HTML、PDF、Excel）")],
    as_json: JsonOption = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只读取，不保存")] = False,
    db: DbOption = None,
) -> None:
    """读取一份计划报告并保存。Read a plan report and store it."""
    from planwatch.ingest import read_document

    with user_errors():
        doc = read_document(path)
        saved = None
        if not dry_run:
            from planwatch.store import database_url, migrated_engine, save_plan

            saved = save_plan(migrated_engine(database_url(db)), doc, path)
    if as_json:
        print_json(doc.public_dict())
        return
    console = out
    console.print(f"[bold]已读取[/] {doc.title or path}")
    place = doc.jurisdiction.name if doc.jurisdiction else "地区未知"
    years = " / ".join(
        part
        for part in (
            f"{doc.review_year}年执行情况" if doc.review_year else "",
            f"{doc.plan_year}年计划" if doc.plan_year else "",
        )
        if part
    )
    console.print(f"  {place} · {years} · {doc.date or '日期未知'} · {doc.authority or ''}")
    for table in doc.tables:
        console.print(
            f"  {table.caption or '（无表题）'}：{len(table.rows)}行，{len(table.categories)}类"
        )
    console.print(f"  章节：{len(doc.sections)}个部分")
    if saved is not None:
        verb = {"created": "已保存为", "unchanged": "已存在，未改变：", "updated": "已更新"}
        console.print(f"[green]{verb[saved.status]}计划 #{saved.plan_id}[/]")
    for warning in doc.warnings:
        err.print(f"[yellow]警告[/]：{warning}", soft_wrap=True)
