"""Properties of the grammar that hold for every word of the lexicon and every number."""

from __future__ import annotations

from decimal import Decimal

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.assess import assess_pair
from planwatch.model import Comparator, Status, TargetKind
from planwatch.phrases import parse_target
from planwatch.phrases.lexicon import lexicon

COMPARATOR = {"ge": Comparator.GE, "le": Comparator.LE, "approx": Comparator.APPROX}
PRE = sorted(lexicon().words("pre_comparator").items())
POST = sorted((w, m) for w, m in lexicon().words("post_comparator").items() if m != "range")
NUMBERS = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("999"), places=1)
UNITS = st.sampled_from(["%", "亿元", "万人", "家", "万亿斤", "个百分点"])


@pytest.mark.parametrize(("word", "meaning"), PRE)
@settings(max_examples=15, deadline=None)
@given(number=NUMBERS, unit=UNITS)
def test_a_pre_comparator_gives_its_comparator_and_is_never_a_subject(word, meaning, number, unit):
    spec = parse_target(f"{word}{number}{unit}")
    assert spec.kind is not TargetKind.UNKNOWN, spec.note
    assert spec.comparator is COMPARATOR[meaning]
    assert spec.subject is None


@pytest.mark.parametrize(("word", "meaning"), PRE + POST)
@settings(max_examples=10, deadline=None)
@given(number=NUMBERS)
def test_after_a_change_verb_the_comparator_word_still_decides(word, meaning, number):
    phrase = f"增长{word}{number}%" if (word, meaning) in PRE else f"增长{number}%{word}"
    spec = parse_target(phrase)
    if spec.kind is TargetKind.UNKNOWN:
        return  # allowed: unknown, but never a wrong comparator
    assert (spec.kind, spec.comparator) == (TargetKind.GROWTH, COMPARATOR[meaning])
    assert spec.subject is None


@settings(max_examples=60, deadline=None)
@given(target=NUMBERS, actual=NUMBERS, delta=st.decimals(min_value=0, max_value=50, places=1))
def test_monotone_for_floors(target, actual, delta):
    """If a meets a ≥ target, a + δ meets it too."""
    first = assess_pair(f"增长{target}%以上", f"增长{actual}%", name="地区生产总值")
    more = assess_pair(f"增长{target}%以上", f"增长{actual + delta}%", name="地区生产总值")
    if first.status is Status.MET:
        assert more.status is Status.MET


@settings(max_examples=60, deadline=None)
@given(target=NUMBERS, actual=NUMBERS, delta=st.decimals(min_value=0, max_value=50, places=1))
def test_monotone_for_ceilings(target, actual, delta):
    """If a meets a ≤ target, a − δ meets it too (CPI is a ceiling)."""
    name = "居民消费价格总水平涨幅"
    first = assess_pair(f"控制在{target}%以内", f"{actual}%", name=name)
    less = assess_pair(f"控制在{target}%以内", f"{actual - delta}%", name=name)
    if first.status is Status.MET:
        assert less.status is Status.MET


def _written(yuan: int, multiplier: str) -> str:
    scale = {"万": 10**4, "亿": 10**8, "万亿": 10**12}[multiplier]
    text = format((Decimal(yuan) / scale).normalize(), "f")
    return f"{text}{multiplier}元"


@settings(max_examples=80, deadline=None)
@given(
    target=st.integers(min_value=1, max_value=10**9).map(lambda n: n * 10**4),
    actual=st.integers(min_value=1, max_value=10**9).map(lambda n: n * 10**4),
    written=st.permutations(["万", "亿", "万亿"]),
)
def test_the_same_amount_in_any_multiplier_judges_the_same(target, actual, written):
    results = [
        assess_pair(_written(target, m) + "以上", _written(actual, n), name="地区生产总值")
        for m, n in zip(written, ["万", "亿", "万亿"], strict=True)
    ]
    assert len({r.status for r in results}) == 1
    assert len({r.margin for r in results}) == 1
    assert results[0].status is (Status.MET if actual >= target else Status.NOT_MET)


PHRASES = [
    "增长5%以上",
    "下降3%左右",
    "保持在1.3万亿斤以上",
    "新增150家以上",
    "与经济增长基本同步",
    "控制在5.5%以内",
    "提高0.5个百分点",
    "净增1500家以上，总量增长10%",
    "突破1000亿元",
    "稳步降低",
    "完成省下达任务",
]
_TO_TRADITIONAL = opencc.OpenCC("s2t")
_FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


def _reading(phrase: str) -> tuple:
    spec = parse_target(phrase)
    value = spec.value.value if spec.value else None
    unit = spec.value.unit if spec.value else None
    return spec.kind, spec.comparator, value, unit, spec.reference, len(spec.parts)


@pytest.mark.parametrize("phrase", PHRASES)
@settings(max_examples=20, deadline=None)
@given(spaces=st.lists(st.integers(min_value=0, max_value=30), max_size=4), data=st.data())
def test_spaces_full_width_and_traditional_read_as_the_plain_phrase(phrase, spaces, data):
    variant = phrase
    for at in sorted(spaces, reverse=True):
        variant = variant[:at] + data.draw(st.sampled_from([" ", "\u3000"])) + variant[at:]
    if data.draw(st.booleans()):
        variant = variant.translate(_FULL_WIDTH)
    if data.draw(st.booleans()):
        variant = _TO_TRADITIONAL.convert(variant)
    assert _reading(variant) == _reading(phrase), variant
    assert parse_target(variant).phrase == variant  # shown as printed
