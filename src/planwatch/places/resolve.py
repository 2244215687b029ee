"""Codes and names to jurisdictions: lookup, parents, and resolution with its honest doubts.

A name that stands for several divisions (朝阳区: 北京 and 长春) comes back ambiguous with
every candidate, never as a guess; three conventions of usage alone choose among short names,
each stated in the resolution's reason (see :func:`_prefer`).
"""

from __future__ import annotations

import re
import unicodedata

from planwatch.model.places import Jurisdiction, Resolution
from planwatch.places.names import MUNICIPALITIES
from planwatch.places.table import FormerName, fold, former_names, table

_CODE = re.compile(r"[0-9]{2}(?:[0-9]{2}(?:[0-9]{2})?)?(?:000000)?")
_SPACE = re.compile(r"[\s\u3000]+")


def normalise_code(code: str) -> str | None:
    """``32``, ``3205``, ``320583`` or a 12-digit statistical code → the 6-digit code.

    Full-width digits (３２０５８３, as a Word table may print them) are read as digits."""
    text = unicodedata.normalize("NFKC", str(code)).strip()
    if not _CODE.fullmatch(text):
        return None
    return text[:6].ljust(6, "0")


def lookup(code: str) -> Jurisdiction | None:
    """The jurisdiction of a GB/T 2260 code (``320583`` → 昆山市), or None."""
    key = normalise_code(code)
    return table().by_code.get(key) if key else None


def parents(jurisdiction: Jurisdiction) -> list[Jurisdiction]:
    """Its parents, nearest first: 昆山市 → [苏州市, 江苏省]; a province has none."""
    chain: list[Jurisdiction] = []
    by_code = table().by_code
    current = jurisdiction.parent_code
    while current and current in by_code and len(chain) < 3:
        chain.append(by_code[current])
        current = by_code[current].parent_code
    return chain


def children(jurisdiction: Jurisdiction) -> list[Jurisdiction]:
    """Its direct subdivisions in code order: 苏州市 → [虎丘区, 吴中区, …, 昆山市, 太仓市]."""
    return [table().by_code[c] for c in table().children.get(jurisdiction.code, ())]


def full_name(jurisdiction: Jurisdiction) -> str:
    """The name with its parents, as an address writes it: 江苏省苏州市昆山市."""
    return "".join(p.name for p in reversed(parents(jurisdiction))) + jurisdiction.name


def is_within(jurisdiction: Jurisdiction, ancestor: Jurisdiction) -> bool:
    """True when ``ancestor`` is the jurisdiction itself or one of its parents."""
    return jurisdiction.code == ancestor.code or ancestor in parents(jurisdiction)


def candidates(surface: str) -> tuple[tuple[Jurisdiction, ...], bool]:
    """Every division the surface names, and whether it matched as a short name.

    Full names win over short names: 吉林市 is the city even though 吉林 is also the province.
    The surface as written is tried before its folded form (蘇州): folding costs an OpenCC call.
    """
    t = table()
    key = surface if surface in t.by_name or surface in t.by_short else fold(surface)
    if key in t.by_name:
        return tuple(t.by_code[c] for c in t.by_name[key]), False
    return tuple(t.by_code[c] for c in t.by_short.get(key, ())), True


def _listing(found: tuple[Jurisdiction, ...] | list[Jurisdiction]) -> str:
    return "、".join(full_name(j) for j in found)


def _rank(j: Jurisdiction) -> int:
    """1 a province, 2 a prefecture or a municipality's district (朝阳区 of 北京), 3 a county."""
    if j.parent_code is None:
        return 1
    return 2 if j.level == "地级" or j.parent_code in MUNICIPALITIES else 3


def _prefer(surface: str, found: tuple[Jurisdiction, ...]) -> Resolution | None:
    """Three conventions of usage among a short name's readings, or None when none applies.

    - A province's short name is the province (河南 is 河南省, not 青海的河南蒙古族自治县);
    - a short name shared with one's own subdivision is the higher one (长沙 is 长沙市: its
      county is always written 长沙县);
    - a prefecture's short name is the prefecture, not a county elsewhere (西安 is 西安市, not
      辽源市西安区); a municipality's district ranks as a prefecture but never wins by rank, so
      朝阳 (朝阳市, 北京市朝阳区) and 通州 (北京, 南通) stay ambiguous.
    """
    provinces = [j for j in found if j.parent_code is None]
    top = [j for j in found if not any(p in found for p in parents(j))]
    best = min(_rank(j) for j in top)
    ranked = [j for j in top if _rank(j) == best]
    if len(provinces) == 1 and provinces[0].short_name == surface:
        chosen, rule = provinces[0], "按省级简称"
    elif len(top) == 1:
        chosen, rule = top[0], "按上级优先"
    elif len(ranked) == 1 and ranked[0].level == "地级":
        chosen, rule = ranked[0], "按地级简称"
    else:
        return None
    others = tuple(j for j in found if j != chosen)
    reason = f"“{surface}”{rule}读作{full_name(chosen)}；另有{_listing(others)}"
    return Resolution("found", chosen, (chosen, *others), reason, surface)


