"""Signs that a table was read wrong, said as warnings instead of passed on silently.

A cell lost from a row (a damaged Word cell, an HTML row missing the cell a rowspan stood
for) shifts the others left: the 序号 becomes the name and a target the actual, and the table
reads without a complaint. Whatever the layout, the rows then show it:

* a name that is a bare number (``9``, ``95%``), reads as a target (``增长5%以上``) or as a
  bare result (``完成``);
* a row with an empty 序号, target or result cell where the other rows have one;
* 序号 that do not run on (``5`` after ``3``, ``6`` before ``5``): a row lost, doubled or moved;
* a table without any row, a column whose header cell is empty though its rows are not;
* a value ending in a separator (``产量保持稳定，``), or whose last clause reads as nothing
  after clauses that read as targets (``产量保持稳定，完成省下达``), or a result that is a
  piece of its own target cut before the target's words end: a line of the cell lost;
* a category holding a number (``5.9%保障水平``): a cell of another column moved into it;
* a target that reads as a bare result (``完成``): the target and result cells swapped;
* in the document, two tables with the same caption or the same rows (read twice), a
  caption (``表1 …``) after which no table was read, and two categories written with the
  same characters in another order (``人民富裕共同`` beside ``人民共同富裕``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable

from planwatch.ingest.columns import HEADER_WORDS, ColumnRole
from planwatch.model import IndicatorRow, PlanDocument, PlanTable, TableRole, TargetSpec
from planwatch.phrases import parse_target
from planwatch.phrases.actual import is_pending
from planwatch.phrases.target import may_be_a_target, reads_as

# Kinds a real indicator name never reads as (a name may read as a direction with a subject:
# 主要污染物排放总量削减, or as nothing at all; never as a bare 稳步降低).
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
_COUNT = r"[（(]\s*\d+\s*(?:个|项)\s*[)）]"  # a category's count of indicators: （8个）
_COUNTED = re.compile(_COUNT + r"\s*$")
_COUNT_ANYWHERE = re.compile(_COUNT)
_COUNT_INSIDE = re.compile(_COUNT + r"\s*\S")
_SENTENCE_MARKS = re.compile(r"[，；。;]")
_DANGLING = ("，", "、", "；", ",", "：")
_CLAUSES = re.compile(r"[，,；;]")
# What a result cell says without a figure; a target never reads as one of these alone.
_RESULT_WORDS = frozenset(
    ("完成", "已完成", "未完成", "基本完成", "超额完成", "达标", "已达标", "未达标")
)
_DIGIT = re.compile(r"\d")
_CAPTION = re.compile(r"^\s*(附)?表\s*\d+\s*\S")
_SHOWN = 3  # instances named in one warning; the rest are counted


def _target_reading(text: str) -> TargetSpec | None:
    """How ``text`` reads as a target, or None when the grammar's cheap test says it reads as
    nothing: most names hold no key word, and a big table has thousands of them."""
    return parse_target(text) if may_be_a_target(text) else None


def _target_kind(text: str) -> str:
    spec = _target_reading(text)
    return spec.kind.value if spec is not None else "unknown"


def looks_like_a_value(name: str) -> str | None:
    """Why ``name`` cannot be an indicator's name (``是一个数值``), or None."""
    if _NUMBER.match(name):
        return "是一个数值"
    if name in _RESULT_WORDS or is_pending(name):
        return "读起来像完成情况"  # 完成, 待省反馈: a result cell moved into the name's place
    spec = reads_as(name)  # a name is read once: no note of why not, no cache entry
    if spec is not None and (
        spec.kind.value in _TARGET_KINDS or (spec.kind.value == "direction" and not spec.subject)
    ):
        return "读起来像目标表述"
    if _COUNT_ANYWHERE.search(name):
        return "带有分类的指标个数"  # 经济发展实力（8个）, or a piece of it: 收入（4个）富裕
    if _SENTENCE_MARKS.search(name):
        return "含有分句的标点"  # 产量保持稳定，完成省下达: a value's lines; names list with 、
    return None


def _last_clause_unread(value: str) -> bool:
    """A value of several clauses whose earlier ones read as targets and whose last reads as
    nothing (``产量保持稳定，完成省下达``): a cell's second line was lost, the first ending
    where the cell wrapped. A single clause that reads as nothing is left alone: tables
    print free text such as ``待省反馈``."""
    clauses = [c for c in _CLAUSES.split(value) if c.strip()]
    if len(clauses) < 2:
        return False
    kinds = [_target_kind(c) for c in clauses]
    return kinds[-1] == "unknown" and "unknown" not in kinds[:-1]


