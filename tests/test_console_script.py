"""The installed ``planwatch`` executable itself, run as a user runs it, in a real process.

Every other CLI test runs the command in process (the ``cli`` fixture in conftest); these few
check what only a real process shows: the console-script entry point, ``python -m planwatch``,
the real exit status, and that an error leaves no traceback on the real stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from expected_sample import REVIEW_STATUS_COUNTS
from planwatch import __version__

BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def planwatch() -> str:
    found = shutil.which("planwatch", path=str(BIN))
    assert found, f"the console script is not installed beside {sys.executable}"
    return found


def run(*command: str | Path) -> subprocess.CompletedProcess[str]:
    # The autouse fixture has already moved the default database into tmp_path.
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, encoding="utf-8", env=env
    )


def test_help_lists_the_commands(planwatch):
    result = run(planwatch, "--help")
    assert (result.returncode, result.stderr) == (0, "")
    for command in ("ingest", "plans", "show", "assess", "diff", "lint", "report", "serve"):
        assert command in result.stdout


def test_python_dash_m_is_the_same_command():
    result = run(sys.executable, "-m", "planwatch", "--version")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == f"planwatch {__version__}\n"


def test_ingest_then_assess_through_the_executable(planwatch, sample_path, tmp_path):
    db = tmp_path / "pw.sqlite"
    stored = run(planwatch, "ingest", sample_path, "--db", db)
    assert stored.returncode == 0, stored.stderr
    assert "已保存为计划 #1" in stored.stdout
    assessed = run(planwatch, "assess", "苏州市2024", "--json", "--db", db)
    assert assessed.returncode == 0, assessed.stderr
    data = json.loads(assessed.stdout)
    assert (data["year"], data["jurisdiction"], len(data["rows"])) == (2024, "苏州市", 45)
    assert data["summary"] == REVIEW_STATUS_COUNTS


def test_an_error_is_a_chinese_message_and_an_exit_code_not_a_traceback(planwatch, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于召开会议的通知\n请准时参加。\n", encoding="utf-8")
    result = run(planwatch, "ingest", path, "--db", tmp_path / "pw.sqlite")
    assert result.returncode == 3
    assert result.stderr.startswith("错误：") and "未找到指标表" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_usage_error_is_chinese_in_a_real_process(planwatch, tmp_path):
    """click's English (``Usage:``, ``Try … for help``, a rich panel) is replaced, exit code 2."""
    result = run(planwatch, "assess", "--yaer", "2024", tmp_path / "none.txt")
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "错误：没有选项 --yaer。是否指：--year？"
    assert lines[1] == "Error: No such option: --yaer (Possible options: --year)"
    assert lines[2].startswith("用法：planwatch assess [选项]")
    assert lines[3] == "帮助：planwatch assess --help"
    assert "Usage:" not in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_no_arguments_still_prints_the_help(planwatch):
    result = run(planwatch)
    assert result.returncode == 2  # click's code for "no command given", as before
    assert "用法：planwatch [选项] 命令 [参数]…" in result.stdout
    assert "Usage:" not in result.stdout and "ingest" in result.stdout
    assert "错误" not in result.stderr


@pytest.mark.parametrize("argv", [["--version"], ["assess", "没有这个文件.txt"]])
def test_the_entry_point_freezes_the_heap_before_the_process_ends(argv):
    """``main`` leaves the collector nothing to walk at shutdown (0.08 s of a report's run),
    whether the command succeeds or fails; the command's own exit status is kept."""
    code = (
        "import gc, sys\n"
        "from planwatch.cli import main\n"
        f"sys.argv = ['planwatch', *{argv!r}]\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    status = stop.code\n"
        "print(gc.get_freeze_count() > 0, status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    frozen, status = done.stdout.split()[-2:]
    assert frozen == "True"
    assert (status == "0") == (argv == ["--version"])
