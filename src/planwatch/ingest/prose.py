"""Targets and results stated in sentences: the 政府工作报告's targets passage and review part.

Most governments state their targets in prose (``今年…主要预期目标是：地区生产总值增长5%左右；
城镇新增就业…万人以上；…``) and last year's results in the review (``过去一年…地区生产总值增长
5.4%``). This module finds both and cuts each clause into the indicator as written and its
phrase, which the grammar (``planwatch.phrases``) then reads like a table cell.

Two rules keep it from inventing targets:

- a clause of the targets passage becomes a target only when the grammar reads its phrase, or
  when it holds a number or a target verb (then it is kept with the grammar's note, to be judged
  unassessable); a vision clause such as 在高质量发展上继续走在前列 is no target;
- a result is taken from the review only for an indicator the catalogue knows (地区生产总值,
  城镇新增就业, 居民消费价格 …), so the hundreds of other numbers of a review are not results.

A passage whose nearby words speak of five years (十五五, 到2030年, 年均) is kept apart as
five-year goals, never as this year's targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from planwatch.model import ProseItem, ProseRole, Quality, TargetKind
from planwatch.phrases import parse_actual, parse_target
from planwatch.phrases.catalogue import CATALOGUE, lookup_indicator
from planwatch.phrases.grammar import fold_traditional
from planwatch.phrases.numbers import normalise

# The words that open a targets passage; the passage runs to the end of its sentence, or over
# following lines while they end with a list separator (one target per line).
_PASSAGE = re.compile(
    r"(?:主要预期目标|主要发展目标|主要目标|预期目标|发展目标|主要指标|经济社会发展目标)"
    r"(?:(?:确定为|安排为|建议为|是|为|如下)\s*[:：]?|\s*[:：])\s*"
)
_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_FIVE_YEAR = re.compile(r"十[一二三四五六]五|五年|年均|到20\d\d年|至20\d\d年|远景")
_THIS_YEAR = re.compile(r"今年|明年|本年度?")
_SENTENCE_END = "。！？!?"
_CLAUSE = re.compile(r"[；;，,]")
_BULLET = re.compile(r"^\s*(?:[●◆■▲•·\-—]+|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])\s*")
_STRETCH = re.compile(r"争取|力争|努力")
_TARGET_WORDS = re.compile(r"\d|增长|下降|降低|提高|控制|达到|同步|完成|保持")
_SCOPE = re.compile(r"^(?:全省|全市|全区|全县|全州|全盟|全国|全年|我省|我市|我区|我县)")
_FOOTNOTE = re.compile(r"［\d+］|\[\d+\]|〔\d+〕")
_MAX_PASSAGE = 1200
# What may stand before an indicator's name at the start of a result's clause: scope, period.
_LEAD = re.compile(
    r"(?:(?:全年|全省|全市|全区|全县|全州|我省|我市|我区|其中|同时|20\d\d年|去年|过去一年|预计)\s*)*"
)
_LISTED = re.compile(r"(?:[\u4e00-\u9fff]{1,20}[、和])+")  # 城镇、 / 城镇和 before 农村居民…
_FUTURE = re.compile(r"到20\d\d年|十[五六]五|20[3-9]\d年|远景")
# A figure of several years (年均, 五年来, 十四五时期): not last year's result.
_SEVERAL_YEARS = re.compile(r"年均|五年|十[一二三四]五|累计")


@dataclass
class ProseFindings:
    """What the sentences of one document state."""

    targets: list[ProseItem] = field(default_factory=list)
    actuals: list[ProseItem] = field(default_factory=list)
    five_year: list[ProseItem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_prose(text: str, plan_year: int | None, review_year: int | None) -> ProseFindings:
    """The targets passages, five-year goals and review results of a document's text."""
    found = ProseFindings()
    first_passage = len(text)
    for match in _PASSAGE.finditer(text):
        start, end = match.end(), _passage_end(text, match.end())
        lead = text[max(0, match.start() - 60) : match.start()]
        role, year = _passage_role(lead, plan_year)
        items = list(_passage_items(text, start, end, role, year))
        if items or role is ProseRole.FIVE_YEAR:
            # the review ends where the goals begin, five-year goals too (十五五…目标是)
            first_passage = min(first_passage, match.start())
        (found.five_year if role is ProseRole.FIVE_YEAR else found.targets).extend(items)
    found.actuals = list(_review_items(text[:first_passage], review_year))
    if not found.targets:
        found.warnings.append("正文中未找到主要预期目标段落（如“主要预期目标是：…”）")
    return found


