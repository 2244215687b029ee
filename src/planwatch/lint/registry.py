"""Lint findings and the registry of rules that produce them.

A rule is a function from a document to findings, registered with ``@rule(code, severity,
title)``: the decorator line is all a new rule needs to join ``REGISTRY``. Codes are stable
(documented in docs/lint.md) so users can search for them and tests can refer to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from pydantic import BaseModel, Field

from planwatch.model import PlanDocument


class Severity(StrEnum):
    ERROR = "error"  # the report contradicts itself: fix before it goes to the 人大
    WARNING = "warning"  # probably wrong, or unclear to a reader
    INFO = "info"  # worth a look

    @property
    def zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Finding(BaseModel):
    """One problem: where and what in Chinese, with the conflicting snippets as evidence."""

    code: str
    severity: Severity
    message: str
    evidence: list[str] = Field(default_factory=list)


Check = Callable[[PlanDocument], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    title: str  # one Chinese line, shown in docs/lint.md and ``planwatch lint`` help
    check: Check

    def finding(self, message: str, *evidence: str, severity: Severity | None = None) -> Finding:
        return Finding(
            code=self.code,
            severity=severity or self.severity,
            message=message,
            evidence=[e for e in evidence if e],
        )


REGISTRY: dict[str, Rule] = {}


def rule(code: str, severity: Severity, title: str) -> Callable[[Callable], Rule]:
    """Register a rule; the decorated function takes (rule, document) and yields findings."""

    def register(function: Callable[[Rule, PlanDocument], Iterable[Finding]]) -> Rule:
        if code in REGISTRY:
            raise ValueError(f"lint rule code {code} registered twice")
        registered = Rule(code, severity, title, lambda doc: function(registered, doc))
        REGISTRY[code] = registered
        return registered

    return register


def snippet(text: str, start: int, end: int, margin: int = 12) -> str:
    """The text around ``start:end``, with ellipses where it was cut: evidence for a finding."""
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    return (
        ("…" if left else "")
        + text[left:right].replace("\n", " ")
        + ("…" if right < len(text) else "")
    )
