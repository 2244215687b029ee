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
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from planwatch.model import (
    Comparator,
    IndicatorRow,
    PlanTable,
    ProseItem,
    ProseRole,
    Quality,
    TableRole,
    TargetKind,
)
from planwatch.phrases import parse_actual, parse_target
from planwatch.phrases.catalogue import CATALOGUE, lookup_indicator, without_scope
from planwatch.phrases.grammar import fold_traditional
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.numbers import normalise
from planwatch.phrases.shapes import noun_suffixes
from planwatch.places.text import mentions

# The words that open a targets passage; the passage runs to the end of its sentence, or over
# following lines while they end with a list separator (one target per line).
_PASSAGE = re.compile(
    r"(?:(?:主要|预期|发展|调控|计划){1,3}目标|主要指标)"
    r"(?:(?:确定为|安排为|建议为|是|为|如下)\s*[:：]?|\s*[:：]|——)\s*"
)
_YEAR = re.compile(r"(20\d\d|19\d\d)\s*年")
_FIVE_YEAR = re.compile(r"十[一二三四五六]五|五年|年均|到20\d\d年|至20\d\d年|远景")
_THIS_YEAR = re.compile(r"今年|明年|本年度?")
_SENTENCE_END = "。！？!?"
_CLAUSE = re.compile(r"[；;，,]")
# What opens a listed item and is no part of its name: a bullet, a number, or the words that
# count the items off (一是…，二是…; 第一，…; 其一).
_BULLET = re.compile(
    r"^\s*(?:[●◆■▲•·\-—]+|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]"
    r"|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[,，、]|其[一二三四五六七八九十][,，、])\s*"
)
_STRETCH = re.compile(lexicon().alternation("hedge", "stretch"))
_MEASURE_FIRST = re.compile(lexicon().alternation("measure"))
_TARGET_WORDS = re.compile(r"\d|增长|下降|降低|提高|控制|达到|同步|完成|保持")
_FOOTNOTE = re.compile(r"［\d+］|\[\d+\]|〔\d+〕")
_MAX_PASSAGE = 1200
# What may stand before an indicator's name at the start of a result's clause: scope, period.
_LEAD = re.compile(
    r"(?:(?:全年|全省|全市|全区|全县|全州|我省|我市|我区|其中|同时|该[省市区县]|本[省市区县]|20\d\d年|去年|过去一年|预计|实现|完成)\s*)*"
)
# The head of a longer name before a catalogue name: 城镇常住 + 居民人均可支配收入.
_PROPOSED = re.compile(r"建议|预期|计划|安排|力争|目标|确保")
_NAME_HEAD = re.compile(r"[^\W\d_占比和与及的为是在中对其较从达到增降提]{1,8}")
# 城镇、 / 城镇和 / 城镇、农村常住 before 居民人均可支配收入: names listed, and the last one's head
_LISTED = re.compile(r"(?:[\u4e00-\u9fff]{1,20}[、和])+[\u4e00-\u9fff]{0,8}")
_FUTURE = re.compile(r"到20\d\d年|十[五六]五|20[3-9]\d年|远景")
# A figure of several years (年均, 五年来, 十四五时期): not last year's result.
_SEVERAL_YEARS = re.compile(r"年均|五年|十[一二三四]五|累计|连续[\d一二三四五六七八九十]+年")


@dataclass
class ProseFindings:
    """What the sentences of one document state."""

    targets: list[ProseItem] = field(default_factory=list)
    actuals: list[ProseItem] = field(default_factory=list)
    five_year: list[ProseItem] = field(default_factory=list)  # goals of the coming period
    five_year_results: list[ProseItem] = field(default_factory=list)  # of the period behind
    warnings: list[str] = field(default_factory=list)


def read_prose(text: str, plan_year: int | None, review_year: int | None) -> ProseFindings:
    """The targets passages, five-year goals and review results of a document's text.

    Pinyin that a mirror site printed after characters (地區(qū)生產(chǎn)總值) is web clutter: it
    is read, and reported, without it; offsets still point into ``text``."""
    text, positions = _without_pinyin(text)
    found = _read(text, plan_year, review_year)
    for item in (*found.targets, *found.actuals, *found.five_year, *found.five_year_results):
        item.offset = positions[min(item.offset, len(positions) - 1)] if positions else 0
    return found


_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zA-Z\u00c0-\u024f\u0300-\u036f]{1,8}\)")


def _without_pinyin(text: str) -> tuple[str, list[int]]:
    """The text without pinyin annotations, and where each of its characters was."""
    kept: list[str] = []
    positions: list[int] = []
    last = 0
    for match in _PINYIN.finditer(text):
        kept.append(text[last : match.start()])
        positions.extend(range(last, match.start()))
        last = match.end()
    kept.append(text[last:])
    positions.extend(range(last, len(text)))
    return "".join(kept), positions


def _read(text: str, plan_year: int | None, review_year: int | None) -> ProseFindings:
    found = ProseFindings()
    first_passage = len(text)
    annual = len(text)  # where this year's targets begin: the results and goals are before
    spans: list[tuple[int, int]] = []  # the passages, whose clauses are targets, not results
    folded = _searchable(text)
    for match in _PASSAGE.finditer(folded):
        start, end = match.end(), _passage_end(text, match.end())
        lead = folded[max(0, match.start() - 60) : match.start()]
        role, year = _passage_role(lead, plan_year)
        items = list(_passage_items(text, start, end, role, year))
        if role is ProseRole.FIVE_YEAR:
            # what follows five-year goals (十五五…目标是) is five-year, not last year's
            first_passage = min(first_passage, match.start())
        if items:
            spans.append((match.start(), end))
        if (
            items
            and role is ProseRole.TARGET
            and (not year or not review_year or year != review_year)
        ):
            annual = min(annual, match.start())  # this year's targets: the review is before
        (found.five_year if role is ProseRole.FIVE_YEAR else found.targets).extend(items)
    annual = min(annual, _plan_part(folded, plan_year))
    sections = _five_year_sections(folded, plan_year)
    # The document's own targets name indicators too (自营出口, 数字经济核心产业增加值): its
    # review reports on them whether or not the catalogue knows them.
    named = tuple(sorted(_target_names(found.targets)))
    reviewed = _review_items(
        text[:annual], folded[:annual], review_year, first_passage, sections, named
    )
    dated = _dated_review(text, folded, annual, _targets_year(found.targets, plan_year))
    if dated is not None:  # a news page reports last year after this year's targets
        dated_text, dated_folded = dated
        later = _review_items(dated_text, dated_folded, review_year, len(text), [], named)
        reviewed = [*reviewed, *(item for item in later if item.offset >= annual)]
    kept = {
        ProseRole.FIVE_YEAR: found.five_year,
        ProseRole.FIVE_YEAR_RESULT: found.five_year_results,
        ProseRole.ACTUAL: found.actuals,
    }
    for item in _stated_once(reviewed):
        if any(start <= item.offset < end for start, end in spans):
            continue
        kept[item.role].append(item)
    # a news page prints the targets in its lead and again in the body: each target once
    found.targets = _once(found.targets)
    found.five_year = _once(found.five_year)
    found.five_year_results = _once(found.five_year_results)
    if not found.targets:
        found.warnings.append("正文中未找到主要预期目标段落（如“主要预期目标是：…”）")
    return found


