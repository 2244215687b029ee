"""Find where prose restates each indicator, and the words that belong to it.

Narratives chain indicators: ``…工业增加值率保持基本稳定；高新技术企业净增1500家以上…``,
``PM2.5浓度、空气质量优良天数比例完成省下达任务``, ``预计人才资源总量407万人``. A mention
is the indicator's name (or a variant: without 新增/数, GDP for 地区生产总值), the words before
it back to the previous comma (``预计``) and the words after it up to the next mention. Names
that share one predicate (joined by ``、``) borrow the predicate that follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planwatch.model import IndicatorRow

SENTENCE_END = "。；;\n"
DELIMITERS = SENTENCE_END + "，,、：:"
_JOINERS = re.compile(r"^[、，,和及与以及\s]*$")
ABBREVIATIONS = {"地区生产总值": "GDP"}
_LEADING = ("新增", "累计", "年末")
_TRAILING = ("人数", "数量", "个数", "数")
NEGATIONS = ("不", "未")


def name_variants(name: str) -> list[str]:
    """The ways prose names an indicator, longest first; none shorter than four characters."""
    variants = {name}
    for full, short in ABBREVIATIONS.items():
        if full in name:
            variants.add(name.replace(full, short))
    for variant in list(variants):
        stems = {variant}
        stems |= {variant[len(p) :] for p in _LEADING if variant.startswith(p)}
        for stem in list(stems):
            stems |= {stem[: -len(s)] for s in _TRAILING if stem.endswith(s)}
        variants |= stems
    keep = {v for v in variants if len(v) >= 4 or v in ABBREVIATIONS.values()}
    return sorted(keep, key=len, reverse=True)


@dataclass(frozen=True)
class Mention:
    """Where one row is restated: ``words`` are the prefix and predicate, without the name."""

    row: int
    start: int
    end: int
    prefix: str
    predicate: str
    quote: str  # prefix + name + predicate as printed, the evidence

    @property
    def words(self) -> str:
        return self.prefix + self.predicate


def _occurrences(text: str, rows: list[IndicatorRow]) -> list[tuple[int, int, int]]:
    found = []
    for index, row in enumerate(rows):
        for variant in name_variants(row.name):
            start = text.find(variant)
            while start >= 0:
                found.append((start, start + len(variant), index))
                start = text.find(variant, start + 1)
    return found


def _phrase_occurrences(
    text: str, rows: list[IndicatorRow], taken: set[int]
) -> list[tuple[int, int, int]]:
    """Rows the prose restates by a phrase, not by name (``保持规上工业企业…全覆盖``).

    The actual is tried, then the target; a leading 不/未 is dropped so that ``不发生…事故``
    finds ``未发生…事故``. Only wordy phrases that occur once count: ``1050亿元左右`` could be
    any indicator's.
    """
    found = []
    for index, row in enumerate(rows):
        if index in taken:
            continue
        for phrase in (row.actual, row.target):
            core = re.sub(r"\s+", "", phrase or "")
            core = core[1:] if core.startswith(NEGATIONS) else core
            if len(re.sub(r"[\d.%]", "", core)) >= 8 and text.count(core) == 1:
                start = text.find(core)
                found.append((start, start, index))  # an empty name: the phrase is the predicate
                break
    return found


def _without_overlaps(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Longest names win: 地区生产总值 inside 单位地区生产总值能源消耗降低 is no mention."""
    kept: list[tuple[int, int, int]] = []
    for start, end, index in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, index))
    return sorted(kept)


def _cut_before(text: str, start: int, floor: int) -> int:
    """Where a mention's prefix begins: after the last delimiter between ``floor`` and it."""
    for at in range(start - 1, floor - 1, -1):
        if text[at] in DELIMITERS:
            return at + 1
    return floor


def _sentence(text: str, at: int) -> tuple[int, int]:
    left = max(text.rfind(ch, 0, at) for ch in SENTENCE_END) + 1
    ends = [i for ch in SENTENCE_END if (i := text.find(ch, at)) >= 0]
    return left, min(ends, default=len(text))


def locate(text: str, rows: list[IndicatorRow]) -> dict[int, Mention]:
    """The first mention of each row that the text restates, by name or else by phrase."""
    found = _without_overlaps(_occurrences(text, rows))
    taken = {index for _, _, index in found}
    found = _without_overlaps(found + _phrase_occurrences(text, rows, taken))
    spans: list[tuple[int, int, int, int, int]] = []  # cut, start, end, stop, row
    for k, (start, end, index) in enumerate(found):
        left, right = _sentence(text, start)
        previous_end = found[k - 1][1] if k and found[k - 1][1] > left else left
        cut = _cut_before(text, start, previous_end)
        spans.append((cut, start, end, right, index))
    mentions: dict[int, Mention] = {}
    for k, (cut, start, end, stop, index) in enumerate(spans):
        following = spans[k + 1 :]
        stop = following[0][0] if following and following[0][0] < stop else stop
        predicate = text[end:stop]
        borrowed = _borrow(text, spans, k) if _JOINERS.match(predicate) else ""
        if index not in mentions:
            mentions[index] = Mention(
                row=index,
                start=cut,
                end=stop,
                prefix=text[cut:start],
                predicate=predicate + borrowed,
                quote=text[cut:stop] + borrowed,
            )
    return mentions


def _borrow(text: str, spans: list[tuple[int, int, int, int, int]], k: int) -> str:
    """The predicate of the next mention in the same sentence that has one."""
    _, _, _, sentence_end, _ = spans[k]
    for cut, _, end, stop, _ in spans[k + 1 :]:
        if cut > sentence_end:
            break
        nxt = next((s[0] for s in spans if s[0] > cut and s[0] < stop), stop)
        predicate = text[end:nxt]
        if not _JOINERS.match(predicate):
            return predicate
    return ""
