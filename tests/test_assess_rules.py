"""The judging rules one by one: tolerance, directions, relative targets, estimates, bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.assess import TolerancePolicy, assess_pair, assess_pairs, assess_table
from planwatch.ingest import read_document
from planwatch.model import Assessment, Direction, IndicatorRow, PlanTable, Status, TableRole

LAYOUTS = Path(__file__).parent / "fixtures" / "layouts"
MET, NEAR, NOT = Status.MET, Status.NEARLY_MET, Status.NOT_MET


@pytest.mark.parametrize(
    ("name", "target", "actual", "status"),
    [
        ("社会消费品零售总额", "增长5.5%左右", "增长4.8%", NOT),  # 0.7 points short
        ("社会消费品零售总额", "增长5.5%左右", "增长5.2%", NEAR),  # inside 0.5 points
        ("社会消费品零售总额", "增长5.5%左右", "增长5.6%", MET),
        ("技术合同成交额", "1050亿元左右", "1030亿元", NEAR),  # 2 % of 1050 is 21亿元
        ("技术合同成交额", "1050亿元左右", "1020亿元", NOT),
        ("居民消费价格总水平涨幅", "3%左右", "0.2%", MET),  # a ceiling met far below
        ("居民消费价格总水平涨幅", "3%左右", "3.3%", NEAR),
        ("居民消费价格总水平涨幅", "3%左右", "4%", NOT),
        ("城镇调查失业率", "5.5%以内", "5.1%", MET),
        ("PM2.5浓度", "30微克/立方米", "33微克/立方米", NOT),
        ("城乡居民收入倍差", "1.8:1以内", "1.77:1", MET),
        ("单位地区生产总值能源消耗降低", "3.9%左右", "4.2%", MET),  # a bigger reduction
        ("单位地区生产总值能源消耗降低", "下降3%左右", "下降3.5%", MET),  # same, written 下降
        ("一般公共预算收入", "较同期基本持平", "下降0.6%", MET),  # inside the stable band
        ("固定资产投资", "保持稳定", "下降2.3%", NOT),
        ("地区生产总值", "增长5%-6%", "增长5.4%", MET),
        ("有效高新技术企业数", "1.85万家以上", "1.83万家", NOT),
    ],
)
def test_numbers_by_direction_and_tolerance(name, target, actual, status):
    found = assess_pair(target, actual, name=name)
    assert found.status is status, found.reason


def test_tolerance_policy_is_configurable():
    strict = TolerancePolicy(rate_points=0.2)
    loose = TolerancePolicy(rate_points=1.0)
    assert (
        assess_pair("增长5.5%左右", "增长5.2%", name="社会消费品零售总额", policy=strict).status
        is NOT
    )
    assert (
        assess_pair("增长5.5%左右", "增长4.8%", name="社会消费品零售总额", policy=loose).status
        is NEAR
    )


def test_unknown_direction_is_not_guessed():
    found = assess_pair("5%左右", "7%", name="某个新指标")
    assert found.status is Status.UNASSESSABLE
    assert "方向未知" in found.reason
    overridden = assess_pair(
        "5%左右", "7%", name="某个新指标", directions={"某个新指标": "higher_better"}
    )
    assert overridden.status is MET
    assert assess_pair("5%以上", "7%", name="某个新指标").status is MET  # ≥ needs no direction


def _table(*rows: tuple[str, str, str]) -> PlanTable:
    items = [IndicatorRow(no=i, name=n, target=t, actual=a) for i, (n, t, a) in enumerate(rows, 1)]
    return PlanTable(caption="表1", role=TableRole.REVIEW, year=2024, rows=items)


@pytest.mark.parametrize(
    ("target", "income", "status", "keyword"),
    [
        ("高于地区生产总值增幅", "增长4.1%", MET, "0.7个百分点"),
        ("高于地区生产总值增幅", "增长3.1%", NOT, "低于"),
        ("与经济增长基本同步", "增长3.1%", MET, "基本同步"),  # 0.3 points behind is in step
        ("与经济增长基本同步", "增长2.1%", NOT, "超出"),
        ("与经济增长基本同步", "与经济增长基本同步", MET, "与经济增长基本同步"),  # asserted
    ],
)
def test_relative_targets_against_gdp_in_the_same_table(target, income, status, keyword):
    table = _table(
        ("地区生产总值", "增长5%", "20170.45亿元,增长3.4%"), ("居民人均可支配收入", target, income)
    )
    found = assess_table(table)[1]
    assert (found.status, keyword in found.reason) == (status, True), found.reason


def test_relative_target_without_the_reference_is_unassessable():
    table = _table(("居民人均可支配收入", "高于地区生产总值增幅", "增长4.1%"))
    found = assess_table(table)[0]
    assert found.status is Status.UNASSESSABLE
    assert "地区生产总值" in found.reason


@pytest.mark.parametrize(
    ("target", "actual", "status"),
    [
        ("3.9个", "预计4.54个", Status.EXPECTED),
        ("3.9个", "预计3.5个", NOT),
        ("407万人", "预计可以完成", Status.EXPECTED),
        ("增长5%", "待省反馈", Status.PENDING),
        ("增长5%", "暂无数据", Status.PENDING),
        ("增长5%", "年度指标", Status.PENDING),
        ("完成省下达任务", "未完成", NOT),
        ("完成省下达任务", "基本完成", NEAR),
        ("不发生重特大生产安全责任事故", "重特大生产安全责任事故起数为2", NOT),
    ],
)
def test_qualities_and_verdicts(target, actual, status):
    assert assess_pair(target, actual, name="人才资源总量").status is status


def test_compound_with_a_level_and_growth_actual():
    found = assess_pair("140家，增长11%", "126家，增长14.5%", name="高新技术企业数")
    assert found.status is NOT
    assert "14家" in found.reason and "3.5个百分点" in found.reason


@pytest.mark.parametrize(
    ("target", "actual", "why"),
    [
        ("", "增长5%", "目标无法识别"),
        ("增长%", "增长5%", "缺少数值"),
        ("5%亿元", "5%", "两个单位"),
        ("增长5%", "", "没有填写完成情况"),
        ("增长5%", "？？？", "完成情况无法识别"),
        ("增长5%", "1050亿元", "没有可与目标"),
        ("噪" * 10_000, "噪" * 10_000, "过长"),
    ],
)
def test_bad_input_is_unassessable_with_the_reason(target, actual, why):
    found = assess_pair(target, actual, name="地区生产总值")
    assert found.status is Status.UNASSESSABLE
    assert why in found.reason


@given(st.text(max_size=120), st.text(max_size=120), st.sampled_from(list(Direction)))
def test_no_pair_raises(target, actual, direction):
    assert isinstance(assess_pair(target, actual, direction=direction), Assessment)


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ("cell_lines.txt", [NEAR, MET, NOT, MET]),  # bare numbers under a % header
        # 8029.8亿元，增长3.7% in split columns (pipes.txt holds the same as a plan table)
        ("pipes_review.txt", [NOT, NOT, MET, NOT, Status.UNASSESSABLE, NEAR]),
        ("web_cells.txt", [NOT, MET, NOT, MET, MET]),  # income in step with GDP 5.2 %
    ],
)
def test_other_layouts(layout, expected):
    table = read_document(LAYOUTS / layout).tables[0]
    assert [a.status for a in assess_table(table)] == expected


def test_a_plan_table_beside_last_years_results_is_not_judged_against_them():
    from planwatch.assess import assess_document
    from planwatch.errors import TableNotFound

    doc = read_document(LAYOUTS / "pipes.txt")
    assert doc.tables[0].rows[0].previous == "8029.8亿元，增长3.7%"
    with pytest.raises(TableNotFound):
        assess_document(doc)


def test_a_panel_of_pairs_is_judged_in_order_and_repeats_share_one_judgement():
    panel = [
        ("地区生产总值", "增长5%以上", "增长6%"),
        ("社会消费品零售总额", "增长5.5%左右", "增长4.8%"),
        ("地区生产总值", "增长5%以上", "增长6%"),
        ("规上工业增加值", "7左右", "6.8", "目标增长(%)"),
    ]
    judged = assess_pairs(panel)
    assert [a.status for a in judged] == [MET, NOT, MET, NEAR]
    assert judged[0] is judged[2]
    assert [a.indicator for a in judged] == [p[0] for p in panel]


@pytest.mark.parametrize(
    ("name", "target", "actual", "status"),
    [
        ("城乡居民收入倍差", "稳步降低", "收入比扩大至1.9:1", NOT),
        ("数字经济核心产业增加值占GDP比重", "稳步提升", "提高0.8个百分点", MET),
        ("进出口总额", "占全省全国比重保持稳定", "占全省比重下降0.5个百分点，占全国比重持平", NOT),
        ("进出口总额", "占全省全国比重保持稳定", "占全省比重持平", Status.UNASSESSABLE),
        ("制造业增加值占地区生产总值比重", "保持基本稳定", "提高0.3个百分点", MET),
        ("固定资产投资", "保持稳定", "稳中提质", Status.UNASSESSABLE),
    ],
)
def test_words_judged_by_the_way_things_went(name, target, actual, status):
    found = assess_pair(target, actual, name=name)
    assert found.status is status, found.reason


@pytest.mark.parametrize(
    ("name", "target", "actual", "status", "margin"),
    [
        ("居民消费价格总水平涨幅", "3%左右", "下降0.5%", MET, -3.5),  # prices fell: under the cap
        ("居民消费价格总水平涨幅", "3%以内", "上涨3.4%", NOT, 0.4),
        ("地区生产总值增速", "5%以上", "下降1%", NOT, -6),
        ("单位地区生产总值建设用地使用面积下降率", "3.5%", "下降5.9%", MET, 2.4),  # its size
        ("单位地区生产总值能源消耗降低", "3%左右", "增长1%", NOT, -4),  # energy use rose
    ],
)
def test_a_change_reported_for_a_rate_target(name, target, actual, status, margin):
    found = assess_pair(target, actual, name=name)
    assert (found.status, found.margin_unit) == (status, "个百分点"), found.reason
    assert found.margin == pytest.approx(margin)


def test_a_fall_for_a_share_is_not_read_as_a_negative_share():
    found = assess_pair("3%左右", "下降0.5%", name="接受上门服务的居家老年人数占比")
    assert found.status is Status.UNASSESSABLE


@pytest.mark.parametrize(
    ("target", "actual", "status", "caveat"),
    [
        ("90%以上（新口径）", "91%（老口径）", MET, "口径不同（目标为新口径，完成情况为老口径）"),
        ("90%以上（新口径）", "老口径89%", NOT, "口径不同（目标为新口径，完成情况为老口径）"),
        ("90%以上（新口径）", "预计91%（老口径）", Status.EXPECTED, "结论仅供参考"),
        ("90%以上（新口径）", "91%", MET, None),  # only one basis stated: nothing to flag
        ("同口径增长4%左右", "可比口径增长5.9%", MET, None),  # the same basis in other words
    ],
)
def test_a_different_basis_is_said_not_silently_compared(target, actual, status, caveat):
    found = assess_pair(target, actual, name="城乡基本养老保险参保缴费率")
    assert found.status is status
    assert (caveat in found.reason) if caveat else ("口径不同" not in found.reason), found.reason


@pytest.mark.parametrize(
    ("target", "actual", "name", "status", "gap"),
    [
        # 以上 is a floor: 5200亿元 ≥ 5千亿元 = 5000亿元, 200亿元 over it.
        ("5千亿元以上", "5200亿元", "技术合同成交额", MET, "200亿元"),
        # 8100家 ≥ 8千家 = 8000家, 100家 over it.
        ("8千家以上", "8100家", "有效高新技术企业数", MET, "100家"),
        # 左右 allows 2 % of 1050 = 21亿元; 1045亿元 is 5亿元 short of a more-is-better
        # target: inside the allowance but still short, so nearly met rather than met.
        ("1050亿元左右", "1045亿元", "技术合同成交额", NEAR, "5亿元"),
    ],
)
def test_thousands_are_judged_with_the_gap_in_the_target_scale(target, actual, name, status, gap):
    found = assess_pair(target, actual, name=name)
    assert found.status is status and gap in found.reason, found.reason


def test_an_estimate_in_brackets_is_judged_as_expected_and_its_twin_as_met():
    estimate = assess_pair("50%以上", "54.7%（预计）", name="x")
    final = assess_pair("50%以上", "54.7%（同口径）", name="x")
    assert (estimate.status, estimate.status.zh) == (Status.EXPECTED, "预计完成")
    assert (final.status, final.status.zh) == (Status.MET, "完成")
