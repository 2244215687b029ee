"""Indicator lineage: which indicators continue, change name, are replaced, added or removed.

``diff_indicator_sets`` pairs two sets of rows and explains each pairing in one Chinese line;
``diff_plans`` chooses the tables of one or two reports and checks the changes the report
declares in prose (``parse_declared_changes``) against what its tables show.
"""

from planwatch.lineage.declared import find_declaration, parse_declared_changes, split_names
from planwatch.lineage.diff import IndicatorDiff, diff_indicator_sets, diff_plans, pick_table
from planwatch.lineage.mismatches import compare_declared
from planwatch.lineage.names import normalise_name, similarity
from planwatch.lineage.pairing import pair_indicators
from planwatch.model.lineage import (
    ChangeKind,
    DeclaredChanges,
    DeclaredMismatch,
    Pairing,
    PairingDecision,
)

__all__ = [
    "ChangeKind",
    "DeclaredChanges",
    "DeclaredMismatch",
    "IndicatorDiff",
    "Pairing",
    "PairingDecision",
    "compare_declared",
    "diff_indicator_sets",
    "diff_plans",
    "find_declaration",
    "normalise_name",
    "pair_indicators",
    "parse_declared_changes",
    "pick_table",
    "similarity",
    "split_names",
]
