"""Counts of statuses and the official-style summary sentence.

``45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成`` — the form reports use. Only the
statuses present are named, in the order reports name them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from planwatch.model import Assessment, Status
from planwatch.phrases.numbers import format_amount

# The order reports list outcomes in, and each status's words in a summary sentence.
ORDER = [
    Status.MET,
    Status.NEARLY_MET,
    Status.NOT_MET,
    Status.PENDING,
    Status.EXPECTED,
    Status.UNASSESSABLE,
]
_WORDS = {
    Status.MET: "完成",
    Status.NEARLY_MET: "基本完成",
    Status.NOT_MET: "未完成",
    Status.PENDING: "待反馈",
    Status.EXPECTED: "预计完成",
    Status.UNASSESSABLE: "无法评估",
}


def summarize(assessments: Iterable[Assessment]) -> dict[Status, int]:
    """How many assessments have each status; every status is a key, zeros included."""
    counts = dict.fromkeys(ORDER, 0)
    for assessment in assessments:
        counts[assessment.status] += 1
    return counts


def _pending_words(assessments: Sequence[Assessment]) -> str:
    """``待省反馈`` when every pending actual waits for the province, as the sample's do."""
    phrases = [a.actual.phrase for a in assessments if a.status is Status.PENDING and a.actual]
    if phrases and all("省反馈" in p for p in phrases):
        return "待省反馈"
    return _WORDS[Status.PENDING]


def summary_sentence(assessments: Sequence[Assessment]) -> str:
    """``45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成`` (no closing 。, to embed)."""
    counts = summarize(assessments)
    words = dict(_WORDS)
    words[Status.PENDING] = _pending_words(assessments)
    clauses = [f"{counts[s]}项{words[s]}" for s in ORDER if counts[s]]
    return "，".join([f"{len(assessments)}项指标中", *clauses])


def format_margin(found: Assessment, signed: bool = True) -> str:
    """The margin as a reader says it: ``-3.3个百分点``, ``+56家``, ``21亿元`` (unsigned).

    The target's value sets the multiplier, so a gap against ``1050亿元`` reads in 亿元.
    """
    if found.margin is None:
        return ""
    target = found.target.value if found.target else None
    text = format_amount(abs(found.margin), found.margin_unit, target.value if target else None)
    if not signed or found.margin == 0:
        return text
    return ("+" if found.margin > 0 else "-") + text
