"""The in-year monitoring cycle's states: 序时进度 verdicts and the figures' requests (no I/O)."""

from __future__ import annotations

from enum import StrEnum


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
