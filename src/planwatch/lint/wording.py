"""What a restatement says, read just far enough to compare it with a table cell.

Numbers and units come from ``planwatch.phrases.numbers``; this module adds only the words
around them: the direction a number is said to move (增长 6% against 下降 6%) and the status
words (待省反馈, 预计, 未完成) that must agree between a table and its narrative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planwatch.model import Quantity
from planwatch.phrases.numbers import find_quantities, normalise

# Direction words, by the way they say a value moves. ``增加`` is left out: 新增/增加 name
# an increment, not a direction of change.
DIRECTIONS: dict[str, tuple[str, ...]] = {
    "up": ("增长", "提高", "提升", "上升", "上涨", "扩大"),
    "down": ("下降", "降低", "减少", "回落", "缩小", "下滑", "收窄"),
}
DIRECTION_ZH = {"up": "增长/提高", "down": "下降/降低"}
LOOKBACK = 4  # characters before a number searched for its direction word

# Status words: a table cell and its restatement must carry the same ones.
STATUS: dict[str, re.Pattern[str]] = {
    "待反馈": re.compile(r"待[^，。；,;]{0,4}反馈|暂无数据|尚未公布"),
    "预计": re.compile(r"预计|预估"),
    "未完成": re.compile(r"未完成|未达到|未实现"),
}

NOT_QUANTITIES = {"年", "月", "日"}  # dates are no values: 2025年GDP增长目标…


@dataclass(frozen=True)
class Stated:
    quantity: Quantity
    direction: str | None


def _direction_of(text: str) -> str | None:
    for direction, words in DIRECTIONS.items():
        if any(word in text for word in words):
            return direction
    return None


@lru_cache(maxsize=4096)  # several rules read the same cells and sentences
def stated_values(text: str) -> tuple[Stated, ...]:
    """Each quantity with the direction word just before it, if any."""
    flat = normalise(text)
    stated, at = [], 0
    for quantity in find_quantities(flat):
        if quantity.unit in NOT_QUANTITIES:
            continue
        position = flat.find(quantity.text or "", at)
        if position < 0:
            position = at
        at = position + len(quantity.text or "")
        before = flat[max(0, position - LOOKBACK) : position]
        stated.append(Stated(quantity, _direction_of(before)))
    return tuple(stated)


def same_value(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit and abs(a.value - b.value) <= 1e-9 * max(
        1.0, abs(a.value), abs(b.value)
    )


def statuses(text: str) -> set[str]:
    return {name for name, pattern in STATUS.items() if pattern.search(text)}


def leading_direction(text: str) -> str | None:
    """The direction a qualitative phrase states in its first clause (``稳步降低``)."""
    first = re.split(r"[，,；;。]", text.strip("，,、 "), maxsplit=1)[0]
    return _direction_of(first)


def shown(quantity: Quantity) -> str:
    return quantity.text or f"{quantity.value:g}{quantity.unit or ''}"
