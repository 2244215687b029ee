"""``planwatch assess`` as a user runs it: the JSON schema, the table, the exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

PLANWATCH = [sys.executable, "-m", "planwatch"]
ROW_KEYS = {"no", "category", "name", "target", "actual", "status", "margin", "reason"}
ROW_KEYS |= {"target_spec", "actual_spec"}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PLANWATCH, "assess", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "200"},  # wide enough that the summary is one line
    )


def test_json_schema(sample_path):
    result = run(str(sample_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"year", "jurisdiction", "summary", "rows"}
    assert (data["year"], data["jurisdiction"], len(data["rows"])) == (2024, "苏州市", 45)
    assert data["summary"] == {
        "met": 36,
        "nearly_met": 0,
        "not_met": 2,
        "pending": 3,
        "expected": 4,
        "unassessable": 0,
    }
    first = data["rows"][0]
    assert set(first) == ROW_KEYS
    assert (first["status"], first["margin"], first["target_spec"]["kind"]) == (
        "met",
        1.0,
        "growth",
    )
    assert first["actual_spec"]["growth"]["value"] == 6.0


def test_human_output_has_the_table_and_the_summary(sample_path):
    result = run(str(sample_path), "--year", "2024")
    assert result.returncode == 0, result.stderr
    assert "45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成。" in result.stdout
    assert "社会消费品零售总额" in result.stdout and "未完成" in result.stdout


def test_a_year_without_actuals_is_a_clear_error(sample_path):
    result = run(str(sample_path), "--year", "2025")
    assert result.returncode == 6
    assert "2025年" in result.stderr
