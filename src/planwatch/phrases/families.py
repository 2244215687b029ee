"""The phrase families of plan targets, one registry entry each, tried in ``FAMILIES`` order.

Order matters only where two patterns can both match a whole phrase: specific before general
(``高于上年`` is a direction before ``高于X`` is a relative target; ``新增150家`` is an increment
before any number is a level; ``保持基本稳定`` is qualitative before ``保持…`` is a maintenance
target). Every entry's examples are parsed by the tests and listed in ``docs/grammar.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from planwatch.model import Comparator, Quantity, TargetKind, TargetSpec, Trend
from planwatch.phrases.grammar import (
    BOUND,
    SUBJECT,
    VALUE,
    Family,
    Parse,
    comparator,
    family,
    has_value,
    negated,
    values,
)
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.numbers import PERCENT, POINTS
from planwatch.phrases.shapes import Reading, read_numeric, read_relative, read_share, with_phrase
from planwatch.phrases.tokens import number_needs


def _words(cls: str, *meanings: str, shortest: int = 1) -> tuple[str, ...]:
    words = lexicon().words(cls)
    return tuple(w for w, m in words.items() if m in meanings and len(w) >= shortest)


# Change verbs of two characters or more (增 and 降 alone are for tokens, not word endings).
UP_WORDS = _words("change_verb", "up", shortest=2)
DOWN_WORDS = _words("change_verb", "down", shortest=2)
STABLE_WORDS = _words("trend", "stable")
BETTER_DIRECTIONS = _words("trend", "better")  # 改善: which way depends on the indicator
BETTER_STATES = _words("trend", "better_state")  # 稳中提质: a qualitative state
BETTER_WORDS = BETTER_DIRECTIONS + BETTER_STATES


def trend_of(word: str) -> Trend | None:
    """up / down / stable / better, from the last trend word in ``word``."""
    for trend, words in (
        (Trend.BETTER, BETTER_WORDS),
        (Trend.STABLE, STABLE_WORDS),
        (Trend.DOWN, DOWN_WORDS),
        (Trend.UP, UP_WORDS),
    ):
        if any(word.endswith(w) for w in words):
            return trend
    return None


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_TREND_ALT = _alt(("稳步提升", "稳步提高", *STABLE_WORDS, *UP_WORDS, *DOWN_WORDS))
_SCOPES = re.compile(r"全国|全省|全市|全区|全球|长三角|地区生产总值|GDP")


def _share(m: re.Match[str], ctx: Parse) -> TargetSpec | None:
    """占全省全国比重保持稳定 (SHARE), 占全国比重提升0.1个百分点 (SHARE_CHANGE)."""
    word = m.group("tw") or ""
    trend = trend_of(word) if word else None
    scope = m.group("scope")
    scopes = _SCOPES.findall(scope)
    subject = "、".join(scopes) if "".join(scopes) == scope.replace("、", "") else scope
    if not has_value(m, "v"):
        if trend is None:
            return None
        return ctx.spec(TargetKind.SHARE, trend=trend, subject=subject)
    found = values(m, ctx)
    if found is None or found[1] is not None or found[0].unit not in (POINTS, PERCENT):
        return None
    value = negated(found[0]) if trend is Trend.DOWN else found[0]
    kind = TargetKind.SHARE_CHANGE if value.unit == POINTS else TargetKind.SHARE
    return ctx.spec(kind, comparator=comparator(m), value=value, trend=trend, subject=subject)


def _direction(m: re.Match[str], ctx: Parse) -> TargetSpec | None:
    """稳步降低, 稳步提升, 高于上年, 只增不减: the way to go, no number."""
    word = m.group("dw")
    trend: Trend | None
    if word in ("只增不减", "不降低", "不下降", "不减少", "不低于上年"):
        trend = Trend.NOT_DOWN
    elif word.startswith(("低于", "少于")):
        trend = Trend.DOWN
    elif word.startswith(("高于", "好于", "优于", "多于")):
        trend = Trend.UP
    else:
        trend = trend_of(word)
    return ctx.spec(TargetKind.DIRECTION, trend=trend, subject=m.groupdict().get("subject"))


def _external(m: re.Match[str], ctx: Parse) -> TargetSpec:
    """完成省下达任务: the value is set by a higher level and is not in the report."""
    who = m.groupdict().get("who") or "上级"
    what = m.groupdict().get("what") or None
    return ctx.spec(TargetKind.EXTERNAL, reference=who, subject=what)


def _event_none(m: re.Match[str], ctx: Parse) -> TargetSpec:
    """不发生重特大生产安全责任事故: zero events."""
    zero = Quantity(value=0, unit="起", text="0")
    return ctx.spec(
        TargetKind.EVENT_COUNT, comparator=Comparator.EQ, value=zero, subject=m.group("what")
    )


def _event_count(m: re.Match[str], ctx: Parse) -> TargetSpec | None:
    """重特大生产安全责任事故起数为0, 较大事故起数控制在3起以内."""
    found = values(m, ctx)
    if found is None or found[1] is not None or found[0].unit not in (None, "起", "次"):
        return None
    value = Quantity(value=found[0].value, unit="起", text=found[0].text)
    return ctx.spec(
        TargetKind.EVENT_COUNT, comparator=comparator(m), value=value, subject=m.group("what")
    )


def _growth_flat(m: re.Match[str], ctx: Parse) -> TargetSpec:
    """较同期基本持平: a growth of about zero."""
    zero = Quantity(value=0, unit=PERCENT, text="0%")
    return ctx.spec(
        TargetKind.GROWTH,
        comparator=Comparator.APPROX,
        value=zero,
        trend=Trend.STABLE,
        subject=m.group("subject"),
    )


def _growth_positive(m: re.Match[str], ctx: Parse) -> TargetSpec:
    """保持增长, 实现正增长: a growth of at least zero."""
    zero = Quantity(value=0, unit=PERCENT, text="0%")
    return ctx.spec(TargetKind.GROWTH, comparator=Comparator.GE, value=zero, trend=Trend.UP)


def _qualitative(m: re.Match[str], ctx: Parse) -> TargetSpec:
    """保持基本稳定, 稳中提质, 稳量提质, 总体稳定, 产量保持稳定."""
    return ctx.spec(
        TargetKind.QUALITATIVE, trend=trend_of(m.group("q")), subject=m.group("subject")
    )


def _maintain(m: re.Match[str], ctx: Parse) -> TargetSpec:
    """保持规上工业企业…动态全覆盖: keep a state the report names; judged on the report's word."""
    return ctx.spec(TargetKind.QUALITATIVE, trend=Trend.STABLE, subject=m.group("what"))


