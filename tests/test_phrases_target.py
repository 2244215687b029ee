"""The target grammar, family by family, including phrases from layouts other than the sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.model import Comparator, TargetKind
from planwatch.phrases import FAMILIES, parse_target

DOCS = Path(__file__).parent.parent / "docs"
G, L, INC = TargetKind.GROWTH, TargetKind.LEVEL, TargetKind.INCREMENT
GE, LE, APPROX, EQ = Comparator.GE, Comparator.LE, Comparator.APPROX, Comparator.EQ


@pytest.mark.parametrize(
    ("phrase", "kind", "comparator", "value", "unit"),
    [
        ("增长5%以上", G, GE, 5, "%"),
        ("增长5.5%左右", G, APPROX, 5.5, "%"),
        ("增长6%", G, EQ, 6, "%"),
        ("同比增长6%", G, EQ, 6, "%"),
        ("增速不低于5%", G, GE, 5, "%"),
        ("下降1.4%", G, EQ, -1.4, "%"),
        ("下降3%以上", G, LE, -3, "%"),  # a fall of at least 3 % is a growth of at most -3 %
        ("保持增长", G, GE, 0, "%"),
        ("较同期基本持平", G, APPROX, 0, "%"),
        ("53.3%左右", L, APPROX, 53.3, "%"),
        ("17%以上", L, GE, 17, "%"),
        ("38.5件", L, EQ, 38.5, "件"),
        ("1.85万家以上", L, GE, 18_500, "家"),
        ("控制在5.5%以内", L, LE, 5.5, "%"),
        ("不低于95%", L, GE, 95, "%"),
        ("1050亿元左右", L, APPROX, 1.05e11, "元"),
        ("新增150家以上", INC, GE, 150, "家"),
        ("新增两家", INC, EQ, 2, "家"),
        ("净增1500家以上", INC, GE, 1500, "家"),
        ("增加150家", INC, EQ, 150, "家"),
        ("提高0.5个百分点", TargetKind.SHARE_CHANGE, EQ, 0.5, "个百分点"),
        ("占全国比重提升0.1个百分点", TargetKind.SHARE_CHANGE, EQ, 0.1, "个百分点"),
        ("不发生重特大生产安全责任事故", TargetKind.EVENT_COUNT, EQ, 0, "起"),
        ("较大事故起数控制在3起以内", TargetKind.EVENT_COUNT, LE, 3, "起"),
    ],
)
def test_numeric_families(phrase, kind, comparator, value, unit):
    spec = parse_target(phrase)
    assert (spec.kind, spec.comparator, spec.value.unit) == (kind, comparator, unit)
    assert spec.value.value == pytest.approx(value)
    assert spec.phrase == phrase


def test_range():
    spec = parse_target("增长5%-6%")
    assert (spec.kind, spec.comparator, spec.value.value, spec.upper.value) == (
        G,
        Comparator.RANGE,
        5,
        6,
    )
    assert parse_target("5-6万人").value.value == 50_000


@pytest.mark.parametrize(
    ("phrase", "kind", "trend"),
    [
        ("保持基本稳定", TargetKind.QUALITATIVE, "stable"),
        ("总体稳定", TargetKind.QUALITATIVE, "stable"),
        ("稳中提质", TargetKind.QUALITATIVE, "better"),
        ("稳量提质", TargetKind.QUALITATIVE, "better"),
        ("提质增效", TargetKind.QUALITATIVE, "better"),
        (
            "保持规上工业企业智能化改造数字化转型网络化联接动态全覆盖",
            TargetKind.QUALITATIVE,
            "stable",
        ),
        ("稳步降低", TargetKind.DIRECTION, "down"),
        ("稳步提高", TargetKind.DIRECTION, "up"),
        ("稳步提升", TargetKind.DIRECTION, "up"),
        ("高于上年", TargetKind.DIRECTION, "up"),
        ("只增不减", TargetKind.DIRECTION, "not_down"),
        ("持续改善", TargetKind.DIRECTION, "better"),
        ("占全省全国比重保持稳定", TargetKind.SHARE, "stable"),
    ],
)
def test_word_families(phrase, kind, trend):
    spec = parse_target(phrase)
    assert (spec.kind, spec.trend, spec.comparator) == (kind, trend, Comparator.NONE)


def test_share_names_every_scope():
    assert parse_target("占全省全国比重保持稳定").subject == "全省、全国"
    assert parse_target("占全省、全国比重保持稳定").subject == "全省、全国"


@pytest.mark.parametrize(
    ("phrase", "comparator", "reference"),
    [
        ("与经济增长基本同步", APPROX, "经济增长"),
        ("与经济增长同步", APPROX, "经济增长"),
        ("高于地区生产总值增幅", GE, "地区生产总值"),
        ("快于GDP增速", GE, "GDP"),
        ("低于全省平均水平", LE, "全省"),
    ],
)
def test_relative_targets(phrase, comparator, reference):
    spec = parse_target(phrase)
    assert (spec.kind, spec.comparator, spec.reference) == (
        TargetKind.RELATIVE,
        comparator,
        reference,
    )


@pytest.mark.parametrize(
    ("phrase", "reference", "subject"),
    [
        ("完成省下达任务", "省", None),
        ("完成国家和省下达任务", "国家和省", None),
        ("完成省下达粮食播种面积任务", "省", "粮食播种面积"),
        ("达到省考核要求", "省", None),
    ],
)
def test_external_targets(phrase, reference, subject):
    spec = parse_target(phrase)
    assert (spec.kind, spec.reference, spec.subject) == (TargetKind.EXTERNAL, reference, subject)


def test_basis_and_remarks_are_kept_apart_from_the_value():
    spec = parse_target("90%以上（新口径）")
    assert (spec.basis, spec.comparator, spec.value.value) == ("新口径", GE, 90)
    assert parse_target("同口径增长4%左右").basis == "同口径"
    assert parse_target("68.85件(按2019年人口数测算)").note == "按2019年人口数测算"


def test_compound_targets_keep_their_parts():
    spec = parse_target("净增1500家以上，总量增长10%")
    assert spec.kind is TargetKind.COMPOUND
    assert [(p.kind, p.value.value, p.subject) for p in spec.parts] == [
        (INC, 1500, None),
        (G, 10, "总量"),
    ]
    kinds = [p.kind for p in parse_target("产量保持稳定，完成省下达粮食播种面积任务").parts]
    assert kinds == [TargetKind.QUALITATIVE, TargetKind.EXTERNAL]


@pytest.mark.parametrize(
    ("phrase", "hint", "kind", "value", "unit"),
    [
        ("7左右", "目标增长(%)", G, 7, "%"),
        ("7左右", "%", L, 7, "%"),
        ("1050", "亿元", L, 1.05e11, "元"),
        ("-2.6", "增长(%)", G, -2.6, "%"),
    ],
)
def test_bare_numbers_under_a_unit_header(phrase, hint, kind, value, unit):
    spec = parse_target(phrase, hint)
    assert (spec.kind, spec.value.unit) == (kind, unit)
    assert spec.value.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("phrase", "why"),
    [
        ("", "空"),
        ("，，。！", "标点"),
        ("增长%", "缺少数值"),
        ("5%亿元", "两个单位"),
        ("三个一百", "不属于"),
        ("十四五", "不属于"),
        ("增长5%，苹果香蕉", "第2部分"),
        ("噪" * 10_000, "过长"),
    ],
)
def test_unknown_phrases_say_why(phrase, why):
    spec = parse_target(phrase)
    assert spec.kind is TargetKind.UNKNOWN
    assert why in spec.note


@pytest.mark.parametrize("entry", FAMILIES, ids=lambda f: f.name)
def test_every_family_parses_its_examples_and_is_documented(entry):
    assert entry.examples, f"{entry.name} has no example"
    for example in entry.examples:
        assert parse_target(example).family == entry.name, example
    assert f"`{entry.name}`" in (DOCS / "grammar.md").read_text(encoding="utf-8")
