"""The jurisdiction a title or a document's first lines speak of.

``苏州市2024年国民经济和社会发展计划执行情况`` → 苏州市; ``2026年浙江省政府工作报告`` → 浙江省;
``杭州市余杭区发展和改革局`` → 余杭区 (a parent followed by its child is one mention);
``上海2023年…，江苏…，浙江…`` → ambiguous (several jurisdictions, none of them the document's).

Why boundaries: Chinese has no spaces, and short names hide in words (合作共赢 holds 合作市's
short name, 锦江大礼堂 holds 锦江区's). A full name with a stem of two characters or more is
taken where it stands (苏州市, 昆山市), except before 场 or 域 (苏州市场 is 苏州's market); a
short name, a one-character stem (沛县, 城区) or a name that is also a common word (新城区,
城关区) is taken only between boundaries: punctuation, digits, a year, the start of the text,
or a word a government's name is followed by (人民政府, 国民经济, 政府工作报告 …); a short
name that is a word (新建, 太湖) only before a government's word or a year. docs/places.md
gives the rules with their examples.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace
from functools import cache

from planwatch.model.places import Jurisdiction, Resolution
from planwatch.places.resolve import candidates, decide, full_name, is_within, resolve
from planwatch.places.table import fold, former_names, table

# Names that are also ordinary words of a report (主城区, 新城区建设, 城关镇 …).
GENERIC = frozenset({"城区", "郊区", "矿区", "东区", "西区", "新城区", "老城区", "城关区"})
GENERIC |= {"市中区", "城中区", "新华区", "河东区", "南山区"}

# Short names that are also words of a report or landmarks (新建 "newly built", 合作
# "cooperation", 太湖 the lake, 新华日报 the paper): taken only before a government's word.
WORDS = frozenset(
    """新建 合作 港口 芙蓉 新华 太湖 钟山 海港 富民 资源 龙江 镜湖 和平 东方 城中 城东 城西 城北
    城厢 新城 老城 城关 市中 市北 市南 河东 河西 江南 江北 南山 白云 红旗 青山 西湖 东湖 南湖 北湖
    大通 普陀 光明 友好 友谊 前进 前锋 复兴 振兴 工农 共和 向阳 新兴 新民 新市 安定 长安 太平 天山
    泰山 庐山 大观 天涯 万年 兴隆 宏伟 铁西 铁东 中原 华龙 元宝 牡丹江 黑河 乌苏 和田 平安 永安
    长寿 吉利 团风 开放 高新 经开 新区 郊区 矿区""".split()  # noqa: SIM905
)
_PUNCTUATION = frozenset(
    " \t\r\n\u3000，。、；：？！,.;:?!()（）《》〈〉<>「」『』“”\"'[]【】|/\\-—_·•>+%％"
    + string.ascii_letters
    + string.digits
)
_BOUNDARY = _PUNCTUATION | frozenset("年月日")  # before a name: 2024年苏州…, 1月1日苏州…
_LEFT_WORDS = ("关于", "在", "和", "与", "及", "对", "据", "除", "是", "至", "到", "为")
# Words a government's name is followed by (苏州市人民政府, 漳州经济社会发展, 上海2023年…).
_GOVERNMENT_WORDS = (
    "人民",
    "政府",
    "国民经济",
    "经济",
    "发展",
    "统计",
    "发改",
    "委员会",
    "第",
    "全市",
    "全省",
    "全区",
    "全县",
    "今年",
    "上半年",
    "前三季度",
    "一季度",
    "主要",
    "地区生产总值",
    "生产总值",
    "财政",
    "人大",
    "政协",
    "市委",
    "省委",
    "区委",
    "县委",
    "市长",
    "区长",
    "县长",
    "省长",
)
# Words that follow a name in a list or a phrase (杭州、温州等地, 重庆的亮丽底色).
_RIGHT_WORDS = (*_GOVERNMENT_WORDS, "的", "向", "等", "和", "与", "及", "晒")
_YEAR = re.compile(r"(?:19|20)\d\d年")
# A letter-spaced heading (苏 州 市 人 民 政 府, as Word justifies a title): three or more
# hanzi each one space apart. Two names a space apart (北京 上海) are left as they are.
_SPACED = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]){2,}[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Mention:
    """A name recognised in the text, with every division it may stand for."""

    start: int
    end: int
    surface: str
    found: tuple[Jurisdiction, ...]
    short: bool


@cache
def _surfaces() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """Every indexed name, and for each first character the lengths of its names, longest first
    (a scan tries only those: 苏 starts names of 2, 3 and 4 characters, not of 2 to 15).

    Former names count in their full form only (襄樊市, not 襄樊): a short former name is
    too weak a sign in running text."""
    t = table()
    former = {s for s, entries in former_names().items() if any(e.name == s for e in entries)}
    names = frozenset(t.by_name) | frozenset(t.by_short) | frozenset(former)
    lengths: dict[str, set[int]] = {}
    for name in names:
        lengths.setdefault(name[0], set()).add(len(name))
    return names, {c: tuple(sorted(n, reverse=True)) for c, n in lengths.items()}


def _names_at(text: str, i: int) -> list[str]:
    """The indexed names starting at ``i``, longest first."""
    names, lengths = _surfaces()
    found = []
    for length in lengths.get(text[i], ()):
        surface = text[i : i + length]
        if len(surface) == length and surface in names:
            found.append(surface)
    return found


def _left_ok(text: str, i: int, previous_end: int) -> bool:
    """The start, a boundary, the end of the name before (江苏省|苏州), or 关于/在/和 …."""
    if i == 0 or i == previous_end or text[i - 1] in _BOUNDARY:
        return True
    return text.endswith(_LEFT_WORDS, 0, i)


def _right_ok(text: str, j: int, found: tuple[Jurisdiction, ...], word: bool = False) -> bool:
    """Punctuation, a government's word, or a child of this name right after (江苏苏州).

    Not 日 (安徽日报 is a newspaper). A name that is also a word (:data:`WORDS`) needs a
    government's word or a year after it: 新建、改造 and 新建5G基站 are no 新建区.
    """
    if j >= len(text) or text.startswith(_GOVERNMENT_WORDS, j) or _YEAR.match(text, j):
        return True
    if word:
        return False
    if text.startswith(_RIGHT_WORDS, j):
        return True
    if text[j] in _PUNCTUATION:
        return True
    child = _longest_at(text, j)
    return child is not None and any(is_within(c, p) and c != p for c in child[1] for p in found)


def _longest_at(text: str, i: int) -> tuple[str, tuple[Jurisdiction, ...], bool] | None:
    """The longest name starting at ``i``, without boundary checks (for the lookahead)."""
    if i >= len(text):
        return None
    for surface in _names_at(text, i):
        found, short = candidates(surface)
        return surface, found, short
    return None


def _accepted(text: str, i: int, previous_end: int, mention: Mention) -> bool:
    """Whether a name found at ``i`` is a mention, by the boundary rules of the module doc."""
    surface, found, short = mention.surface, mention.found, mention.short
    j = i + len(surface)
    strict = short or surface in GENERIC or len(surface) <= 2
    if not strict:
        return not (j < len(text) and text[j] in "场域")
    word = surface in WORDS
    return _left_ok(text, i, previous_end) and _right_ok(text, j, found, word)


def mentions(text: str) -> list[Mention]:
    """Every accepted name in reading order, longest first at each position."""
    found_mentions: list[Mention] = []
    starts = _surfaces()[1]
    i, previous_end = 0, -1
    while i < len(text):
        mention = _mention_at(text, i, previous_end) if text[i] in starts else None
        if mention is None:
            i += 1
            continue
        found_mentions.append(mention)
        i = previous_end = mention.end
    return found_mentions


def _mention_at(text: str, i: int, previous_end: int) -> Mention | None:
    for surface in _names_at(text, i):
        found, short = candidates(surface)
        if not found:  # a former name: its successor, if any, stands for it in a sequence
            found, short = resolve(surface).candidates, False
        mention = Mention(i, i + len(surface), surface, found, short)
        if _accepted(text, i, previous_end, mention):
            return mention
    return None


def _chains(found_mentions: list[Mention]) -> list[list[Mention]]:
    """Adjacent mentions where each names a child of the one before (江苏省 + 苏州市)."""
    chains: list[list[Mention]] = []
    for mention in found_mentions:
        last = chains[-1][-1] if chains else None
        adjacent = last is not None and last.end == mention.start
        if last and adjacent and (not mention.found or _narrow(last.found, mention.found)):
            chains[-1].append(mention)
        else:
            chains.append([mention])
    return chains


def _narrow(
    outer: tuple[Jurisdiction, ...], inner: tuple[Jurisdiction, ...]
) -> tuple[Jurisdiction, ...]:
    """The readings of ``inner`` that lie inside one of ``outer``'s readings."""
    return tuple(c for c in inner if any(is_within(c, p) and c != p for p in outer))