_QUALITATIVE = _alt((*STABLE_WORDS, *BETTER_STATES))
_EVENT_NONE = lexicon().alternation("event_none")
_WHO = lexicon().alternation("authority")
_ADVERB = lexicon().alternation("trend_adverb")
_DIRECTION_WORDS = _alt(UP_WORDS + DOWN_WORDS + BETTER_DIRECTIONS)

# The patterns, each matched against the whole core of a phrase.
SHARE = rf"占(?P<scope>[^比\d]{{1,12}}?)的?比重(?P<tw>{_TREND_ALT})?(?:{VALUE}{BOUND})?"
DIRECTION_YEAR = (
    r"(?P<dw>(?:高于|低于|好于|优于|不低于)(?:上年|去年)|只增不减|不降低|不下降|不减少)(?:水平)?"
)
EXTERNAL = (
    rf"(?:确保|全面|按期)?完成(?P<who>{_WHO})?(?:下达|分解|核定|确定|定)的?"
    r"(?P<what>[^\d]{0,20}?)(?:目标任务|任务|目标|指标)(?:要求)?"
)
EXTERNAL_LIMIT = (
    rf"(?:控制在|不超过|低于)(?P<who>{_WHO})(?:下达|分解|核定|确定)的?(?P<what>[^\d]{{0,10}}?)"
    r"(?:范围|目标|指标|任务)(?:之内|以内|内)?"
)
EXTERNAL_REQUIREMENT = rf"(?:达到|满足|符合)(?P<who>{_WHO})?(?:考核|下达)?(?:目标)?要求"
EVENT_NONE = rf"(?:{_EVENT_NONE})(?P<what>[^\d]{{2,30}})"
EVENT_COUNT = rf"(?P<what>[^\d]{{2,30}}?)(?:起数|发生起数|发生数)(?:为|是|控制在)?{VALUE}{BOUND}"
GROWTH_FLAT = rf"{SUBJECT}(?:较同期|与上年|较上年|同比|比上年|与去年|较去年)?(?:基本)?持平"
GROWTH_POSITIVE = r"(?:保持|实现)?(?:正增长|稳定增长|平稳增长|稳步增长|较快增长|增长)"
QUALITATIVE = rf"{SUBJECT}(?P<q>{_QUALITATIVE})"
DIRECTION = rf"{SUBJECT}(?:{_ADVERB})?(?P<dw>{_DIRECTION_WORDS})"
MAINTAIN = r"保持(?P<what>[^\d]{2,60})"


