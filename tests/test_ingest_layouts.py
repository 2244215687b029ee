"""Text layouts of published reports, each fixture with a with-problems twin, field by field.

Fixtures are in tests/fixtures/layouts/: short tables written for these tests in the shapes
real reports take (web-page cells, one cell per line, pipes with a two-level header, a plan
indicator list, a half-year report, site furniture in GB18030).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.ingest import read_document
from planwatch.ingest.metadata import jurisdiction_of, years_of
from planwatch.model import Jurisdiction, Nature, TableRole

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
ROW_FIELDS = ("no", "category", "name", "unit", "nature", "target", "actual", "department")


def rows(name: str, table: int = 0, fields=("category", "name", "target", "actual")):
    doc = read_document(LAYOUTS / name)
    return [tuple(getattr(r, f) for f in fields) for r in doc.tables[table].rows]


def test_web_cells_merged_category_only_on_first_row():
    assert rows("web_cells.txt", fields=("no", "category", "name", "target", "actual")) == [
        (1, "经济发展实力", "地区生产总值", "增长6%左右", "增长5.2%"),
        (2, "经济发展实力", "一般公共预算收入", "增长5%", "增长7.1%"),
        (3, "经济发展实力", "固定资产投资", "增长8%以上", "下降2.3%"),
        (4, "民生保障", "城镇新增就业", "1.2万人", "1.35万人"),
        (5, "民生保障", "居民人均可支配收入", "与经济增长基本同步", "增长5.6%"),
    ]


def test_web_cells_metadata_of_a_district_with_a_split_title():
    doc = read_document(LAYOUTS / "web_cells.txt")
    assert doc.title.endswith("执行情况与2024年国民经济和社会发展计划草案的报告")
    assert doc.jurisdiction == Jurisdiction(name="清河区", level="区", parent="江州市")
    assert (doc.review_year, doc.plan_year, str(doc.date)) == (2023, 2024, "2024-01-09")
    assert doc.authority == "清河区发展和改革局"
    assert doc.tables[0].declared_counts == {"经济发展实力": 3, "民生保障": 2}
    assert (doc.tables[0].role, doc.tables[0].year, doc.warnings) == (TableRole.REVIEW, 2023, [])


def test_web_cells_cut_keeps_complete_rows_and_says_what_was_lost():
    doc = read_document(LAYOUTS / "web_cells_cut.txt")
    assert [r.name for r in doc.tables[0].rows] == ["地区生产总值", "一般公共预算收入"]
    assert doc.warnings[0].startswith("表1在第3行处被截断：最后一行只有3个单元格（应为5个）")
    assert "“3、固定资产投资、增长8%以上”未计入" in doc.warnings[0]


def test_cell_lines_header_declares_growth_in_percent():
    doc = read_document(LAYOUTS / "cell_lines.txt")
    table = doc.tables[0]
    assert (table.role, table.year, len(table.rows)) == (TableRole.REVIEW, 2019, 4)
    first, last = table.rows[0], table.rows[-1]
    assert (first.name, first.unit, first.target, first.actual) == (
        "地区生产总值",
        "%",
        "7左右",
        "6.8",
    )
    assert first.target_parts == {"growth": "7左右"} and first.nature is Nature.EXPECTED
    assert (last.name, last.nature) == ("单位地区生产总值能耗降低", Nature.BINDING)
    assert doc.section_titled("主要指标完成情况").text.startswith("总体来看")


def test_cell_lines_with_a_missing_cell_stops_where_rows_stop_fitting():
    doc = read_document(LAYOUTS / "cell_lines_missing_cell.txt")
    assert [r.name for r in doc.tables[0].rows] == ["地区生产总值"]
    assert (
        "第24行起的单元格与表头的4列对不上（“规模以上工业增加值、8、预期性、社会消费品零售总额”）"
        in (doc.warnings[0])
    )
    assert doc.section_titled("主要指标完成情况").text.startswith("总体来看")


def test_pipes_two_level_header_split_values_and_sub_indicators():
    doc = read_document(LAYOUTS / "pipes.txt")
    table = doc.tables[0]
    assert (table.role, table.year) == (TableRole.PLAN, 2023)  # 2022 actuals beside 2023 plan
    gdp, investment, manufacturing, budget, energy, air = table.rows
    assert (gdp.category, gdp.unit, gdp.nature) == ("经济运行", "亿元", Nature.EXPECTED)
    assert (gdp.actual, gdp.previous, gdp.previous_parts) == (
        None,
        "8029.8亿元，增长3.7%",
        {"absolute": "8029.8", "growth": "3.7"},
    )
    assert (gdp.target, gdp.target_parts) == ("增长5.5%左右", {"growth": "5.5左右"})
    assert (investment.previous, investment.category) == ("增长4.1%", "经济运行")
    assert (manufacturing.name, manufacturing.parent, manufacturing.target) == (
        "制造业投资",
        "固定资产投资",
        "增长10%以上",
    )
    assert (budget.previous, budget.target) == ("612.4亿元，下降2.1%", "同口径增长4%")
    assert (energy.category, energy.previous, energy.nature) == ("绿色发展", None, Nature.BINDING)
    assert (air.target, air.previous) == ("83%左右", "82.5%")
    assert [r.actual for r in table.rows] == [None] * 6  # a plan table has no actuals


def test_pipes_cut_before_the_closing_pipe():
    doc = read_document(LAYOUTS / "pipes_cut.txt")
    assert len(doc.tables[0].rows) == 5
    assert "表2在第6行处被截断" in doc.warnings[0] and "空气质量优良天数比率" in doc.warnings[0]


def test_plan_list_section_rows_are_categories():
    doc = read_document(LAYOUTS / "plan_list.txt")
    table = doc.tables[0]
    assert (table.role, table.year, table.declared_counts) == (
        TableRole.PLAN,
        2024,
        {"创新驱动": 3, "民生福祉": 1},
    )
    firms = table.row_named("高新技术企业数")
    assert (firms.category, firms.unit, firms.department) == ("创新驱动", "家", "县科技局")
    assert (firms.previous, firms.target) == ("126家，增长14.5%", "140家，增长11%")
    assert (firms.actual, firms.previous_parts) == (None, {"absolute": "126", "growth": "14.5"})
    assert table.row_named("新增科技型中小企业").target == "60家以上"
    assert table.row_named("城镇新增就业").category == "民生福祉"


def test_plan_list_without_a_guanyu_title_reads_with_a_warning():
    doc = read_document(LAYOUTS / "plan_list.txt")
    assert doc.title == "青山县2024年国民经济和社会发展主要计划指标"
    assert (doc.jurisdiction.name, doc.jurisdiction.level, doc.plan_year) == ("青山县", "县", 2024)
    assert "未找到以“关于”开头的报告标题" in doc.warnings[-1]


def test_plan_list_declared_count_twin_warns():
    doc = read_document(LAYOUTS / "plan_list_count.txt")
    assert "第1个表“创新驱动”声明4个指标，实际读到3行" in doc.warnings


def test_half_year_report_reviews_its_year_and_plans_none():
    doc = read_document(LAYOUTS / "half_year.txt")
    assert (doc.review_year, doc.plan_year) == (2024, None)
    assert doc.jurisdiction == Jurisdiction(name="临川区", level="区")
    assert doc.meeting == "临川区第七届人民代表大会常务委员会第二十次会议"
    assert rows("half_year.txt", fields=("name", "unit", "target", "actual")) == [
        ("地区生产总值", "亿元", "增长6%", "增长5.4%"),
        ("固定资产投资", "亿元", "增长7%", "增长3.9%"),
    ]


def test_furniture_gb18030_spaced_header_and_mixed_widths():
    doc = read_document(LAYOUTS / "furniture_gb18030.txt")
    assert doc.warnings == ["文件编码为 GB18030，已按该编码读取"]
    assert doc.title.startswith("关于江州市2021年") and str(doc.date) == "2022-01-12"
    assert rows("furniture_gb18030.txt") == [
        ("经济发展", "地区生产总值", "增长8%左右", "增长8.7%"),
        ("经济发展", "一般公共预算收入", "增长6%以上", "增长12.1%"),
        ("绿色低碳", "PM2.5浓度", "35微克/立方米", "31微克/立方米"),
    ]
    assert doc.tables[0].declared_counts == {"经济发展": 2, "绿色低碳": 1}


def test_furniture_twin_without_title_still_reads_its_table():
    doc = read_document(LAYOUTS / "furniture_no_title_gb18030.txt")
    assert doc.title == "" and len(doc.tables[0].rows) == 3
    assert "未找到报告标题（以“关于”开头、以“报告”结尾的行）" in doc.warnings


@pytest.mark.parametrize(
    ("title", "name", "level", "parent"),
    [
        ("关于苏州市2024年国民经济", "苏州市", "市", None),
        ("关于江苏省2024年国民经济", "江苏省", "省", None),
        ("关于江州市清河区2023年国民经济", "清河区", "区", "江州市"),
        ("关于济南市市中区2023年国民经济", "市中区", "区", "济南市"),
        ("关于苏州市昆山市2024年国民经济", "昆山市", "县", "苏州市"),
        ("关于苏州工业园区2024年国民经济", "苏州工业园区", "区", None),
        ("关于广西壮族自治区2024年国民经济", "广西壮族自治区", "省", None),
        ("关于延边朝鲜族自治州延吉市2024年", "延吉市", "县", "延边朝鲜族自治州"),
        ("关于松山县2019年国民经济", "松山县", "县", None),
        ("青山县2024年国民经济和社会发展主要计划指标", "青山县", "县", None),
        ("新乡市人民政府关于印发新乡市2024年国民经济和社会发展计划的通知", "新乡市", "市", None),
        ("关于转发江州市清河区2023年国民经济", "清河区", "区", "江州市"),
    ],
)
def test_jurisdiction_of_titles(title, name, level, parent):
    assert jurisdiction_of(title) == Jurisdiction(name=name, level=level, parent=parent)


@pytest.mark.parametrize(
    ("title", "years"),
    [
        (
            "关于苏州市2024年国民经济和社会发展计划执行情况与2025年国民经济和社会发展计划草案的报告",
            (2024, 2025),
        ),
        ("关于临川区2024年上半年国民经济和社会发展计划执行情况的报告", (2024, None)),
        ("关于江州市2025年国民经济和社会发展计划草案的报告", (None, 2025)),
        ("青山县2024年国民经济和社会发展主要计划指标", (None, 2024)),
    ],
)
def test_years_of_titles(title, years):
    assert years_of(title) == years


def test_every_text_layout_is_described_in_the_docs():
    from planwatch.ingest.text import TEXT_TABLE_FINDERS

    docs = (Path(__file__).parent.parent / "docs" / "ingest.md").read_text(encoding="utf-8")
    assert [f.__name__ for f in TEXT_TABLE_FINDERS if f"`{f.__name__}`" not in docs] == []


# A report copied without its place in the title: the caption or a heading names it.
_NO_PLACE_TITLE = "关于国民经济和社会发展计划执行情况的报告\n——在市人民代表大会上\n\n"
_PIPE_TABLE = """序号 | 指标名称 | 预期目标 | 完成情况 |
1 | 地区生产总值 | 增长6%左右 | 增长5.2% |
2 | 一般公共预算收入 | 增长5% | 增长7.1% |
"""


def _no_place_report(tmp_path: Path, before_table: str, caption: str) -> Path:
    path = tmp_path / "report.txt"
    text = (
        _NO_PLACE_TITLE + before_table + caption + "\n" + _PIPE_TABLE + "\n总体来看，完成较好。\n"
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_jurisdiction_and_year_from_the_caption_when_the_title_lacks_them(tmp_path):
    caption = "表1 2023年苏州市国民经济和社会发展主要指标计划执行情况"
    doc = read_document(_no_place_report(tmp_path, "", caption))
    assert doc.jurisdiction == Jurisdiction(name="苏州市", level="市", parent=None)
    assert (doc.review_year, doc.tables[0].year, doc.tables[0].caption) == (2023, 2023, caption)
    assert f"报告标题未写明地区，已按表题“{caption}”取为苏州市" in doc.warnings


def test_jurisdiction_from_a_heading_when_the_caption_names_none(tmp_path):
    opening = "过去一年，各项工作稳步推进，经济运行总体平稳。\n" * 16  # past the opening lines
    heading = "（一）2023年江州市清河区国民经济和社会发展主要指标完成情况"
    doc = read_document(
        _no_place_report(tmp_path, opening + heading + "\n", "表1 主要指标完成情况")
    )
    assert doc.jurisdiction == Jurisdiction(name="清河区", level="区", parent="江州市")
    assert f"报告标题未写明地区，已按标题“{heading}”取为清河区" in doc.warnings


@pytest.mark.parametrize(
    ("before_table", "caption"),
    [
        ("", "表1 2023年苏州市、无锡市主要指标完成情况"),
        ("", "表1 2023年苏州市和无锡市主要指标完成情况"),
        ("", "表1 2023年全市主要指标完成情况"),
        ("今年以来，全市主要指标增速高于苏州市主要指标的平均水平。\n", "表1 主要指标完成情况"),
        ("（一）苏州市主要指标\n（二）无锡市主要指标\n", "表1 主要指标完成情况"),
    ],
)
def test_negative_twin_no_place_is_guessed_from_a_list_or_a_sentence(
    tmp_path, before_table, caption
):
    doc = read_document(_no_place_report(tmp_path, before_table, caption))
    assert doc.jurisdiction is None and len(doc.tables[0].rows) == 2
    assert not any("取为" in w for w in doc.warnings)


def test_a_title_naming_its_place_is_not_overridden_by_a_caption(tmp_path):
    path = tmp_path / "report.txt"
    text = "关于江州市2023年国民经济和社会发展计划执行情况的报告\n\n"
    text += "表1 2023年苏州市主要指标完成情况\n" + _PIPE_TABLE
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert doc.jurisdiction == Jurisdiction(name="江州市", level="市", parent=None)
    assert not any("取为" in w for w in doc.warnings)
