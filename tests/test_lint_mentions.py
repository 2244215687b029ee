"""Finding indicators restated in prose: names, variants, prefixes, shared predicates."""

from __future__ import annotations

import pytest

from planwatch.lint.mentions import locate, name_variants
from planwatch.lint.wording import stated_values, statuses
from planwatch.model import IndicatorRow


def rows(*names: str, **cells: str) -> list[IndicatorRow]:
    return [IndicatorRow(name=n, **cells) for n in names]


@pytest.mark.parametrize(
    ("name", "variant"),
    [
        ("城镇新增就业人数", "城镇新增就业"),
        ("新增高新技术企业数", "高新技术企业"),
        ("地区生产总值", "GDP"),
        ("国家级专精特新“小巨人”企业数", "国家级专精特新“小巨人”企业"),
    ],
)
def test_name_variants(name, variant):
    assert variant in name_variants(name)


def test_prefix_before_the_name_belongs_to_it():
    found = locate(
        "预计人才资源总量407万人；高等教育毛入学率70.9%。", rows("人才资源总量", "高等教育毛入学率")
    )
    assert (found[0].prefix, found[0].predicate) == ("预计", "407万人")
    assert found[1].predicate == "70.9%"


def test_names_joined_by_a_pause_mark_share_the_predicate():
    found = locate(
        "PM2.5浓度、空气质量优良天数比例完成省下达任务。", rows("PM2.5浓度", "空气质量优良天数比例")
    )
    assert "完成省下达任务" in found[0].words and found[1].predicate == "完成省下达任务"


def test_longest_name_wins_over_the_name_inside_it():
    text = "单位地区生产总值能源消耗降低待省反馈；实现地区生产总值26727.0亿元。"
    found = locate(text, rows("地区生产总值", "单位地区生产总值能源消耗降低"))
    assert found[0].prefix == "实现" and found[1].predicate == "待省反馈"


def test_a_row_is_found_by_its_phrase_when_not_by_name():
    found = locate(
        "耕地保有量完成省下达任务，未发生重特大生产安全责任事故。",
        rows("安全生产", target="不发生重特大生产安全责任事故"),
    )
    assert found[0].prefix == "未"


def test_years_are_no_values_and_directions_are_read():
    stated = stated_values("2025年GDP比上年增长6.0%，收入比缩小至1.77:1")
    assert [(s.quantity.value, s.quantity.unit, s.direction) for s in stated] == [
        (6.0, "%", "up"),
        (1.77, ":1", "down"),
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("待省反馈", {"待反馈"}),
        ("预计可以完成", {"预计"}),
        ("未完成", {"未完成"}),
        ("增长6%", set()),
    ],
)
def test_status_words(text, words):
    assert statuses(text) == words
