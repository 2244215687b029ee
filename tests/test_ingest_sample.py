"""The bundled report read field by field: tables, metadata, natures, sections."""

from __future__ import annotations

import datetime as dt

import pytest

from expected_sample import PLAN_DECLARED, PLAN_ROWS, REVIEW_DECLARED, REVIEW_ROWS
from planwatch.model import Nature, TableRole


def _flatten(grouped: dict[str, list[tuple]]) -> list[tuple]:
    return [(category, *row) for category, rows in grouped.items() for row in rows]


def test_metadata(sample_doc):
    assert sample_doc.title == (
        "关于苏州市2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告"
    )
    assert sample_doc.jurisdiction.name == "苏州市"
    assert (sample_doc.review_year, sample_doc.plan_year) == (2024, 2025)
    assert sample_doc.date == dt.date(2025, 1, 12)
    assert sample_doc.meeting == "市十七届人大四次会议"
    assert sample_doc.authority == "市发展和改革委员会"
    assert sample_doc.warnings == []


def test_review_table_all_45_rows(sample_doc):
    table = sample_doc.tables[0]
    assert (table.role, table.year) == (TableRole.REVIEW, 2024)
    assert table.caption == "表1  2024年苏州市经济社会发展主要预期目标完成情况"
    got = [(r.category, r.no, r.name, r.target, r.actual) for r in table.rows]
    assert got == _flatten(REVIEW_ROWS)
    assert len(got) == 45


def test_plan_table_all_44_rows(sample_doc):
    table = sample_doc.tables[1]
    assert (table.role, table.year) == (TableRole.PLAN, 2025)
    assert table.caption == "表2  2025年苏州市经济社会发展主要指标预期目标"
    got = [(r.category, r.no, r.name, r.target) for r in table.rows]
    assert got == _flatten(PLAN_ROWS)
    assert all(r.actual is None for r in table.rows)


def test_declared_counts_match_rows(sample_doc):
    assert sample_doc.tables[0].declared_counts == REVIEW_DECLARED
    assert sample_doc.tables[1].declared_counts == PLAN_DECLARED
    assert sum(REVIEW_DECLARED.values()) == 45 and sum(PLAN_DECLARED.values()) == 44


@pytest.mark.parametrize(
    "name",
    [
        "国家级专精特新“小巨人”企业数",
        "省考地表水达到或优于Ⅲ类水体比例",
        "每千人口执业（助理）医师数",
    ],
)
def test_names_exactly_as_printed(sample_doc, name):
    assert sample_doc.tables[0].row_named(name) is not None
    assert sample_doc.tables[1].row_named(name) is not None


def test_multiline_cells_joined_without_spaces(sample_doc):
    review, plan = sample_doc.tables
    assert review.row_named("新增高新技术企业数").target == "净增1500家以上，总量增长10%"
    assert review.row_named("安全生产").actual == "重特大生产安全责任事故起数为0"
    assert plan.row_named("粮食综合生产能力").target == "产量保持稳定，完成省下达粮食播种面积任务"


def test_natures_from_the_statement(sample_doc):
    plan = sample_doc.tables[1]
    binding = {r.name for r in plan.rows if r.nature is Nature.BINDING}
    assert binding == {r[1] for r in PLAN_ROWS["绿色转型发展"]}
    assert all(r.nature is Nature.EXPECTED for r in plan.rows if r.category != "绿色转型发展")
    assert all(r.nature is None for r in sample_doc.tables[0].rows)


def test_section_tree(sample_doc):
    parts = sample_doc.sections
    assert [(s.number, s.title) for s in parts] == [
        ("一、", "2024年国民经济和社会发展计划执行情况"),
        ("二、", "2025年国民经济和社会发展计划安排"),
        ("三、", "完成2025年国民经济和社会发展计划的主要措施"),
    ]
    measures = parts[2]
    assert len(measures.children) == 6
    assert [len(c.children) for c in measures.children] == [3, 3, 3, 3, 3, 3]
    assert measures.children[0].title == "奋力推动经济持续回升向好"
    assert measures.children[5].children[2].title == "坚决守牢安全稳定底线"
    assert "六个方面18项重点任务" in measures.text


def test_section_texts(sample_doc):
    completion = sample_doc.section_titled("主要计划目标完成情况")
    assert completion.level == 2 and completion.number == "（一）"
    assert completion.text.startswith("对照市十七届人大三次会议确定的45个主要指标年度目标")
    growth = sample_doc.section_titled("关于经济增速")
    assert growth.level == 3 and growth.number == "1．"
    assert "GDP增长目标设定为5%以上" in growth.text
    # 4．改革开放全面深化 and 5．民生福祉不断增进 follow each other with no blank line.
    tasks = sample_doc.section_titled("重点任务完成情况")
    assert [c.title for c in tasks.children][3:] == ["改革开放全面深化", "民生福祉不断增进"]


def test_tables_are_not_section_text(sample_doc):
    first = sample_doc.sections[0]
    assert "\t" not in first.text and "地区生产总值\n" not in first.text
    assert not first.text.startswith("表1")
