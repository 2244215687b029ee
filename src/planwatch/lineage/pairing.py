"""Pair the rows of two indicator tables, each pairing with a one-line Chinese reason.

The matchers run in order of confidence and each only sees rows no earlier one took:
stored user decisions, exact names, normalised names, similar names (a rename), the same
place in the same category (a replacement), and last a replacement the report declares for
rows nothing else paired. A new matcher joins ``MATCHERS`` by one line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from planwatch.lineage.names import normalise_name, qualifiers, same_measure_words, similarity
from planwatch.model import IndicatorRow
from planwatch.model.lineage import ChangeKind, Pairing, PairingDecision

RENAME_SIMILARITY = 85.0  # at or above, with the same measure words, a rename
REPLACE_SIMILARITY = 50.0  # at or above, in the same category, a replacement wherever it sits
SAME_PLACE_BONUS = 40.0  # added to the similarity of rows in the same place of their category


@dataclass
class _Match:
    new: int | None
    kind: ChangeKind
    reason: str
    score: float | None = None
    decided: bool = False


@dataclass
class _State:
    old: list[IndicatorRow]
    new: list[IndicatorRow]
    decisions: list[PairingDecision]
    hints: list[tuple[str, str]] = field(default_factory=list)  # declared (old, new) pairs
    matches: dict[int, _Match] = field(default_factory=dict)  # old index -> match
    added: dict[int, str] = field(default_factory=dict)  # new index -> reason, when decided

    def free_old(self) -> list[int]:
        return [i for i in range(len(self.old)) if i not in self.matches]

    def free_new(self) -> list[int]:
        taken = {m.new for m in self.matches.values()} | set(self.added)
        return [j for j in range(len(self.new)) if j not in taken]

    def take(self, i: int, j: int | None, kind: ChangeKind, reason: str, **extra) -> None:
        self.matches[i] = _Match(j, kind, reason, **extra)


def _category(row: IndicatorRow) -> str:
    return normalise_name(row.category or "")


def _moved(old: IndicatorRow, new: IndicatorRow) -> str:
    notes = []
    if _category(old) != _category(new):
        notes.append(f"由“{old.category or '未分类'}”类移至“{new.category or '未分类'}”类")
    if old.no is not None and new.no is not None and old.no != new.no:
        notes.append(f"序号{old.no}→{new.no}")
    return f"（{'，'.join(notes)}）" if notes else ""


def _by_decisions(state: _State) -> None:
    """Stored decisions first: a user's ruling beats every heuristic."""
    old_keys = {normalise_name(r.name): i for i, r in reversed(list(enumerate(state.old)))}
    new_keys = {normalise_name(r.name): j for j, r in reversed(list(enumerate(state.new)))}
    for decision in state.decisions:
        i = old_keys.get(normalise_name(decision.old_name or ""))
        j = new_keys.get(normalise_name(decision.new_name or ""))
        note = f"：{decision.note}" if decision.note else ""
        if i is not None and i in state.free_old() and j is not None and j in state.free_new():
            reason = f"用户确认为{decision.kind.zh}{note}"
            state.take(i, j, decision.kind, reason, decided=True)
        elif i is not None and decision.new_name is None and i in state.free_old():
            state.take(i, None, ChangeKind.REMOVED, f"用户确认无后继指标{note}", decided=True)
        elif j is not None and decision.old_name is None and j in state.free_new():
            state.added[j] = f"用户确认无前身指标{note}"


def _by_declaration(state: _State) -> None:
    """A replacement the report itself declares, when both names are in the tables as printed."""
    for old_name, new_name in state.hints:
        i = next((i for i in state.free_old() if state.old[i].name == old_name), None)
        j = next((j for j in state.free_new() if state.new[j].name == new_name), None)
        if i is not None and j is not None:
            s = similarity(old_name, new_name)
            reason = f"报告文字声明“{old_name}”替换为“{new_name}”（名称相似度{s:.0f}%）"
            state.take(i, j, ChangeKind.REPLACED, reason, score=s)


def _by_key(key: Callable[[str], str], kind: ChangeKind, reason: str) -> Callable[[_State], None]:
    def match(state: _State) -> None:
        free_new = state.free_new()
        for i in state.free_old():
            wanted = key(state.old[i].name)
            j = next((j for j in free_new if key(state.new[j].name) == wanted), None)
            if j is not None:
                free_new.remove(j)
                state.take(i, j, kind, reason + _moved(state.old[i], state.new[j]))

    return match


def _candidates(state: _State, score: Callable[[int, int], float | None]):
    """(score, old, new) for free rows, best first, each row used once."""
    scored = [
        (s, i, j)
        for i in state.free_old()
        for j in state.free_new()
        if (s := score(i, j)) is not None
    ]
    used_old: set[int] = set()
    used_new: set[int] = set()
    for s, i, j in sorted(scored, key=lambda t: (-t[0], t[1], t[2])):
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            yield s, i, j


def _by_similar_name(state: _State) -> None:
    """Same measure, new wording: very similar names without a change of 新增/有效/累计…"""

    def score(i: int, j: int) -> float | None:
        old, new = state.old[i].name, state.new[j].name
        s = similarity(old, new)
        return s if s >= RENAME_SIMILARITY and same_measure_words(old, new) else None

    for s, i, j in list(_candidates(state, score)):
        reason = f"名称相似度{s:.0f}%，计量对象相同：视为更名" + _moved(state.old[i], state.new[j])
        state.take(i, j, ChangeKind.RENAMED, reason, score=s)


