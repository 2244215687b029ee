"""``lint_document`` and ``planwatch lint``: the clean sample, the registry, docs, exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from planwatch.lint import REGISTRY, Severity, has_errors, lint_document

DOCS = Path(__file__).parent.parent / "docs" / "lint.md"
GENUINE = (
    "文字称“单位地区生产总值建设用地使用面积下降率”替换为“批而未供和闲置土地处置率”，"
    "但表中对应的是“批而未供和闲置土地利用率”（名称相似度83%）"
)


FIXED = ("闲置土地处置率", "闲置土地利用率")  # the sample's one genuine slip, corrected


def test_clean_sample_raises_only_the_genuine_finding(sample_doc):
    [finding] = lint_document(sample_doc)
    assert (finding.code, finding.severity, finding.message) == ("PW301", Severity.ERROR, GENUINE)
    assert finding.evidence == [
        "…总值建设用地使用面积下降率替换为批而未供和闲置土地处置率，新增高新技术企业数替换为有效高…",
        "表2 第41项 批而未供和闲置土地利用率｜完成省下达任务",
    ]


def test_corrected_sample_has_no_findings(sample_variant):
    from planwatch.ingest import read_document

    assert lint_document(read_document(sample_variant("fixed.txt", FIXED))) == []


def test_every_rule_has_a_code_a_severity_a_chinese_title_and_docs():
    documented = set(re.findall(r"^## (PW\d{3})", DOCS.read_text(encoding="utf-8"), re.M))
    assert documented == set(REGISTRY)
    for code, rule in REGISTRY.items():
        assert re.fullmatch(r"PW\d{3}", code) and rule.code == code
        assert isinstance(rule.severity, Severity) and re.search(r"[\u4e00-\u9fff]", rule.title)


def test_cli_json_shape_and_exit_code_on_an_error(cli, sample_path):
    result = cli("lint", str(sample_path), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert list(data) == ["findings"]
    [finding] = data["findings"]
    assert list(finding) == ["code", "severity", "message", "evidence"]
    assert (finding["code"], finding["severity"], finding["message"]) == ("PW301", "error", GENUINE)


def test_cli_exits_zero_without_errors(cli, sample_variant):
    result = cli("lint", str(sample_variant("fixed.txt", FIXED)))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.endswith("fixed.txt：未发现问题。\n")


def test_warnings_alone_do_not_fail(cli, sample_variant):
    path = sample_variant("fixed.txt", FIXED, ("预计人才资源总量", "人才资源总量"))
    result = cli("lint", str(path), "--json")
    codes = [(f["code"], f["severity"]) for f in json.loads(result.stdout)["findings"]]
    assert (result.returncode, codes) == (0, [("PW203", "warning")])


def test_cli_human_output_is_a_table_with_code_and_evidence(cli, sample_path):
    result = cli("lint", str(sample_path))
    assert "错误1项" in result.stdout and "PW301" in result.stdout and "表2 第41项" in result.stdout


def test_cli_lints_a_stored_plan(cli, sample_path, tmp_path):
    db = str(tmp_path / "pw.sqlite")
    assert cli("ingest", str(sample_path), "--db", db).returncode == 0
    result = cli("lint", "苏州市2025", "--json", "--db", db)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["PW301"]


def test_cli_unreadable_input_is_a_message(cli, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_text("关于召开会议的通知\n请准时参加。\n", encoding="utf-8")
    result = cli("lint", str(path))
    assert result.returncode == 3 and "未找到指标表" in result.stderr
    assert "Traceback" not in result.stderr


def test_has_errors_counts_only_errors(sample_doc):
    findings = lint_document(sample_doc)
    assert has_errors(findings)
    assert not has_errors([f.model_copy(update={"severity": Severity.WARNING}) for f in findings])


LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plan_list.txt", []),  # （3个） counts its # sub-row: no finding
        ("plan_list_count.txt", ["计划表“创新驱动”类标注4个指标，实际列出2行（另有1个子项）"]),
        ("web_cells_cut.txt", ["表1“经济发展实力”类标注3个指标，实际列出2行"]),
        ("half_year.txt", []),  # a section that holds the table, not a restating narrative
    ],
)
def test_other_layouts(name, expected):
    from planwatch.ingest import read_document

    findings = lint_document(read_document(LAYOUTS / name))
    assert [f.message for f in findings] == expected
