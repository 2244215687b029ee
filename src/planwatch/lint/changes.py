"""The indicator changes a report declares, against the diff of its own 表1 and 表2."""

from __future__ import annotations

from collections.abc import Iterator

from planwatch.lineage import DeclaredMismatch, IndicatorDiff, diff_plans, normalise_name
from planwatch.lint.registry import Finding, Rule, Severity, rule, snippet
from planwatch.lint.tables import describe
from planwatch.model import PlanDocument, TableRole


def _last_name(value: str | list[str] | None) -> str | None:
    """The name a mismatch is about: the successor of a pair, or the single name."""
    if isinstance(value, list):
        value = value[-1] if value else None
    return value or None


def _evidence(doc: PlanDocument, result: IndicatorDiff, mismatch: DeclaredMismatch) -> list[str]:
    """The declaring sentence around the declared name, and the table row of the found one."""
    evidence = []
    text = result.declared.text if result.declared else ""
    declared = _last_name(mismatch.declared)
    if declared and (at := text.find(declared)) >= 0:
        evidence.append(snippet(text, at, at + len(declared), margin=16))
    found = _last_name(mismatch.found)
    for role in (TableRole.PLAN, TableRole.REVIEW):
        table = doc.table_for(role)
        if table is None:
            continue
        key = normalise_name(found or "")
        row = next((r for r in table.rows if normalise_name(r.name) == key), None)
        if row is not None:
            evidence.append(describe(table, row))
            break
    return evidence


def _mismatches(doc: PlanDocument, side: bool | None):
    """(diff, mismatch) pairs: side True = declared but not found, False = found but not
    declared, None = a count in the paragraph that disagrees with its own list."""
    if doc.table_for(TableRole.REVIEW) is None or doc.table_for(TableRole.PLAN) is None:
        return
    result = diff_plans(doc)
    for mismatch in result.mismatches:
        counting = mismatch.declared is None and mismatch.found is None
        if (None if counting else mismatch.declared is not None) is side:
            yield result, mismatch


@rule("PW301", Severity.ERROR, "文字声明的指标增删替换与表1、表2的对比不符")
def declared_changes(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for result, mismatch in _mismatches(doc, True):
        yield self.finding(mismatch.message, *_evidence(doc, result, mismatch))


@rule("PW302", Severity.WARNING, "表1、表2之间的指标变化未在文字中声明")
def undeclared_changes(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for result, mismatch in _mismatches(doc, False):
        yield self.finding(mismatch.message, *_evidence(doc, result, mismatch))


@rule("PW303", Severity.ERROR, "声明变化的段落中，所称指标个数与列出的名称个数不符")
def declared_counts(self: Rule, doc: PlanDocument) -> Iterator[Finding]:
    for result, mismatch in _mismatches(doc, None):
        yield self.finding(mismatch.message, result.declared.text if result.declared else "")