def _targets_year(targets: list[ProseItem], plan_year: int | None) -> int | None:
    years = [t.year for t in targets if t.year is not None]
    return max(years) if years else plan_year


# A sentence that opens with an earlier year (据统计,2017年浦东新区…; 报告显示,2019年…).
_DATED_OPENING = re.compile(
    r"^[^。；;！？\n]{0,12}?(?<![比较与从由自同])(20\d\d)\s*年(?!以来|起|前|底前)"
)


def _dated_review(text: str, folded: str, start: int, year: int | None) -> tuple[str, str] | None:
    """The sentences after ``start`` that open with a year before ``year``, the rest blanked
    out (offsets kept): results reported after the targets, as news pages print them."""
    if year is None:
        return None
    kept_text, kept_folded = [" "] * len(text), [" "] * len(text)
    any_kept = False
    for match in re.finditer(r"[^。！？!?\n]+[。！？!?]?", folded[start:]):
        opening = _DATED_OPENING.match(match.group())
        if opening and int(opening.group(1)) < year:
            a, b = start + match.start(), start + match.end()
            kept_text[a:b], kept_folded[a:b] = text[a:b], folded[a:b]
            any_kept = True
    return ("".join(kept_text), "".join(kept_folded)) if any_kept else None


_QUALITY_NOTES = {Quality.ESTIMATE: "预计", Quality.PRELIMINARY: "初步核算"}
# A sentence that opens by saying how final its figures are: 初步核算，全市实现地区生产总值…
_QUALITY_OPENING = re.compile(r"^(?:据|经)?(初步核算|初步统计|预计)[,，:：]")


def _quality_said(lead: str, sentence: str) -> str | None:
    """The word that says a result's figures are not final: in the clause before the name
    (预计企业研发经费投入1050亿元左右), or opening the sentence, for all its clauses (初步核算，
    全市实现地区生产总值3347.6亿元，…；全年粮食总产量93亿斤)."""
    if "预计" in lead:
        return "预计"
    opening = _QUALITY_OPENING.match(sentence)
    return opening.group(1) if opening else None


def _stated_once(items: list[ProseItem]) -> list[ProseItem]:
    """Each figure of the text once: in ``基础设施投资、工业投资分别增长3.2%、8.5%`` both names
    lead to the same list, which must not give each result twice."""
    seen: set[tuple[str, str, int, ProseRole]] = set()
    kept = []
    for item in items:
        key = (item.name, item.phrase, item.offset, item.role)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def _once(items: list[ProseItem]) -> list[ProseItem]:
    """Each target once; a repeat that knows the year lends it to the first."""
    kept: dict[tuple, ProseItem] = {}
    for item in items:
        key = (normalise(item.name), _reading(parse_target(item.phrase)))
        first = kept.get(key)
        if first is None or (first.year and item.year and first.year != item.year):
            kept[key if first is None else (*key, item.year)] = item
        elif first.year is None:
            first.year = item.year
    return list(kept.values())


def _searchable(text: str) -> str:
    """The text with traditional characters folded, for finding markers and names; cut from
    the original by the same offsets, so what is reported stays as printed. A line whose
    folding changes its length is searched as printed."""
    lines = text.split("\n")
    # folded whole, in one call, and cut into its lines: no dictionary word holds a line break
    folded = fold_traditional(text).split("\n")
    if len(folded) != len(lines):  # never seen; folded line by line, as it says
        folded = [fold_traditional(line) for line in lines]
    return "\n".join(
        f if len(f) == len(line) else line for f, line in zip(folded, lines, strict=True)
    )


def _passage_end(text: str, start: int) -> int:
    """The end of a passage: its sentence's end, or the last of its one-per-line items."""
    end = start
    limit = min(len(text), start + _MAX_PASSAGE)
    while end < limit and not _ends_sentence(text, end):
        if text[end] == "\n":
            before = text[start:end].rstrip()
            following = text[end + 1 : end + 80].lstrip("\n")
            if (before and before[-1] not in "；;，,:：、") or not following:
                break
        end += 1
    return end


def _ends_sentence(text: str, index: int) -> bool:
    """A 。 ends the sentence, unless a mirror site doubled the punctuation around it (,。)."""
    if text[index] not in _SENTENCE_END:
        return False
    around = text[index - 1 : index] + text[index + 1 : index + 2]
    return not any(char in ",，;；" for char in around)


def _passage_role(lead: str, plan_year: int | None) -> tuple[ProseRole, int | None]:
    """Five-year goals or this year's targets, and their year, from the words before."""
    clause = re.split(r"[。；;！？]", lead)[-1]
    years = [int(y) for y in _YEAR.findall(clause)]
    if _FIVE_YEAR.search(clause) or (plan_year and any(y > plan_year for y in years)):
        # the period's end: 十五五 is 2030, 到2035年 is 2035; else five years from the plan year
        end = _goal_year(clause, None)
        return ProseRole.FIVE_YEAR, end or (plan_year + 4 if plan_year else None)
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
                offset=offset,
            )
            yield previous


def _clauses(text: str, start: int, end: int):
    """The clauses of ``text[start:end]`` with their offsets, bullets and footnotes taken off."""
    position = start
    for piece in _outside_brackets(text[start:end]):
        offset = position
        position += len(piece) + 1
        for line in piece.split("\n"):
            bullet = _BULLET.match(line)
            cut = bullet.end() if bullet else 0
            clause = _FOOTNOTE.sub("", line[cut:]).strip()
            if clause:
                found = line.find(clause[: min(4, len(clause))], cut)
                yield clause, offset + (found if found >= 0 else cut)
            offset += len(line) + 1


