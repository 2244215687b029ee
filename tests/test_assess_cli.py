"""``planwatch assess`` as a user runs it: the JSON schema, the table, the exit codes."""

from __future__ import annotations

import json

from expected_sample import REVIEW_STATUS_COUNTS

ROW_KEYS = {"no", "category", "name", "target", "actual", "status", "margin", "reason"}
ROW_KEYS |= {"target_spec", "actual_spec"}


def test_json_schema(cli, sample_path):
    result = cli("assess", str(sample_path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"year", "jurisdiction", "summary", "rows"}
    assert (data["year"], data["jurisdiction"], len(data["rows"])) == (2024, "苏州市", 45)
    assert data["summary"] == REVIEW_STATUS_COUNTS
    first = data["rows"][0]
    assert set(first) == ROW_KEYS
    assert (first["status"], first["margin"], first["target_spec"]["kind"]) == (
        "met",
        1.0,
        "growth",
    )
    assert first["actual_spec"]["growth"]["value"] == 6.0


def test_human_output_has_the_table_and_the_summary(cli, sample_path):
    # cli's COLUMNS=200 is wide enough that the summary is one line
    result = cli("assess", str(sample_path), "--year", "2024")
    assert result.returncode == 0, result.stderr
    assert "45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成。" in result.stdout
    assert "社会消费品零售总额" in result.stdout and "未完成" in result.stdout


def test_a_year_without_actuals_is_a_clear_error(cli, sample_path):
    result = cli("assess", str(sample_path), "--year", "2025")
    assert result.returncode == 6
    assert "2025年" in result.stderr
