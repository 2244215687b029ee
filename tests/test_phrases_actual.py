"""Completion phrases (完成情况): numbers, qualities, verdicts, level-and-growth pairs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.model import ActualSpec, Comparator, Quality, TargetKind
from planwatch.phrases import parse_actual


@pytest.mark.parametrize(
    ("phrase", "growth", "basis"),
    [("增长6%", 6, None), ("同口径增长5.9%", 5.9, "同口径"), ("下降1.4%", -1.4, None)],
)
def test_growth_actuals(phrase, growth, basis):
    spec = parse_actual(phrase)
    assert (spec.quality, spec.kind, spec.basis) == (Quality.FINAL, TargetKind.GROWTH, basis)
    assert spec.growth.value == pytest.approx(growth)


@pytest.mark.parametrize(
    ("phrase", "value", "unit", "comparator"),
    [
        ("54.7%", 54.7, "%", Comparator.EQ),
        ("1050亿元", 1.05e11, "元", Comparator.EQ),
        ("95%以上", 95, "%", Comparator.GE),
        ("19.3万人", 193_000, "人", Comparator.EQ),
    ],
)
def test_level_actuals(phrase, value, unit, comparator):
    spec = parse_actual(phrase)
    assert (spec.quality, spec.value.unit, spec.comparator) == (Quality.FINAL, unit, comparator)
    assert spec.value.value == pytest.approx(value)


@pytest.mark.parametrize(
    "phrase",
    ["20170.45亿元,增长3.4%", "20170.45亿元，增长3.4%", "２０１７０．４５亿元，同比增长３．４％"],
)
def test_level_and_growth_together(phrase):
    spec = parse_actual(phrase)
    assert spec.value.value == pytest.approx(2_017_045_000_000)
    assert (spec.value.unit, spec.growth.value, spec.growth.unit) == ("元", 3.4, "%")


@pytest.mark.parametrize(
    ("phrase", "quality"),
    [
        ("待省反馈", Quality.PENDING),
        ("待反馈", Quality.PENDING),
        ("暂无数据", Quality.PENDING),
        ("年度指标", Quality.NOT_DUE),
        ("预计可以完成", Quality.ESTIMATE),
        ("完成", Quality.QUALITATIVE),
    ],
)
def test_qualities(phrase, quality):
    assert parse_actual(phrase).quality is quality


def test_estimates_keep_their_number_or_verdict():
    assert parse_actual("预计4.54个").value.value == 4.54
    assert parse_actual("预计4.54个").quality is Quality.ESTIMATE
    assert parse_actual("预计可以完成").verdict == "完成"


@pytest.mark.parametrize(
    ("phrase", "verdict"),
    [
        ("完成", "完成"),
        ("已完成", "完成"),
        ("完成省下达任务", "完成"),
        ("基本完成", "基本完成"),
        ("未完成", "未完成"),
        ("保持基本稳定", "保持基本稳定"),
    ],
)
def test_verdicts(phrase, verdict):
    assert parse_actual(phrase).verdict == verdict


def test_direction_with_a_ratio():
    spec = parse_actual("稳步降低，全年收入比缩小至1.77:1")
    direction, ratio = spec.parts
    assert (direction.kind, direction.trend) == (TargetKind.DIRECTION, "down")
    assert (ratio.value.value, ratio.value.unit, ratio.trend) == (1.77, ":1", "down")


def test_shares_of_two_levels():
    spec = parse_actual("占全省比重基本持平，占全国比重提升0.1个百分点")
    province, nation = spec.parts
    assert (province.kind, province.subject, province.trend) == (TargetKind.SHARE, "全省", "stable")
    assert (nation.kind, nation.subject, nation.value.value) == (
        TargetKind.SHARE_CHANGE,
        "全国",
        0.1,
    )


@pytest.mark.parametrize(
    "phrase", ["重特大生产安全责任事故起数为0", "未发生重特大生产安全责任事故"]
)
def test_zero_events(phrase):
    spec = parse_actual(phrase)
    assert (spec.kind, spec.value.value, spec.subject) == (
        TargetKind.EVENT_COUNT,
        0,
        "重特大生产安全责任事故",
    )


def test_remark_in_brackets_is_a_note():
    spec = parse_actual("68.85件(按2019年人口数测算)")
    assert (spec.value.value, spec.value.unit, spec.note) == (68.85, "件", "按2019年人口数测算")


@pytest.mark.parametrize("phrase", ["", "？？", "增长%", "5%亿元", "噪" * 10_000])
def test_unknown_actuals_say_why(phrase):
    spec = parse_actual(phrase)
    assert spec.quality is Quality.UNKNOWN
    assert spec.note


@given(st.text(max_size=200))
def test_no_actual_raises(text):
    assert isinstance(parse_actual(text), ActualSpec)


@pytest.mark.parametrize(
    ("phrase", "says"), [("好得很", "完成情况句式"), ("约有5个地方", "完成情况句式")]
)
def test_unknown_actuals_are_not_called_targets(phrase, says):
    note = parse_actual(phrase).note
    assert says in note and "目标句式" not in note


def test_an_estimate_keeps_its_basis():
    spec = parse_actual("预计91%（老口径）")
    assert (spec.quality, spec.basis, spec.value.value) == (Quality.ESTIMATE, "老口径", 91)


@pytest.mark.parametrize(
    ("phrase", "quality"),
    [
        ("54.7%（预计）", Quality.ESTIMATE),
        ("54.7%(预计)", Quality.ESTIMATE),
        ("54.7%（预估）", Quality.ESTIMATE),
        ("54.7%（预计数）", Quality.ESTIMATE),
        ("54.7%（初步）", Quality.PRELIMINARY),
        ("54.7%（初步统计）", Quality.PRELIMINARY),
        ("54.7%（同口径）", Quality.FINAL),  # the negative twin: a basis, not an estimate
        ("54.7%（按新标准）", Quality.FINAL),
    ],
)
def test_a_bracket_after_the_figure_says_its_quality(phrase, quality):
    spec = parse_actual(phrase)
    assert (spec.quality, spec.value.value, spec.value.unit) == (quality, 54.7, "%")


def test_an_estimate_in_brackets_keeps_the_other_bracket():
    spec = parse_actual("91%（预计）（老口径）")
    assert (spec.quality, spec.basis, spec.value.value) == (Quality.ESTIMATE, "老口径", 91)