def _outside_brackets(text: str) -> list[str]:
    """The clauses of ``text``: split at ；，but not inside brackets (（人民币，下同）)."""
    pieces, depth, last = [], 0, 0
    for index, char in enumerate(text):
        depth += (char in "（(" and 1) or (char in "）)" and -1) or 0
        if depth <= 0 and _CLAUSE.match(char):
            pieces.append(text[last:index])
            last, depth = index + 1, 0
    pieces.append(text[last:])
    return pieces


# A clause framed by 在…上 speaks of a field of work, not of an indicator: 在推进省域治理体系和
# 治理能力现代化上实现新提升, 在高质量发展上继续走在前列.
_FIELD_FRAME = re.compile(r"^在[^，,；;。]{2,40}?上(?![升涨])")


def _targets_of(clause: str) -> list[tuple[str, str]]:
    """The (indicator, phrase) pairs of one clause: one, or one per name of a 分别 list."""
    if _FIELD_FRAME.match(_searchable(clause)):
        return []
    split = split_name(clause)
    if split is None:
        return []
    name, phrase = split
    spec = parse_target(phrase)
    listed = spec.family == "respectively" or (
        spec.kind is TargetKind.COMPOUND and re.search(r"、|和|及", name)
    )  # 城镇登记失业率、城镇调查失业率控制在4.5%以内、6.5%以内: one figure each, in order
    if listed:
        names = _listed_names(name)
        if len(spec.parts) == len(names):
            return list(zip(names, (p.phrase for p in spec.parts), strict=True))
    elif (
        phrase and (spec.value is None or phrase.startswith("均")) and re.search(r"、|和|及", name)
    ):
        # 能源、水资源等指标达到国家要求; 财政总收入、地方财政收入均增长7%: each gets it
        return [(joint, phrase) for joint in _joint_names(name)]
    return [(name, phrase)]


def _listed_names(names: str) -> list[str]:
    """``城镇、农村居民人均可支配收入`` → 城镇居民人均可支配收入, 农村居民人均可支配收入: a short
    first name borrows the rest of the last one."""
    if fold_traditional(names).startswith("城乡") and not re.search(r"、|和|及", names):
        return ["城镇" + names[2:], "农村" + names[2:]]  # 城乡居民收入 is 城镇 and 农村
    parts = [part for part in re.split(r"、|和|及", names) if part]
    last = parts[-1]
    borrowed = [_borrowing(p, last) for p in parts[:-1]]
    if borrowed and not _known_at_end().search(fold_traditional(last)):
        # 金融机构存、贷款余额: the last borrows the head of the first (金融机构 + 贷款余额)
        first = borrowed[0]
        heads = (first[:cut] + last for cut in range(len(first) - 1, 0, -1))
        last = next((h for h in heads if _known_at_end().search(fold_traditional(h))), last)
    return [*borrowed, last]


def _borrowing(first: str, last: str) -> str:
    """A listed name with the tail it shares with the last one: the tail that makes a name the
    catalogue knows (战略性新兴产业 + 增加值; 金融机构存 + 款余额), else the last's from the
    first's length on (城镇 + 居民人均可支配收入 of 农村居民人均可支配收入)."""
    known = _indicator_names()
    if first[-1:] == last[-1:]:
        return first  # 义务教育巩固率、…毛入学率: a whole name of its own
    parallel = first + last[len(first) :] if len(first) < len(last) else first
    if _known_at_end().search(fold_traditional(parallel)):
        return parallel  # 城镇 + 常住居民人均可支配收入: the name the catalogue knows ends it
    for cut in range(1, len(last)):
        if known.fullmatch(fold_traditional(first + last[cut:])):
            return first + last[cut:]
    return parallel


_SHARED_SUFFIX = re.compile(r"(?:等)?(占比|比重|指标|强度|增速|排放量?)$")
# A shared head that is an amount of something (二氧化硫、氮氧化物排放量) is lent only to a part
# that names a thing, not to one that is a measure already (能耗 in 单位生产总值能耗、主要污染物
# 排放量继续下降); a measure of a measure (占比, 增速 of 增加值) is lent to any part.
_AMOUNT_HEADS = frozenset({"排放", "排放量"})


def _joint_names(names: str) -> list[str]:
    """``能源、水资源、碳排放等指标`` → 能源指标, 水资源指标, 碳排放指标: names that share one
    predicate (达到国家要求, 稳步提升), the last one's suffix lent to the others."""
    parts = [part for part in re.split(r"、|和|及", names) if part]
    if len(parts) < 2:
        return [names]
    suffix = _SHARED_SUFFIX.search(parts[-1])
    shared = suffix.group(1) if suffix else ""
    parts[-1] = parts[-1][: suffix.start()] + shared if suffix else parts[-1]
    return [p + shared if shared and _takes_head(p, shared) else p for p in parts]


def _takes_head(part: str, head: str) -> bool:
    """Whether a listed name lacks the head the last one lends (see ``_AMOUNT_HEADS``)."""
    if part.endswith(head):
        return False
    if head in _AMOUNT_HEADS:
        return fold_traditional(part)[-1:] not in noun_suffixes()
    return True


def split_name(clause: str) -> tuple[str, str] | None:
    """``地区生产总值增长5%左右`` → (地区生产总值, 增长5%左右): the earliest cut after which the
    grammar reads the rest as a target with no subject of its own; a verb-first clause
    (完成国家下达的节能减排任务) has an empty name. ``None`` for a clause that states no target."""
    text = clause.strip()
    whole = parse_target(text)
    if whole.kind is not TargetKind.UNKNOWN and whole.subject is None and _verb_first(whole):
        return "", text
    found: tuple[str, str] | None = None
    for cut in range(1, len(text)):
        phrase = text[cut:]
        spec = parse_target(phrase)
        if spec.kind is TargetKind.UNKNOWN or _has_subject(spec):
            continue
        if spec.family == "respectively" and not _searchable(phrase).startswith("分别"):
            continue  # 乡居民收入分别增长…: the list of names is cut
        if found is None and _MEASURE_FIRST.match(_searchable(phrase)):
            # 人口自然增长率控制在7.2%: a measure word may end the name, as a table prints it
            found = text[:cut], phrase
            continue
        return _whole_name(text, cut) or (text[:cut], phrase)
    if found is not None:
        return found
    if _TARGET_WORDS.search(text):
        return text, ""  # it looks like a target but the grammar cannot read it: kept, unassessable
    return None


