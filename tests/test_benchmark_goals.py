"""benchmarks/goals.py writes its table into docs/benchmarks.md's block and nowhere else."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("goals", ROOT / "benchmarks" / "goals.py")
assert spec and spec.loader
goals = importlib.util.module_from_spec(spec)
sys.modules["goals"] = goals  # the dataclass looks its module up there
spec.loader.exec_module(goals)


def _rows() -> list:
    return [
        goals.Goal("PDF ≥ 20 docs/s", "4 docs/s", "one process: 3 docs/s", False, "b.py"),
        goals.Goal("report ≤ 0.7 s", "0.68 s", "cache off: 1.7 s", True, "r.py --x"),
        goals.Goal("table", "6 s", "—", None, "a.py"),
    ]


def test_the_block_replaces_only_what_lies_between_the_markers(tmp_path: Path) -> None:
    page = f"# 基准\n\n前言 ¹\n\n{goals.BEGIN}\nold figures\n{goals.END}\n\n## 后文\n尾\n"
    block = goals.table(_rows(), "Measured today.")
    written = goals.replace_block(page, block)
    before, after = page.split(goals.BEGIN)[0], page.split(goals.END)[1]
    assert written.startswith(before) and written.endswith(after)
    assert "old figures" not in written
    assert written.count(goals.BEGIN) == 1 and written.count(goals.END) == 1
    assert goals.replace_block(written, block) == written  # a second run changes nothing


def test_each_goal_is_a_row_with_its_verdict_and_command() -> None:
    block = goals.table(_rows(), "Measured today.")
    rows = [line for line in block.splitlines() if line.startswith("| ") and "---" not in line]
    assert rows[0].startswith("| goal | this run | reference, same run | met |")
    assert rows[1] == "| PDF ≥ 20 docs/s | 4 docs/s | one process: 3 docs/s | **no** | `b.py` |"
    assert rows[2].endswith("| yes | `r.py --x` |")
    assert rows[3].endswith("| — | `a.py` |")
    assert "Measured today." in block


def test_a_page_without_the_block_is_refused() -> None:
    with pytest.raises(SystemExit, match="no generated block"):
        goals.replace_block("# 基准\n", "block")
    with pytest.raises(SystemExit):
        goals.replace_block(f"{goals.END}\n{goals.BEGIN}\n", "block")  # markers out of order


def test_the_benchmarks_page_holds_the_block_once() -> None:
    text = (ROOT / "docs" / "benchmarks.md").read_text(encoding="utf-8")
    assert text.count(goals.BEGIN) == 1 and text.count(goals.END) == 1
    assert text.index(goals.BEGIN) < text.index(goals.END)
