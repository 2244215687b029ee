"""``planwatch tasks``: a stored plan's key-task commitments, assigned and reported like targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from planwatch.cli.common import DbOption, JsonOption, PlanArgument, out, print_json, user_errors
from planwatch.errors import PlanwatchError

if TYPE_CHECKING:
    from planwatch.model import TrackedCommitment


def tasks(
    plan: PlanArgument,
    assign: Annotated[
        str | None, typer.Option("--assign", help="承诺编号（如 13-1），与 --department 同用")
    ] = None,
    department: Annotated[
        str | None, typer.Option("--department", help="责任部门（空字符串清除）")
    ] = None,
    report: Annotated[
        str | None, typer.Option("--report", help="承诺编号（如 13-1），与 --progress 同用")
    ] = None,
    progress: Annotated[
        str | None, typer.Option("--progress", help="进展，如“完成190个”“已完成”")
    ] = None,
    by: Annotated[str, typer.Option("--by", help="记录在审计日志中的操作人")] = "cli",
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """列出、分派、填报重点任务的量化承诺。List, assign and report key-task commitments."""
    from planwatch.cli.terminal import Column, print_table
    from planwatch.monitor.commitments import assign as assign_to
    from planwatch.monitor.commitments import plan_commitments, report_progress
    from planwatch.store import database_url, find_plan_id, migrated_engine

    with user_errors():
        if (assign is None) != (department is None) or (report is None) != (progress is None):
            raise PlanwatchError(
                "--assign 须与 --department 同用，--report 须与 --progress 同用",
                "--assign needs --department and --report needs --progress",
            )
        engine = migrated_engine(database_url(db))
        plan_id = find_plan_id(engine, plan)
        if assign is not None:
            key = assign_to(engine, plan_id, assign, department, by)
            typer.echo(f"已将承诺{key}的责任部门设为{department or '（无）'}", err=True)
        if report is not None and progress is not None:
            key = report_progress(engine, plan_id, report, progress, by)
            typer.echo(f"已记录承诺{key}的进展：{progress.strip()}", err=True)
        tracked = plan_commitments(engine, plan_id)
    if as_json:
        print_json([_as_dict(t) for t in tracked])
        return
    if not tracked:
        out.print(f"计划#{plan_id}的重点任务中没有找到量化承诺。")
        return
    columns = [Column(c) for c in ("编号", "任务", "目标", "部门", "进展", "评估")]
    columns.insert(2, Column("承诺", long=True))
    rows = [
        (
            t.key,
            t.task_number,
            t.name,
            t.phrase,
            t.state.department or "",
            t.state.progress or "",
            t.status.zh if t.status else "未报送",
        )
        for t in tracked
    ]
    print_table(out, columns, rows, title=f"计划#{plan_id}的重点任务量化承诺（{len(rows)}项）")


def _as_dict(t: TrackedCommitment) -> dict:
    return {
        "key": t.key,
        "task": t.task_number,
        "task_title": t.task_title,
        "name": t.name,
        "target": t.phrase,
        "text": t.text,
        "department": t.state.department,
        "progress": t.state.progress,
        "updated_by": t.state.updated_by,
        "updated_at": t.state.updated_at.isoformat() if t.state.updated_at else None,
        "status": t.status.value if t.status else None,
        "status_zh": t.status.zh if t.status else "未报送",
        "reason": t.reason,
    }
