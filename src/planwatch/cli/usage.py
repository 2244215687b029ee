"""click's usage errors in Chinese: ``Missing argument``, ``No such option``, ``Invalid value``….

Why here and not in typer: typer prints click's English (``Usage:``, ``Try 'planwatch --help'
for help.``) in a rich panel. ``ChineseGroup.main`` hands each click error to ``exit_for``,
which prints the Chinese message, the English one as a dim second line (a user may search
for it), the usage line and where help is, then exits with click's own code (2). The value
types --help shows (整数, 文本…) are named here too, so an error and the help agree.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from rich.console import Console

# What a value's type reads as in --help, instead of typer's <str>, <int>, <list[str]>.
_TYPE_ZH = {
    "str": "文本",
    "int": "整数",
    "float": "数值",
    "datetime": "日期时间",
    "path": "路径",
    "file": "文件",
    "directory": "目录",
}


def readable_type(param: Any, ctx: Any) -> str | None:
    """``<bool>`` shows nothing (a flag takes no value), ``<list[str]>`` is ``文本…``."""
    if getattr(param, "is_flag", False):
        return None
    if param.metavar is not None and param.param_type_name == "option":
        return str(param.metavar)
    label = param.display_type(ctx).removeprefix("<").removesuffix(">")
    several = param.nargs != 1 or getattr(param, "multiple", False)
    if label.startswith("list[") and label.endswith("]"):
        label, several = label[5:-1], True
    label = _TYPE_ZH.get(label.removesuffix(" range"), label)
    return label + ("…" if several else "")


_NO_COMMAND = re.compile(r"No such command '(?P<name>.+?)'\.(?: Did you mean (?P<close>.+)\?)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.+)\)")
_NEEDS_VALUE = re.compile(r"Option '(?P<name>.+?)' requires (?:an argument|(?P<n>\d+) arguments)")
_NO_VALUE = re.compile(r"Option '(?P<name>.+?)' does not take a value")


def _names(exc: BaseException) -> set[str]:
    """The class names of the error and its bases: typer vendors click, older typers do not,
    so the classes are known by name rather than imported from one of the two."""
    return {cls.__name__ for cls in type(exc).__mro__}


def exit_for(exc: BaseException, err: Console) -> NoReturn:
    """Print a click error (or an abort) in Chinese and exit with its code; re-raise others."""
    # imported here: rich's text and the terminal layout are for errors, not for every start
    from rich.text import Text

    from planwatch.cli.terminal import print_paragraph

    names = _names(exc)
    if "Abort" in names:
        err.print(Text("已取消。"))
        err.print(Text("Aborted!", style="dim"))
        sys.exit(1)
    if "ClickException" not in names:
        raise exc
    code = int(getattr(exc, "exit_code", 1))
    if "NoArgsIsHelpError" in names:  # its message is the help (``cli/help.py``): on stdout
        sys.stdout.write(exc.format_message())  # type: ignore[attr-defined]
        sys.exit(code)
    ctx = getattr(exc, "ctx", None)
    print_paragraph(err, chinese_message(exc, names), first=Text("错误：", style="bold red"))
    err.print(Text(f"Error: {' '.join(exc.format_message().split())}", style="dim"))  # type: ignore[attr-defined]
    if ctx is not None:
        err.print(Text(ctx.get_usage()), soft_wrap=True)  # in Chinese: _ChineseHelp.get_usage
        if ctx.command.get_help_option(ctx) is not None:
            err.print(Text(f"帮助：{ctx.command_path} {ctx.help_option_names[0]}"))
    sys.exit(code)


def chinese_message(exc: Any, names: set[str]) -> str:
    """What went wrong, in Chinese, from the error's kind and the parameter it names."""
    param = getattr(exc, "param", None)
    if "MissingParameter" in names:
        return _missing(exc, param)
    if "BadParameter" in names:
        return _bad_value(exc, param)
    if "NoSuchOption" in names:
        close = sorted(getattr(exc, "possibilities", None) or ())
        hint = f"。是否指：{'、'.join(close)}？" if close else "。可用的选项见 --help"
        return f"没有选项 {exc.option_name}{hint}"
    if "FileError" in names:
        return f"无法打开文件“{exc.ui_filename}”：{exc.message}"
    return _usage_message(str(exc.message))


def _missing(exc: Any, param: Any) -> str:
    kind = str(getattr(exc, "param_type", None) or getattr(param, "param_type_name", ""))
    label = {"argument": "参数", "option": "选项"}.get(kind, "参数")
    what = f"缺少{label}"
    if param is None:
        return what
    name = " / ".join(getattr(param, "opts", None) or []) if kind == "option" else ""
    what += f" {name or _display_name(param)}"
    help_text = getattr(param, "help", None) or ""
    choices = [c for c in _choices(param) if c not in help_text]  # the help may list them
    what += f"：{help_text}" if help_text else ""
    return what + (f"（可选：{'、'.join(choices)}）" if choices else "")


def _bad_value(exc: Any, param: Any) -> str:
    if param is None:
        return f"参数值无效：{exc.message}"
    name = " / ".join(getattr(param, "opts", None) or []) or _display_name(param)
    choices = _choices(param)
    if choices:
        return f"{name} 的值无效，可选：{'、'.join(choices)}"
    expected = _expected(param, getattr(exc, "ctx", None))
    return f"{name} 的值无效" + (f"，应为{expected}" if expected else "")


def _expected(param: Any, ctx: Any) -> str | None:
    """The value's kind as --help names it (整数, 数值, 路径), when there is one."""
    try:
        label = readable_type(param, ctx)
    except Exception:  # an unusual parameter type: say nothing rather than something wrong
        return None
    return label.rstrip("…") if label else None


def _display_name(param: Any) -> str:
    return str(getattr(param, "metavar", None) or getattr(param, "name", "") or "")


def _choices(param: Any) -> list[str]:
    """A parameter's allowed values: typer's type descriptor, or click's ``Choice``."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is not None and getattr(descriptor, "is_choice", False):
        return [str(getattr(c, "value", c)) for c in descriptor.choices or ()]
    choices = getattr(getattr(param, "type", None), "choices", None)
    return [str(getattr(c, "value", c)) for c in choices or ()]


def _quoted(names: str) -> str:
    """``'assess', 'progress'`` → ``“assess”、“progress”``."""
    return "、".join(f"“{name.strip().strip(chr(39))}”" for name in names.split(","))


def _usage_message(message: str) -> str:
    """The usage errors click raises as plain text: an unknown command, extra arguments."""
    if match := _NO_COMMAND.match(message):
        close = match["close"]
        hint = f"。是否指：{_quoted(close)}？" if close else "。可用的命令见 --help"
        return f"没有命令“{match['name']}”{hint}"
    if match := _EXTRA.match(message):
        return f"多余的参数：{match['args']}"
    if match := _NEEDS_VALUE.match(message):
        return f"选项 {match['name']} 需要{'一个' if not match['n'] else match['n'] + '个'}值"
    if match := _NO_VALUE.match(message):
        return f"选项 {match['name']} 不带值"
    return "命令行用法不对"
