"""The paragraph （一）主要计划目标完成情况, written from the table and its assessment.

Code decides *what* each indicator's clause says (which kind of result it is, which numbers
it carries, which neighbours share a predicate and merge: ``PM2.5浓度、空气质量优良天数比例
完成省下达任务``); the templates in ``report/templates`` decide *the words*, so a DRC changes
the wording by editing ``narrative.txt.j2`` without touching code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import TypedDict

from planwatch.model import (
    Assessment,
    IndicatorRow,
    PlanDocument,
    PlanTable,
    Quality,
    Status,
    TargetKind,
)
from planwatch.report.templating import render

HEADING = "（一）主要计划目标完成情况"
_DONE = {"完成", "已完成", "全面完成", "完成任务"}
_DIGIT = re.compile(r"\d")
_COUNT_VERB = re.compile(r"^(?P<verb>新增|净增|累计|新认定|新培育)(?P<rest>.+)$")
ZH_DIGITS = "零一二三四五六七八九"
SELF_NAMED_OVERLAP = 4  # shared characters that make a result name its own subject
_MEETING = re.compile(r"^(?P<head>.*?)(?P<n>[一二三四五六七八九十]+)次会议$")


@dataclass
class Clause:
    """One statement of the paragraph: one indicator, or neighbours sharing a predicate."""

    kind: str
    names: list[str]
    actual: str = ""
    target: str = ""
    value: str = ""  # the number an estimate or a count states
    subject: str = ""  # what did not happen, for a zero-event result
    verb: str = ""  # 新增 / 净增, for a count
    stem: str = ""  # the counted thing: 国家级专精特新“小巨人”企业
    verb_after: bool = False  # 高新技术企业净增…, when the name itself began with 新增

    def shares_predicate(self, other: Clause) -> bool:
        mine = (self.kind, self.actual, self.value, self.subject, self.verb)
        return self.kind in MERGEABLE and mine == (
            other.kind,
            other.actual,
            other.value,
            other.subject,
            other.verb,
        )


@dataclass
class CategoryClauses:
    name: str
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Narrative:
    heading: str
    paragraph: str
    summary: str
    shortfalls: str

    @property
    def text(self) -> str:
        parts = [self.heading, self.paragraph, self.summary, self.shortfalls]
        return "\n\n".join(p for p in parts if p) + "\n"


# ---- the kinds of result, tried in order; the first that recognises a row wins ----


class ClauseFields(TypedDict, total=False):
    """The fields of a ``Clause`` besides its kind: what a rule found in a row."""

    names: list[str]
    actual: str
    target: str
    value: str
    subject: str
    verb: str
    stem: str
    verb_after: bool


Rule = Callable[[IndicatorRow, Assessment | None], ClauseFields | None]


def _quality(found: Assessment | None) -> Quality | None:
    return found.actual.quality if found and found.actual else None


def _pending(row: IndicatorRow, found: Assessment | None) -> ClauseFields | None:
    if (found and found.status is Status.PENDING) or _quality(found) is Quality.PENDING:
        return {"actual": row.actual or "待反馈"}
    return None


def _estimate(row: IndicatorRow, found: Assessment | None) -> ClauseFields | None:
    if _quality(found) is not Quality.ESTIMATE:
        return None
    stated = (row.actual or "").removeprefix("预计")
    # 预计可以完成 states no number: the estimate is that the target is reached.
    return {"value": stated if _DIGIT.search(stated) else (row.target or stated)}


def _zero_events(row: IndicatorRow, found: Assessment | None) -> ClauseFields | None:
    target, actual = (found.target, found.actual) if found else (None, None)
    if not (target and actual and target.kind is TargetKind.EVENT_COUNT):
        return None
    if actual.value is None or actual.value.value != 0:
        return None
    subject = actual.subject or target.subject or re.sub(r"起数为0$", "", row.actual or "")
    return {"subject": subject or row.name}


def _external(row: IndicatorRow, found: Assessment | None) -> ClauseFields | None:
    if (row.actual or "").strip() in _DONE and "省下达" in (row.target or ""):
        return {}
    return None


def _verdict(row: IndicatorRow, found: Assessment | None) -> ClauseFields | None:
    return {} if (row.actual or "").strip() in _DONE else None


def _count(row: IndicatorRow, found: Assessment | None) -> ClauseFields | None:
    """``国家级专精特新“小巨人”企业数`` + ``新增206家`` → 新增…企业206家; a name that already
    says 新增 (``新增高新技术企业数``) puts the verb after: 高新技术企业净增1500家以上."""
    match = _COUNT_VERB.match(row.actual or "")
    if not (match and row.name.endswith("数")):
        return None
    stem = row.name.removesuffix("数")
    verb_after = stem.startswith("新增")
    stem = stem.removeprefix("新增")
    return {"verb": match["verb"], "stem": stem, "value": match["rest"], "verb_after": verb_after}


def _self_named(row: IndicatorRow, found: Assessment | None) -> ClauseFields | None:
    """A result that names its own subject (``保持规上工业企业智能化改造…全覆盖``) is stated
    without the indicator's name, which would only repeat it."""
    actual = row.actual or ""
    match = SequenceMatcher(None, row.name, actual, autojunk=False).find_longest_match()
    return {} if match.size >= SELF_NAMED_OVERLAP and not _DIGIT.search(actual) else None


