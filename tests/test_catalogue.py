"""The indicator catalogue: directions, aliases, normalised names, patterns, overrides, docs."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.model import Direction
from planwatch.phrases import CATALOGUE, canonical_name, direction_for, lookup_indicator
from planwatch.phrases.catalogue import is_change_rate

DOCS = Path(__file__).parent.parent / "docs"
H, L, C = Direction.HIGHER_BETTER, Direction.LOWER_BETTER, Direction.CEILING


@pytest.mark.parametrize(
    ("name", "direction", "reduction"),
    [
        ("居民消费价格总水平涨幅", C, False),
        ("城镇调查失业率", C, False),
        ("单位地区生产总值能源消耗降低", H, True),
        ("单位地区生产总值建设用地使用面积下降率", H, True),
        ("PM2.5浓度", L, False),
        ("城乡居民收入倍差", L, False),
        ("户籍人口", H, False),
        ("常住人口城镇化率", H, False),
        ("全员劳动生产率", H, False),
        ("城镇居民人均可支配收入", H, False),
        ("农村居民人均可支配收入", H, False),
        ("服务业增加值", H, False),
        ("规上工业增加值", H, False),
    ],
)
def test_directions_an_expert_gives(name, direction, reduction):
    entry = lookup_indicator(name)
    assert (entry.direction, entry.reduction, entry.source) == (direction, reduction, "catalogue")


@pytest.mark.parametrize(
    ("name", "canonical", "source"),
    [
        ("GDP", "地区生产总值", "alias"),
        ("CPI涨幅", "居民消费价格总水平涨幅", "alias"),
        ("建设用地下降率", "单位地区生产总值建设用地使用面积下降率", "alias"),
        ("规模以上工业增加值", "规上工业增加值", "normalised"),
        ("细颗粒物（PM2.5）浓度", "PM2.5浓度", "normalised"),
        ("全市城镇调查失业率", "城镇调查失业率", "normalised"),
        ("单位ＧＤＰ能耗降低", "单位地区生产总值能源消耗降低", "normalised"),
        # traditional characters, and any scope before the name (全省 as 全市)
        ("地區生產總值", "地区生产总值", "normalised"),
        ("城鎮調查失業率", "城镇调查失业率", "normalised"),
        ("全省地区生产总值", "地区生产总值", "normalised"),
        ("全年粮食总产量", "粮食综合生产能力", "normalised"),
    ],
)
def test_aliases_and_normalised_names(name, canonical, source):
    entry = lookup_indicator(name)
    assert (entry.name, entry.source) == (canonical, source)
    assert canonical_name(name) == canonical


@pytest.mark.parametrize(
    ("name", "direction"),
    [("某市工业品出厂价格涨幅", C), ("亿元GDP生产安全事故死亡率", L), ("化学需氧量排放量削减", H)],
)
def test_name_patterns(name, direction):
    entry = lookup_indicator(name)
    assert (entry.direction, entry.source) == (direction, "pattern")


def test_unknown_indicator_has_unknown_direction():
    assert lookup_indicator("某个新指标") is None
    assert direction_for("某个新指标") is Direction.UNKNOWN


def test_user_overrides_win():
    name = "制造业增加值占地区生产总值比重"
    assert direction_for(name) is H
    assert direction_for(name, {name: "band"}) is Direction.BAND
    assert direction_for("某个新指标", {"某个新指标": Direction.LOWER_BETTER}) is L
    assert lookup_indicator(name, {name: "band"}).source == "override"


def test_every_indicator_of_the_sample_is_catalogued(sample_doc):
    for table in sample_doc.tables:
        for row in table.rows:
            assert lookup_indicator(row.name).source == "catalogue", row.name


def test_every_entry_is_documented():
    text = (DOCS / "catalogue.md").read_text(encoding="utf-8")
    missing = [entry.name for entry in CATALOGUE if f"| {entry.name} |" not in text]
    assert not missing


@pytest.mark.parametrize(
    ("name", "rate"),
    [
        ("居民消费价格总水平涨幅", True),
        ("CPI", True),  # an alias of the 涨幅
        ("地区生产总值增速", True),
        ("规上工业增加值增长", True),
        ("地区生产总值", False),
        ("高等教育毛入学率", False),
        ("单位地区生产总值建设用地使用面积下降率", False),  # a reduction: its size, not a sign
        ("", False),
    ],
)
def test_rates_of_change_can_be_negative(name, rate):
    assert is_change_rate(name) is rate


def test_a_name_beginning_with_a_scope_like_word_keeps_it():
    """Twin of the scope: 全员 in 全员劳动生产率 says which labour, and stays."""
    assert canonical_name("全员劳动生产率") == "全员劳动生产率"
    assert lookup_indicator("全员劳动生产率").source == "catalogue"
