"""The declared-changes paragraph: parsing it, and holding it against the tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.ingest import read_document
from planwatch.lineage import diff_plans, find_declaration, parse_declared_changes, split_names
from planwatch.lineage.declared import count_word

LONG = "制造业智能化改造、数字化转型、网络化联接企业数"


def planted(sample_path: Path, tmp_path: Path, old: str, new: str):
    """The sample with one passage changed, written out and read back like any report."""
    text = sample_path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / "planted.txt"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return read_document(path)


def test_sample_paragraph_is_found_and_parsed(sample_doc):
    text = find_declaration(sample_doc)
    assert text.startswith("由于落实省相关工作要求")
    declared = parse_declared_changes(text, [LONG])
    assert declared.base_year == 2024
    assert declared.added == ["新增就业参保大学生人数"]
    assert declared.removed == ["政务服务可网办率", "普惠性幼儿园覆盖率"]
    assert declared.replaced[0] == (LONG, "建成智能工厂数")
    assert len(declared.replaced) == 4 and declared.count_problems == []


def test_a_name_with_a_pause_mark_stays_whole_when_the_tables_know_it():
    assert split_names(f"{LONG}、政务服务可网办率", [LONG]) == [LONG, "政务服务可网办率"]
    assert split_names(f"{LONG}、政务服务可网办率", []) == [*LONG.split("、"), "政务服务可网办率"]


@pytest.mark.parametrize(
    ("word", "value"), [("2", 2), ("两", 2), ("六", 6), ("十八", 18), ("二十", 20), ("甲", None)]
)
def test_count_words(word, value):
    assert count_word(word) == value


def test_a_count_that_disagrees_with_the_list_is_reported():
    declared = parse_declared_changes("与2024年相比，删减甲指标、乙指标3个指标，增加丙指标两个指标")
    assert declared.removed == ["甲指标", "乙指标"] and declared.added == ["丙指标"]
    assert declared.count_problems == [
        "文字称删减3个指标，但列出2个：甲指标、乙指标",
        "文字称增加两个指标，但列出1个：丙指标",
    ]


def test_a_misnamed_successor_in_the_paragraph_is_found(sample_path, tmp_path):
    doc = planted(sample_path, tmp_path, "替换为新开工城中村改造", "替换为新开工城中村改造项目")
    messages = [m.message for m in diff_plans(doc).mismatches]
    assert (
        "文字称“新开工改造城镇老旧小区”替换为“新开工城中村改造项目”，"
        "但表中对应的是“新开工城中村改造”（名称相似度89%）"
    ) in messages


def test_an_undeclared_removal_is_found(sample_path, tmp_path):
    doc = planted(
        sample_path,
        tmp_path,
        "政务服务可网办率、普惠性幼儿园覆盖率2个指标",
        "普惠性幼儿园覆盖率1个指标",
    )
    mismatch = [m for m in diff_plans(doc).mismatches if m.declared is None]
    assert [(m.message, m.found) for m in mismatch] == [
        ("表中删减“政务服务可网办率”，但文字未声明", "政务服务可网办率")
    ]


def test_a_declared_addition_missing_from_the_table(sample_path, tmp_path):
    doc = planted(
        sample_path,
        tmp_path,
        "增加新增就业参保大学生人数1个指标",
        "增加新增就业参保大学生人数、每万人口公共充电桩数2个指标",
    )
    messages = [m.message for m in diff_plans(doc).mismatches]
    assert "文字称增加“每万人口公共充电桩数”，但新表中没有该指标" in messages


def test_a_report_without_the_paragraph_has_no_declared_changes(sample_path, tmp_path):
    text = sample_path.read_text(encoding="utf-8")
    start = text.index("由于落实省相关工作要求")
    path = tmp_path / "without.txt"
    path.write_text(text[:start] + text[text.index("\n", start) :], encoding="utf-8")
    result = diff_plans(read_document(path))
    assert result.declared is None and result.mismatches == []
    assert result.public_dict()["declared"] == {"added": [], "removed": [], "replaced": []}
