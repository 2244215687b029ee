"""The research panel: one tidy row per jurisdiction × year × indicator (issue 12).

A row pairs what a government set as its target for a year with what it later reported for
that year, from the same document or from another one (next year's report), and says how
it was judged. Every value is a plain string or number, so a row is a CSV line, a Parquet
record and a database row alike.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from enum import StrEnum


class PanelMatch(StrEnum):
    """How sure the pairing of a target with a result is."""

    SAME = "same"  # the same name, or both names are the catalogue's for one indicator
    UNSURE = "unsure"  # the names differ and only one contains the other: listed, not judged
    ALONE = "alone"  # a target without a result, or a result without a target

    @property
    def zh(self) -> str:
        return {"same": "同一指标", "unsure": "不确定", "alone": "单侧"}[self.value]


@dataclass(frozen=True)
class PanelSide:
    """One side of a row as it was found: the phrase, and where (for provenance)."""

    name: str  # the indicator as written in that document
    phrase: str
    source: str  # the file name or ``plan:12``
    where: str  # ``表1第3行`` or ``正文第1234字``
    sentence: str | None = None
    quality: str | None = None  # of a result: final / estimate …
    published: int | None = None  # the year of the document that printed it


@dataclass
class PanelRow:
    """One jurisdiction × year × indicator. ``None`` where a side or a figure is missing."""

    jurisdiction: str
    code: str | None
    level: str | None
    parent: str | None
    parent_code: str | None
    year: int
    indicator: str  # as written (the target's name, else the result's)
    canonical: str | None  # the catalogue's name: the key across documents
    target: str | None = None
    kind: str | None = None
    comparator: str | None = None
    target_value: float | None = None
    unit: str | None = None
    actual: str | None = None
    actual_value: float | None = None
    quality: str | None = None
    status: str | None = None
    status_zh: str | None = None
    margin: float | None = None
    reason: str | None = None
    match: str = PanelMatch.ALONE.value
    conflict: str | None = None  # two documents that disagree about this row
    target_source: str | None = None
    target_where: str | None = None
    target_sentence: str | None = None
    actual_name: str | None = None
    actual_source: str | None = None
    actual_where: str | None = None
    actual_sentence: str | None = None
    parent_target: str | None = None
    escalation: float | None = None  # this target's value minus the parent's, same unit

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


PANEL_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(PanelRow))

# The Chinese header of each column, for CSV and Excel downloads meant for people.
PANEL_HEADERS_ZH: dict[str, str] = {
    "jurisdiction": "地区",
    "code": "区划代码",
    "level": "层级",
    "parent": "上级地区",
    "parent_code": "上级代码",
    "year": "年份",
    "indicator": "指标（原文）",
    "canonical": "标准指标",
    "target": "目标",
    "kind": "目标类型",
    "comparator": "比较方式",
    "target_value": "目标值",
    "unit": "单位",
    "actual": "完成情况",
    "actual_value": "完成值",
    "quality": "数据性质",
    "status": "状态代码",
    "status_zh": "状态",
    "margin": "差距",
    "reason": "理由",
    "match": "匹配",
    "conflict": "冲突",
    "target_source": "目标来源",
    "target_where": "目标位置",
    "target_sentence": "目标原句",
    "actual_name": "完成情况指标（原文）",
    "actual_source": "完成情况来源",
    "actual_where": "完成情况位置",
    "actual_sentence": "完成情况原句",
    "parent_target": "上级目标",
    "escalation": "加码幅度",
}
