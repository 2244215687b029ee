"""Numbers and units of plan phrases: multipliers, %, points, currencies, ratios, 两家."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.assess import assess_pair
from planwatch.model import Status, TargetKind
from planwatch.phrases import parse_target
from planwatch.phrases.numbers import (
    chinese_numeral,
    find_quantities,
    format_amount,
    normalise,
    parse_quantity,
    parse_unit_hint,
)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("5%", 5, "%"),
        ("5.5%", 5.5, "%"),
        ("1.85万家", 18_500, "家"),
        ("1050亿元", 105_000_000_000, "元"),
        ("1145万人", 11_450_000, "人"),
        ("4.1万户", 41_000, "户"),
        ("2.45万亿元", 2_450_000_000_000, "元"),
        ("69.05亿美元", 6_905_000_000, "美元"),
        ("0.1个百分点", 0.1, "个百分点"),
        ("0.1百分点", 0.1, "个百分点"),
        ("1.77:1", 1.77, ":1"),
        ("-2.6", -2.6, None),
        ("－２．６％", -2.6, "%"),
        ("２０，１７０．４５亿元", 2_017_045_000_000, "元"),
        ("35微克/立方米", 35, "微克/立方米"),
        ("两家", 2, "家"),
        ("十二项", 12, "项"),
        ("5千亿元", 500_000_000_000, "元"),
        ("8千家", 8_000, "家"),
        ("3百万", 3_000_000, None),
        ("1.2千万人", 12_000_000, "人"),
        ("3百亿元", 30_000_000_000, "元"),
        ("5千瓦", 5, "千瓦"),  # 千瓦 is a unit, not 千 × 瓦
        ("5千千瓦", 5_000, "千瓦"),
        ("0.5百分点", 0.5, "个百分点"),  # 百分点 is a unit, not 百 × 分点
    ],
)
def test_quantities(text, value, unit):
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)
    assert quantity.unit == unit


@pytest.mark.parametrize("text", ["十四五", "三个一百", "5%亿元", "", "%", "增长5%", "1:0", "abc"])
def test_not_a_single_quantity(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("十五", 15), ("一百零五", 105), ("两万三千", 23_000), ("零", 0), ("十四五", None)],
)
def test_chinese_numerals(text, value):
    assert chinese_numeral(text) == value


def test_percent_and_points_are_different_units():
    assert parse_quantity("5%").unit != parse_quantity("5个百分点").unit


@pytest.mark.parametrize(
    ("hint", "unit", "multiplier", "growth"),
    [
        ("%", "%", 1, False),
        ("目标增长(%)", "%", 1, True),
        ("亿元", "元", 1e8, False),
        (None, None, 1, False),
    ],
)
def test_unit_hints(hint, unit, multiplier, growth):
    found = parse_unit_hint(hint)
    assert (found.unit, found.multiplier, found.growth) == (unit, multiplier, growth)


def test_bare_number_takes_the_header_unit():
    assert parse_quantity("8029.8", "亿元").value == pytest.approx(802_980_000_000)
    assert parse_quantity("7", "目标增长(%)").unit == "%"


def test_hundreds_in_prose_are_not_multipliers_before_points():
    found = find_quantities("提高0.5百分点，三个一百工程，新增3百家")
    assert [(q.value, q.unit) for q in found] == [(0.5, "个百分点"), (300, "家")]


def test_find_quantities_in_prose():
    found = find_quantities("全年完成规上工业总产值4.7万亿元，增加值增长9.2%，六个方面")
    assert [(q.value, q.unit) for q in found] == [(4.7e12, "元"), (9.2, "%"), (6, "个")]


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [(19_000, "户", "1.9万户"), (0.7000001, "个百分点", "0.7个百分点"), (2.1e9, "元", "21亿元")],
)
def test_format_amount(value, unit, text):
    assert format_amount(value, unit) == text


@pytest.mark.parametrize(
    ("value", "unit", "scale", "text"),
    [
        (0.0, "元", 1.05e11, "0亿元"),  # a zero margin of a 1050亿元 target keeps 亿
        (0.0, "元", None, "0"),  # no scale known: plain 0, never a misleading 0元
        (5e7, "元", 1.05e11, "0.5亿元"),
        (5e6, "元", 1.05e11, "500万元"),  # under a tenth of 亿: its own scale
        (200.0, "家", 18_500, "200家"),
        (0.0, "个百分点", None, "0个百分点"),
    ],
)
def test_format_amount_keeps_the_scale_of_the_target(value, unit, scale, text):
    assert format_amount(value, unit, scale) == text


UNITS = ["%", "个百分点", "元", "美元", "人", "家", "件", "户", "个", "张", "微克/立方米", ""]
MULTIPLIERS = {"": 1, "百": 1e2, "千": 1e3, "万": 1e4, "百万": 1e6, "千万": 1e7, "亿": 1e8}
MULTIPLIERS |= {"百亿": 1e10, "千亿": 1e11, "万亿": 1e12}
decimals = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


@given(decimals, st.sampled_from(list(MULTIPLIERS)), st.sampled_from(UNITS))
def test_round_trip_with_multipliers(number, multiplier, unit):
    text = f"{number}{multiplier}{unit}"
    quantity = parse_quantity(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(float(number) * MULTIPLIERS[multiplier], rel=1e-9)
    assert quantity.unit == (unit or None)
    assert quantity.text == text


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@given(decimals, st.sampled_from(list(MULTIPLIERS)), st.sampled_from(UNITS), st.booleans())
def test_full_width_forms_parse_the_same(number, multiplier, unit, negative):
    text = f"{'-' if negative else ''}{number}{multiplier}{unit}"
    assert normalise(_full_width(text)) == text
    assert parse_quantity(_full_width(text)) == parse_quantity(text)


@given(
    st.integers(min_value=-(10**8) + 1, max_value=10**8 - 1), st.sampled_from(["户", "人", "家"])
)
def test_formatted_amounts_read_back(number, unit):
    assert parse_quantity(format_amount(number, unit)).value == pytest.approx(number)


@given(st.text(max_size=300))
def test_no_input_raises(text):
    quantity = parse_quantity(text)
    assert quantity is None or math.isfinite(quantity.value)
    assert all(math.isfinite(q.value) for q in find_quantities(text))


@given(st.integers(min_value=1, max_value=99_999))
def test_chinese_numerals_round_trip(number):
    assert chinese_numeral(_to_chinese(number)) == number


def _to_chinese(number: int) -> str:
    """The reading of 1-99999 as plans print it (一万二千零五, 十五)."""
    digits = "零一二三四五六七八九"
    units = ["", "十", "百", "千", "万"]
    text, zero = "", False
    for power in range(4, -1, -1):
        digit = number // 10**power % 10
        if digit:
            text += ("零" if zero and text else "") + digits[digit] + units[power]
            zero = False
        else:
            zero = True
    return text[1:] if text.startswith("一十") else text


NOISE = "0123456789.%:－５万亿元美元增长下降以上左右个百分点，；（）占比重完成噪 \n\t"


@settings(max_examples=25)
@given(st.integers(min_value=0, max_value=2**32))
def test_ten_thousand_characters_of_noise_are_unassessable(seed):
    noise = "".join(random.Random(seed).choices(NOISE, k=10_000))
    assert parse_quantity(noise) is None
    assert parse_target(noise).kind is TargetKind.UNKNOWN
    assert assess_pair(noise, noise, name="地区生产总值").status is Status.UNASSESSABLE
