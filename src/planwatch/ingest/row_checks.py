"""Signs that a table was read wrong, said as warnings instead of passed on silently.

A cell lost from a row (a damaged Word cell, an HTML row missing the cell a rowspan stood
for) shifts the others left: the 序号 becomes the name and a target the actual, and the table
reads without a complaint. Whatever the layout, the rows then show it:

* a name that is a bare number (``9``, ``95%``) or reads as a target (``增长5%以上``);
* a row with an empty 序号, target or result cell where the other rows have one;
* 序号 that do not run on (``5`` after ``3``, ``6`` before ``5``): a row lost, doubled or moved;
* a table without any row.
"""

from __future__ import annotations

import re

from planwatch.model import PlanTable, TableRole

# Kinds a real indicator name never reads as (a name may read as a direction: 主要污染物排放
# 总量削减, or as nothing at all).
_TARGET_KINDS = {
    "growth",
    "level",
    "increment",
    "external",
    "qualitative",
    "event_count",
    "compound",
    "share_change",
    "relative",
}
_NUMBER = re.compile(r"^[\s\d.,，%％+\-－—~～]*\d[\s\d.,，%％+\-－—~～]*$")
_SHOWN = 3  # instances named in one warning; the rest are counted


def looks_like_a_value(name: str) -> str | None:
    """Why ``name`` cannot be an indicator's name (``是一个数值``), or None."""
    if _NUMBER.match(name):
        return "是一个数值"
    from planwatch.phrases import parse_target

    if parse_target(name).kind.value in _TARGET_KINDS:
        return "读起来像目标表述"
    return None


def _listed(found: list[str]) -> str:
    shown = "；".join(found[:_SHOWN])
    return shown + (f"等{len(found)}处" if len(found) > _SHOWN else "")


def row_warnings(table: PlanTable, label: str, blanks: list[set[str]]) -> list[str]:
    """Warnings for the rows of ``table`` that show a misread (see the module's docstring).

    ``blanks`` holds, per row, the columns (``no``, ``target``, ``actual``) whose cells were
    empty: a ``—`` printed for "not applicable" is a value left out, not a lost cell."""
    rows = table.rows
    if not rows:
        return [f"{label}没有读到任何指标行，请核对原表"]
    warnings: list[str] = []
    odd = [
        f"第{i}行“{row.name}”{why}"
        for i, row in enumerate(rows, start=1)
        if (why := looks_like_a_value(row.name))
    ]
    if odd:
        warnings.append(
            f"{label}的指标名称不像指标：{_listed(odd)}，可能有单元格缺失或错位，请核对原表"
        )
    main = [row for row in rows if row.parent is None]
    columns = {"序号": "no", "预期目标": "target"}
    if table.role is TableRole.REVIEW:
        columns["完成情况"] = "actual"
    for title, attr in columns.items():
        filled = sum(getattr(row, attr) is not None for row in main)
        if filled * 2 < len(main) or filled == len(main):
            continue
        parents = {row.parent for row in rows if row.parent}
        lacking = [
            f"第{i}行“{row.name}”"
            for i, row in enumerate(rows, start=1)
            if row.parent is None
            and attr in blanks[i - 1]
            and getattr(row, attr) is None
            and row.name not in parents
        ]
        if lacking:
            warnings.append(
                f"{label}中{_listed(lacking)}缺少{title}（其他行都有），可能有单元格缺失，请核对原表"
            )
    jumps = []
    previous: int | None = None
    for i, row in enumerate(rows, start=1):
        if row.no is None or row.parent is not None:
            continue
        if previous is not None and row.no not in (previous + 1, 1):
            jumps.append(f"第{i}行“{row.name}”序号为{row.no}，上一行为{previous}")
        previous = row.no
    if jumps:
        warnings.append(
            f"{label}序号不连续：{_listed(jumps)}，可能缺行、多行或行序错乱，请核对原表"
        )
    return warnings
