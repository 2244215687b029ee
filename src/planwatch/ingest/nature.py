"""The statement that decides which targets are binding (约束性) and which expected (预期性).

Reports say it once after the plan table: ``上述目标中，绿色转型发展目标是约束性的，经济发展实力、
…等目标是预期性、导向性的。`` Each clause names categories and ends with the nature they take.
"""

from __future__ import annotations

import re

from planwatch.model import Nature, PlanTable

_CLAUSE = re.compile(r"[，,；;]")


def natures_from_text(text: str, categories: list[str]) -> dict[str, Nature]:
    """Category → nature as the text declares; categories it does not name are left out."""
    natures: dict[str, Nature] = {}
    # Sentence by sentence: a pattern spanning ``[^。]*`` around the keyword backtracks over
    # every long sentence without one, which made this the slowest step of reading a report.
    sentences = [s for s in text.split("。") if "约束性" in s or "预期性" in s]
    for sentence in sentences:
        for clause in _CLAUSE.split(sentence):
            if "约束性" in clause:
                nature = Nature.BINDING
            elif "预期性" in clause:
                nature = Nature.EXPECTED
            else:
                continue
            for category in categories:
                if category in clause and category not in natures:
                    natures[category] = nature
    return natures


def apply_natures(table: PlanTable, text: str) -> list[str]:
    """Set each row's nature from the statement, unless the table itself gave one.

    Returns warnings for categories the statement does not cover.
    """
    natures = natures_from_text(text, table.categories)
    if not natures:
        return []
    for row in table.rows:
        if row.nature is None and row.category in natures:
            row.nature = natures[row.category]
    missing = [c for c in table.categories if c not in natures]
    return [f"指标属性说明未提及类别“{c}”，其指标属性未定" for c in missing]