def _whole_name(text: str, cut: int) -> tuple[str, str] | None:
    """A cut inside an indicator the catalogue knows, where the name before it is no name at
    all (居民消费价格总 | 水平涨幅控制在4%左右: 总水平 is one word), moved to the end of that
    indicator's name when the rest still reads as a target of no subject; else None."""
    if lookup_indicator(text[:cut]) is not None:  # 单位GDP能耗 | 降低3%: a name of its own
        return None
    if _VERB_FIRST.match(_searchable(text[cut:])):  # …二氧化碳排放 | 降低3.8%左右: a verb begins
        return None
    for end in range(len(text) - 1, cut, -1):
        if _catalogued(text[:end]):
            spec = parse_target(text[end:])
            if spec.kind is not TargetKind.UNKNOWN and not _has_subject(spec):
                return text[:end], text[end:]
            return None
    return None


def _catalogued(name: str) -> bool:
    entry = lookup_indicator(name)
    return entry is not None and entry.source != "pattern"


def _has_subject(spec) -> bool:
    """A cut inside a name leaves part of it as the phrase's subject (区生产总值增长5%)."""
    return spec.subject is not None or bool(spec.parts and spec.parts[0].subject)


def _verb_first(spec) -> bool:
    return spec.kind in (TargetKind.EXTERNAL, TargetKind.QUALITATIVE, TargetKind.DIRECTION)


_PLAN_WORDS = re.compile(r"计划|安排|目标|任务|工作|草案")
_ORDINAL = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")


# A heading of a five-year part: 二、“十五五”时期主要目标任务, 今后五年的重点目标.
FIVE_YEAR_HEADING = re.compile(r"十[一二三四五六]五|今后五年|未来五年")
_TOP_HEADING = re.compile(r"[一二三四五六七八九十]+、")
# A heading that also reviews a single year (2025年主要工作和“十四五”发展成就) is not five-year.
_MIXED = re.compile(r"回顾|20\d\d年")


def _five_year_sections(folded: str, plan_year: int | None) -> list[tuple[int, int, int | None]]:
    """The parts of a document about a five-year period, with the period's end year: from a
    short heading that names it to the next top-level heading (三、…)."""
    sections: list[tuple[int, int, int | None]] = []
    start: int | None = None
    end_year: int | None = None
    position = 0
    for line in folded.split("\n"):
        text = line.strip()
        heading = len(text) < 40 and not text.endswith(("。", "；", "，"))
        if start is not None and _TOP_HEADING.match(text):
            sections.append((start, position, end_year))
            start = None
        if heading and FIVE_YEAR_HEADING.search(text) and not _MIXED.search(text):
            start = position
            ends = [_goal_year(word, None) for word in FIVE_YEAR_HEADING.findall(text)]
            end_year = max((e for e in ends if e), default=plan_year + 4 if plan_year else None)
        position += len(line) + 1
    if start is not None:
        sections.append((start, len(folded), end_year))
    return sections


def _plan_part(folded: str, plan_year: int | None) -> int:
    """Where the plan year's part begins: a heading (二、2025年国民经济和社会发展计划草案,
    2026年工作安排) after which sentences state targets, not results."""
    if plan_year is None:
        return len(folded)
    position = 0
    for line in folded.split("\n"):
        text = line.strip()
        heading = _ORDINAL.match(text) and len(text) < 60
        if heading and f"{plan_year}年" in text and _PLAN_WORDS.search(text):
            return position
        position += len(line) + 1
    return len(folded)