def _passage_end(text: str, start: int) -> int:
    """The end of a passage: its sentence's end, or the last of its one-per-line items."""
    end = start
    limit = min(len(text), start + _MAX_PASSAGE)
    while end < limit and text[end] not in _SENTENCE_END:
        if text[end] == "\n":
            before = text[start:end].rstrip()
            following = text[end + 1 : end + 80].lstrip("\n")
            if (before and before[-1] not in "；;，,:：、") or not following:
                break
        end += 1
    return end


def _passage_role(lead: str, plan_year: int | None) -> tuple[ProseRole, int | None]:
    """Five-year goals or this year's targets, and their year, from the words before."""
    clause = re.split(r"[。；;！？]", lead)[-1]
    years = [int(y) for y in _YEAR.findall(clause)]
    if _FIVE_YEAR.search(clause) or (plan_year and any(y > plan_year for y in years)):
        return ProseRole.FIVE_YEAR, max(years) if years else None
    if years:
        return ProseRole.TARGET, years[-1]
    return ProseRole.TARGET, plan_year


def _passage_items(text: str, start: int, end: int, role: ProseRole, year: int | None):
    sentence = text[start:end].strip()
    previous: ProseItem | None = None
    for clause, offset in _clauses(text, start, end):
        if _STRETCH.search(clause) and not re.search(r"\d", clause) and previous is not None:
            previous.note = "；".join(filter(None, (previous.note, f"另有努力目标“{clause}”")))
            continue
        for name, phrase in _targets_of(clause):
            previous = ProseItem(
                role=role,
                name=name,
                phrase=phrase,
                year=year,
                sentence=sentence,
                offset=offset + clause.find(phrase) if phrase in clause else offset,
            )
            yield previous


def _clauses(text: str, start: int, end: int):
    """The clauses of ``text[start:end]`` with their offsets, bullets and footnotes taken off."""
    position = start
    for piece in _CLAUSE.split(text[start:end]):
        offset = position
        position += len(piece) + 1
        for line in piece.split("\n"):
            bullet = _BULLET.match(line)
            cut = bullet.end() if bullet else 0
            clause = _FOOTNOTE.sub("", line[cut:]).strip()
            if clause:
                yield clause, offset + cut + line.find(clause[:1]) if clause else offset
            offset += len(line) + 1


def _targets_of(clause: str) -> list[tuple[str, str]]:
    """The (indicator, phrase) pairs of one clause: one, or one per name of a 分别 list."""
    split = split_name(clause)
    if split is None:
        return []
    name, phrase = split
    if "分别" in phrase and "、" in name:
        spec = parse_target(phrase)
        names = _listed_names(name)
        if spec.family == "respectively" and len(spec.parts) == len(names):
            return list(zip(names, (p.phrase for p in spec.parts), strict=True))
    return [(name, phrase)]


def _listed_names(names: str) -> list[str]:
    """``城镇、农村居民人均可支配收入`` → 城镇居民人均可支配收入, 农村居民人均可支配收入: a short
    first name borrows the rest of the last one."""
    parts = [part for part in re.split(r"、|和|及", names) if part]
    last = parts[-1]
    return [p + last[len(p) :] if len(p) < len(last) else p for p in parts[:-1]] + [last]


def split_name(clause: str) -> tuple[str, str] | None:
    """``地区生产总值增长5%左右`` → (地区生产总值, 增长5%左右): the earliest cut after which the
    grammar reads the rest as a target with no subject of its own; a verb-first clause
    (完成国家下达的节能减排任务) has an empty name. ``None`` for a clause that states no target."""
    text = clause.strip()
    whole = parse_target(text)
    if whole.kind is not TargetKind.UNKNOWN and whole.subject is None and _verb_first(whole):
        return "", text
    for cut in range(1, len(text)):
        phrase = text[cut:]
        spec = parse_target(phrase)
        if spec.kind is TargetKind.UNKNOWN or _has_subject(spec):
            continue
        return text[:cut], phrase
    if _TARGET_WORDS.search(text):
        return text, ""  # it looks like a target but the grammar cannot read it: kept, unassessable
    return None


def _has_subject(spec) -> bool:
    """A cut inside a name leaves part of it as the phrase's subject (区生产总值增长5%)."""
    return spec.subject is not None or bool(spec.parts and spec.parts[0].subject)


def _verb_first(spec) -> bool:
    return spec.kind in (TargetKind.EXTERNAL, TargetKind.QUALITATIVE, TargetKind.DIRECTION)


