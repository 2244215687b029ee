"""The Chinese phrase grammar of plan targets and actuals, and the indicator catalogue.

``parse_target("增长5%以上")`` → growth ≥ 5 %; ``parse_actual("预计4.54个")`` → an estimate of
4.54 个; ``lookup_indicator("居民消费价格总水平涨幅")`` → a ceiling. Unknown phrases never raise:
they come back with kind UNKNOWN (or quality UNKNOWN) and a note saying why.
"""

from planwatch.phrases.actual import actual_qualities, parse_actual
from planwatch.phrases.catalogue import (
    CATALOGUE,
    Indicator,
    canonical_name,
    direction_for,
    lookup_indicator,
)
from planwatch.phrases.families import FAMILIES
from planwatch.phrases.numbers import find_quantities, normalise, parse_quantity
from planwatch.phrases.target import parse_target

__all__ = [
    "CATALOGUE",
    "FAMILIES",
    "Indicator",
    "actual_qualities",
    "canonical_name",
    "direction_for",
    "find_quantities",
    "lookup_indicator",
    "normalise",
    "parse_actual",
    "parse_quantity",
    "parse_target",
]