def _review_items(
    text: str,
    folded: str,
    year: int | None,
    goals_from: int,
    sections: list[tuple[int, int, int | None]],
    named: tuple[str, ...] = (),
):
    """Results of the catalogue's indicators stated before this year's targets; in a sentence
    of several years (年均, 五年来, 从2020年…) or of the future (到2030年, 十五五), or after a
    five-year goals passage (``goals_from``), they are five-year figures."""
    for match in _names_in(folded, named):
        clause_start = _clause_start(text, match.start())
        lead = folded[clause_start : match.start()].strip()
        stop = _result_end(text, match.end())
        phrase = text[match.end() : stop].strip()
        name = text[match.start() : match.end()]
        shape_only = _NAMES_LISTED.fullmatch(match.group())  # names no literal matched
        if phrase[:1] in "、和及":  # 林木覆盖率、湿地保护率分别达…: a list of names goes on
            listed = phrase.find("分别")
            if listed < 0:
                continue
            name, phrase = name + phrase[:listed], phrase[listed:]
        if phrase and not _states_a_figure(phrase):
            # 地区生产总值连跨两个万亿元台阶，年均增长5.7%: the next clause goes on with its figure
            stop, phrase = _next_figure(text, stop, phrase)
        if not phrase or len(phrase) > 40:
            continue
        phrase = _with_respective_growth(text, match.start(), stop, phrase)
        phrase, remark = _without_remarks(phrase)
        share = _SHARE_FIRST.match(phrase)  # 服务业增加值|占比达到58.8%: the name goes on
        if share:
            name, phrase = name + share.group(), phrase[share.end() :]
        if _PROPOSED.search(lead) or _PROPOSED.match(_searchable(phrase)):
            continue  # 建议…增长5.5%左右, 预期增长6%以上: a proposed target, not a result
        if "分别" in phrase and not phrase.startswith("分别"):
            continue  # 安全生产|事故起数和死亡人数分别下降…: the names go on inside the phrase
        if _OTHER_YEARS_FIGURE.search(phrase):
            continue  # 突破2022年的29.03万亿元: the figure is another year's, the base of a change
        head, stated_year, named_at = _without_scope_lead(lead)
        printed_lead = text[clause_start : match.start()].strip()  # ``lead`` as printed
        place = printed_lead[named_at[0] : named_at[1]] if named_at else None
        if _REMARK.match(head):
            continue  # 增长5.8%、快于经济增速1个百分点: a comparison, not a result
        if not head:
            names = name
        elif _NAME_HEAD.fullmatch(head) or (phrase.startswith("分别") and _LISTED.fullmatch(head)):
            names = text[match.start() - len(head) : match.start()] + name  # 城镇常住+居民…
        else:
            continue  # the name is not the clause's subject (…增加值占生产总值比重)
        sentence = _sentence(text, match.start(), stop)
        future = _FUTURE.search(sentence)
        # 年均 of a name (细颗粒物年均浓度) says nothing of the period
        # of the sentence, the opening clause speaks for all (五年来，…); another clause's 年均
        # (城镇新增就业年均超过70万人，…收入达到41580元) speaks for itself
        own = "｜".join((re.split(r"[，,；;]", sentence, maxsplit=1)[0], lead, phrase))
        unnamed = _indicator_names(named).sub("", own)
        several: re.Match[str] | bool | None = _SEVERAL_YEARS.search(unnamed)
        several = several or _older(sentence, year) or _FROM_TO.search(phrase)
        opening = _five_year_opening(folded, match.start())
        in_review = opening is not None
        section = next((s for s in sections if s[0] <= match.start() < s[1]), None)
        ahead = future or match.start() > goals_from or section is not None
        role = ProseRole.FIVE_YEAR if ahead or several or in_review else None
        flow = _FLOW.search(name)  # 城镇新增就业603.7万人 over five years is their sum
        if (
            role
            and not flow
            and _level_reached(phrase, year, section, future, several, goals_from, match)
        ):
            role, ahead = None, False  # 十四五 review: 全体居民人均可支配收入达到41580元
        stated = _near(stated_year or _last_year(_sentence_before(folded, match.start())), year)
        goal_year = _goal_year(sentence, year) if ahead else stated
        if section is not None and not future:
            goal_year = section[2]
        past = year is not None and all(int(y) <= year for y in _YEAR.findall(sentence))
        if _FROM_TO.search(phrase) and (past or not future):  # 增加到2016年的…: no future
            offset = clause_start + len(lead) - len(lead.lstrip())
            yield from _from_to_items(text, stop, without_scope(names), phrase, offset, year)
            continue
        quality = _quality_said(lead, sentence)
        ahead_named = _period_ahead(sentence, year) or _period_ahead(opening or "", year)
        behind = role is ProseRole.FIVE_YEAR and _looks_back(
            future or ahead_named,
            _period_behind(opening, year),
            section,
            match.start() > goals_from,
            year,
        )
        for name, part in _results_of(names, phrase):
            if quality and quality not in part:
                part = quality + part
            spec = parse_actual(part)
            steady = spec.quality is Quality.QUALITATIVE and _STEADY.fullmatch(part)
            if not steady and spec.quality not in (
                Quality.FINAL,
                Quality.ESTIMATE,
                Quality.PRELIMINARY,
            ):
                continue
            if not steady and spec.value is None and spec.growth is None and not spec.parts:
                continue
            if spec.subject or (spec.parts and spec.parts[0].subject):
                continue  # 单位地区生产总值|能耗下降17%: the name goes on past the catalogue's
            if shape_only and not _indicator_names().fullmatch(fold_traditional(name)):
                continue  # 汽车类、石油及制品类零售额分别…: names listed, none the catalogue's
            rough = spec.comparator in (Comparator.RANGE, Comparator.APPROX)
            if behind and (in_review or not rough):  # 这五年…年均增长5.7%: the period's result
                role_of_part, year_of_part = ProseRole.FIVE_YEAR_RESULT, stated
            else:
                role_of_part = role or ProseRole.ACTUAL
                year_of_part = (
                    _period_end(spec, role, goal_year) if goal_year == year else goal_year
                )
            yield ProseItem(
                role=role_of_part,
                name=name,
                phrase=part,
                year=year_of_part,
                sentence=sentence,
                offset=clause_start + len(lead) - len(lead.lstrip()),
                note="；".join(
                    n
                    for n in (_QUALITY_NOTES.get(spec.quality), remark, place and f"{place}的数字")
                    if n
                )
                or None,
            )


# 从2011年的1520亿元增加到2016年的2243.1亿元: the level reached, and the year it was reached.
_REACHED = re.compile(
    r"(?:增加|提高|提升|增长|上升|扩大|下降|降低|减少|缩小|缩减)(?:到|至)\s*(?:(20\d\d)年的?)?(.+)$"
)
_YEARLY_RATE = re.compile(r"[,，]\s*(年均(?:增长|下降|提高|降低|减少)[^,，；;。]{1,15})")


def _from_to_items(text: str, stop: int, name: str, phrase: str, offset: int, year: int | None):
    """A review's ``从A增加到B`` over several years: B is the level of the year reached (the
    review's year unless named), an actual; the change is the period's figure, a five-year one,
    stated by the 年均 rate when the sentence gives it (``…,年均增长8.6%``), else by the whole
    phrase."""
    sentence = _sentence(text, offset, stop)
    reached = _REACHED.search(phrase)
    rate = _YEARLY_RATE.match(text, stop)
    end = int(reached.group(1)) if reached and reached.group(1) else year
    if reached and parse_actual(reached.group(2)).value is not None:
        yield ProseItem(
            role=ProseRole.ACTUAL,
            name=name,
            phrase=reached.group(2),
            year=end,
            sentence=sentence,
            offset=offset,
            note=f"{phrase}的终值",
        )
    yield ProseItem(
        role=ProseRole.FIVE_YEAR_RESULT,
        name=name,
        phrase=rate.group(1) if rate else phrase,
        year=end,
        sentence=sentence,
        offset=offset,
    )


# 财政总收入108.68亿元,其中地方财政收入52.7亿元,分别增长25.2%和28.4%: the two levels, then
# their growths in order. ``_PART_THEN_BOTH`` follows the whole's level, ``_BOTH`` the part's.
_BOTH = r"[,，]分别(增长|下降|提高|减少)([\d.]+%?)[和、与]([\d.]+%?)"
_PART_THEN_BOTH = re.compile(r"[,，]其中[^,，；;。]{2,20}?[\d.]+[^,，；;。]{0,6}" + _BOTH)
_RESPECTIVE = re.compile(_BOTH)


def _with_respective_growth(text: str, start: int, stop: int, phrase: str) -> str:
    """A level whose growth is given with another's by 分别…和…, with its own growth added."""
    whole = _PART_THEN_BOTH.match(text, stop)
    if whole:
        verb, first = whole.group(1), whole.group(2)
        return f"{phrase}、{verb}{first if first.endswith('%') else first + '%'}"
    part = _RESPECTIVE.match(text, stop)
    if part and text[max(0, start - 2) : start] == "其中":
        return f"{phrase}、{part.group(1)}{part.group(3)}"
    return phrase