def _gaps(state: _State, category: str) -> tuple[dict[int, int], dict[int, int], list[str]]:
    """Where each free row sits in its category: after how many matched rows (anchors)."""
    anchors = sorted(
        (i, m.new)
        for i, m in state.matches.items()
        if m.new is not None
        and _category(state.old[i]) == category
        and _category(state.new[m.new]) == category
    )
    old_gap = {i: sum(1 for a, _ in anchors if a < i) for i in state.free_old()}
    new_positions = sorted(j for _, j in anchors)
    new_gap = {j: sum(1 for b in new_positions if b < j) for j in state.free_new()}
    return old_gap, new_gap, [state.old[a].name for a, _ in anchors]


def _qualifier_change(old: str, new: str) -> str:
    """``，计量词不同（新增→有效）`` when the names differ in a measure qualifier."""
    before, after = qualifiers(old) - qualifiers(new), qualifiers(new) - qualifiers(old)
    if not before and not after:
        return ""
    return f"，计量词不同（{'、'.join(sorted(before)) or '无'}→{'、'.join(sorted(after)) or '无'}）"


def _by_same_place(state: _State) -> None:
    """Replacement: in the same category, at the same place between matched rows or alike."""
    for category in dict.fromkeys(_category(state.old[i]) for i in state.free_old()):
        old_gap, new_gap, anchor_names = _gaps(state, category)

        def score(i: int, j: int, category=category, old_gap=old_gap, new_gap=new_gap):
            if _category(state.old[i]) != category or _category(state.new[j]) != category:
                return None
            s = similarity(state.old[i].name, state.new[j].name)
            if old_gap[i] == new_gap[j]:
                return s + SAME_PLACE_BONUS
            return s if s >= REPLACE_SIMILARITY else None

        for s, i, j in list(_candidates(state, score)):
            old, new = state.old[i], state.new[j]
            if old_gap[i] == new_gap[j]:
                gap = old_gap[i]
                place = f"紧随“{anchor_names[gap - 1]}”之后" if gap else "均居该类之首"
                s -= SAME_PLACE_BONUS
            else:
                place = f"原第{old.no}项、现第{new.no}项"
            # Say why alike names are no rename; for unlike names it goes without saying.
            words = _qualifier_change(old.name, new.name) if s >= REPLACE_SIMILARITY else ""
            category = new.category or "未分类"
            reason = f"同属“{category}”类，{place}，名称相似度{s:.0f}%{words}：视为替换"
            state.take(i, j, ChangeKind.REPLACED, reason, score=s)


MATCHERS: list[Callable[[_State], None]] = [
    _by_decisions,
    _by_key(str, ChangeKind.UNCHANGED, "名称相同"),
    _by_key(normalise_name, ChangeKind.UNCHANGED, "名称仅书写形式不同（全半角、空格或标点）"),
    _by_similar_name,
    _by_same_place,
    _by_declaration,
]

_BASIS = re.compile(r"(新统计口径|新口径|同口径|原口径|老口径)")


def _squash(text: str | None) -> str:
    return re.sub(r"\s+", "", text or "")


def continuing_changes(old: IndicatorRow, new: IndicatorRow) -> list[str]:
    """What changed for an indicator that continues: target phrase, nature, unit, 口径."""
    changes = []
    if _squash(old.target) != _squash(new.target):
        changes.append(f"目标：{old.target or '（无）'} → {new.target or '（无）'}")
    if old.nature and new.nature and old.nature != new.nature:
        changes.append(f"属性：{old.nature.zh} → {new.nature.zh}")
    if old.unit and new.unit and _squash(old.unit) != _squash(new.unit):
        changes.append(f"单位：{old.unit} → {new.unit}")
    old_basis = set(_BASIS.findall(old.target or ""))
    new_basis = set(_BASIS.findall(new.target or ""))
    if new_basis - old_basis:
        changes.append(f"口径：目标改按{'、'.join(sorted(new_basis - old_basis))}")
    return changes


def pair_indicators(
    old: Iterable[IndicatorRow],
    new: Iterable[IndicatorRow],
    decisions: Iterable[PairingDecision] = (),
    hints: Iterable[tuple[str, str]] = (),
) -> list[Pairing]:
    """Every old and every new row exactly once, in the new table's order (removed in place).

    ``hints`` are replacements the report declares: they pair only rows that no matcher
    claimed, so a computed pairing stays independent of the text it is checked against.
    """
    state = _State(list(old), list(new), list(decisions), list(hints))
    for matcher in MATCHERS:
        matcher(state)
    placed: list[tuple[float, Pairing]] = []
    last_new = -0.5
    for i, row in enumerate(state.old):
        match = state.matches.get(i)
        if match is None or match.new is None:
            reason = match.reason if match else "新表中没有同名、相似或同位置的指标"
            pairing = Pairing(kind=ChangeKind.REMOVED, old=row, reason=reason)
            placed.append((last_new + 0.5, pairing))
            continue
        last_new = match.new
        new_row = state.new[match.new]
        pairing = Pairing(
            kind=match.kind,
            old=row,
            new=new_row,
            reason=match.reason,
            score=match.score,
            decided=match.decided,
        )
        if match.kind in (ChangeKind.UNCHANGED, ChangeKind.RENAMED):
            pairing.changes = continuing_changes(row, new_row)
        placed.append((match.new, pairing))
    for j in state.free_new():
        reason = state.added.get(j, "旧表中没有同名、相似或同位置的指标")
        placed.append((j, Pairing(kind=ChangeKind.ADDED, new=state.new[j], reason=reason)))
    for j, reason in state.added.items():
        placed.append((j, Pairing(kind=ChangeKind.ADDED, new=state.new[j], reason=reason)))
    return [p for _, p in sorted(placed, key=lambda t: t[0])]