@dataclass(frozen=True)
class ShapeFamily:
    """A family read from the phrase's tokens by a shape (``phrases/shapes.py``), not by a
    pattern over its characters: the numeric and relative families, where word order and
    comparator words vary most. One shape serves several families (growth, increment and level
    are one numeric shape); an entry takes the spec only when the shape says it is its own."""

    name: str
    read: Callable[[Parse], Reading]
    examples: tuple[str, ...] = ()
    needs: re.Pattern[str] | None = None  # a cheap test before tokenizing, as for ``Family``

    def parse(self, ctx: Parse) -> TargetSpec | None:
        if self.needs is not None and self.needs.search(ctx.core) is None:
            return None
        reading = self.read(ctx)
        if reading.spec is None or reading.spec.family != self.name:
            return None
        return with_phrase(reading.spec, ctx.phrase, ctx.basis, ctx.note)


def _numeric(ctx: Parse) -> Reading:
    return read_numeric(ctx.core, ctx.hint)


def _relatives(ctx: Parse) -> Reading:
    return read_relative(ctx.core)


def _shares(ctx: Parse) -> Reading:
    return read_share(ctx.core)


def shape(
    name: str, read: Callable[[Parse], Reading], *examples: str, needs: str | None = None
) -> ShapeFamily:
    """A registry entry read by a shape; ``examples`` feed the docs and the tests."""
    return ShapeFamily(name, read, examples, re.compile(needs) if needs else None)


# What a numeric shape needs: somewhere the tokenizer makes a number (its ``N``).
_NUMBER_NEEDS = number_needs()
# What a relative shape needs: a word that relates (与, 快于, 高于, 达到 …) before a reference.
_RELATIVE_NEEDS = "|".join(
    lexicon().alternation(cls) for cls in ("relation", "sync", "pre_comparator", "level_verb")
)


FAMILIES: list[Family | ShapeFamily] = [
    family(
        "share", SHARE, _share, "占全省全国比重保持稳定", "占全国比重提升0.1个百分点", needs="占"
    ),
    shape(
        "share_value",
        _shares,
        "占全国份额达15%",
        "约占全国比重的24.2%",
        needs=lexicon().alternation("share_of") + "|" + lexicon().alternation("reference", "scope"),
    ),
    family("direction_year", DIRECTION_YEAR, _direction, "高于上年", "只增不减", needs="年|不"),
    shape(
        "relative_sync",
        _relatives,
        "与经济增长基本同步",
        "增长和经济发展同步",
        "和经济增长同步",
        "与经济增长同步增长",
        needs=_RELATIVE_NEEDS,
    ),
    shape(
        "relative",
        _relatives,
        "高于地区生产总值增幅",
        "快于经济增长",
        "跑赢经济增速",
        needs=_RELATIVE_NEEDS,
    ),
    family(
        "external",
        EXTERNAL,
        _external,
        "完成省下达任务",
        "完成省下达粮食播种面积任务",
        needs="完成",
    ),
    family(
        "external_limit",
        EXTERNAL_LIMIT,
        _external,
        "控制在省下达的目标以内",
        needs="下达|核定|分解",
    ),
    family("external_requirement", EXTERNAL_REQUIREMENT, _external, "达到省考核要求", needs="要求"),
    family(
        "event_none", EVENT_NONE, _event_none, "不发生重特大生产安全责任事故", needs=_EVENT_NONE
    ),
    family(
        "event_count",
        EVENT_COUNT,
        _event_count,
        "重特大生产安全责任事故起数为0",
        needs="起数|发生数",
    ),
    family("growth_flat", GROWTH_FLAT, _growth_flat, "较同期基本持平", needs="持平"),
    shape(
        "growth",
        _numeric,
        "增长5%以上",
        "增长5.5%左右",
        "下降1.4%",
        "增长不超过5%",
        "增长约5%",
        "增速5%左右",
        "降幅超过3%",
        needs=_NUMBER_NEEDS,
    ),
    family("growth_positive", GROWTH_POSITIVE, _growth_positive, "保持增长", needs="增长"),
    shape(
        "increment",
        _numeric,
        "新增150家以上",
        "净增1500家以上",
        "新增城镇就业35万人以上",
        needs=_NUMBER_NEEDS,
    ),
    shape(
        "level",
        _numeric,
        "53.3%左右",
        "17%以上",
        "38.5件",
        "90%以上（新口径）",
        "低于3.5%",
        "突破1000亿元",
        "保持在1.3万亿斤以上",
        "下降至12%左右",
        needs=_NUMBER_NEEDS,
    ),
    family(
        "qualitative",
        QUALITATIVE,
        _qualitative,
        "保持基本稳定",
        "稳中提质",
        "稳量提质",
        needs=_QUALITATIVE,  # the pattern ends in one of these words
    ),
    family(
        "direction",
        DIRECTION,
        _direction,
        "稳步降低",
        "稳步提高",
        "稳步提升",
        needs=_DIRECTION_WORDS,
    ),
    family(
        "maintain",
        MAINTAIN,
        _maintain,
        "保持规上工业企业智能化改造数字化转型网络化联接动态全覆盖",
        needs="保持",
    ),
]