def _looks_back(future, reviewed: bool, section, after_goals: bool, year: int | None) -> bool:
    """Whether a five-year figure of a review is the result of the period behind, not a goal
    of the one ahead. A sentence of the future (到2030年, 十五五) looks ahead; a paragraph that
    reviews five years (过去五年, 这五年) looks back, whatever part it stands in (二、“十四五”
    时期发展成就和“十五五”时期主要目标任务 holds both); after the goals passage, or in a part
    about a period that ends after the review's year, the figure is a goal; else a figure of
    several years in a review (年均, 累计, 五年来) is what they achieved."""
    if future:
        return False
    if reviewed:
        return True
    if after_goals:
        return False
    if section is not None:
        return section[2] is not None and year is not None and section[2] <= year
    return True


def _period_end(spec, role: ProseRole | None, year: int | None) -> int | None:
    """A five-year figure stated as a range or 左右 (年均增长5%—5.5%) is a goal for the coming
    period, not a result of the past one: results state what was, goals how much."""
    rough = spec.comparator in (Comparator.RANGE, Comparator.APPROX)
    if role is ProseRole.FIVE_YEAR and rough and year is not None:
        return year + 5
    return year


# The last year of each five-year plan period.
_PERIOD_ENDS = {
    "十一五": 2010,
    "十二五": 2015,
    "十三五": 2020,
    "十四五": 2025,
    "十五五": 2030,
    "十六五": 2035,
}


def _named_period_ends(text: str) -> list[int]:
    """The last years of the five-year periods ``text`` names, earliest period first."""
    return [end for word, end in _PERIOD_ENDS.items() if word in text]


def _goal_year(sentence: str, year: int | None) -> int | None:
    """The end year of a five-year goal: 到2030年, 十五五 (2030), 十四五 (2025)."""
    named = _named_period_ends(sentence)
    if named:
        return named[0]
    years = [int(y) for y in _YEAR.findall(sentence)]
    return max(years) if years else (year + 5 if year else None)  # ``year`` None: unknown


def _without_scope_lead(lead: str) -> tuple[str, int | None, tuple[int, int] | None]:
    """What is left of a clause's words before an indicator's name once whose and when are
    taken off (全省, 其中, 2019年, a jurisdiction: 通辽市, 浦东新区, 江苏), the year named, and
    where in ``lead`` the place named stands (the result's note says whose figure it is).

    A name's head stays (其中农村 + 居民收入 → 农村); a place is scope, never part of a name, so
    ``江苏GDP`` is GDP (a page comparing provinces states each one's)."""
    rest, year, named = lead, None, None
    while rest:
        scope = _LEAD.match(rest)
        if scope and scope.end():
            year = _last_year(scope.group()) or year
            rest = rest[scope.end() :]
            continue
        place = next(iter(mentions(fold_traditional(rest))), None)
        if place is None or place.start != 0:
            break
        start = len(lead) - len(rest)
        named = (start, start + place.end)
        rest = rest[place.end :]
    return rest, year, named


def _level_reached(phrase, year, section, future, several, goals_from, match) -> bool:
    """A level (达到41580元, 突破10万元, 占比达到58.8%) printed in the review of a five-year
    period that ends in the review's year is that year's figure: a result, not a five-year
    one; a rate over the period (年均, 累计, 从A到B) or a goal ahead stays five-year."""
    if future or several or match.start() > goals_from or year is None:
        return False
    if section is not None and section[2] != year:
        return False
    if _CHANGE.match(phrase):
        return False  # 提高1.43个百分点: a change over the period, not a level
    spec = parse_actual(phrase)
    return all(p.value is not None and p.growth is None for p in spec.parts or [spec])


# A result stated without a figure, as reviews state prices and jobs: 总体平稳, 保持历史最好水平.
_STEADY = re.compile(
    r"(?:均值|总体|基本|整体)?(?:保持)?(?:平稳|稳定|历史最好水平|总体稳定|基本稳定)"
)
_FLOW = re.compile(r"新增|累计|新开工|新建")
_SHARE_FIRST = re.compile(r"^(?:占比|比重|占全省比重|占全市比重)")
_CHANGE = re.compile(r"^(?:累计|年均)?(?:提高|提升|增加|增长|下降|降低|减少|缩小|上升)(?![到至])")


def _near(stated: int | None, year: int | None) -> int | None:
    """The year a sentence names for its figure (上海2023年GDP…; 2019年通辽市…) when it is the
    review's year or next to it (a news page's dates are loose); else the review's year."""
    if stated is None or (year is not None and abs(stated - year) > 1):
        return year
    return stated


def _sentence_before(text: str, index: int) -> str:
    return text[max(text.rfind(c, 0, index) for c in _SENTENCE_END + "\n") + 1 : index]


# A year that is a comparison's base (比2024年, 较上年, 从2020年的) is not the figure's year.
_STATED_YEAR = re.compile(r"(?<![比较与从由自同])(20\d\d)\s*年(?!以来|来|起|前)")


def _last_year(words: str) -> int | None:
    years = _STATED_YEAR.findall(words)
    return int(years[-1]) if years else None


def _older(sentence: str, year: int | None) -> bool:
    """A sentence comparing with an earlier year (从2020年的…) states a change over years."""
    return year is not None and any(int(y) < year - 1 for y in _YEAR.findall(sentence))


# What a 、-part says about a figure rather than stating one: a rank, a streak, a comparison.
_REMARK = re.compile(r"居|位列|排名|连续|高于|低于|快于|慢于|领先|首次|历史|保持两位数")


def _without_remarks(phrase: str) -> tuple[str, str | None]:
    """``增长30.4%、连续24个月保持两位数增长`` → (``增长30.4%``, the remark): the parts after
    the first that remark on the figure (a rank, a streak, a comparison) are no part of the
    result, kept as its note; a part that states another figure of it (``27微克/立方米、下降
    11.5%``, or the growth after a rank: ``达到5.53万亿元、稳居全国前十强、增长4.8%``) stays."""
    pieces = re.split(r"([、,，])", phrase)
    kept, remarks = [pieces[0]], []
    for separator, part in zip(pieces[1::2], pieces[2::2], strict=True):
        if not _REMARK.search(part) and parse_actual(part).subject:
            break  # 、地方一般公共预算收入352.93亿元: another indicator's result, read on its own
        if _REMARK.search(part) or not _states_a_figure(part):
            remarks.append(part)
        elif remarks and not _VERB_FIRST.match(part):
            break  # a bare figure after a remark is the remark's (居全省第4位、3.2万亿元)
        else:
            kept += [separator, part]
    return "".join(kept), "、".join(remarks) or None