def _cut_copy_of_target(target: str | None, actual: str | None) -> bool:
    """A result without a figure that repeats a piece of its own target and stops where the
    target's words go on (target ``不发生重特大生产安全责任事故``, result ``重特大生产安全``):
    the result cell's later lines were lost. A result restating the target's end
    (``基本稳定`` for ``保持基本稳定``) or a result word (``完成``) is left alone."""
    if not target or not actual or actual == target or actual in _RESULT_WORDS:
        return False
    if len(actual) < 4 or _DIGIT.search(actual) or actual not in target:
        return False
    if target.endswith(actual):
        return False
    return _target_kind(actual) == "unknown"


def _listed(found: list[str]) -> str:
    shown = "；".join(found[:_SHOWN])
    return shown + (f"等{len(found)}处" if len(found) > _SHOWN else "")


def _target_reads_as_result(row: IndicatorRow) -> list[tuple[str, str]]:
    return [("预期目标", row.target)] if row.target in _RESULT_WORDS and row.target else []


def _ends_in_punctuation(row: IndicatorRow) -> list[tuple[str, str]]:
    values = (row.name, row.target, row.actual)
    return [("", v) for v in values if v and v.endswith(_DANGLING)]


def _last_clause_lost(row: IndicatorRow) -> list[tuple[str, str]]:
    return [("", v) for v in (row.target, row.actual) if v and _last_clause_unread(v)]


def _result_is_a_piece(row: IndicatorRow) -> list[tuple[str, str]]:
    if row.actual and _cut_copy_of_target(row.target, row.actual):
        return [("完成情况", row.actual)]
    return []


# Markup printed as text: a tag whose brackets a damaged byte or a stray space broke open
# (``< br>``), or a page's code pasted into a cell. No cell of a real table holds one.
_MARKUP = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?\s*>")


def _holds_markup(row: IndicatorRow) -> list[tuple[str, str]]:
    cells = (
        ("分类", row.category),
        ("", row.name),
        ("预期目标", row.target),
        ("完成情况", row.actual),
    )
    return [(what, v) for what, v in cells if v and _MARKUP.search(v)]


def _value_holds_a_count(row: IndicatorRow) -> list[tuple[str, str]]:
    cells = (("预期目标", row.target), ("完成情况", row.actual))
    return [(what, v) for what, v in cells if v and _COUNT_ANYWHERE.search(v)]


# Header words of the value columns no category holds (``完成情况发展实力``: the header's
# line moved into the category's); the short ones (完成, 计划) are words of real categories.
_VALUE_HEADERS = tuple(
    word
    for role, words in HEADER_WORDS
    if role in (ColumnRole.TARGET, ColumnRole.ACTUAL)
    for word in words.split()
    if len(word) >= 4 and word not in ("目标任务", "计划安排")
)


def _category_holds_a_header(row: IndicatorRow) -> list[tuple[str, str]]:
    category = row.category
    return [("分类", category)] if category and any(w in category for w in _VALUE_HEADERS) else []


