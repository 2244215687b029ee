"""``parse_target``: a target phrase to a ``TargetSpec``, never raising, never guessing.

A phrase is tried whole against the families; if none matches and it has several clauses
(``净增1500家以上，总量增长10%``) each clause is parsed on its own and the spec is COMPOUND.
What is left unknown comes back with kind UNKNOWN and a note that says why, so the assessment
can be ``unassessable`` with a reason instead of a crash or a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planwatch.model import TargetKind, TargetSpec
from planwatch.phrases.families import FAMILIES
from planwatch.phrases.grammar import Parse, prepare
from planwatch.phrases.numbers import MULT, UNITS, UnitHint, parse_unit_hint

MAX_PHRASE = 200  # longer than any real target; longer input is prose or noise
_CLAUSES = re.compile(r"[,;]")
_TWO_UNITS = re.compile(
    rf"\d(?:{MULT})?(?:{'|'.join(map(re.escape, UNITS))})(?:{MULT})?"
    rf"(?:{'|'.join(map(re.escape, UNITS))})"
)
_NO_NUMBER = re.compile(r"(增长|下降|提高|降低|提升|新增|净增)(%|个百分点|$|以上|左右)")
_WORDS = re.compile(r"[\w\u4e00-\u9fff]")


def match_family(ctx: Parse) -> TargetSpec | None:
    """The spec of the first family that understands the whole core, else ``None``."""
    for entry in FAMILIES:
        spec = entry.parse(ctx)
        if spec is not None:
            return spec
    return None


def unknown(phrase: str, note: str, basis: str | None = None) -> TargetSpec:
    return TargetSpec(phrase=phrase, kind=TargetKind.UNKNOWN, note=note, basis=basis)


# What a phrase is, for the note: targets and actuals share ``diagnose`` but not their forms.
_FORMS = {
    "目标": "（如“增长5%以上”“完成省下达任务”）",
    "完成情况": "（如“增长6%”“1050亿元”“待省反馈”“完成”）",
}


def diagnose(core: str, what: str = "目标") -> str:
    """Why no family understood a core: the note of an UNKNOWN spec.

    ``what`` names the kind of phrase (``目标`` or ``完成情况``): the actual parser reuses this,
    and a reader told that a completion phrase "is not a known target form" is misled.
    """
    if not _WORDS.search(core):
        return "只有标点或符号，没有可判断的内容"
    if _TWO_UNITS.search(core):
        return f"“{core}”中的数字带有两个单位，无法确定其含义"
    if _NO_NUMBER.search(core):
        return f"“{core}”缺少数值"
    if any(char.isdigit() for char in core):
        return f"“{core}”含有数字，但不属于已知的{what}句式"
    return f"“{core}”不属于已知的{what}句式{_FORMS.get(what, '')}"


def parse_with_hint(phrase: str, hint: UnitHint) -> TargetSpec:
    """The uncached parse; ``parse_target`` and ``parse_actual`` share it."""
    if len(phrase) > MAX_PHRASE:
        return unknown(phrase[:MAX_PHRASE], f"短语过长（{len(phrase)}字），不像一条指标目标")
    ctx = prepare(phrase, hint)
    if not ctx.core:
        return unknown(phrase, "空短语" if not phrase.strip() else diagnose(phrase))
    spec = match_family(ctx)
    if spec is not None:
        return spec
    clauses = [c for c in _CLAUSES.split(ctx.core) if c]
    if len(clauses) < 2:
        return unknown(phrase, diagnose(ctx.core), ctx.basis)
    parts = []
    for number, clause in enumerate(clauses, start=1):
        part = match_family(prepare(clause, hint))
        if part is None:
            return unknown(phrase, f"第{number}部分：{diagnose(clause)}", ctx.basis)
        parts.append(part)
    return TargetSpec(
        phrase=phrase,
        kind=TargetKind.COMPOUND,
        parts=parts,
        basis=ctx.basis,
        note=ctx.note,
        family="compound",
    )


@lru_cache(maxsize=65536)
def parse_target(phrase: str, unit_hint: str | None = None) -> TargetSpec:
    """Understand a target phrase: ``增长5%以上`` → growth ≥ 5 %.

    ``unit_hint`` is the unit a table header gives bare numbers (``%``, ``亿元``,
    ``目标增长(%)``). Cached: real reports repeat phrases, and the spec is frozen.
    """
    if not isinstance(phrase, str):
        return unknown("", "目标不是文字")
    return parse_with_hint(phrase, parse_unit_hint(unit_hint))