def _results_of(names: str, phrase: str) -> list[tuple[str, str]]:
    """One result, or one per name of ``城镇、农村居民人均可支配收入分别增长4.3%、5.5%``."""
    if phrase.startswith("分别") or "和" in names:
        listed = _listed_names(without_scope(names))
        lists = [_respective_parts(clause) for clause in re.split(r"[,，]", phrase)]
        if len(listed) > 1 and all(len(parts) == len(listed) for parts in lists):
            # 分别达6.9万元、3.4万元，增长4.2%、5.3%: each name its figure of every list
            return [(name, "、".join(parts)) for name, *parts in zip(listed, *lists, strict=True)]
        return []
    return [(without_scope(names), phrase)]


_LEADING_VERB = re.compile(r"^(?:分别)?([^\d.]*?)(?=[\d.])")


def _respective_parts(clause: str) -> list[str]:
    """The figures of one 分别-list (``分别达6.9万元、3.4万元`` → 达6.9万元, 达3.4万元;
    ``增长4.2%、5.3%`` → 增长4.2%, 增长5.3%): the list's verb goes with every figure."""
    parts = [p.phrase for p in parse_actual(clause.strip()).parts]
    if not parts:  # 增长4.2%、5.3% reads as one growth and one level: split it as listed
        parts = [p for p in re.split(r"[、和]", clause.strip().removeprefix("分别")) if p]
    verb = _LEADING_VERB.match(clause.strip())
    word = verb.group(1) if verb else ""
    return [p if not word or p.startswith(word) else word + p.removeprefix("分别") for p in parts]


# A paragraph that reviews five years: 五年来, 过去五年, “十四五”时期.
_FIVE_YEAR_PARAGRAPH = re.compile(
    r"这五年|五年来|过去的?五年|回望|“?十[一二三四五]五”?(?:时期|以来|期间|是)"
)
# A paragraph that turns to the one year: 刚刚过去的2025年, 一年来, 过去一年, 2025年是….
_ONE_YEAR_PARAGRAPH = re.compile(r"刚刚过去的|一年来|过去的?一年|^20\d\d年")
_TOP_OR_SUB_HEADING = re.compile(r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]")


def _five_year_opening(folded: str, index: int) -> str | None:
    """The words (过去的五年, 五年来, “十五五”时期 …) that open the paragraphs about five years
    in which ``index`` lies: from the paragraph they open through the following ones, until
    one turns to the single year (刚刚过去的2025年…) or a heading begins another part. None
    where ``index`` lies in no such paragraphs."""
    start = folded.rfind("\n", 0, index) + 1
    while True:
        opening = folded[start : start + 40]
        if _TOP_OR_SUB_HEADING.match(opening) or _ONE_YEAR_PARAGRAPH.search(opening):
            return None
        words = _FIVE_YEAR_PARAGRAPH.search(opening)
        if words:
            return words.group()
        if start == 0:
            return None
        start = folded.rfind("\n", 0, start - 1) + 1


def _period_ahead(text: str, year: int | None) -> bool:
    """Whether ``text`` names a five-year period that ends after the review's year (十四五 in
    a report on 2020, 十五五 in one on 2025)."""
    return year is not None and any(end > year for end in _named_period_ends(text))


def _period_behind(opening: str | None, year: int | None) -> bool:
    """Whether paragraphs opened by ``opening`` look back on five years: 过去五年 and 这五年 do,
    a named period does when it ends by the review's year (“十四五”时期 in a report on 2025;
    “十五五”时期 is the period ahead)."""
    if opening is None:
        return False
    named = _named_period_ends(opening)
    return not named or year is None or named[0] <= year


_FROM_TO = re.compile(r"^从|^由")
_OTHER_YEARS_FIGURE = re.compile(r"^(?![从由]).*20\d\d年的")
_VERB_FIRST = re.compile(
    r"(?:年均|同比|比上年|较上年)?(?:增长|下降|提高|提升|降低|减少|增加|达到?|突破|超过)"
)
# A clause that goes on with the growth of the same figure: 2651.25亿元,增长1.0%.
_GROWTH = r"[,，](?:比上年|同比|较上年)?(?:增长|下降|增加|减少)"
_GROWTH_GOES_ON = re.compile(_GROWTH)
_RANK_THEN_GROWTH = re.compile(
    r"[,，](?:居|位列|排名|稳居)[^,，；;。\d]{0,8}\d{1,2}[^,，；;。]{0,4}" + _GROWTH
)


def _states_a_figure(phrase: str) -> bool:
    spec = parse_actual(phrase)
    numeric = spec.value is not None or spec.growth is not None or bool(spec.parts)
    return numeric and not spec.subject


def _next_figure(text: str, stop: int, phrase: str) -> tuple[int, str]:
    """The clause after ``stop`` in the same sentence when it states a figure with no name of its
    own (the indicator is the one just named); else the phrase as it was."""
    if stop >= len(text) or text[stop] not in "，,":
        return stop, phrase
    following_stop = _result_end(text, stop + 1)
    following = text[stop + 1 : following_stop].strip()
    if following and _states_a_figure(following) and _VERB_FIRST.match(following):
        return following_stop, following
    return stop, phrase


def _result_end(text: str, start: int) -> int:
    """The end of a result's phrase: its clause, and the next one if it only adds the growth
    (after a rank, too: 3347.6亿元,居全省第4位,增长1.5%)."""
    stop = _clause_end(text, start)
    follow = _GROWTH_GOES_ON.match(text, stop) or _RANK_THEN_GROWTH.match(text, stop)
    return _clause_end(text, follow.end()) if follow else stop


def _clause_start(text: str, index: int) -> int:
    """Where the clause holding ``index`` begins; a 、 after a figure begins one too
    (财政总收入671.50亿元、地方一般公共预算收入352.93亿元: a list of results)."""
    for position in range(index - 1, max(-1, index - 40), -1):
        if text[position] in "，,；;。\n：:）)！？":
            return position + 1
        if text[position] == "、" and _AFTER_FIGURE.search(text, max(0, position - 6), position):
            return position + 1
    return max(0, index - 40)


_AFTER_FIGURE = re.compile(r"\d[%％]?[^\d、，,]{0,4}$")


def _sentence(text: str, start: int, stop: int) -> str:
    begin = max(text.rfind(c, 0, start) for c in _SENTENCE_END + "\n") + 1
    ends = [i for i in (text.find(c, stop) for c in _SENTENCE_END + "\n") if i >= 0]
    return text[begin : min(ends or [len(text)]) + 1].strip()


