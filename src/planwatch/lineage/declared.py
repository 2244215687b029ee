"""The indicator changes a report declares in prose, read into ``DeclaredChanges``.

The sample says: ``由于落实省相关工作要求、数据可得性等原因，与2024年相比，增加新增就业参保大学生
人数1个指标，删减政务服务可网办率、普惠性幼儿园覆盖率2个指标，……替换为建成智能工厂数，……``.
Each clause is matched by one entry of ``CLAUSES``; names inside a list are split on ``、``
unless the pieces joined form a name the tables know (``制造业智能化改造、数字化转型、网络化联接
企业数`` is one indicator).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from planwatch.lineage.names import normalise_name
from planwatch.model import PlanDocument
from planwatch.model.lineage import DeclaredChanges
from planwatch.phrases.numbers import chinese_numeral

_CN_COUNT = "零一二两三四五六七八九十百"


def count_word(text: str) -> int | None:
    """A count as printed in prose: ``18``, ``六``, ``十八``, ``两``; None if not a count.

    Chinese numerals are read by ``planwatch.phrases.numbers.chinese_numeral``; only the
    characters of small counts are let through, so names such as ``十四五`` give None.
    """
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _CN_COUNT for ch in text):
        return None
    return chinese_numeral(text)


_COUNT = r"(?P<count>\d+|[一二两三四五六七八九十]+)\s*(?:个|项)(?:指标)?"
_LIST = r"(?P<names>.+?)(?:等)?"
_REPLACE_VERBS = "替换为|替换成|调整为|更换为|更名为|改为"

# (field, pattern): ``added``/``removed`` clauses carry a list and a count, ``replaced`` a pair.
CLAUSES: list[tuple[str, re.Pattern[str]]] = [
    ("added", re.compile(rf"^(?:增加|增设|新增加|新设)\s*{_LIST}{_COUNT}$")),
    ("removed", re.compile(rf"^(?:删减|删除|减少|取消|不再设置|去掉)\s*{_LIST}{_COUNT}$")),
    ("replaced", re.compile(rf"^(?:将)?(?P<old>.+?)(?:{_REPLACE_VERBS})(?P<new>.+)$")),
]

_BASE_YEAR = re.compile(r"与\s*(?P<year>\d{4})\s*年(?:相比|比较|对比)")
_LISTED = re.compile(r"(增加|增设|删减|删除|减少|取消).+?[\d一二两三四五六七八九十]+\s*[个项]指标")


def find_declaration(doc: PlanDocument) -> str | None:
    """The paragraph that declares the indicator changes, if the report has one.

    It lists additions or removals with a count (``删减…2个指标``), or names a replacement
    while speaking of indicators; the base year (``与2024年相比``) is optional.
    """
    for section in doc.walk_sections():
        for line in section.text.splitlines():
            replaces = "指标" in line and re.search(_REPLACE_VERBS, line)
            if _LISTED.search(line) or replaces:
                return line.strip()
    return None


def split_names(text: str, known: Iterable[str]) -> list[str]:
    """Split a ``、`` list, keeping together pieces that form one known name."""
    keys = {normalise_name(name) for name in known}
    pieces = [p.strip() for p in text.split("、") if p.strip()]
    names: list[str] = []
    i = 0
    while i < len(pieces):
        for j in range(len(pieces), i, -1):
            joined = "、".join(pieces[i:j])
            if j == i + 1 or normalise_name(joined) in keys:
                names.append(joined)
                i = j
                break
    return names


def _clauses(text: str) -> list[str]:
    body = text
    match = _BASE_YEAR.search(text)
    if match:
        body = text[match.end() :]
    return [c.strip() for c in re.split(r"[，,；;。]", body) if c.strip()]


def parse_declared_changes(text: str, known: Iterable[str] = ()) -> DeclaredChanges:
    """Structured changes from the declaring paragraph; ``known`` are the tables' names."""
    known = list(known)
    year = _BASE_YEAR.search(text)
    declared = DeclaredChanges(text=text, base_year=int(year["year"]) if year else None)
    for clause in _clauses(text):
        for kind, pattern in CLAUSES:
            match = pattern.match(clause)
            if match is None:
                continue
            HANDLERS[kind](declared, match, known)
            break
    return declared


def _listed(kind: str, verb: str) -> Callable[[DeclaredChanges, re.Match[str], list[str]], None]:
    def handle(declared: DeclaredChanges, match: re.Match[str], known: list[str]) -> None:
        names = split_names(match["names"], known)
        getattr(declared, kind).extend(names)
        count = count_word(match["count"])
        if count is not None and count != len(names):
            declared.count_problems.append(
                f"文字称{verb}{match['count']}个指标，但列出{len(names)}个：{'、'.join(names)}"
            )

    return handle


def _replaced(declared: DeclaredChanges, match: re.Match[str], known: list[str]) -> None:
    declared.replaced.append((match["old"].strip(), match["new"].strip()))


HANDLERS: dict[str, Callable[[DeclaredChanges, re.Match[str], list[str]], None]] = {
    "added": _listed("added", "增加"),
    "removed": _listed("removed", "删减"),
    "replaced": _replaced,
}
