"""Lint a draft report for internal consistency before it goes to the 人大.

``lint_document(doc)`` runs every rule of ``REGISTRY`` (each module below registers its rules
on import) and returns the findings in rule-code order. Codes are documented in docs/lint.md.
"""

from __future__ import annotations

from planwatch.lint import changes, restated, series, tables, totals  # noqa: F401
from planwatch.lint.registry import REGISTRY, Finding, Rule, Severity, rule
from planwatch.model import PlanDocument


def lint_document(doc: PlanDocument) -> list[Finding]:
    """Every finding of every rule, ordered by rule code, then as each rule found them."""
    return [finding for code in sorted(REGISTRY) for finding in REGISTRY[code].check(doc)]


def has_errors(findings: list[Finding]) -> bool:
    """True when a finding is an error: ``planwatch lint`` then exits 1."""
    return any(f.severity is Severity.ERROR for f in findings)


__all__ = ["REGISTRY", "Finding", "Rule", "Severity", "has_errors", "lint_document", "rule"]
