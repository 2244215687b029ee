"""Indicator names compared the way a planner reads them, not byte by byte.

Reports retype names every year: full- and half-width brackets, stray spaces from line wraps,
straight or curly quotes, ``GDP`` for 地区生产总值. ``normalise_name`` removes those differences
so that matching is about wording; the printed name is always kept for display.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

# Abbreviations a report uses interchangeably with the full name.
ALIASES: dict[str, str] = {
    "gdp": "地区生产总值",
    "r&d": "研究与试验发展",
    "cpi": "居民消费价格",
}

# Words that fix *what* is measured: a flow (新增) and a stock (有效, 累计) of the same thing are
# different indicators, so names that differ in these words are never a mere rename.
MEASURE_QUALIFIERS: tuple[str, ...] = (
    "新增",
    "净增",
    "有效",
    "累计",
    "年末",
    "人均",
    "新开工",
    "建成",
    "在建",
    "处置",
    "利用",
    "下降",
    "降低",
    "增长",
    "覆盖",
)

_DROP = re.compile(r"[\s\"'“”‘’「」『』《》<>、，,。·•\-—_/]+")


@lru_cache(maxsize=8192)  # pairing compares every old name with every new one
def normalise_name(name: str) -> str:
    """A matching key: NFKC-folded, lower-case, no spaces or punctuation, aliases spelt out."""
    key = unicodedata.normalize("NFKC", name).lower()
    key = _DROP.sub("", key)
    for short, full in ALIASES.items():
        key = key.replace(short, full)
    return key


@lru_cache(maxsize=8192)
def similarity(a: str, b: str) -> float:
    """0-100: how alike two names are once normalised (rapidfuzz's normalised Indel ratio)."""
    return fuzz.ratio(normalise_name(a), normalise_name(b))


def qualifiers(name: str) -> frozenset[str]:
    """The measure qualifiers a name contains (see ``MEASURE_QUALIFIERS``)."""
    key = normalise_name(name)
    return frozenset(q for q in MEASURE_QUALIFIERS if q in key)


def same_measure_words(a: str, b: str) -> bool:
    """False when the names differ in a qualifier such as 新增 versus 有效."""
    return qualifiers(a) == qualifiers(b)
