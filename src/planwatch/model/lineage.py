"""What lineage produces: pairings with their reasons, declared changes, stored decisions.

Domain types (no I/O): the lineage package computes them, the store keeps the decisions.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from planwatch.model.plan import IndicatorRow


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"  # same indicator, possibly renumbered, moved or retyped
    RENAMED = "renamed"  # same measure, new wording
    REPLACED = "replaced"  # retired, and a successor introduced in its category
    ADDED = "added"
    REMOVED = "removed"

    @property
    def zh(self) -> str:
        return KIND_ZH[self]


KIND_ZH: dict[ChangeKind, str] = {
    ChangeKind.UNCHANGED: "不变",
    ChangeKind.RENAMED: "更名",
    ChangeKind.REPLACED: "替换",
    ChangeKind.ADDED: "新增",
    ChangeKind.REMOVED: "删减",
}


class Pairing(BaseModel):
    """One line of the lineage: an old row, its new row (either may be absent) and why."""

    kind: ChangeKind
    old: IndicatorRow | None = None
    new: IndicatorRow | None = None
    reason: str
    score: float | None = None  # name similarity 0-100 when it decided the pairing
    decided: bool = False  # True when a stored user decision made this pairing
    changes: list[str] = Field(default_factory=list)  # target / nature / 口径 changes, in Chinese

    @property
    def old_name(self) -> str | None:
        return self.old.name if self.old else None

    @property
    def new_name(self) -> str | None:
        return self.new.name if self.new else None


class PairingDecision(BaseModel):
    """A user's ruling on a pairing, kept for later years.

    ``new_name`` None means "the old indicator has no successor" (it was removed);
    ``old_name`` None means "the new indicator has no predecessor" (it was added).
    ``jurisdiction`` "" applies to every jurisdiction.
    """

    id: int | None = None
    jurisdiction: str = ""
    old_name: str | None = None
    new_name: str | None = None
    kind: ChangeKind = ChangeKind.RENAMED
    note: str | None = None


class DeclaredChanges(BaseModel):
    """The changes a report states in prose (``增加…1个指标，删减…，…替换为…``)."""

    text: str
    base_year: int | None = None  # ``与2024年相比``
    added: list[str] = Field(default_factory=list)
    removed: list[str] = Field(default_factory=list)
    replaced: list[tuple[str, str]] = Field(default_factory=list)
    count_problems: list[str] = Field(default_factory=list)  # ``2个指标`` but 3 names listed


class DeclaredMismatch(BaseModel):
    """A difference between what the text declares and what the tables show."""

    message: str
    declared: str | list[str] | None = None
    found: str | list[str] | None = None