def _review_items(text: str, year: int | None):
    """Results of the catalogue's indicators stated in the review part."""
    for match in _indicator_names().finditer(text):
        clause_start = _clause_start(text, match.start())
        lead = text[clause_start : match.start()]
        stop = _clause_end(text, match.end())
        phrase = text[match.end() : stop].strip()
        if not phrase or len(phrase) > 40:
            continue
        names = lead.strip() + match.group()
        if _LEAD.fullmatch(lead.strip()):
            names = match.group()
        elif not phrase.startswith("分别") or not _LISTED.fullmatch(lead.strip()):
            continue  # the name is not the clause's subject (…增加值占生产总值比重)
        sentence = _sentence(text, match.start(), stop)
        if _FUTURE.search(sentence) or _SEVERAL_YEARS.search(sentence) or _older(sentence, year):
            continue  # a goal (到2030年, 十五五) or a figure of several years, not a result
        for name, part in _results_of(names, phrase):
            spec = parse_actual(part)
            if spec.quality not in (Quality.FINAL, Quality.ESTIMATE, Quality.PRELIMINARY):
                continue
            if spec.value is None and spec.growth is None and not spec.parts:
                continue
            yield ProseItem(
                role=ProseRole.ACTUAL,
                name=name,
                phrase=part,
                year=year,
                sentence=sentence,
                offset=clause_start + len(lead) - len(lead.lstrip()),
                note="预计" if spec.quality is Quality.ESTIMATE else None,
            )


def _older(sentence: str, year: int | None) -> bool:
    """A sentence comparing with an earlier year (从2020年的…) states a change over years."""
    return year is not None and any(int(y) < year - 1 for y in _YEAR.findall(sentence))


def _results_of(names: str, phrase: str) -> list[tuple[str, str]]:
    """One result, or one per name of ``城镇、农村居民人均可支配收入分别增长4.3%、5.5%``."""
    if (phrase.startswith("分别") and "、" in names) or "和" in names:
        spec = parse_actual(phrase)
        listed = _listed_names(_SCOPE.sub("", names))
        if len(spec.parts) == len(listed):
            return list(zip(listed, (p.phrase for p in spec.parts), strict=True))
        return []
    return [(_SCOPE.sub("", names) if _SCOPE.match(names) else names, phrase)]


def _clause_start(text: str, index: int) -> int:
    for position in range(index - 1, max(-1, index - 40), -1):
        if text[position] in "，,；;。\n：:）)！？":
            return position + 1
    return max(0, index - 40)


def _sentence(text: str, start: int, stop: int) -> str:
    begin = max(text.rfind(c, 0, start) for c in _SENTENCE_END + "\n") + 1
    ends = [i for i in (text.find(c, stop) for c in _SENTENCE_END + "\n") if i >= 0]
    return text[begin : min(ends or [len(text)]) + 1].strip()


def _clause_end(text: str, start: int) -> int:
    for index in range(start, min(len(text), start + 60)):
        if text[index] in "，,；;。\n：:（(":
            return index
    return min(len(text), start + 60)


@cache
def _indicator_names() -> re.Pattern[str]:
    """Every catalogue name and alias as one pattern, longest first, as printed in reviews."""
    names = {entry.name for entry in CATALOGUE}
    names |= {alias for entry in CATALOGUE for alias in entry.aliases if len(alias) > 2}
    names |= {"生产总值", "城镇新增就业", "居民消费价格", "城乡居民收入", "居民人均可支配收入"}
    ordered = sorted(names, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, ordered)))


def known_indicator(name: str) -> bool:
    """Whether the catalogue knows a printed name, leading 全省/全市 … aside."""
    key = _SCOPE.sub("", fold_traditional(normalise(name)))
    entry = lookup_indicator(key)
    return entry is not None and entry.source != "pattern"


def same_reading(phrase: str, other: str, role: str = "target") -> bool:
    """Whether two phrases say the same (``涨幅2%左右`` and ``2%左右``): one grammar reading."""
    parse = parse_target if role != "actual" else parse_actual
    return _reading(parse(phrase)) == _reading(parse(other))


def _reading(spec) -> tuple:
    numbers = [
        (q.value, q.unit)
        for q in (spec.value, getattr(spec, "growth", None), *(p.value for p in spec.parts))
        if q is not None
    ]
    return spec.comparator, tuple(numbers), getattr(spec, "reference", None)


def same_indicator(name: str, phrase: str, other: str, other_phrase: str) -> bool:
    """Whether two printed names name one indicator: one holds the other once 全省/全市 is off,
    or name and phrase together are the same clause."""
    a, b = (_SCOPE.sub("", fold_traditional(normalise(n))) for n in (name, other))
    if a and b and (a in b or b in a):
        return True
    return normalise(name + phrase) == normalise(other + other_phrase)