def _clause_end(text: str, start: int) -> int:
    for index in range(start, min(len(text), start + 60)):
        if text[index] in "，,；;。\n：:（(":
            return index
    return min(len(text), start + 60)


def _target_names(targets: list[ProseItem]) -> set[str]:
    """The names of the targets, as indicators a review may report on (三个字 at least, so a
    stray 经济 or 收入 never becomes a name to look for)."""
    names = {fold_traditional(without_scope(t.name, part=True)) for t in targets if t.name}
    return {name for name in names if len(name) >= 3 and not _TARGET_WORDS.search(name)}


@cache
def _indicator_names(named: tuple[str, ...] = ()) -> re.Pattern[str]:
    """Every catalogue name and alias (and ``named``) as one pattern, longest first, as printed
    in reviews."""
    return re.compile("|".join([_printed_names(named), *_NAME_FAMILIES]))


def _printed_names(named: tuple[str, ...]) -> str:
    names = {entry.name for entry in CATALOGUE} | set(named)
    names |= {alias for entry in CATALOGUE for alias in entry.aliases if len(alias) > 2}
    names |= {"生产总值", "城镇新增就业", "居民消费价格", "城乡居民收入", "居民人均可支配收入"}
    return "|".join(map(re.escape, sorted(names, key=len, reverse=True)))


@cache
def _name_scanners(named: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``_indicator_names`` in two: the alternatives that begin with a character, and the
    names listed before 分别, which begin with a look behind. A pattern of alternatives that
    all begin with a character lets the regex engine skip to the characters they begin with;
    one that begins with a look behind is tried whole at every character of the text
    (a report's review took 3.8 ms, 0.9 ms in two; issue 17)."""
    *starting, listed = _NAME_FAMILIES
    return re.compile("|".join([_printed_names(named), *starting])), re.compile(listed)


def _names_in(folded: str, named: tuple[str, ...] = ()) -> Iterator[re.Match[str]]:
    """The matches of ``_indicator_names(named).finditer(folded)``, found by its two scanners:
    at each place the earlier match, and where both begin at one place the first scanner's,
    whose alternatives come first in the one pattern. Each scanner's next match is kept
    until the scan passes its start, so each searches the text once."""
    scanners = _name_scanners(named)
    ahead: list[re.Match[str] | None] = [p.search(folded) for p in scanners]
    position = 0
    while True:
        for index, pattern in enumerate(scanners):
            match = ahead[index]
            if match is not None and match.start() < position:
                ahead[index] = pattern.search(folded, position)
        first, second = ahead
        found = first if second is None or (first and first.start() <= second.start()) else second
        if found is None:
            return
        yield found
        position = max(found.end(), found.start() + 1)


# Names printed in many wordings, one family each: 地表水国考断面达到或优于Ⅲ类水体比例,
# 地表水国控断面Ⅰ—Ⅲ类水质比例, 地表水达到或好于Ⅲ类水体比例 …
_NAME_FAMILIES = (
    r"地表水[^，,；;。、\d]{0,12}?Ⅲ类[^，,；;。、\d]{0,4}?(?:比例|比率)",
    # a clause opening with names listed before 分别 (金融机构存、贷款余额分别…)
    r"(?<=[，,；;。：:\n])"
    + (_LISTED_SHAPE := r"[\u4e00-\u9fff]{1,12}(?:、[\u4e00-\u9fff]{1,12})+")
    + "(?=分别)",
)
_NAMES_LISTED = re.compile(_LISTED_SHAPE)


@cache
def _known_at_end() -> re.Pattern[str]:
    return re.compile(f"(?:{_indicator_names().pattern})$")


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
    a, b = (without_scope(fold_traditional(normalise(_PINYIN.sub("", n)))) for n in (name, other))
    if a and b and (a in b or b in a):
        return True
    return normalise(name + phrase) == normalise(other + other_phrase)


def prose_review_table(
    targets: list[ProseItem], actuals: list[ProseItem], text: str = ""
) -> PlanTable | None:
    """A table of the year whose targets and results the sentences both state (a plan report
    quoting last year's targets before its results): one row per target, with the result of
    the same indicator, so it is assessed like 表1. ``None`` when no year has both.

    ``text`` is the document's text the items' offsets point into: a page on several places
    (杭州市…目标是地区生产总值增长7%左右; 2019年通辽市地区生产总值…增长4%) states each one's
    figures, and a target is paired only with a result of the same place."""
    years = {t.year for t in targets if t.year is not None} & {a.year for a in actuals}
    if not years:
        return None
    year = max(years)
    rows = []
    unused = [a for a in actuals if a.year == year]
    places = [_place_of(text, a) for a in unused]  # found once, not for each target
    for number, target in enumerate((t for t in targets if t.year == year), start=1):
        place = _place_of(text, target)
        index = next(
            (
                i
                for i, a in enumerate(unused)
                if same_indicator(target.name, target.phrase, a.name, a.phrase)
                and _same_place(place, places[i])
            ),
            None,
        )
        result = unused.pop(index) if index is not None else None
        if index is not None:
            places.pop(index)
        rows.append(
            IndicatorRow(
                no=number,
                name=target.name or target.phrase,
                target=target.phrase,
                actual=result.phrase if result else None,
            )
        )
    caption = f"正文中的{year}年目标与完成情况"
    return PlanTable(caption=caption, role=TableRole.REVIEW, year=year, rows=rows)


def _place_of(text: str, item: ProseItem) -> str | None:
    """The code of the last place named in the item's paragraph before its indicator's name
    (通辽市 in 2019年通辽市地区生产总值…; the clause may begin before the place), or None when
    none is named or the name may be several places."""
    start = text.rfind("\n", 0, item.offset) + 1
    end = text.find(item.name, item.offset) if item.name else -1
    end = end if end >= 0 else item.offset
    named = [m for m in mentions(fold_traditional(text[start:end])) if len(m.found) == 1]
    return named[-1].found[0].code if named else None


def _same_place(first: str | None, second: str | None) -> bool:
    """Whether two places can be one: either unnamed, the same, or one inside the other (浙江省
    and its 台州市: a division's code begins with its parent's, GB/T 2260)."""
    if first is None or second is None:
        return True
    a, b = first.rstrip("0"), second.rstrip("0")
    return a.startswith(b) or b.startswith(a)
