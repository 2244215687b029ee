"""What each column of an indicator table means, read from its header text.

Headers differ from report to report (``预期目标``, ``2019年目标增长(%)``, ``上年完成/绝对值``),
so a column is described by its role (序号, category, name, unit, target, actual, nature,
department), the part of a split value it holds (absolute value or growth), the unit the
header declares and the year it names. A two-level header arrives flattened as
``parent/child`` (see ``grid.flatten_header``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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


# The header vocabulary: the words a header cell is made of, whole, once the period before
# them (``2023年``, ``全年``, ``1-6月``, ``上年``), a bracketed unit and a part word after
# them (``增长(%)``, ``/绝对值``) are set aside. Matching whole words, not any cell containing
# one, keeps a data row such as ``主要污染物排放指标 | 完成省下达目标`` from passing as a
# header. ``预计完成`` (a plan report's estimate of the year's result) is an actual.
HEADER_WORDS: list[tuple[ColumnRole, str]] = [
    (ColumnRole.NO, "序号 编号 序"),
    (ColumnRole.NATURE, "指标属性 属性 指标性质 性质"),
    (ColumnRole.CATEGORY, "指标分类 指标类别 指标类型 分类 类别 类型 领域 指标领域 板块"),
    (
        ColumnRole.DEPARTMENT,
        "责任部门 责任单位 牵头单位 牵头部门 责任牵头部门 牵头责任单位 牵头责任部门 主要责任单位"
        " 责任牵头单位 部门 主管部门 责任主体 责任处室 牵头处室 负责单位",
    ),
    (ColumnRole.UNIT, "单位 计量单位 计算单位"),
    (
        ColumnRole.ACTUAL,
        "完成 完成情况 实绩 实际 实际完成 实际完成情况 执行情况 完成值 实绩值 完成数 执行"
        " 预计完成 预计 完成额 完成量 实际值 执行数 实际执行",
    ),
    (
        ColumnRole.TARGET,
        "目标 预期目标 计划目标 年度目标 计划 预期 目标值 计划数 预期目标值 目标任务 年度计划"
        " 计划值 预期值 目标数 计划安排",
    ),
    (
        ColumnRole.NAME,
        "指标 指标名称 名称 项目 指标项目 主要指标 项目名称 指标内容 指标项 主要指标名称"
        " 具体指标 考核指标 指标名",
    ),
]

# Column roles by header text, searched for anywhere in a cell: the fallback once a row is
# known to be the header, for the wording the vocabulary above does not list. Tried in order:
# the first role whose pattern matches wins; 部门 before 完成 since ``责任（牵头）部门`` says
# nothing else.
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

# What a header word may be preceded and followed by without ceasing to be one.
_PERIOD = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?:全年|年度|上年|本年|今年|当年|同期|上半年|下半年|前三季度"
    r"|[一二三四1-4]季度|第[一二三四1-4]季度|\d{1,2}[-—~～至]\d{1,2}月|\d{1,2}月)?"
)
_BRACKETS = re.compile(r"[（(][^（）()]*[)）]")
_GROWTH_WORD = r"(?:比上年|同比|比上年同期)?(?:增长|增速|增幅|增减|±)(?:率|幅度)?%?"
_PART_WORD = rf"{_GROWTH_WORD}|绝对值|绝对额|总量|数值"
_PART_SUFFIX = re.compile(rf"(?:{_PART_WORD})$")
# A header cell that names only a part (``增速``, ``增长(%)``, ``±%``): it belongs to the
# target or actual column before it.
_PART_ONLY = re.compile(rf"^(?:{_PART_WORD})$")
_GROWTH_ONLY = re.compile(rf"^(?:{_GROWTH_WORD})$")
_WORDS = {word: role for role, words in HEADER_WORDS for word in words.split()}

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


def _header_word(label: str) -> str:
    """The word a header cell is made of: ``2019年目标增长(%)`` → ``目标``, ``±%`` → ``""``."""
    word = _BRACKETS.sub("", label)
    word = _PERIOD.sub("", word, count=1)
    return _PART_SUFFIX.sub("", word, count=1) if word else word


def vocabulary_role(label: str) -> ColumnRole | None:
    """The role a header cell names in the vocabulary's words, whole (see ``HEADER_WORDS``);
    a two-level ``parent/child`` label by its parent first."""
    for piece in compact(label).split("/", 1):
        role = _WORDS.get(_header_word(piece))
        if role:
            return role
    return None


def misspelt_header(label: str) -> str | None:
    """The vocabulary word a header cell misses by one character (``它成情况`` for
    ``完成情况``: a damaged byte or a typo), when the cell names no role; else None. Its
    column is not read, so a reader must be told rather than lose the column silently."""
    word = _header_word(compact(label))
    if len(word) < 2 or vocabulary_role(label) or role_of(label):
        return None
    for known in _WORDS:
        if len(known) == len(word) and sum(a != b for a, b in zip(known, word, strict=True)) == 1:
            return known
    return None


def _bare(label: str) -> str:
    """The label without its brackets and the period before it: ``2023年增长(%)`` → ``增长``."""
    return _PERIOD.sub("", _BRACKETS.sub("", compact(label)), count=1)


def is_part_label(label: str) -> bool:
    """``增速``, ``增长(%)``, ``±%``, ``绝对值``: a header cell naming only a part of a value."""
    word = _bare(label)
    return bool(word) and bool(_PART_ONLY.match(word))


def role_of(label: str) -> ColumnRole | None:
    """The role a header label names, or None: the vocabulary's words first, then any
    role word inside the label (``指标名称及说明``), for a row already known as the header."""
    role = vocabulary_role(label)
    if role:
        return role
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
    return _category_before_name(_parts_after_values(columns))


def _parts_after_values(columns: list[Column]) -> list[Column]:
    """A lone ``增速`` / ``增长(%)`` / ``±%`` column after a target or actual column holds
    that value's growth, the column before it the absolute value (``完成 | ±%``)."""
    for index in range(1, len(columns)):
        column, before = columns[index], columns[index - 1]
        if column.role is not None or before.role not in _VALUE_ROLES:
            continue
        if before.part == "growth" or not _GROWTH_ONLY.match(_bare(column.label)):
            continue
        columns[index - 1] = replace(before, part=before.part or "absolute")
        columns[index] = replace(
            column, role=before.role, part="growth", unit="%", year=column.year or before.year
        )
    return columns


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
    """A row is a header when it names an indicator column and a target or actual column,
    in the vocabulary's whole words: a data cell merely containing one (``重点项目``,
    ``完成省下达目标``) does not make its row a header."""
    roles = {vocabulary_role(cell) for cell in cells}
    has_value = ColumnRole.TARGET in roles or ColumnRole.ACTUAL in roles
    return ColumnRole.NAME in roles and has_value