def _chain_resolution(chain: list[Mention]) -> Resolution:
    """One name: as :func:`resolve` reads it; a sequence: the last name inside the others."""
    last = chain[-1]
    if len(chain) == 1 or not last.found:  # one name, or an abolished one (山东省莱芜市)
        return resolve(last.surface)
    found = chain[0].found
    for mention in chain[1:]:
        found = _narrow(found, mention.found)
    decided = decide("".join(m.surface for m in chain), found, False)
    if decided.found and not candidates(last.surface)[0]:  # a former name (湖北省襄樊市)
        old = resolve(last.surface)
        return replace(decided, reason=old.reason, historical=old.historical)
    return decided


def _related(a: Jurisdiction, b: Jurisdiction) -> bool:
    return is_within(a, b) or is_within(b, a)


def _settle(primary: Resolution, others: list[Resolution]) -> Resolution:
    """The first mention, checked against the later ones.

    An ambiguous first mention is settled by a later one naming one of its readings (鼓楼区 …
    南京市鼓楼区); a later jurisdiction unrelated to the first (上海 … 江苏) makes the text one
    about several, which is no document's jurisdiction: ambiguous, with all of them.
    """
    later = [r.jurisdiction for r in others if r.jurisdiction]
    if primary.jurisdiction is None:
        hits = [c for c in primary.candidates if any(_related(c, j) for j in later)]
        if primary.status == "ambiguous" and len(hits) == 1:
            reason = f"“{primary.matched}”按文中其他提及读作{full_name(hits[0])}"
            return Resolution("found", hits[0], primary.candidates, reason, primary.matched)
        return primary
    chosen = primary.jurisdiction
    strangers = list(dict.fromkeys(j for j in later if not _related(j, chosen)))
    if not strangers:
        return primary
    every = (chosen, *strangers)
    names = "、".join(j.name for j in every)
    return Resolution("ambiguous", None, every, f"文中提到多个地区：{names}", primary.matched)


def find_in_text(text: str) -> Resolution:
    """The jurisdiction a title or a document's first lines name (see the module doc).

    Traditional characters are folded first (成都市2018年政府工作報告). Pass a title or the
    first lines: a whole report names many places besides its own.
    """
    if not isinstance(text, str) or not text.strip():
        return Resolution("unknown", reason="文本为空，无法判断地区")
    folded = _SPACED.sub(lambda m: re.sub(r"[ \u3000]", "", m.group()), fold(text))
    chains = _chains(mentions(folded))
    if not chains:
        return Resolution("unknown", reason="文中未找到地区名称")
    resolutions = [_chain_resolution(chain) for chain in chains]
    return _settle(resolutions[0], resolutions[1:])
