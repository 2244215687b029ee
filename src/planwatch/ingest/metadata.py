"""Title, jurisdiction, years, date, meeting and authority from a report's first lines.

Titles come on one line or broken over several (``关于苏州市2024年国民经济和`` /
``社会发展计划执行情况与2025年`` / ``…草案的报告``). Governments are provinces, cities,
districts and counties, sometimes named with their parent (``江州市清河区``). A published
indicator list has no ``关于…`` title: its first line naming a year and
``国民经济和社会发展`` stands in, and the document says so in a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from planwatch.model import Jurisdiction

_TITLE_START = re.compile(r"^\s*关于")
_TITLE_DONE = re.compile(r"(报告|草案)\s*$")
_TITLE_END = re.compile(r"(报告|草案|计划|情况|指标)\s*$")
_PLAIN_TITLE = re.compile(r"\d{4}\s*年.*国民经济和社会发展")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = re.compile(r"在(.+?会议)上")
_NAMES = re.compile(r"^\s*(?:关于)?(?P<names>[\u4e00-\u9fff]{2,24}?)(?=\d{4}\s*年)")
_PLACE = re.compile(r"[\u4e00-\u9fff]+?(?:特别行政区|自治区|自治州|自治县|省|市|区|县|旗|盟)")
_YEAR = re.compile(r"(\d{4})\s*年")
# A notice issuing the report names its issuer first: what follows 关于 (and the verb
# 印发, 转发…) is the report's own government.
_ISSUED = re.compile(r"^(?:.*关于)?(?:印发|转发|批转|下达|公布|发布)?")
_NOT_TITLE = re.compile(
    r"^(附?表\s*\d|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d)"
)
_AUTHORITY = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(委员会|政府|局|委|办公室)$")

# Level by the name's suffix; a 市 under a city or prefecture is a county-level city.
_LEVELS = {
    "特别行政区": "省",
    "自治区": "省",
    "省": "省",
    "市": "市",
    "自治州": "市",
    "盟": "市",
    "区": "区",
    "自治县": "县",
    "县": "县",
    "旗": "县",
}
_CITY_LEVEL = ("市", "自治州", "州", "盟")


@dataclass
class Metadata:
    title: str | None = None
    jurisdiction: Jurisdiction | None = None
    review_year: int | None = None
    plan_year: int | None = None
    date: dt.date | None = None
    meeting: str | None = None
    authority: str | None = None
    title_lines: tuple[int, int] | None = None  # where the title block is (0-based, end excl.)
    plain_title: bool = False  # True when no ``关于…`` title was found and another stands in


def _stops_title(text: str) -> bool:
    return (
        text.startswith(("—", "-", "（", "(", "─"))
        or bool(_DATE.search(text))
        or bool(_AUTHORITY.match(text))
        or len(text) > 60
        or text.endswith(("。", "：", ":"))
    )


def _title_block(lines: list[str]) -> tuple[str | None, int, int]:
    """A ``关于…`` title, possibly broken over lines: joined until it ends like a title."""
    for start, line in enumerate(lines[:60]):
        if not _TITLE_START.match(line):
            continue
        parts: list[tuple[str, int]] = []
        for index in range(start, min(start + 8, len(lines))):
            text = lines[index].strip()
            if not text:
                continue
            if parts and _stops_title(text):
                break
            parts.append((text, index))
            if _TITLE_DONE.search(text):
                break
        while parts and not _TITLE_END.search(parts[-1][0]):
            parts.pop()
        if parts:
            return "".join(text for text, _ in parts), start, parts[-1][1] + 1
        return None, start, start
    return None, 0, 0


def _plain_title(lines: list[str]) -> tuple[str | None, int, int]:
    """A first line such as ``青山县2024年国民经济和社会发展主要计划指标``, or two lines when
    a page broke it (``…社会发展计划主`` / ``要指标完成情况``)."""
    seen = 0
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            continue
        seen += 1
        if seen > 30:
            break
        if len(text) <= 80 and _PLAIN_TITLE.search(text) and not text.endswith("。"):
            return _title_rest(lines, text, index)
    return None, 0, 0


def _title_rest(lines: list[str], text: str, index: int) -> tuple[str, int, int]:
    """The title starting at ``index``, joined with its next line when only both end it."""
    if _TITLE_END.search(text):
        return text, index, index + 1
    following = next(
        ((i, line.strip()) for i, line in enumerate(lines[index + 1 :], index + 1) if line.strip()),
        None,
    )
    if following:
        end, more = following
        if (
            len(more) <= 20
            and not _stops_title(more)
            and not _NOT_TITLE.match(more)
            and _TITLE_END.search(more)
        ):
            return text + more, index, end + 1
    return text, index, index + 1


def jurisdiction_of(title: str) -> Jurisdiction | None:
    """``关于江州市清河区2023年…`` → 清河区 (区) under 江州市."""
    match = _NAMES.search(title)
    if not match:
        return None
    names = _ISSUED.sub("", match["names"])  # 新乡市人民政府关于印发新乡市… → 新乡市
    places = _PLACE.findall(names)
    if "".join(places) != names:
        places = [names]
    if not places:  # 绍兴市人民政府关于下达…: only the issuer, which the opening lines give
        return None
    name = places[-1]
    parent = places[-2] if len(places) > 1 else None
    suffix = next((s for s in _LEVELS if name.endswith(s)), None)
    level = _LEVELS.get(suffix) if suffix else None
    if level == "市" and suffix == "市" and parent and parent.endswith(_CITY_LEVEL):
        level = "县"
    return Jurisdiction(name=name, level=level, parent=parent)


def years_of(title: str) -> tuple[int | None, int | None]:
    """(review year, plan year): ``2024年…执行情况与2025年…草案``; a half-year report
    (``2024年上半年…执行情况的报告``) reviews its year and plans none."""
    years = [int(y) for y in _YEAR.findall(title)]
    review = plan = None
    if "执行" in title or "情况" in title:
        review = years[0] if years else None
    if "草案" in title or "安排" in title:
        plan = years[-1] if years and (review is None or len(years) > 1) else None
    if review is None and plan is None and years:
        plan = years[-1]
    return review, plan


def read_metadata(lines: list[str]) -> Metadata:
    """Metadata from the first lines of a report; what is missing stays None."""
    title, start, end = _title_block(lines)
    plain = False
    if title is None:
        title, start, end = _plain_title(lines)
        plain = title is not None
    meta = Metadata(title=title, title_lines=(start, end) if title else None, plain_title=plain)
    if title:
        meta.jurisdiction = jurisdiction_of(title)
        meta.review_year, meta.plan_year = years_of(title)
    head = [line.strip() for line in lines[end : end + 12] if line.strip()]
    for index, text in enumerate(head[:6]):
        date = _DATE.search(text)
        if date and meta.date is None:
            year, month, day = (int(g) for g in date.groups())
            try:
                meta.date = dt.date(year, month, day)
            except ValueError:
                meta.date = None
            meeting = _MEETING.search(text)
            meta.meeting = meeting.group(1) if meeting else None
            following = head[index + 1] if index + 1 < len(head) else ""
            if _AUTHORITY.match(following):
                meta.authority = following
        elif meta.authority is None and _AUTHORITY.match(text):
            meta.authority = text
    _from_the_text(lines, meta)
    return meta


# A government named in the opening lines of a work report or a plan without a 关于 title:
# 安徽省人民政府, 2026年浙江省政府工作报告, 湖州市国民经济和社会发展计划.
_GOVERNMENT = re.compile(
    r"(?:^|[^\u4e00-\u9fff])(?:\d{4}年)?(?P<name>[\u4e00-\u9fff]{2,12}?(?:省|自治区|市|县|区|州|盟|旗))"
    r"(?:\d{4}\s*年)?(?:人民政府|政府工作报告|国民经济和社会发展|省长|市长|主席|区长|县长)"
)
_WORK_REPORT = re.compile(r"政府工作报告")
# ``在昆山市第十七届人民代表大会第五次会议上``: the meeting names the government too.
_CONGRESS = re.compile(r"在(?P<name>[\u4e00-\u9fff]{2,12}?(?:省|自治区|市|县|区|州|盟|旗))第")
# ``我代表市人民政府``: a pronoun or a verb before 市 is no place name.
_NOT_A_PLACE = re.compile(r"^[我本全各该]|代表|报告|向")
_SENTENCE_MARK = re.compile(r"[。；;，,]")


def _government_named(opening: str) -> str | None:
    """The government the opening lines name: a name the division table knows first (the
    meeting line or 昆山市人民政府), else the first that reads as a place at all, else the
    one division the lines mention."""
    from planwatch import places

    named = [m["name"] for pattern in (_GOVERNMENT, _CONGRESS) for m in pattern.finditer(opening)]
    named = [name for name in named if not _NOT_A_PLACE.search(name)]
    known = [name for name in named if places.resolve(name).status != "unknown"]
    if known or named:
        return (known or named)[0]
    # A news page's headline (上海浦東向GDP“萬億俱樂部”發起“沖擊”, 2010年漳州經濟社會發展預期目標):
    # the one division its short, unpunctuated lines name. A sentence that compares with
    # another place (…高于苏州市…) is no headline, and several places (长三角) are no answer.
    headlines = [line for line in opening.splitlines() if 4 <= len(line) <= 40]
    headlines = [line for line in headlines if not _SENTENCE_MARK.search(line)]
    found = places.find_in_text("\n".join(headlines))
    return found.jurisdiction.name if found.jurisdiction else None


def _from_the_text(lines: list[str], meta: Metadata) -> None:
    """Jurisdiction and years from the opening lines when the title gave none: a work report
    (政府工作报告) given in January of its plan year reviews the year before."""
    opening = "\n".join(line.strip() for line in lines[:15])
    if meta.jurisdiction is None:
        name = _government_named(opening)
        if name:
            meta.jurisdiction = jurisdiction_of(name + "2000年")
    if meta.date is None:
        date = _DATE.search(opening)
        if date:
            try:
                meta.date = dt.date(*(int(g) for g in date.groups()))
            except ValueError:
                meta.date = None
    if meta.plan_year is None and meta.review_year is None and _WORK_REPORT.search(opening):
        year = meta.date.year if meta.date else None
        titled = _YEAR.search(opening[: opening.find("政府工作报告")])
        year = int(titled.group(1)) if titled else year
        if year:
            meta.plan_year, meta.review_year = year, year - 1


# A government named in a table caption or a heading, before what it plans or reviews:
# ``表1 2023年苏州市国民经济和社会发展主要指标计划执行情况``, ``（一）江州市主要指标完成情况``.
_NAMED_BEFORE_PLAN = re.compile(
    r"(?:^|[^\u4e00-\u9fff])(?:\d{4}\s*年)?"
    r"(?P<name>(?!年)[\u4e00-\u9fff]{2,12}?(?:特别行政区|自治区|自治州|自治县|省|市|区|县|州|盟|旗))"
    r"(?:\d{4}\s*年)?(?:上半年|全年|前三季度|1-\d{1,2}月)?"
    r"(?:国民经济|经济社会|经济和社会|主要|发展|计划|重点|人民政府)"
)
_CAPTION_NUMBER = re.compile(r"^\s*(?:附)?表\s*\d+\s*")
_LIST_MARKS = ("、", "，", ",", "及", "和", "与")
_LISTED = re.compile(r"(?<=[省市区县州盟旗])[和与及、]")
_HEADING_LINE = 60  # longer lines are sentences, where a place is named in passing
_SENTENCE_END = ("。", "；", "，", "：", ":")


def _named_in(texts: list[str]) -> list[str]:
    """The governments named in ``texts``, each once, in order (see ``_NAMED_BEFORE_PLAN``).
    Places listed together (``苏州市、无锡市主要指标``, ``苏州市和无锡市…``) are all kept,
    so that a list never passes for the one government the report is by."""
    named: list[str] = []
    for text in texts:
        for match in _NAMED_BEFORE_PLAN.finditer(_CAPTION_NUMBER.sub(" ", text)):
            before = match.string[: match.start("name")].rstrip()
            if before.endswith(_LIST_MARKS):
                named.append(before)  # the list's earlier places, as one more name
            named += _LISTED.split(match["name"])
    return list(dict.fromkeys(n for n in named if n and not _NOT_A_PLACE.search(n)))


def _headings(lines: list[str]) -> list[str]:
    return [
        text
        for text in (line.strip() for line in lines)
        if text and len(text) <= _HEADING_LINE and not text.endswith(_SENTENCE_END)
    ]


def from_captions_and_headings(meta: Metadata, captions: list[str], lines: list[str]) -> str | None:
    """Fill the jurisdiction and years the title and opening lines left unknown from the
    tables' captions, else the headings; say so in the returned warning.

    A place is taken only when the captions (or, without one, the headings) name one place
    and no other: two different names are no answer, and a guess would be a confident wrong
    one. Years are taken only when the title named none.
    """
    texts = [c.strip() for c in captions if c.strip()]
    warning = None
    if meta.jurisdiction is None:
        where, said_in = "表题", texts
        named = _named_in(said_in)
        if not named:
            where, said_in = "标题", _headings(lines)
            named = _named_in(said_in)
        place = jurisdiction_of(named[0] + "2000年") if len(named) == 1 else None
        if place:
            meta.jurisdiction = place
            said = next((t for t in said_in if named[0] in t), named[0])
            said = said if len(said) <= 40 else said[:40] + "…"
            warning = f"报告标题未写明地区，已按{where}“{said}”取为{place.name}"
    if meta.review_year is None and meta.plan_year is None:
        years = [years_of(text) for text in texts]
        meta.review_year = next((r for r, _ in years if r), None)
        meta.plan_year = next((p for _, p in years if p), None)
    return warning
