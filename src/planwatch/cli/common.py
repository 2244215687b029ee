"""What every command shares: the consoles, the ``--db`` option and error translation."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from rich.console import Console

from planwatch.errors import PlanwatchError

out = Console(highlight=False)
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认用户数据目录）"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="只输出 JSON")]
PlanArgument = Annotated[str, typer.Argument(help="报告文件路径，或已存计划（编号或“苏州市2025”）")]


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn planwatch's exceptions into a message on stderr and the error's exit code."""
    try:
        yield
    except PlanwatchError as exc:
        err.print(f"[bold red]错误[/]：{exc.message}", soft_wrap=True)
        if exc.english:
            err.print(f"[dim]Error: {exc.english}[/]", soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
