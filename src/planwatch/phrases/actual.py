"""``parse_actual``: a completion phrase (完成情况) to an ``ActualSpec`` with its quality.

Actuals speak the targets' language (``增长6%``, ``54.7%``, ``保持基本稳定``) plus their own:
data not in yet (``待省反馈``, ``暂无数据``), not due (``年度指标``), estimates (``预计可以完成``,
``预计4.54个``), verdicts (``完成``), and a level with its growth (``20170.45亿元,增长3.4%``).
So the target families are reused and only these extra forms live here.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TypedDict

from planwatch.model import (
    ActualSpec,
    PlanDocument,
    Quality,
    TableRole,
    TargetKind,
    TargetSpec,
    Trend,
)
from planwatch.phrases.grammar import Parse, fold_traditional, prepare
from planwatch.phrases.lexicon import lexicon
from planwatch.phrases.numbers import UnitHint, normalise, parse_unit_hint
from planwatch.phrases.shapes import letter
from planwatch.phrases.target import MAX_PHRASE, diagnose, match_family, respectively
from planwatch.phrases.tokens import RANK_POSITION

_PENDING = re.compile(
    r"(?:待|等待)(?:省|国家|市|统计局|上级|有关部门|部门)?[^\d]{0,6}?"
    r"(?:反馈|公布|发布|核定|确认|统计|核算)|暂无(?:数据)?|尚未(?:公布|发布|反馈|统计)"
    r"|数据(?:尚)?未(?:出|公布|发布)|-|/"
)
_NOT_DUE = re.compile(r"(?:年度|年终|年底)(?:指标|考核|统计)|按年(?:度)?(?:统计|考核)")
_ESTIMATE = re.compile(r"预计(?:全年)?(?:可以|能够|可|能|将会|将)?(?P<rest>.+)")
_PRELIMINARY = re.compile(r"(?:初步(?:统计|核算)|快报)(?:数)?(?:为)?(?P<rest>.+)")
# 54.7%（预计）, 5.2%（初步统计）: the quality said in brackets after the figure
_BRACKET_QUALITY: tuple[tuple[re.Pattern[str], Quality], ...] = (
    (re.compile(r"(?:预计|预估|估计|估算)(?:数|值|数据)?"), Quality.ESTIMATE),
    (re.compile(r"(?:初步(?:统计|核算|测算)?|快报)(?:数|值|数据)?"), Quality.PRELIMINARY),
)
_VERDICT = re.compile(
    rf"(?P<v>{lexicon().alternation('verdict')})(?:[^\d]{{0,30}}?(?:任务|目标|要求))?"
)
ACTUAL = "完成情况"  # how ``diagnose`` names the phrase in its note
VERDICT_MET = "完成"
VERDICT_NEARLY = "基本完成"
VERDICT_NOT_MET = "未完成"
_VERDICT_WORDS = {"met": VERDICT_MET, "nearly_met": VERDICT_NEARLY, "not_met": VERDICT_NOT_MET}
_VERDICTS = {word: _VERDICT_WORDS[m] for word, m in lexicon().words("verdict").items()}
_CLAUSES = re.compile(r"[,;]")
_LIST_CLAUSES = re.compile(r"[,;、]|并且|并")
_STANDING = "只说明排名或地位"
_NUMERIC: tuple[TargetKind, ...] = (TargetKind.LEVEL, TargetKind.INCREMENT, TargetKind.EVENT_COUNT)
_NUMERIC += (TargetKind.SHARE_CHANGE, TargetKind.SHARE)


class _Common(TypedDict):
    """The fields an actual takes over from the target-shaped phrase it states."""

    phrase: str
    kind: TargetKind
    basis: str | None
    note: str | None
    trend: Trend | None
    subject: str | None


def _common(spec: TargetSpec) -> _Common:
    return {
        "phrase": spec.phrase,
        "kind": spec.kind,
        "basis": spec.basis,
        "note": spec.note,
        "trend": spec.trend,
        "subject": spec.subject,
    }


def from_target(spec: TargetSpec) -> ActualSpec:
    """The actual a target-shaped phrase states.

    ``增长6%`` is a growth, ``54.7%`` a level, ``保持基本稳定`` a verdict in the report's words.
    """
    common = _common(spec)
    if spec.kind is TargetKind.UNKNOWN:
        return ActualSpec(quality=Quality.UNKNOWN, **common)
    numeric = spec.value is not None and spec.family not in ("growth_flat", "growth_positive")
    if spec.kind is TargetKind.GROWTH and numeric:
        return ActualSpec(
            quality=Quality.FINAL, comparator=spec.comparator, growth=spec.value, **common
        )
    if spec.kind is TargetKind.RELATIVE and spec.value is not None:
        # 增速高于全部规上工业2.3个百分点: the gap over the other indicator, which it names
        return ActualSpec(
            quality=Quality.FINAL,
            comparator=spec.comparator,
            value=spec.value,
            **(common | {"subject": spec.reference}),
        )
    if spec.kind in _NUMERIC and numeric:
        return ActualSpec(
            quality=Quality.FINAL, comparator=spec.comparator, value=spec.value, **common
        )
    return ActualSpec(quality=Quality.QUALITATIVE, verdict=prepare(spec.phrase).core, **common)


def _clause(ctx: Parse) -> ActualSpec:
    """One clause: a verdict, or a target-shaped statement."""
    verdict = _VERDICT.fullmatch(ctx.core)
    if verdict:
        word = _VERDICTS.get(verdict.group("v"), VERDICT_MET)
        return ActualSpec(
            phrase=ctx.phrase, quality=Quality.QUALITATIVE, verdict=word, note=ctx.note
        )
    spec = match_family(ctx)
    if spec is not None:
        return from_target(spec)
    if any(letter(t) == "E" for t in ctx.tokens):  # 分别增长5.2%、4%: one figure per indicator
        listed = respectively(ctx)
        if listed.kind is TargetKind.COMPOUND:
            parts = [from_target(part) for part in listed.parts]
            return ActualSpec(
                phrase=ctx.phrase, quality=Quality.FINAL, kind=TargetKind.COMPOUND, parts=parts
            )
    rank = next((t for t in ctx.tokens if t.cls in (RANK_POSITION, "rank")), None)
    if rank is not None:  # 增幅居全国第7位, 创历史新高: where it stands, not how much
        note = f"“{ctx.core}”{_STANDING}（{rank.text}），没有可比较的数值"
        return ActualSpec(phrase=ctx.phrase, quality=Quality.QUALITATIVE, note=note)
    return ActualSpec(phrase=ctx.phrase, quality=Quality.UNKNOWN, note=diagnose(ctx.core, ACTUAL))


def _combine(phrase: str, parts: list[ActualSpec]) -> ActualSpec:
    """Clauses to one spec: ``20170.45亿元,增长3.4%`` is one level with its growth."""
    # 5.2万亿元、增长5.4%、高于全国0.4个百分点: the comparison with another place is a remark
    remarks = [p for p in parts if p.kind is TargetKind.RELATIVE and p.value is not None]
    if remarks and len(remarks) < len(parts):
        kept = _combine(phrase, [p for p in parts if p not in remarks])
        said = "；".join(f"另述“{p.phrase}”" for p in remarks)
        return kept.model_copy(update={"note": "；".join(filter(None, (kept.note, said)))})
    levels = [p for p in parts if p.value is not None and p.kind is TargetKind.LEVEL]
    growths = [p for p in parts if p.growth is not None]
    if len(parts) == 1:
        return parts[0].model_copy(update={"phrase": phrase})
    if len(parts) == 2 and len(levels) == 1 and len(growths) == 1 and not growths[0].subject:
        level, growth = levels[0], growths[0]
        return level.model_copy(
            update={"phrase": phrase, "growth": growth.growth, "basis": level.basis or growth.basis}
        )
    unknown = next((p for p in parts if p.quality is Quality.UNKNOWN), None)
    if unknown is not None:
        return ActualSpec(phrase=phrase, quality=Quality.UNKNOWN, note=unknown.note)
    numeric = any(p.quality is Quality.FINAL for p in parts)
    quality = Quality.FINAL if numeric else Quality.QUALITATIVE
    return ActualSpec(phrase=phrase, quality=quality, kind=TargetKind.COMPOUND, parts=parts)


def is_pending(phrase: str) -> bool:
    """Whether ``phrase`` says the result is awaited (``待省反馈``), as ``parse_actual`` reads
    it; cheap after ``parse_target`` of the same phrase (the prepared core is shared)."""
    return bool(_PENDING.fullmatch(prepare(phrase, parse_unit_hint(None)).core))


def parse_with_hint(phrase: str, hint: UnitHint) -> ActualSpec:
    """The uncached parse behind ``parse_actual``; estimates recurse once on their rest."""
    if len(phrase) > MAX_PHRASE:
        note = f"短语过长（{len(phrase)}字），不像一条完成情况"
        return ActualSpec(phrase=phrase[:MAX_PHRASE], quality=Quality.UNKNOWN, note=note)
    ctx = prepare(phrase, hint)
    core = ctx.core
    if not core:
        note = "完成情况为空" if not phrase.strip() else diagnose(phrase, ACTUAL)
        return ActualSpec(phrase=phrase, quality=Quality.UNKNOWN, note=note)
    if _PENDING.fullmatch(core):
        return ActualSpec(phrase=phrase, quality=Quality.PENDING, note=ctx.note)
    if _NOT_DUE.fullmatch(core):
        return ActualSpec(phrase=phrase, quality=Quality.NOT_DUE, note=ctx.note)
    for pattern, quality in ((_ESTIMATE, Quality.ESTIMATE), (_PRELIMINARY, Quality.PRELIMINARY)):
        match = pattern.fullmatch(core)
        if match:
            inner = parse_with_hint(match.group("rest"), hint)
            # 预计91%（老口径）: the basis and remark were taken off before the rest was read
            kept = {"phrase": phrase, "basis": inner.basis or ctx.basis}
            kept["note"] = inner.note or ctx.note
            if inner.quality in (Quality.UNKNOWN, Quality.PENDING, Quality.NOT_DUE):
                return inner.model_copy(update=kept)
            return inner.model_copy(update={**kept, "quality": quality})
    bracketed = _bracketed_quality(phrase, ctx, hint)
    if bracketed is not None:
        return bracketed
    spec = _from_clauses(ctx, _CLAUSES)
    unread = spec.quality is Quality.UNKNOWN or _is_standing(spec)
    if unread and _LIST_CLAUSES.search(core):
        listed = _from_clauses(ctx, _LIST_CLAUSES)  # 5.3万亿元、增长5.5%: see target.py
        if listed.quality is not Quality.UNKNOWN:
            return listed
    return spec


def _bracketed_quality(phrase: str, ctx: Parse, hint: UnitHint) -> ActualSpec | None:
    """``54.7%（预计）``: the figure read without the bracket, as an estimate (or preliminary);
    None when no bracket speaks of the figure's quality (``54.7%（同口径）`` stays final)."""
    remarks = (ctx.note or "").split("；")
    for pattern, quality in _BRACKET_QUALITY:
        said = next((r for r in remarks if pattern.fullmatch(r.strip())), None)
        if said is None:
            continue
        printed = fold_traditional(normalise(phrase))
        rest = printed.replace(f"({said})", "", 1).strip()
        if rest == printed:
            return None
        inner = parse_with_hint(rest, hint)
        if inner.quality not in (Quality.FINAL, Quality.QUALITATIVE):
            return None
        return inner.model_copy(update={"phrase": phrase, "quality": quality})
    return None