# Cell checks of every row: the cells a check finds (what, text), and what the warning says.
_CELL_CHECKS: tuple[tuple[Callable[[IndicatorRow], list[tuple[str, str]]], str], ...] = (
    (_target_reads_as_result, "读起来像完成情况，预期目标与完成情况可能错位，请核对原表"),
    (_ends_in_punctuation, "以标点结尾，内容可能不完整，请核对原表"),
    (_last_clause_lost, "最后一句读不出目标或结果，可能缺了一行文字，请核对原表"),
    (_result_is_a_piece, "只是预期目标中间的一段，可能缺了一行文字，请核对原表"),
    (_holds_markup, "含有网页标记，原文的网页代码可能已损坏，请核对原表"),
    (_value_holds_a_count, "含有分类的指标个数，单元格的文字可能错乱，请核对原表"),
    (_category_holds_a_header, "含有表头文字，单元格的文字可能错乱，请核对原表"),
)


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
            and (attr in blanks[i - 1] or attr == "no")  # a 序号 is never left out for n/a
            and getattr(row, attr) is None
            and row.name not in parents
        ]
        if lacking:
            warnings.append(
                f"{label}中{_listed(lacking)}缺少{title}（其他行都有），可能有单元格缺失，请核对原表"
            )
    counted = sorted({r.category for r in rows if r.category and _COUNT_INSIDE.search(r.category)})
    if counted:
        warnings.append(
            f"{label}的指标分类“{'、'.join(counted[:_SHOWN])}”中间夹着指标个数，"
            "单元格的文字可能错乱，请核对原表"
        )
    with_category = sum(row.category is not None for row in rows)
    if with_category * 2 >= len(rows) and with_category < len(rows):
        lacking = [f"第{i}行“{r.name}”" for i, r in enumerate(rows, 1) if r.category is None]
        warnings.append(
            f"{label}中{_listed(lacking)}没有指标分类（其他行都有），可能有单元格缺失，请核对原表"
        )
    numbered = sorted(
        {r.category for r in rows if r.category and _DIGIT.search(_COUNTED.sub("", r.category))}
    )
    if numbered:
        warnings.append(
            f"{label}的指标分类“{'、'.join(numbered[:_SHOWN])}”含有数字，"
            "可能混入了其他单元格的内容，请核对原表"
        )
    for cells, message in _CELL_CHECKS:
        found = [
            f"第{i}行“{row.name}”的{what}“{value}”"
            for i, row in enumerate(rows, start=1)
            for what, value in cells(row)
        ]
        if found:
            warnings.append(f"{label}中{_listed(found)}{message}")
    jumps = []
    previous: int | None = None
    for i, row in enumerate(rows, start=1):
        if row.no is None or row.parent is not None:
            continue
        if previous is None and row.no != 1:
            jumps.append(f"第{i}行“{row.name}”序号为{row.no}，但它是表中第一行")
        elif previous is not None and row.no not in (previous + 1, 1):
            jumps.append(f"第{i}行“{row.name}”序号为{row.no}，上一行为{previous}")
        previous = row.no
    if jumps:
        warnings.append(
            f"{label}序号不连续：{_listed(jumps)}，可能缺行、多行或行序错乱，请核对原表"
        )
    return warnings


def header_warnings(header: list[str], rows: list[list[str]], label: str) -> list[str]:
    """Columns whose header cell is empty while most rows hold something there: the header
    cell was lost, and the column would be dropped unread."""
    found = []
    for index, title in enumerate(header):
        if title.strip():
            continue
        filled = sum(1 for row in rows if index < len(row) and row[index].strip())
        if rows and filled * 2 > len(rows):
            found.append(f"第{index + 1}列")
    if not found:
        return []
    return [f"{label}表头中{_listed(found)}为空，但该列有内容，未能读入，请核对原表的表头"]


def document_warnings(doc: PlanDocument, lines: list[str]) -> list[str]:
    """Tables read twice, and captions after which no table was read."""
    warnings = []
    seen: dict[object, int] = {}
    for number, table in enumerate(doc.tables, start=1):
        keys: list[tuple[str, object]] = [("caption", table.caption)] if table.caption else []
        if table.rows:
            keys.append(("rows", tuple((r.name, r.target, r.actual) for r in table.rows)))
        for key in keys:
            if key in seen:
                what = "表题" if key[0] == "caption" else "各行"
                warnings.append(
                    f"第{number}个表格与第{seen[key]}个表格{what}相同，可能重复读入，请核对原文"
                )
                break
        for key in keys:
            seen.setdefault(key, number)
    warnings += _scrambled_categories(doc)
    warnings += _cut_mid_word(doc)
    warnings += _values_that_are_labels(doc)
    captions = {_squeeze(t.caption) for t in doc.tables if t.caption}
    lost = [
        line.strip()
        for line in lines
        if _CAPTION.match(line) and len(line.strip()) <= 60 and _squeeze(line) not in captions
    ]
    if lost:
        warnings.append(
            f"找到表题“{lost[0]}”，但其后未读到指标表（表头可能缺失或已损坏），请核对原文"
        )
    return warnings


_HANZI = re.compile(r"[\u4e00-\u9fff]")


def _cut_mid_word(doc: PlanDocument) -> list[str]:
    """A target or a category that is the start of one printed in another table of the
    document, cut between two characters of a word (``不发生重特大生产安全`` where the next
    year's table prints ``不发生重特大生产安全责任事故``, ``人民共同`` beside ``人民共同富裕``):
    the cell's last line was lost or moved. Targets change from year to year by figures and
    bounds (``增长5%`` → ``增长5%以上``, ``稳步提升`` → ``稳步提升至50%``) and by whole
    clauses; a continuation of two or more characters, without a figure, after a character,
    is a word cut short. A category may also be compared within its own table."""
    found = []
    for what, values, same_table, longer_of in (
        ("预期目标", lambda t: {r.target for r in t.rows if r.target}, False, _cut_target_of),
        (
            "指标分类",
            lambda t: {_COUNTED.sub("", r.category) for r in t.rows if r.category},
            True,
            _lost_inside_of,
        ),
    ):
        printed = [values(table) for table in doc.tables]
        for number, texts in enumerate(printed, start=1):
            others = sorted(
                set().union(
                    *(v for n, v in enumerate(printed, start=1) if same_table or n != number)
                )
            )
            for short in sorted(texts):
                longer = longer_of(short, others)
                if longer is not None:
                    found.append(f"表{number}中{what}“{short}”（另有“{longer}”）")
    if not found:
        return []
    return [f"{_listed(found)}在词语中间截止，可能缺了一行文字，请核对原表"]


