"""Hold the changes a report declares against the pairings computed from its tables.

Every declared change must be found, and every change found must be declared; each
difference becomes a ``DeclaredMismatch`` with the declared and the found side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planwatch.lineage.names import normalise_name, similarity
from planwatch.model.lineage import ChangeKind, DeclaredChanges, DeclaredMismatch, Pairing

NEAR_NAME = 60.0  # a declared name this close to a table name is taken as meaning it


@dataclass
class _Found:
    pairings: list[Pairing]
    mentioned: set[str] = field(default_factory=set)  # normalised names already accounted for

    def by_old(self, name: str) -> Pairing | None:
        key = normalise_name(name)
        return next((p for p in self.pairings if p.old and normalise_name(p.old.name) == key), None)

    def by_new(self, name: str) -> Pairing | None:
        key = normalise_name(name)
        return next((p for p in self.pairings if p.new and normalise_name(p.new.name) == key), None)

    def nearest(self, name: str, side: str, kinds: tuple[ChangeKind, ...]) -> str | None:
        names = [
            getattr(p, f"{side}_name")
            for p in self.pairings
            if p.kind in kinds and getattr(p, f"{side}_name")
        ]
        best = max(names, key=lambda n: similarity(name, n), default=None)
        return best if best and similarity(name, best) >= NEAR_NAME else None

    def mention(self, *names: str | None) -> None:
        self.mentioned.update(normalise_name(n) for n in names if n)


def _check_listed(declared_names: list[str], side: str, found: _Found) -> list[DeclaredMismatch]:
    """Declared additions (side "new") or removals (side "old") against the pairings."""
    verb, kind = ("增加", ChangeKind.ADDED) if side == "new" else ("删减", ChangeKind.REMOVED)
    table = "新表" if side == "new" else "旧表"
    out: list[DeclaredMismatch] = []
    for name in declared_names:
        pairing = found.by_new(name) if side == "new" else found.by_old(name)
        found.mention(name)
        if pairing is not None and pairing.kind is kind:
            continue
        if pairing is not None:
            other = pairing.old_name if side == "new" else pairing.new_name
            found.mention(other)
            message = f"文字称{verb}“{name}”，但表中它与“{other}”对应（{pairing.kind.zh}）"
            out.append(
                DeclaredMismatch(
                    message=message,
                    declared=name,
                    found=[pairing.old_name or "", pairing.new_name or ""],
                )
            )
            continue
        near = found.nearest(name, side, (kind,))
        found.mention(near)
        if near:
            message = f"文字称{verb}“{name}”，但{table}中{verb}的是“{near}”"
        else:
            message = f"文字称{verb}“{name}”，但{table}中没有该指标"
        out.append(DeclaredMismatch(message=message, declared=name, found=near))
    return out


def _check_replaced(pairs: list[tuple[str, str]], found: _Found) -> list[DeclaredMismatch]:
    out: list[DeclaredMismatch] = []
    for old, new in pairs:
        found.mention(old, new)
        pairing = found.by_old(old)
        successor = found.by_new(new)
        if pairing and pairing.new and normalise_name(pairing.new.name) == normalise_name(new):
            continue
        if pairing is None:
            near = found.nearest(old, "old", (ChangeKind.REMOVED, ChangeKind.REPLACED))
            found.mention(near)
            where = f"，最接近的是“{near}”" if near else ""
            message = f"文字称“{old}”替换为“{new}”，但旧表中没有“{old}”{where}"
            out.append(DeclaredMismatch(message=message, declared=[old, new], found=near))
            continue
        if pairing.new is None and successor is not None and successor.kind is ChangeKind.ADDED:
            continue  # removed + added in the tables; the text says they belong together
        actual = pairing.new_name
        found.mention(actual)
        if actual is None:
            message = f"文字称“{old}”替换为“{new}”，但新表中没有“{new}”，“{old}”也无对应指标"
        else:
            alike = similarity(new, actual)
            message = (
                f"文字称“{old}”替换为“{new}”，但表中对应的是“{actual}”（名称相似度{alike:.0f}%）"
            )
        out.append(
            DeclaredMismatch(
                message=message, declared=[old, new], found=[old, actual] if actual else None
            )
        )
    return out


def _undeclared(found: _Found) -> list[DeclaredMismatch]:
    out: list[DeclaredMismatch] = []
    for p in found.pairings:
        if p.kind is ChangeKind.UNCHANGED:
            continue
        names = [n for n in (p.old_name, p.new_name) if n]
        if any(normalise_name(n) in found.mentioned for n in names):
            continue
        value: str | list[str] | None
        if p.kind is ChangeKind.ADDED:
            message, value = f"表中新增“{p.new_name}”，但文字未声明", p.new_name
        elif p.kind is ChangeKind.REMOVED:
            message, value = f"表中删减“{p.old_name}”，但文字未声明", p.old_name
        else:
            message = f"表中“{p.old_name}”{p.kind.zh}为“{p.new_name}”，但文字未声明"
            value = [n for n in (p.old_name, p.new_name) if n is not None]  # renamed/replaced: both
        out.append(DeclaredMismatch(message=message, declared=None, found=value))
    return out


def compare_declared(declared: DeclaredChanges, pairings: list[Pairing]) -> list[DeclaredMismatch]:
    """Every difference between the declared changes and the computed pairings."""
    found = _Found(pairings)
    out = [DeclaredMismatch(message=problem) for problem in declared.count_problems]
    out += _check_listed(declared.added, "new", found)
    out += _check_listed(declared.removed, "old", found)
    out += _check_replaced(declared.replaced, found)
    out += _undeclared(found)
    return out