CLAUSE_RULES: list[tuple[str, Rule]] = [
    ("pending", _pending),
    ("estimate", _estimate),
    ("zero_events", _zero_events),
    ("external", _external),
    ("verdict", _verdict),
    ("count", _count),
    ("self_named", _self_named),
]
MERGEABLE = {"external", "verdict", "stated"}


def clause_for(row: IndicatorRow, found: Assessment | None) -> Clause:
    """The clause of one row; ``stated`` (name + result as printed) when no rule applies."""
    base: ClauseFields = {
        "names": [row.name],
        "actual": row.actual or "",
        "target": row.target or "",
    }
    for kind, rule in CLAUSE_RULES:
        fields = rule(row, found)
        if fields is not None:
            merged: ClauseFields = {**base, **fields}
            return Clause(kind=kind, **merged)
    return Clause(kind="stated", **base)


def categories(table: PlanTable, assessments: list[Assessment]) -> list[CategoryClauses]:
    """Clauses category by category in the table's order, neighbours merged when they agree."""
    groups: list[CategoryClauses] = []
    for row, found in zip(table.rows, assessments, strict=True):
        category = row.category or ""
        if not groups or groups[-1].name != category:
            groups.append(CategoryClauses(category))
        clause = clause_for(row, found)
        clauses = groups[-1].clauses
        if clauses and clause.shares_predicate(clauses[-1]):
            clauses[-1].names.extend(clause.names)
        else:
            clauses.append(clause)
    return groups


def previous_meeting(meeting: str | None) -> str | None:
    """``市十七届人大四次会议`` → ``市十七届人大三次会议``: it set last year's targets."""
    match = _MEETING.match(meeting or "")
    if not match or match["n"] not in ZH_DIGITS[2:] or len(match["n"]) != 1:
        return None
    return f"{match['head']}{ZH_DIGITS[ZH_DIGITS.index(match['n']) - 1]}次会议"


def _gap(found: Assessment) -> str:
    from planwatch.assess import format_margin

    return format_margin(found, signed=False)


def summary_of(assessments: list[Assessment], templates: Path | None = None) -> str:
    """The engine's summary sentence, framed by ``summary.txt.j2``."""
    from planwatch.assess import summarize, summary_sentence

    counts = {status.zh: count for status, count in summarize(assessments).items()}
    sentence = summary_sentence(assessments)
    return render("summary.txt.j2", templates, sentence=sentence, counts=counts).strip()


def write_narrative(
    doc: PlanDocument,
    table: PlanTable,
    assessments: list[Assessment],
    *,
    templates: Path | None = None,
) -> Narrative:
    """The completion paragraph, the summary sentence and the not-met list of a review table."""
    context = {
        "meeting": previous_meeting(doc.meeting),
        "year": table.year,
        "jurisdiction": doc.jurisdiction.name if doc.jurisdiction else "",
        "total": len(table.rows),
        "categories": categories(table, assessments),
    }
    shortfalls = [
        {
            "name": row.name,
            "target": row.target or "",
            "actual": row.actual or "",
            "gap": _gap(found),
            "reason": found.reason,
        }
        for row, found in zip(table.rows, assessments, strict=True)
        if found.status is Status.NOT_MET
    ]
    return Narrative(
        heading=HEADING,
        paragraph=render("narrative.txt.j2", templates, **context).strip(),
        summary=summary_of(assessments, templates),
        shortfalls=render("shortfalls.txt.j2", templates, items=shortfalls).strip(),
    )
