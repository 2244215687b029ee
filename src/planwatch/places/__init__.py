"""Jurisdictions: the administrative-division table (GB/T 2260 codes) with names and parents.

``lookup("320583")`` → 昆山市; ``parents(j)`` → [苏州市, 江苏省]; ``children(j)`` → its
subdivisions; ``resolve("苏州")`` → 苏州市;
``resolve("朝阳区")`` → ambiguous (北京, 长春); ``find_in_text("关于昆山市2023年…")`` → 昆山市.
The data is bundled (src/planwatch/places/data, from the Ministry of Civil Affairs' codes as of
2025-12-31) and read on first use; nothing here touches the network. See docs/places.md.
"""

from planwatch.model.places import Jurisdiction, Resolution
from planwatch.places.resolve import children, full_name, is_within, lookup, parents, resolve
from planwatch.places.table import table
from planwatch.places.text import find_in_text

__all__ = [
    "Jurisdiction",
    "Resolution",
    "all_jurisdictions",
    "children",
    "find_in_text",
    "full_name",
    "is_within",
    "lookup",
    "parents",
    "resolve",
]


def all_jurisdictions() -> list[Jurisdiction]:
    """Every division of the table in code order (provinces, then their cities and counties)."""
    return list(table().by_code.values())
