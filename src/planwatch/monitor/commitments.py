"""Key-task commitments tracked like targets: listed from the plan, assigned, reported, judged.

The plan's document says what each commitment promises (``实施186个城中村改造`` → ``186个``); the
store says who answers for it and what they reported (``完成190个``). Judging is the one rule
for targets (``assess_pair``), with the commitment's name for its direction, so ``下降至12%
左右`` is judged as a cap and ``186个`` as a floor.
"""

from __future__ import annotations

import re

from sqlalchemy import Engine

from planwatch.assess import assess_pair
from planwatch.errors import CommitmentNotFound
from planwatch.model import (
    Commitment,
    CommitmentState,
    Direction,
    KeyTask,
    PlanDocument,
    TrackedCommitment,
)
from planwatch.monitor.entry import readable_phrase
from planwatch.phrases import direction_for
from planwatch.store import (
    assign_commitment,
    commitment_states,
    load_current,
    record_progress,
)

_UNREPORTED = CommitmentState()


def commitment_key(task_index: int, position: int) -> str:
    """``3-2``: the 3rd key task's 2nd commitment, both counted from 1 in reading order."""
    return f"{task_index}-{position}"


def listed_commitments(doc: PlanDocument) -> list[tuple[str, KeyTask, Commitment]]:
    """Every commitment of the plan's key tasks with its key, in reading order."""
    return [
        (commitment_key(t, p), task, commitment)
        for t, task in enumerate(doc.key_tasks, start=1)
        for p, commitment in enumerate(task.commitments, start=1)
    ]


def tracked_commitments(
    doc: PlanDocument, states: dict[str, CommitmentState]
) -> list[TrackedCommitment]:
    """Each commitment with its department, its reported progress and the verdict on it."""
    tracked = []
    for key, task, commitment in listed_commitments(doc):
        state = states.get(key, _UNREPORTED)
        status, reason = None, "尚未报送进展"
        if state.progress:
            judged = assess_pair(
                commitment.phrase,
                state.progress,
                name=commitment.name,
                direction=commitment_direction(commitment),
            )
            status, reason = judged.status, judged.reason
        tracked.append(
            TrackedCommitment(
                key=key,
                task_number=task.number,
                task_title=task.title,
                name=commitment.name,
                phrase=commitment.phrase,
                text=commitment.text,
                state=state,
                status=status,
                reason=reason,
            )
        )
    return tracked


# A commitment that says it brings something down (下降至12%左右, 压减…, 控制在…以内).
_DOWNWARD = re.compile(r"下降|降低|减少|压减|压降|控制在|以内|以下|不超过|不高于")


def commitment_direction(commitment: Commitment) -> Direction:
    """Which way is good for a commitment: the catalogue's when it knows the name (社会物流总费用
    占地区生产总值比重 is not there); else a commitment is a promise to deliver (实施186个城中村
    改造, 新增1万个以上), so more is better, unless its words bring something down."""
    known = direction_for(commitment.name)
    if known is not Direction.UNKNOWN:
        return known
    downward = _DOWNWARD.search(commitment.phrase) or _DOWNWARD.search(commitment.text)
    return Direction.LOWER_BETTER if downward else Direction.HIGHER_BETTER


def known_key(doc: PlanDocument, key: str) -> str:
    """The key, or ``CommitmentNotFound`` naming how many commitments the plan has."""
    key = key.strip()
    if any(found == key for found, _, _ in listed_commitments(doc)):
        return key
    count = sum(len(task.commitments) for task in doc.key_tasks)
    raise CommitmentNotFound(
        f"该计划没有编号为“{key}”的重点任务承诺（共{count}项，编号如“1-1”，"
        "用 planwatch tasks 计划 查看）",
        f"no key-task commitment {key!r} in this plan ({count} in all)",
    )


def checked_progress(progress: str) -> str:
    """The reported progress trimmed, or ``BadObservation``: the rule for entered actuals."""
    return readable_phrase(progress, "进展", 500, "“完成190个”“已完成”“预计完成”“下降至11.8%”")


def plan_commitments(engine: Engine, plan_id: int) -> list[TrackedCommitment]:
    """A stored plan's commitments as tracked now (the CLI's and the web page's one source)."""
    return tracked_commitments(load_current(engine, plan_id), commitment_states(engine, plan_id))


def assign(engine: Engine, plan_id: int, key: str, department: str | None, actor: str) -> str:
    """Give a commitment of a stored plan to a department; the key it was given by."""
    key = known_key(load_current(engine, plan_id), key)
    assign_commitment(engine, plan_id, key, department, actor)
    return key


def report_progress(engine: Engine, plan_id: int, key: str, progress: str, actor: str) -> str:
    """Store a commitment's progress after checking the key and the phrase; nothing is stored
    when either is wrong."""
    key = known_key(load_current(engine, plan_id), key)
    record_progress(engine, plan_id, key, checked_progress(progress), actor)
    return key


__all__ = [
    "assign",
    "checked_progress",
    "commitment_direction",
    "commitment_key",
    "known_key",
    "listed_commitments",
    "plan_commitments",
    "report_progress",
    "tracked_commitments",
]
