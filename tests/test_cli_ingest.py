"""The CLI as a user runs it (in process, see ``cli`` in conftest): exact output, exit codes."""

from __future__ import annotations

import json

from expected_sample import PLAN_ROWS, REVIEW_ROWS


def test_ingest_json_shape(cli, sample_path, tmp_path):
    result = cli("ingest", str(sample_path), "--json", "--dry-run")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) >= {
        "title",
        "jurisdiction",
        "review_year",
        "plan_year",
        "date",
        "authority",
        "meeting",
        "tables",
        "sections",
        "warnings",
    }
    assert (data["jurisdiction"], data["date"]) == ("苏州市", "2025-01-12")
    review, plan = data["tables"]
    assert (review["role"], plan["role"]) == ("review", "plan")
    assert len(review["rows"]) == sum(map(len, REVIEW_ROWS.values()))
    assert len(plan["rows"]) == sum(map(len, PLAN_ROWS.values()))
    expected = {
        "no": 36,
        "category": "绿色转型发展",
        "name": "单位地区生产总值能源消耗降低",
        "unit": None,
        "nature": "binding",
        "target": "完成省下达任务",
        "actual": None,
        "department": None,
    }
    assert {key: plan["rows"][35][key] for key in expected} == expected
    assert data["sections"][2]["children"][0]["level"] == 2


def test_ingest_stores_once_then_lists_and_shows(cli, sample_path, tmp_path):
    db = tmp_path / "pw.sqlite"
    first = cli("ingest", str(sample_path), db=db)
    assert first.returncode == 0, first.stderr
    assert "已保存为计划 #1" in first.stdout
    again = cli("ingest", str(sample_path), db=db)
    assert "已存在，未改变：计划 #1" in again.stdout
    listing = json.loads(cli("plans", "--json", db=db).stdout)
    assert [(p["id"], p["jurisdiction"], p["rows"]) for p in listing] == [(1, "苏州市", 89)]
    shown = cli("show", "苏州市2025", "--json", db=db)
    assert [len(t["rows"]) for t in json.loads(shown.stdout)] == [45, 44]


def test_dry_run_stores_nothing(cli, sample_path, tmp_path):
    db = tmp_path / "pw.sqlite"
    cli("ingest", str(sample_path), "--dry-run", db=db)
    assert json.loads(cli("plans", "--json", db=db).stdout) == []


def test_not_a_report_exits_non_zero_without_traceback(cli, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于召开会议的通知\n请准时参加。\n", encoding="utf-8")
    result = cli("ingest", str(path), db=tmp_path / "pw.sqlite")
    assert result.returncode == 3
    assert "未找到指标表" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_unknown_plan_reference(cli, tmp_path):
    result = cli("show", "杭州市2031", db=tmp_path / "pw.sqlite")
    assert result.returncode == 5
    assert "既不是文件，也不是已存计划" in result.stderr


def test_help_lists_the_commands(cli):
    result = cli("--help")
    assert result.returncode == 0
    for command in ("ingest", "plans", "show"):
        assert command in result.stdout


def test_a_cut_copy_does_not_replace_the_stored_report(cli, sample_path, tmp_path):
    db = tmp_path / "pw.sqlite"
    cli("ingest", str(sample_path), db=db)
    cut = tmp_path / "cut.txt"
    lines = sample_path.read_text(encoding="utf-8").splitlines(keepends=True)
    cut.write_text("".join(lines[:174]), encoding="utf-8")
    refused = cli("ingest", str(cut), db=db)
    assert refused.returncode == 10
    assert "已存有同一报告的另一版本：计划 #1（45行、44行" in refused.stderr
    assert [p["rows"] for p in json.loads(cli("plans", "--json", db=db).stdout)] == [89]
    replaced = cli("ingest", str(cut), "--replace", db=db)
    assert "已更新计划 #1" in replaced.stdout


def test_plan_references_that_name_nothing(cli, tmp_path, sample_path):
    db = tmp_path / "pw.sqlite"
    cli("ingest", str(sample_path), db=db)
    for ref in ("99999999999999999999", "#7"):
        result = cli("show", ref, db=db)
        assert result.returncode == 5 and "Traceback" not in result.stderr
    assert cli("show", "#1", "--json", db=db).returncode == 0
    missing_year = cli("show", "1", "--year", "2030", db=db)
    assert missing_year.returncode == 6
    assert "没有2030年的指标表（有：2024、2025）" in missing_year.stderr


def test_show_lists_a_work_reports_five_year_results_apart_from_its_goals(
    cli, tmp_path, real_corpus
):
    db = tmp_path / "pw.sqlite"
    assert cli("ingest", str(real_corpus / "zhejiang_2026_gwr.txt"), db=db).returncode == 0
    shown = cli("show", "浙江省2026", db=db, env={"COLUMNS": "200"})
    assert shown.returncode == 0, shown.stderr
    rows = [line for line in shown.stdout.splitlines() if "年均增长5.9%" in line]
    assert rows and all("五年成效" in row and "五年目标" not in row for row in rows)
    assert any("五年目标" in line and "9万元左右" in line for line in shown.stdout.splitlines())
