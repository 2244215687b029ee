"""Which jurisdiction a document speaks for, as the panel groups it: the administrative
division (code, level, parent) when the division table knows the name, else the name as
printed; a document that names no jurisdiction is refused with that reason."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.model import PlanDocument


@dataclass(frozen=True)
class Place:
    name: str
    code: str | None = None
    level: str | None = None
    parent: str | None = None
    parent_code: str | None = None

    @property
    def key(self) -> str:
        """What makes two documents one jurisdiction: the code, else the name."""
        return self.code or f"name:{self.name}"


def place_of(document: PlanDocument) -> Place | str:
    """The document's jurisdiction, or why it cannot be told (a Chinese sentence)."""
    printed = document.jurisdiction
    named = printed.name if printed else None
    division = _division(named, printed.parent if printed else None, document.title)
    if division is not None:
        return division
    if not named:
        return "无法判断报告所属地区（标题和开头都没有写明地区），不能纳入面板"
    return Place(
        named, None, printed.level if printed else None, printed.parent if printed else None
    )


def _division(name: str | None, parent: str | None, title: str) -> Place | None:
    """The division table's entry for the printed name (within its parent when the name
    alone is ambiguous), else for the title; ``None`` when neither settles it."""
    from planwatch import places

    for text, exact in ((name, True), (title, False)):
        if not text:
            continue
        found = places.resolve(text, within=parent) if exact else places.find_in_text(text)
        division = found.jurisdiction
        if division is not None:
            up = places.lookup(division.parent_code) if division.parent_code else None
            return Place(
                division.name,
                division.code,
                division.level,
                up.name if up else None,
                up.code if up else None,
            )
    return None
