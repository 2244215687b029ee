"""The assessment engine: every target judged like an expert, with its margin and reason.

``assess_row`` / ``assess_table`` / ``assess_document`` judge table rows; ``assess_pair``
judges two phrases and ``assess_pairs`` a whole panel of them; ``summarize`` and
``summary_sentence`` count the outcome in the official style. The ``左右`` tolerance is
``TolerancePolicy`` (see its module for the defaults and why).
"""

from planwatch.assess.document import TableAssessment, assess_document, review_table
from planwatch.assess.engine import (
    assess_pair,
    assess_pairs,
    assess_row,
    assess_table,
    find_reference,
    reference_row,
)
from planwatch.assess.policy import DEFAULT_POLICY, TolerancePolicy
from planwatch.assess.summary import format_margin, summarize, summary_sentence

__all__ = [
    "DEFAULT_POLICY",
    "TableAssessment",
    "TolerancePolicy",
    "assess_document",
    "assess_pair",
    "assess_pairs",
    "assess_row",
    "assess_table",
    "find_reference",
    "format_margin",
    "reference_row",
    "review_table",
    "summarize",
    "summary_sentence",
]