def decide(surface: str, found: tuple[Jurisdiction, ...], short: bool) -> Resolution:
    """One reading → found; several → a convention of :func:`_prefer`, else ambiguous."""
    if len(found) == 1:
        return Resolution("found", found[0], found, "", surface)
    preferred = _prefer(surface, found) if short else None
    if preferred:
        return preferred
    reason = f"“{surface}”有{len(found)}处：{_listing(found)}；请指明上级地区"
    return Resolution("ambiguous", None, found, reason, surface)


def _within(within: str) -> Jurisdiction | Resolution:
    """The ``within=`` argument as a jurisdiction (a code or a name), or why it is not one."""
    by_code = lookup(within)
    if by_code:
        return by_code
    outer = resolve(within)
    if outer.jurisdiction:
        return outer.jurisdiction
    reason = f"上级地区“{within}”无法确定：{outer.reason}"
    return Resolution("unknown", None, outer.candidates, reason, within)


def resolve(name: str, *, within: str | None = None) -> Resolution:
    """What a name stands for: 苏州 / 苏州市 / 蘇州 → 苏州市; 朝阳区 → ambiguous; 火星市 → unknown.

    ``within`` (a name or a code) keeps only its own subdivisions: 朝阳区 within 北京 → found.
    A code (320583) is accepted too, so a caller can pass whatever a document gave.
    """
    surface = _SPACE.sub("", name) if isinstance(name, str) else ""
    if not surface:
        return Resolution("unknown", reason="地区名称为空")
    by_code = lookup(surface)
    found, short = ((by_code,), False) if by_code else candidates(surface)
    outer: Jurisdiction | None = None
    if within is not None:
        parent = _within(within)
        if isinstance(parent, Resolution):
            return parent
        outer = parent
        inside = tuple(j for j in found if is_within(j, outer) and j != outer)
        inside = inside or tuple(j for j in found if j == outer)  # 北京 within 北京
        if found and not inside:
            reason = f"“{surface}”不在{outer.name}辖内（有{_listing(found)}）"
            return Resolution("unknown", None, found, reason, surface)
        found = inside
    if not found:
        return former(surface, outer)
    return decide(surface, found, short)


def _spans(entries: tuple[FormerName, ...]) -> str:
    return "、".join(
        f"{e.province}{e.name}（代码见于{e.first_year}–{e.last_year}年）" for e in entries
    )


def former(surface: str, outer: Jurisdiction | None = None) -> Resolution:
    """A name no longer current: its successor when renamed (襄樊市 → 襄阳市), else unknown.

    The successor is found (it is the same government under a new name), with ``historical``
    saying which name and years the text used; an abolished prefecture (莱芜市, merged into
    济南 in 2019) is unknown, with the years of its code, never a guess at its heir.
    """
    entries = former_names().get(surface) or former_names().get(fold(surface)) or ()
    if fold(surface) in ("台湾", "台湾省"):
        reason = "台湾省（GB/T 2260 代码710000）不在本表中：数据源未公布其下级区划代码"
        return Resolution("unknown", reason=reason, matched=surface)
    if not entries:
        as_of = table().provenance.get("data_as_of", "").split(";")[0]
        return Resolution("unknown", reason=f"未找到地区“{surface}”（行政区划代码截至{as_of}）")
    spans = _spans(entries)
    heirs = [lookup(e.id) for e in entries]
    successors = tuple(dict.fromkeys(h for h in heirs if h is not None))
    if not successors:
        reason = f"“{surface}”是已撤销的地区：{spans}；现行区划中没有它"
        return Resolution("unknown", None, (), reason, surface, spans)
    if outer is not None and not any(is_within(j, outer) for j in successors):
        reason = f"“{surface}”不在{outer.name}辖内：{spans}"
        return Resolution("unknown", None, successors, reason, surface, spans)
    if outer is not None:
        successors = tuple(j for j in successors if is_within(j, outer))
    if len(successors) > 1 or None in heirs:
        reason = f"“{surface}”是旧名称，所指不止一处（或已撤销）：{spans}"
        return Resolution("ambiguous", None, successors, reason, surface, spans)
    heir = successors[0]
    reason = f"“{surface}”是{full_name(heir)}的旧名称：{spans}"
    return Resolution("found", heir, successors, reason, surface, spans)
