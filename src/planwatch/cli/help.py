"""``--help`` laid out by planwatch: Chinese words, columns by display width, no rich.

Why not typer's rich help: importing its renderer (``typer.rich_utils``, which brings in
rich's markdown, tables and panels) took longer than the whole ``--help`` may (issue 17:
≤ 0.4× a bare ``import sqlalchemy, pydantic, typer, rich``). Why not click's plain help: it
measures text with ``len``, so a Chinese help text runs twice the terminal's width and the
columns after a Chinese type (``文本…``) go out of line. Here every width is a display
width and every line is broken by the rules of ``planwatch.linebreak``, as the terminal's
tables are: a number keeps its unit, closing punctuation never starts a line.

The layout: the usage line, the command's help, then 参数 Arguments, 选项 Options and
命令 Commands, each a list of name, value type and help in columns. When the help column
would be narrower than ``HELP_MIN``, the help goes on its own lines under the name.
"""

from __future__ import annotations

import inspect
import shutil
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from planwatch.cli.usage import readable_type
from planwatch.linebreak import display_width, wrap

INDENT = 2  # before every entry of a section
GAP = 2  # between the columns of an entry
HELP_MIN = 24  # a help column narrower than this reads worse than lines of their own
NAME_CAP = 28  # a name or type wider than this puts its help on the next line
TYPE_CAP = 16
WIDTH_RANGE = (40, 120)  # the terminal's width, kept readable at either end

SECTIONS = (("argument", "参数 Arguments"), ("option", "选项 Options"))
COMMANDS_TITLE = "命令 Commands"
_USAGE_WORDS = (
    ("Usage: ", "用法："),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]…"),
)
DEFAULT = "[默认：{}]"
REQUIRED = "[必填]"


def chinese_usage(usage: str) -> str:
    """click's usage words in Chinese: ``Usage: planwatch [OPTIONS]`` is
    ``用法：planwatch [选项]``."""
    for english, chinese in _USAGE_WORDS:
        usage = usage.replace(english, chinese)
    return usage


def terminal_width() -> int:
    """The width to lay out for: ``COLUMNS`` or the terminal's, within ``WIDTH_RANGE``."""
    low, high = WIDTH_RANGE
    return max(low, min(high, shutil.get_terminal_size((80, 24)).columns))


def help_text(command: Any, ctx: Any, width: int | None = None) -> str:
    """The whole help of a click command or group, ending in a newline."""
    width = width or terminal_width()
    blocks = [_usage(command, ctx, width)]
    description = _description(command)
    if description:
        blocks.append(_paragraphs(description, width))
    for kind, title in SECTIONS:
        entries = [_param_entry(param, ctx) for param in _params(command, ctx, kind)]
        if entries:
            blocks.append([title, *_entries(entries, width)])
    commands = list(_commands(command, ctx))
    if commands:
        blocks.append([COMMANDS_TITLE, *_entries(commands, width)])
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


def _usage(command: Any, ctx: Any, width: int) -> list[str]:
    """``用法：planwatch user [选项] {action} [name] [[ROLE]]``, wrapped with its words
    hanging under the first one after the command (click wraps by ``len``)."""
    lead = chinese_usage(f"Usage: {ctx.command_path} ")
    words = chinese_usage(" ".join(command.collect_usage_pieces(ctx)))
    hang = display_width(lead) if display_width(lead) <= width // 2 else INDENT * 2
    first, *rest = wrap(lead + words, width)
    # the usage's words are spaced, and a wrap drops the space where it breaks
    if not rest:
        return [first]
    return [first, *(" " * hang + line for line in wrap(" ".join(rest), width - hang))]


def _description(command: Any) -> str:
    """The command's docstring without its indentation and what follows ``\\f``."""
    return inspect.cleandoc(command.help or "").partition("\f")[0].strip()


def _paragraphs(text: str, width: int) -> list[str]:
    """Paragraphs (blank-line separated) wrapped, their single line breaks made spaces, as
    typer and click both read a docstring."""
    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        if lines:
            lines.append("")
        lines.extend(wrap(" ".join(paragraph.split("\n")).strip(), width))
    return lines


