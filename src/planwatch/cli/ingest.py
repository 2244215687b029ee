"""``planwatch ingest``: read reports and store them, one file or a whole corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, err, out, print_json, styled, user_errors


def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(help="报告文件、目录（递归读取）或通配符（文本、Word、HTML、PDF、Excel）"),
    ],
    as_json: JsonOption = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="只读取，不保存")] = False,
    replace: Annotated[
        bool, typer.Option("--replace", help="用新版本替换已存的同一报告（标题、地区、年份相同）")
    ] = False,
    db: DbOption = None,
) -> None:
    """读取计划报告并保存：一个文件，或目录、通配符下的全部文件。Read and store plan reports."""
    one = paths[0] if len(paths) == 1 else None
    if one is not None and not Path(one).expanduser().is_dir() and not set("*?[") & set(one):
        _ingest_file(paths[0], as_json, dry_run, replace, db)
    else:
        _ingest_corpus(paths, as_json, dry_run, replace, db)


def _ingest_file(path: str, as_json: bool, dry_run: bool, replace: bool, db: str | None) -> None:
    from planwatch.ingest import read_document

    with user_errors():
        doc = read_document(path)
        saved = None
        if not dry_run:
            from planwatch.sources import save_document
            from planwatch.store import database_url, migrated_engine

            saved = save_document(migrated_engine(database_url(db)), doc, path, replace=replace)
    if as_json:
        print_json(doc.public_dict())
        return
    console = out
    console.print(styled("[bold]已读取[/] ", doc.title or path), soft_wrap=True)
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
    if doc.prose_items():
        console.print(f"  正文：{prose_summary(doc)}")
    console.print(f"  章节：{len(doc.sections)}个部分")
    if doc.key_tasks:
        promised = sum(len(task.commitments) for task in doc.key_tasks)
        console.print(f"  重点任务：{len(doc.key_tasks)}项，量化承诺{promised}项")
    if saved is not None:
        verb = {"created": "已保存为", "unchanged": "已存在，未改变：", "updated": "已更新"}
        console.print(styled(f"[green]{verb[saved.status]}计划 #{saved.plan_id}[/]"))
    for warning in doc.warnings:
        err.print(styled("[yellow]警告[/]：", warning), soft_wrap=True)


def prose_summary(doc) -> str:
    """``2026年目标17项，2025年完成情况12项，五年目标2项，五年成效9项``: what the sentences
    state (the results of the five years behind only where there are some)."""

    def year(items) -> str:
        years = sorted({i.year for i in items if i.year})
        return "、".join(f"{y}年" for y in years)

    parts = [
        f"{year(doc.prose_targets)}目标{len(doc.prose_targets)}项",
        f"{year(doc.prose_actuals)}完成情况{len(doc.prose_actuals)}项",
        f"五年目标{len(doc.five_year_goals)}项",
    ]
    if doc.five_year_results:
        parts.append(f"五年成效{len(doc.five_year_results)}项")
    return "，".join(parts)


_SAVED = {"created": "新增", "updated": "更新", "unchanged": "未改变"}


def _ingest_corpus(
    arguments: list[str], as_json: bool, dry_run: bool, replace: bool, db: str | None
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from planwatch.errors import PlanwatchError, UnsupportedDocument
    from planwatch.ingest.batch import expand_paths, ingest_corpus

    with user_errors():
        files, unmatched = expand_paths(arguments)
        for argument in unmatched:
            err.print(styled("[yellow]警告[/]：", f"“{argument}”没有对应的文件"), soft_wrap=True)
        if not files:
            raise UnsupportedDocument("没有找到要读取的文件", "no file matched the arguments")
        save = None
        if not dry_run:
            from planwatch.sources import save_document
            from planwatch.store import database_url, migrated_engine

            engine = migrated_engine(database_url(db))

            def save(doc, source: str):
                return save_document(engine, doc, source, replace=replace)

        columns = (
            TextColumn("读取"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.description}", markup=False),  # a file name as it is
        )
        with Progress(*columns, console=err, transient=True) as progress:
            task = progress.add_task("", total=len(files))

            def advance(result) -> None:
                if not result.ok:
                    progress.console.print(
                        styled("[red]失败[/] ", f"{result.path}：{result.error}"), soft_wrap=True
                    )
                progress.update(task, advance=1, description=result.path.name)

            corpus = ingest_corpus(files, save=save, progress=advance)
        summary = corpus.summary()
        if as_json:
            print_json({"summary": summary, "documents": [_result_json(r) for r in corpus.results]})
        else:
            _print_summary(summary, corpus, dry_run)
        if summary["read"] == 0:
            raise PlanwatchError(
                f"{summary['documents']}份文件全部无法读取", "nothing could be read"
            )


def _result_json(result) -> dict:
    return {
        "path": str(result.path),
        "ok": result.ok,
        "error": result.error,
        "title": result.title,
        "jurisdiction": result.jurisdiction,
        "tables": result.tables,
        "rows": result.rows,
        "warnings": result.warnings,
        "plan_id": result.saved.plan_id if result.saved is not None else None,
        "saved": result.saved.status if result.saved is not None else None,
    }


def _print_summary(summary: dict[str, int], corpus, dry_run: bool) -> None:
    out.print(
        styled(
            f"[bold]共{summary['documents']}份文件[/]：读取{summary['read']}份，"
            f"失败{summary['failed']}份；表格{summary['tables']}个，指标{summary['rows']}行，"
            f"警告{summary['warnings']}条"
        )
    )
    for result in corpus.read:
        for warning in result.warnings:
            err.print(styled("[yellow]警告[/] ", f"{result.path}：{warning}"), soft_wrap=True)
    if not dry_run:
        counts: dict[str, int] = {}
        for result in corpus.read:
            counts[result.saved.status] = counts.get(result.saved.status, 0) + 1
        saved = "，".join(f"{_SAVED[s]}{n}份" for s, n in counts.items() if n)
        out.print(f"  已保存：{saved or '无'}")
