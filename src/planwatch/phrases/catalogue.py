"""The built-in catalogue of plan indicators: which way is good, the usual unit, other names.

Direction decides how a bare or ``左右`` target is judged: CPI 涨幅 3%左右 is a cap, so 0.2 %
meets it; 能耗降低 3.9% is a reduction whose *size* is the goal, so more is better. An
indicator is found by exact name, then alias, then normalised name (full-width, brackets,
``规模以上``→``规上``, ``GDP``→``地区生产总值`` …), then by a name pattern (``…浓度`` is
lower-better). Callers override any entry per indicator with a dict. Each entry is one line;
``docs/catalogue.md`` lists them all (a test keeps it in step).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from planwatch.model import Direction
from planwatch.phrases.grammar import fold_traditional
from planwatch.phrases.numbers import PERCENT, RATIO, normalise

H, L, C, B = (Direction.HIGHER_BETTER, Direction.LOWER_BETTER, Direction.CEILING, Direction.BAND)


@dataclass(frozen=True)
class Indicator:
    """One catalogue entry. ``reduction``: the name says 降低/下降率, the number is its size."""

    name: str
    direction: Direction
    unit: str | None = None
    aliases: tuple[str, ...] = ()
    reduction: bool = False
    source: str = "catalogue"  # catalogue / alias / normalised / pattern / override


CATALOGUE: list[Indicator] = [
    # 经济发展
    Indicator(
        "地区生产总值",
        H,
        "元",
        ("GDP", "经济增长", "经济", "地区生产总值增速", "经济增速", "生产总值"),
    ),
    Indicator("制造业增加值占地区生产总值比重", H, PERCENT, ("制造业增加值占GDP比重",)),
    Indicator("固定资产投资", H, "元", ("全社会固定资产投资",)),
    Indicator("社会消费品零售总额", H, "元", ("社零总额",)),
    Indicator("进出口总额", H, "元", ("外贸进出口总额", "外贸进出口", "进出口总值")),
    Indicator("实际使用外资", H, "美元", ("实际使用外资金额", "实际利用外资")),
    Indicator("一般公共预算收入", H, "元", ("地方一般公共预算收入",)),
    Indicator(
        "居民消费价格总水平涨幅",
        C,
        PERCENT,
        ("居民消费价格涨幅", "CPI涨幅", "CPI", "居民消费价格", "物价涨幅"),
    ),
    Indicator("服务业增加值", H, "元", ("第三产业增加值",)),
    Indicator("服务业增加值占地区生产总值比重", H, PERCENT),
    Indicator("规上工业增加值", H, "元", ("规上工业增加值增速", "工业增加值")),
    Indicator("全员劳动生产率", H, "元/人"),
    Indicator("财政总收入", H, "元"),
    Indicator("工业投资", H, "元"),
    Indicator("制造业投资", H, "元"),
    Indicator("基础设施投资", H, "元"),
    Indicator("民间投资", H, "元", ("民间项目投资",)),
    Indicator("民间投资占比", H, PERCENT),
    Indicator("出口总额", H, "元", ("外贸出口", "出口总值")),
    Indicator("高技术制造业增加值", H, "元", ("规上高技术制造业增加值",)),
    Indicator("战略性新兴产业增加值", H, "元"),
    Indicator("战略性新兴产业产值", H, "元"),
    Indicator("高新技术产业增加值", H, "元"),
    Indicator("数字经济核心产业增加值", H, "元", ("数字经济增加值",)),
    Indicator("民营经济增加值", H, "元"),
    Indicator("民营经济增加值占地区生产总值比重", H, PERCENT, ("民营经济增加值占GDP比重",)),
    Indicator("规上工业企业利润", H, "元", ("规模以上工业企业利润",)),
    Indicator("金融机构存款余额", H, "元"),
    Indicator("金融机构贷款余额", H, "元"),
    # 现代产业
    Indicator("高新技术产业产值占规模以上工业产值比重", H, PERCENT),
    Indicator(
        "工业战略性新兴产业产值占工业总产值比重", H, PERCENT, ("战略性新兴产业产值占规上工业比重",)
    ),
    Indicator("工业增加值率", H, PERCENT),
    Indicator("新增高新技术企业数", H, "家"),
    Indicator("有效高新技术企业数", H, "家", ("高新技术企业数",)),
    Indicator("数字经济核心产业增加值占GDP比重", H, PERCENT),
    Indicator("制造业智能化改造、数字化转型、网络化联接企业数", H, "家"),
    Indicator("建成智能工厂数", H, "家"),
    Indicator("国家级专精特新“小巨人”企业数", H, "家"),
    Indicator("规上生产性服务业营业收入", H, "元"),
    # 科教人才
    Indicator(
        "全社会研究与试验发展经费支出占地区生产总值的比重",
        H,
        PERCENT,
        ("研发投入强度", "R&D经费投入强度", "R&D占GDP比重", "R&D经费支出占GDP比重"),
    ),
    Indicator("企业研究与试验发展经费投入", H, "元"),
    Indicator("技术合同成交额", H, "元"),
    Indicator("每万人口高价值发明专利拥有量", H, "件", ("每万人高价值发明专利拥有量",)),
    Indicator("每万劳动力中高技能人才数", H, "人"),
    Indicator("高等教育毛入学率", H, PERCENT),
    Indicator("引留高校毕业生", H, "人"),
    Indicator("人才资源总量", H, "人"),
    Indicator("劳动年龄人口平均受教育年限", H, "年"),
    # 公共服务
    Indicator("城乡基本养老保险参保缴费率", H, PERCENT),
    Indicator("城乡基本医保参保人数", H, "人"),
    Indicator("政务服务可网办率", H, PERCENT),
    Indicator("新开工改造城镇老旧小区", H, "户"),
    Indicator("新开工城中村改造", H, "个"),
    Indicator("每千人口拥有3岁以下婴幼儿托位数", H, "个"),
    Indicator("普惠性幼儿园覆盖率", H, PERCENT),
    Indicator("接受上门服务的居家老年人数占比", H, PERCENT),
    Indicator("每千人口医疗卫生机构床位数", H, "张"),
    Indicator("每千人口执业（助理）医师数", H, "人", ("每千人口拥有执业（助理）医师数",)),
    Indicator("人均预期寿命", H, "岁"),
    # 人口与共同富裕
    Indicator("户籍人口", H, "人"),
    Indicator("常住人口", H, "人"),
    Indicator("常住人口城镇化率", H, PERCENT, ("城镇化率", "城市化率")),
    Indicator("户籍人口城镇化率", H, PERCENT),
    Indicator("居民人均可支配收入", H, "元", ("全体居民人均可支配收入", "居民收入")),
    Indicator("城镇居民人均可支配收入", H, "元"),
    Indicator("农村居民人均可支配收入", H, "元"),
    Indicator("城乡居民收入倍差", L, RATIO, ("城乡居民收入比", "城乡收入比", "收入倍差")),
    Indicator("城镇新增就业人数", H, "人", ("城镇新增就业", "新增就业")),
    Indicator("新增就业参保大学生人数", H, "人"),
    Indicator("城镇调查失业率", C, PERCENT, ("城镇登记失业率", "调查失业率")),
    # 绿色转型
    Indicator(
        "单位地区生产总值能源消耗降低", H, PERCENT, ("单位GDP能耗降低", "能耗强度降低"), True
    ),
    Indicator("单位地区生产总值二氧化碳排放降低", H, PERCENT, ("单位GDP二氧化碳排放降低",), True),
    Indicator(
        "PM2.5浓度",
        L,
        "微克/立方米",
        (
            "细颗粒物浓度",
            "细颗粒物(PM2.5)浓度",
            "PM2.5平均浓度",
            "细颗粒物年均浓度",
            "PM2.5年平均浓度",
            "PM2.5年均浓度",
        ),
    ),
    Indicator(
        "空气质量优良天数比例",
        H,
        PERCENT,
        ("空气质量优良天数比率", "空气优良天数比率", "空气优良天数比例", "优良天数比例"),
    ),
    Indicator("省考地表水达到或优于Ⅲ类水体比例", H, PERCENT, ("地表水达到或好于Ⅲ类水体比例",)),
    Indicator("主要污染物排放总量削减", H, PERCENT, (), True),
    Indicator("单位地区生产总值建设用地使用面积下降率", H, PERCENT, ("建设用地下降率",), True),
    Indicator("批而未供和闲置土地利用率", H, PERCENT, ("批而未供和闲置土地处置率",)),
    Indicator("森林覆盖率", H, PERCENT, ("林木覆盖率",)),
    # 安全保障
    Indicator("耕地保有量", H, "亩"),
    Indicator("粮食综合生产能力", H, "吨", ("粮食产量", "粮食总产量")),
    Indicator("安全生产", L, "起", ("生产安全事故",)),
]

# Last resort, by what the name says; first match wins. Not a guess: these words fix the sense.
PATTERNS: list[tuple[re.Pattern[str], Direction, bool]] = [
    (re.compile(r"(价格|CPI).*涨幅"), C, False),
    (re.compile(r"失业率"), C, False),
    (re.compile(r"倍差|收入比"), L, False),
    (re.compile(r"浓度|死亡率|事故"), L, False),
    (re.compile(r"(降低|下降率|下降|削减|减排)(率|量)?$"), H, True),
    (re.compile(r"(能耗|排放量|排放强度)$"), L, False),
    # A volume a plan grows: …投资, …出口, …收入, …增加值, …产值, …成交额 (工业性投资, 自营出口).
    (re.compile(r"(投资|出口|收入|增加值|产值|营业额|营收|零售额|成交额|外资)$"), H, False),
]

_REWRITES: tuple[tuple[str, str], ...] = (
    ("规模以上", "规上"),
    ("国内生产总值", "地区生产总值"),
    ("GDP", "地区生产总值"),
)
_REWRITES += (("研究与试验发展", "研发"), ("R&D", "研发"), ("比率", "比例"))
_DROP = re.compile(r"[()“”\"'‘’《》、·的]")


# Whose figure a name is, not which indicator: 全省地区生产总值 is 地区生产总值.
_SCOPE = re.compile(r"^(?:全省|全市|全区|全县|全州|全盟|全旗|全国|全年|我省|我市|我区|我县)+")
_PART_OF = re.compile(r"^其中")


def without_scope(name: str, *, part: bool = False) -> str:
    """``name`` without whose figure it is (全省, 我市 …) and, with ``part``, without 其中
    (其中地方财政收入: a part of the figure before, named as itself)."""
    bare = _SCOPE.sub("", name)
    while part and _PART_OF.match(bare):
        bare = _SCOPE.sub("", _PART_OF.sub("", bare))
    return bare


@lru_cache(maxsize=65536)  # one name is looked up, canonicalised and tested as a rate in turn
def normalise_name(name: str) -> str:
    """The key names are compared by: simplified characters (地區生產總值 is 地区生产总值),
    规模以上→规上, GDP→地区生产总值, no brackets or 的, no scope before it (全省, 全市 …)."""
    key = without_scope(fold_traditional(normalise(name)))
    for old, new in _REWRITES:
        key = key.replace(old, new)
    return _DROP.sub("", key)


def _index() -> tuple[dict[str, Indicator], dict[str, Indicator], dict[str, Indicator]]:
    names: dict[str, Indicator] = {}
    aliases: dict[str, Indicator] = {}
    keys: dict[str, Indicator] = {}
    for entry in CATALOGUE:
        names[entry.name] = entry
        keys.setdefault(normalise_name(entry.name), entry)
        for alias in entry.aliases:
            aliases[alias] = entry
            keys.setdefault(normalise_name(alias), entry)
    return names, aliases, keys


_NAMES, _ALIASES, _KEYS = _index()


@lru_cache(maxsize=65536)  # as parse_target's: a table of 45,000 names asks each twice
def _builtin(name: str) -> Indicator | None:
    if name in _NAMES:
        return _NAMES[name]
    if name in _ALIASES:
        return replace(_ALIASES[name], source="alias")
    key = normalise_name(name)
    if key in _KEYS:
        return replace(_KEYS[key], source="normalised")
    for pattern, direction, reduction in PATTERNS:
        if pattern.search(key):
            return Indicator(name, direction, None, (), reduction, "pattern")
    return None


Override = Direction | str | Indicator


def lookup_indicator(
    name: str, overrides: Mapping[str, Override] | None = None
) -> Indicator | None:
    """The catalogue entry for ``name``, a user's override first; ``None`` when unknown.

    ``overrides`` maps an indicator name to a ``Direction`` (or its value, ``"band"``) or to a
    whole ``Indicator``: ``{"制造业增加值占地区生产总值比重": "band"}``.
    """
    if overrides:
        override = overrides.get(name)
        if override is None:
            override = next(
                (v for k, v in overrides.items() if normalise_name(k) == normalise_name(name)),
                None,
            )
        if isinstance(override, Indicator):
            return replace(override, source="override")
        if override is not None:
            base = _builtin(name) or Indicator(name, Direction.UNKNOWN)
            return replace(base, direction=Direction(override), source="override")
    return _builtin(name) if isinstance(name, str) else None


def direction_for(name: str, overrides: Mapping[str, Override] | None = None) -> Direction:
    """The direction of ``name``; ``UNKNOWN`` when neither catalogue nor override knows it."""
    entry = lookup_indicator(name, overrides)
    return entry.direction if entry else Direction.UNKNOWN


_CHANGE_RATE = re.compile(r"(涨幅|增幅|增速|增长率?|涨跌幅)$")


def is_change_rate(name: str) -> bool:
    """Whether an indicator's value is itself a rate of change (CPI 涨幅, …增速), so it can be
    negative and ``下降0.5%`` reported for it is the value −0.5 %, comparable with ``3%左右``."""
    if not isinstance(name, str) or not name:
        return False
    names = (normalise_name(name), normalise_name(canonical_name(name)))
    return any(_CHANGE_RATE.search(key) for key in names)


def canonical_name(name: str) -> str:
    """The catalogue's name for ``name`` (an alias or variant), else ``name`` itself."""
    entry = _builtin(name)
    return entry.name if entry and entry.source != "pattern" else name
