"""The docs stay honest: every command is documented, and every linked page exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.cli import COMMANDS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _command_name(function) -> str:
    return function.__name__.replace("_", "-")


@pytest.mark.parametrize("command", COMMANDS, ids=_command_name)
def test_every_command_is_in_the_readme(command):
    assert f"planwatch {_command_name(command)}" in README


def test_linked_docs_exist():
    links = re.findall(r"\]\((docs/[^)]+)\)", README)
    assert links, "the README links to the docs"
    for link in links:
        assert (ROOT / link).is_file(), link


def test_quickstart_has_the_two_commands_ci_runs():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    assert "make demo" in quickstart and "make test" in quickstart
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_exit_code_is_in_the_readme():
    from planwatch import errors

    codes = {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.PlanwatchError)
    }
    line = README.split("Exit codes", 1)[1].split("\n\n", 1)[0]
    for code in sorted(codes):
        assert f"{code} " in line, f"exit code {code} is not explained in the README"
