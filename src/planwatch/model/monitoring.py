"""The in-year monitoring cycle's states: 序时进度 verdicts, the figures' requests and the key
tasks' commitments as tracked (no I/O)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from planwatch.model.targets import Status


class Progress(StrEnum):
    """Where a period's figure stands against the year's target by 序时进度."""

    AHEAD = "ahead"  # 快于序时
    ON_TRACK = "on_track"  # 符合序时
    BEHIND = "behind"  # 慢于序时
    PENDING = "pending"  # 待反馈
    UNASSESSABLE = "unassessable"  # 无法判断

    @property
    def zh(self) -> str:
        return PROGRESS_ZH[self]


PROGRESS_ZH: dict[Progress, str] = {
    Progress.AHEAD: "快于序时",
    Progress.ON_TRACK: "符合序时",
    Progress.BEHIND: "慢于序时",
    Progress.PENDING: "待反馈",
    Progress.UNASSESSABLE: "无法判断",
}


class RequestStatus(StrEnum):
    """A department's figure for one period, from the DRC's request to its review."""

    OPEN = "open"  # 待报送
    SUBMITTED = "submitted"  # 已报送待审核
    ACCEPTED = "accepted"  # 已采用
    RETURNED = "returned"  # 已退回

    @property
    def zh(self) -> str:
        return REQUEST_STATUS_ZH[self]


REQUEST_STATUS_ZH: dict[RequestStatus, str] = {
    RequestStatus.OPEN: "待报送",
    RequestStatus.SUBMITTED: "已报送待审核",
    RequestStatus.ACCEPTED: "已采用",
    RequestStatus.RETURNED: "已退回",
}


@dataclass(frozen=True)
class CommitmentState:
    """What users recorded about one key-task commitment: its department and its progress."""

    department: str | None = None
    progress: str | None = None  # an actual phrase: ``完成190个``, ``已完成``, ``预计完成``
    updated_by: str | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True)
class TrackedCommitment:
    """A quantified commitment of a key task as the DRC tracks it through the year: where it
    stands in the plan, who answers for it, what was reported and how it is judged."""

    key: str  # 任务序号-承诺序号 (``3-2``): stable while the report is not re-imported
    task_number: str
    task_title: str
    name: str
    phrase: str
    text: str
    state: CommitmentState
    status: Status | None  # None: nothing reported yet
    reason: str