def _is_standing(spec: ActualSpec) -> bool:
    """Only a rank or a standing (居全国前列): nothing to judge, and a list may hold more."""
    note = spec.note
    return spec.quality is Quality.QUALITATIVE and note is not None and _STANDING in note


def _from_clauses(ctx: Parse, separators: re.Pattern[str]) -> ActualSpec:
    """Clauses to one spec. A clause that is only a basis (按不变价格计算) is the basis of the
    rest; one that only states a standing (居全国前列, 创历史新高) is noted, not judged."""
    clauses = [prepare(c, ctx.hint) for c in separators.split(ctx.core) if c]
    if len(clauses) == 1:
        return _clause(ctx)
    basis = next((c.basis for c in clauses if c.basis and not c.core), None)
    read = [_clause(c) for c in clauses if c.core]
    standings = [
        p for p in read if p.quality is Quality.QUALITATIVE and p.note and _STANDING in p.note
    ]
    kept = [p for p in read if p not in standings] or read
    spec = kept[0] if len(kept) == 1 else _combine(ctx.phrase, kept)
    update: dict[str, object] = {"phrase": ctx.phrase}
    if basis and not spec.basis:
        update["basis"] = basis
    if standings and kept is not read:
        said = "；".join(p.note for p in standings if p.note)
        update["note"] = "；".join(filter(None, (spec.note, said)))
    return spec.model_copy(update=update)


@lru_cache(maxsize=65536)
def parse_actual(phrase: str, unit_hint: str | None = None) -> ActualSpec:
    """Understand a completion phrase: ``同口径增长5.9%``, ``待省反馈``, ``预计4.54个`` …

    Cached like ``parse_target``; the spec is frozen.
    """
    if not isinstance(phrase, str):
        return ActualSpec(phrase="", quality=Quality.UNKNOWN, note="完成情况不是文字")
    return parse_with_hint(phrase, parse_unit_hint(unit_hint))


def actual_qualities(doc: PlanDocument) -> dict[str, Quality]:
    """Each printed actual of the document's review tables → its quality (``待省反馈``: pending).

    What the store needs to keep a report's own actuals as observations, read here so that
    persistence never calls the grammar.
    """
    return {
        row.actual: parse_actual(row.actual).quality
        for table in doc.tables
        if table.role is TableRole.REVIEW
        for row in table.rows
        if row.actual
    }
