"""What each column of an indicator table means, read from its header text.

Headers differ from report to report (``预期目标``, ``2019年目标增长(%)``, ``上年完成/绝对值``),
so a column is described by its role (序号, category, name, unit, target, actual, nature,
department), the part of a split value it holds (absolute value or growth), the unit the
header declares and the year it names. A two-level header arrives flattened as
``parent/child`` (see ``grid.flatten_header``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ColumnRole(StrEnum):
    """What a column of an indicator table holds, as its header says."""

    NO = "no"  # 序号
    NATURE = "nature"  # 指标属性: 约束性 / 预期性
    CATEGORY = "category"  # 指标分类
    DEPARTMENT = "department"  # 责任（牵头）部门: who is asked for the figure
    UNIT = "unit"  # 单位
    ACTUAL = "actual"  # 完成情况
    TARGET = "target"  # 预期目标
    NAME = "name"  # 指标名称


# Column roles by header text, tried in order: the first role whose pattern matches wins.
# 指标分类 must be tried before 指标名称, and 指标属性 before both, since all contain 指标;
# 部门 before 完成 since ``责任（牵头）部门`` says nothing else.
COLUMN_ROLES: list[tuple[ColumnRole, re.Pattern[str]]] = [
    (ColumnRole.NO, re.compile(r"^(序号|编号|序)$")),
    (ColumnRole.NATURE, re.compile(r"属性|性质")),
    (ColumnRole.CATEGORY, re.compile(r"分类|类别|领域")),
    (ColumnRole.DEPARTMENT, re.compile(r"部门|责任单位|牵头单位")),
    (ColumnRole.UNIT, re.compile(r"^(计量)?单位$")),
    (ColumnRole.ACTUAL, re.compile(r"完成|实际|实绩|执行")),
    (ColumnRole.TARGET, re.compile(r"目标|计划|预期")),
    (ColumnRole.NAME, re.compile(r"指标|名称|项目")),
]

_VALUE_ROLES = (ColumnRole.TARGET, ColumnRole.ACTUAL)

# Parts of a value split over columns, by the (sub-)header text.
VALUE_PARTS: list[tuple[str, re.Pattern[str]]] = [
    ("growth", re.compile(r"增长|增速|增幅|同比|比上年|[±%％]")),
    ("absolute", re.compile(r"绝对值|绝对额|总量|数值|规模|金额|总额")),
]

_SPACES = re.compile(r"\s+")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_BRACKETED = re.compile(r"[（(]([^（）()]{1,8})[)）]")
_UNIT_WORD = re.compile(
    r"^(%|％|‰|个百分点|[\u4e00-\u9fff]{0,3}(元|人|个|家|件|吨|亩|米|瓦|时|辆|所|张|户|套|次|台|床|公顷|标准煤))$"
)


@dataclass(frozen=True)
class Column:
    """One column: its role, the value part it holds, its declared unit and year."""

    index: int
    role: ColumnRole | None
    label: str
    part: str | None = None  # "absolute" / "growth" for a split target or actual
    unit: str | None = None  # declared by the header: ``目标增长(%)`` → ``%``
    year: int | None = None  # named by the header: ``2022年实绩`` → 2022


def compact(cell: str) -> str:
    """Drop the spaces Word and web pages put inside Chinese text (``指 标 名 称``)."""
    return _SPACES.sub("", cell)


def role_of(label: str) -> ColumnRole | None:
    """The role a header label names, or None."""
    for role, pattern in COLUMN_ROLES:
        if pattern.search(label):
            return role
    return None


def _part_of(label: str, role: ColumnRole | None) -> str | None:
    if role not in _VALUE_ROLES:
        return None
    child = label.rsplit("/", 1)[-1] if "/" in label else label
    return next((part for part, pattern in VALUE_PARTS if pattern.search(child)), None)


def _unit_of(label: str, part: str | None) -> str | None:
    for match in _BRACKETED.finditer(label):
        if _UNIT_WORD.match(match.group(1)):
            return match.group(1).replace("％", "%")
    if part == "growth" and ("%" in label or "％" in label):
        return "%"
    return None


def read_header(header: list[str]) -> list[Column]:
    """A ``Column`` for every header cell, in order."""
    columns: list[Column] = []
    for index, text in enumerate(header):
        label = compact(text)
        parent = label.split("/", 1)[0]
        role = role_of(parent) or role_of(label)
        part = _part_of(label, role)
        year = _YEAR.search(label)
        columns.append(
            Column(
                index=index,
                role=role,
                label=label,
                part=part,
                unit=_unit_of(label, part)
                if role in (ColumnRole.TARGET, ColumnRole.ACTUAL)
                else None,
                year=int(year.group(1)) if year else None,
            )
        )
    return _category_before_name(columns)


def _category_before_name(columns: list[Column]) -> list[Column]:
    """An unlabelled first column, or ``指标`` over two columns, before the names: categories."""
    names = [c for c in columns if c.role is ColumnRole.NAME]
    first = columns[0] if columns else None
    if first and first.role is None and not first.label and names:
        columns[0] = Column(index=0, role=ColumnRole.CATEGORY, label="")
    elif len(names) > 1 and names[1].index == names[0].index + 1:
        columns[names[0].index] = Column(
            index=names[0].index, role=ColumnRole.CATEGORY, label=names[0].label
        )
    return columns


def map_columns(header: list[str]) -> dict[ColumnRole, int]:
    """Role → column index, first column winning when two headers claim one role."""
    roles: dict[ColumnRole, int] = {}
    for column in read_header(header):
        if column.role:
            roles.setdefault(column.role, column.index)
    return roles


def is_header(cells: list[str]) -> bool:
    """A row is a header when it names an indicator column and a target or actual column."""
    roles = map_columns(cells)
    has_value = ColumnRole.TARGET in roles or ColumnRole.ACTUAL in roles
    return ColumnRole.NAME in roles and has_value
