"""``--help`` as planwatch lays it out (``cli/help.py``): within the terminal's width by
display width, broken by the Chinese rules, every option and its words there, no rich."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.cli.help import HELP_MIN, INDENT
from planwatch.linebreak import NO_START, display_width

GROUP = get_command(app)
COMMANDS = sorted(GROUP.commands)  # type: ignore[attr-defined]
WIDTHS = (40, 57, 80, 120)


def shown(*args: str, width: int) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result.output


def params(name: str) -> list:
    command = GROUP.commands[name]  # type: ignore[attr-defined]
    ctx = command.make_context(name, [], parent=None, resilient_parsing=True)
    return [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]


def squeezed(text: str) -> str:
    """The text without spaces or line breaks: a wrap may drop a space where it breaks."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_fits_the_width_and_breaks_by_the_rules(command, width):
    text = shown(*([command] if command else []), width=width)
    lines = text.splitlines()
    assert lines[0].startswith("用法：planwatch")
    too_wide = [line for line in lines if display_width(line) > width]
    assert not too_wide, too_wide
    starts = [line for line in lines if line.strip() and line.strip()[0] in NO_START]
    assert not starts, starts


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_and_its_help_is_there(command):
    text = shown(command, width=80)
    flat = squeezed(text)
    for param in params(command):
        for opt in param.opts if param.param_type_name == "option" else []:
            assert re.search(rf"(^|[ ,]){re.escape(opt)}\b", text, re.M), opt
        if param.help:
            assert squeezed(param.help) in flat, param.help


def test_the_group_lists_each_command_with_its_summary():
    text = shown(width=120)
    for name in COMMANDS:
        line = next(line for line in text.splitlines() if line.startswith(f"  {name} "))
        summary = GROUP.commands[name].help.split("\n\n")[0]  # type: ignore[attr-defined]
        assert squeezed(summary)[:10] in squeezed(line), (name, line)


@pytest.mark.parametrize("width", (40, 80, 200))
def test_defaults_and_required_stay_whole_on_one_line(width):
    text = shown("user", width=width)
    assert any("[默认：viewer]" in line for line in text.splitlines())
    assert any("[必填]" in line for line in text.splitlines())
    serve = shown("serve", width=width)
    assert any("[默认：8000]" in line for line in serve.splitlines())
    assert "[x>=0]" in serve  # --workers min=0, as typer's help said


def _help_column(text: str, option: str) -> int:
    line = next(line for line in text.splitlines() if line.startswith(f"  {option} "))
    head = re.match(rf"  {re.escape(option)}\s+(文本\s+)?", line)
    assert head is not None
    return display_width(head.group(0))


def test_help_starts_in_one_column_after_chinese_types():
    """click's own help measured ``文本`` as 2 characters and put the help out of line."""
    text = shown("user", width=100)
    columns = {_help_column(text, option) for option in ("--role", "--department", "--end")}
    assert len(columns) == 1, columns


def test_a_narrow_terminal_puts_the_help_under_the_names():
    """Too narrow for a help column of ``HELP_MIN``: the help goes under the name, indented
    alike; wide enough, it stands beside the name."""
    lines = shown("serve", width=40).splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("  --forwarded-allow-ips"))
    assert lines[at].strip() == "--forwarded-allow-ips  文本"
    under = lines[at + 1]
    assert under.startswith(" " * INDENT * 3) and under[INDENT * 3] != " "
    assert 40 - INDENT * 3 >= HELP_MIN  # the lines under the names are wide enough to read
    wide = shown("serve", width=120).splitlines()
    beside = next(line for line in wide if line.startswith("  --forwarded-allow-ips"))
    assert "受信任" in beside


def test_the_help_imports_neither_rich_nor_pydantic():
    """The point of drawing it ourselves (issue 17): ``planwatch --help`` at typer's speed."""
    probe = (
        "import runpy, sys\n"
        "sys.argv = ['planwatch', '--help']\n"
        "try:\n"
        "    runpy.run_module('planwatch', run_name='__main__')\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(loaded & {'rich', 'pydantic', 'sqlalchemy'})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "命令 Commands" in result.stdout
    assert "HEAVY []" in result.stderr, result.stderr