def _params(command: Any, ctx: Any, kind: str) -> Iterator[Any]:
    for param in command.get_params(ctx):
        if param.param_type_name == kind and not getattr(param, "hidden", False):
            yield param


Entry = tuple[str, str, str, Sequence[str]]  # name, value type, help, markers kept whole


def _param_entry(param: Any, ctx: Any) -> Entry:
    value_type = readable_type(param, ctx) or ""
    markers = []
    range_help = getattr(param, "_get_number_range_help_str", lambda: None)()
    if range_help:
        markers.append(f"[{range_help}]")
    default = _default(param, ctx)
    if default:
        markers.append(DEFAULT.format(default))
    if param.required:
        markers.append(REQUIRED)
    help_line = " ".join((param.help or "").split())
    return _param_name(param), value_type, help_line, markers


def _param_name(param: Any) -> str:
    """``--output, -o`` for an option (and ``/ --no-full`` for its negative); an argument
    by the name its usage shows (``plan``, ``[ROLE]``)."""
    if param.param_type_name == "argument":
        name = getattr(param, "display_name_raw", None) or param.name or ""
        several = param.metavar is None and param.nargs != 1
        return name + ("..." if several else "")
    names = ", ".join(param.opts)
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    return names


def _default(param: Any, ctx: Any) -> str | None:
    """The default as typer words it (``viewer``, ``8000``), or None when none is shown.
    typer's own helpers, the ones its rich help used; a click parameter has neither."""
    extract = getattr(param, "_extract_default_help_str", None)
    describe = getattr(param, "_get_default_string", None)
    if extract is None or describe is None:
        return None
    value = extract(ctx=ctx)
    shown_as_text = isinstance(param.show_default, str)
    if not (shown_as_text or (value is not None and (param.show_default or ctx.show_default))):
        return None
    return describe(ctx=ctx, show_default_is_str=shown_as_text, default_value=value) or None


def _commands(group: Any, ctx: Any) -> Iterator[Entry]:
    """A group's commands with the first paragraph of each one's help."""
    if not hasattr(group, "list_commands"):
        return
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is None or command.hidden:
            continue
        summary = command.short_help or _description(command).split("\n\n")[0]
        yield name, "", " ".join(summary.split()), ()


def _entries(entries: list[Entry], width: int) -> list[str]:
    """Entries in three columns (name, type, help), or, when the help column would be
    narrower than ``HELP_MIN``, the help on lines of its own under the name."""
    name_width = _column((entry[0] for entry in entries), NAME_CAP)
    type_width = _column((entry[1] for entry in entries), TYPE_CAP)
    help_at = INDENT + name_width + GAP + (type_width + GAP if type_width else 0)
    if width - help_at < HELP_MIN:
        help_at = INDENT * 3
    lines: list[str] = []
    for name, value_type, help_line, markers in entries:
        head = " " * INDENT + _pad(name, name_width)
        if value_type:
            head += " " * GAP + _pad(value_type, type_width)
        head = head.rstrip()
        if display_width(head) > width:  # a long list of choices: under the name, wrapped
            lines.append(" " * INDENT + name)
            lines.extend(" " * (INDENT * 2) + part for part in wrap(value_type, width - INDENT * 2))
            head = ""
        body = _help_lines(help_line, markers, width - help_at)
        if body and display_width(head) + GAP <= help_at:
            lines.append(head + " " * (help_at - display_width(head)) + body[0])
            body = body[1:]
        elif head:
            lines.append(head)
        lines.extend(" " * help_at + line for line in body)
    return lines


def _column(texts: Iterable[str], cap: int) -> int:
    """The width of a column: its widest text up to ``cap``; a wider text (a long list of
    choices) does not widen it, and that entry's help moves to the next line instead."""
    return max((w for w in map(display_width, texts) if w <= cap), default=0)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _help_lines(text: str, markers: Sequence[str], width: int) -> list[str]:
    """The help wrapped, then each marker (``[默认：viewer]``) whole on the last line when it
    fits there, else on a line of its own."""
    lines = wrap(text, width) if text else []
    for marker in markers:
        if lines and display_width(lines[-1]) + 1 + display_width(marker) <= width:
            lines[-1] += " " + marker
        else:
            lines.append(marker)
    return lines