def _values_that_are_labels(doc: PlanDocument) -> list[str]:
    """A target or result that is an indicator's name, of a row of the document or of the
    catalogue (``实际使用外资`` under the name ``占全省全国比重保持稳定``), or the start of a
    category (``公共`` of ``公共服务能力``): a label and a value exchanged by moved lines. No
    target or result is printed as a bare name or a piece of a category."""
    from planwatch.phrases.catalogue import lookup_indicator

    names = {row.name for table in doc.tables for row in table.rows}
    categories = {
        _COUNTED.sub("", row.category) for table in doc.tables for row in table.rows if row.category
    }
    found = []
    for number, table in enumerate(doc.tables, start=1):
        for i, row in enumerate(table.rows, start=1):
            for what, value in (("预期目标", row.target), ("完成情况", row.actual)):
                if not value or _DIGIT.search(value):
                    continue
                if value in names:
                    kind = "指标名称"
                elif len(value) >= 2 and any(c.startswith(value) for c in categories):
                    kind = "指标分类的一段"
                elif (entry := lookup_indicator(value)) is not None and entry.source != "pattern":
                    kind = "指标名称"
                else:
                    continue
                found.append(f"表{number}第{i}行“{row.name}”的{what}“{value}”是{kind}")
    if not found:
        return []
    return [f"{_listed(found)}，名称与数值可能错位，请核对原表"]


def _cut_target_of(short: str, others: list[str]) -> str | None:
    """The first of the sorted ``others`` that ``short`` is cut from: only those starting
    with it are looked at (a bisection), so big tables with many targets stay linear."""
    start = bisect_left(others, short)
    for whole in others[start:]:
        if not whole.startswith(short):
            return None
        if _cut_from(short, whole):
            return whole
    return None


def _lost_inside_of(short: str, others: list[str]) -> str | None:
    """The first of ``others`` (a document's few categories) ``short`` lost a line of."""
    return next((whole for whole in others if _lost_inside(short, whole)), None)


def _lost_inside(short: str, whole: str) -> bool:
    """``whole`` with one line of two or more characters lost after its first characters:
    at its end (``人民共同`` of ``人民共同富裕``) or inside (``公共能力`` of ``公共服务能力``,
    a category printed a word a line)."""
    extra = len(whole) - len(short)
    if extra < 2 or len(short) < 2:
        return False
    same = next(
        (i for i, (a, b) in enumerate(zip(short, whole, strict=False)) if a != b), len(short)
    )
    return (
        same > 0
        and whole[same + extra :] == short[same:]
        and _cut_from(short[:same], whole[: same + extra])
    )


def _cut_from(short: str, whole: str) -> bool:
    rest = whole[len(short) :]
    return (
        len(short) >= 2
        and whole.startswith(short)
        and len(_HANZI.findall(rest)) >= 2
        and not _DIGIT.search(rest)
        and bool(_HANZI.fullmatch(short[-1]))
        and bool(_HANZI.match(rest))
    )


def _scrambled_categories(doc: PlanDocument) -> list[str]:
    """Categories written with exactly the characters of another category of the document in
    another order (``人民富裕共同`` beside ``人民共同富裕``): a cell's characters or lines
    shuffled. Two real categories are never anagrams of each other."""
    names = {
        _squeeze(_COUNTED.sub("", row.category))
        for table in doc.tables
        for row in table.rows
        if row.category
    }
    by_letters: dict[str, list[str]] = {}
    for name in sorted(names):
        if len(name) >= 2:
            by_letters.setdefault("".join(sorted(name)), []).append(name)
    clashes = [
        "与".join(f"“{n}”" for n in group) for group in by_letters.values() if len(group) > 1
    ]
    if not clashes:
        return []
    return [f"指标分类{_listed(clashes)}用字相同而顺序不同，其中一个的文字可能错乱，请核对原表"]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
