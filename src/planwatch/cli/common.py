"""What every command shares: the consoles, the ``--db`` option and error translation."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer
from typer.core import TyperCommand, TyperGroup

from planwatch.cli.help import chinese_usage, help_text
from planwatch.cli.usage import exit_for
from planwatch.errors import PlanwatchError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text


class _Console:
    """A rich ``Console`` made on first use: importing rich's console and text costs about
    20 ms, which ``--help`` and the ``--json`` commands never need (issue 17).

    rich fixes a console's width from ``COLUMNS`` when it is made, so each run of the command
    starts with none made (``ChineseGroup.main``): the width is the run's own, also when the
    tests run many commands in one process."""

    def __init__(self, stderr: bool) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def forget(self) -> None:
        self._console = None

    def _made(self) -> Console:
        if self._console is None:
            from rich.console import Console

            # markup=False: what reports and users wrote ([1], [red], pip install
            # 'planwatch[parquet]') is printed as it is; our own styling goes through ``styled``.
            self._console = Console(stderr=self._stderr, highlight=False, markup=False)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._made(), name)

    # rich's live displays (the progress bar of a batch) enter the console they are given;
    # ``with`` looks these up on the class, not through ``__getattr__``
    def __enter__(self) -> Console:
        return self._made().__enter__()

    def __exit__(self, *exc: object) -> None:
        self._made().__exit__(*exc)


out = cast("Console", _Console(stderr=False))
err = cast("Console", _Console(stderr=True))

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="数据库：SQLite 文件路径或 SQLAlchemy URL（默认用户数据目录）"),
]
JsonOption = Annotated[bool, typer.Option("--json", help="只输出 JSON")]
PlanArgument = Annotated[str, typer.Argument(help="报告文件路径，或已存计划（编号或“苏州市2025”）")]


HELP_TEXT = "显示帮助并退出。"


class _ChineseHelp:
    """A command whose ``--help`` is in Chinese: its text, and readable value types."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option

    def get_usage(self, ctx: Any) -> str:
        """``用法：planwatch assess [选项] {plan}``, in --help and under a usage error alike."""
        return chinese_usage(str(super().get_usage(ctx)))  # type: ignore[misc]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """planwatch's own layout (``cli/help.py``), not typer's rich panels."""
        formatter.write(help_text(self, ctx))


class ChineseCommand(_ChineseHelp, TyperCommand):
    pass


class ChineseGroup(_ChineseHelp, TyperGroup):
    """The ``planwatch`` group: Chinese help, and click's usage errors in Chinese too."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run as click would, but print a usage error ourselves (``cli/usage.py``).

        typer prints click's errors in English inside its own ``main``; run non-standalone, the
        error comes back here instead. A command's ``typer.Exit(n)`` comes back as the return
        value ``n``; planwatch's commands return nothing otherwise.
        """

        def run() -> Any:
            return super(ChineseGroup, self).main(
                args, prog_name, complete_var, False, windows_expand_args, **extra
            )

        out.forget()  # type: ignore[attr-defined]
        err.forget()  # type: ignore[attr-defined]
        if not standalone_mode:
            return run()
        try:
            result = run()
        except Exception as exc:
            exit_for(exc, err)
        sys.exit(result if isinstance(result, int) else 0)


def styled(markup: str, *texts: object, style: str = "") -> Text:
    """Our own styled label (``[yellow]警告[/]：``, rich markup) followed by ``texts`` printed
    exactly as they are, brackets and all (a file ``[1].txt``, a name with ``[red]``)."""
    from rich.text import Text

    line = Text.from_markup(markup)
    for text in texts:
        line.append(str(text), style=style)
    return line


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn planwatch's exceptions into a message on stderr and the error's exit code."""
    try:
        yield
    except PlanwatchError as exc:
        err.print(styled("[bold red]错误[/]：", exc.message), soft_wrap=True)
        if exc.english:
            err.print(styled("[dim]Error: [/]", exc.english, style="dim"), soft_wrap=True)
        raise typer.Exit(exc.exit_code) from None


def print_json(data: Any) -> None:
    """JSON on stdout, UTF-8, Chinese kept readable."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()
