"""Title, jurisdiction, years, date, meeting and authority from a report's first lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from planwatch.model import Jurisdiction

_TITLE_START = re.compile(r"^\s*关于")
_TITLE_END = re.compile(r"(报告|草案|计划|情况)\s*$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_MEETING = re.compile(r"在(.+?会议)上")
_JURISDICTION = re.compile(
    r"关于(?P<name>[\u4e00-\u9fff]{1,12}?(?:自治区|自治州|省|市|区|县|旗|州|盟))"
    r"(?=\d{4}\s*年)"
)
_YEAR = re.compile(r"(\d{4})\s*年")
_AUTHORITY = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(委员会|政府|局|委|办公室)$")

_LEVELS = {"自治区": "省", "省": "省", "市": "市", "自治州": "市", "州": "市", "盟": "市"}


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


def _title_block(lines: list[str]) -> tuple[str | None, int, int]:
    """The title may be broken over several lines; join them until it ends like a title."""
    for start, line in enumerate(lines[:60]):
        if not _TITLE_START.match(line):
            continue
        parts: list[str] = []
        for end in range(start, min(start + 8, len(lines))):
            text = lines[end].strip()
            if not text:
                continue
            if text.startswith(("—", "-", "（", "(")) and parts:
                break
            parts.append(text)
            if _TITLE_END.search(text):
                return "".join(parts), start, end + 1
        return None, start, start
    return None, 0, 0


def jurisdiction_of(title: str) -> Jurisdiction | None:
    match = _JURISDICTION.search(title)
    if not match:
        return None
    name = match["name"]
    suffix = next((s for s in _LEVELS if name.endswith(s)), name[-1])
    level = _LEVELS.get(suffix, "县" if suffix in "区县旗" else suffix)
    return Jurisdiction(name=name, level=level)


def years_of(title: str) -> tuple[int | None, int | None]:
    """(review year, plan year): ``2024年…执行情况与2025年…草案``."""
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
    meta = Metadata(title=title, title_lines=(start, end) if title else None)
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
    return meta
