"""The exceptions planwatch raises. The CLI and the web app translate them at the edge.

Every message is Chinese first, with an English gloss, and says what was found and where.
"""

from __future__ import annotations

import math


class PlanwatchError(Exception):
    """Base of every error a user can cause; ``exit_code`` is what the CLI returns."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str, english: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.english = english

    def __str__(self) -> str:
        return f"{self.message}（{self.english}）" if self.english else self.message


class UnsupportedDocument(PlanwatchError):
    """The file cannot be read at all: unknown format, undecodable bytes, empty."""

    exit_code = 2
    http_status = 415


class NotAPlanReport(PlanwatchError):
    """The file was read but holds no indicator table of a plan report."""

    exit_code = 3
    http_status = 422


class UnknownTargetPhrase(PlanwatchError):
    """A target or actual phrase the grammar does not know (only raised on request)."""

    exit_code = 4
    http_status = 422


class NotFound(PlanwatchError):
    """Something the user named by id or name is not stored."""

    exit_code = 5
    http_status = 404


class PlanNotFound(NotFound):
    """A plan reference that is neither a readable file nor a stored plan."""


class IndicatorNotFound(NotFound):
    """No stored indicator has the id or name given."""


class CommitmentNotFound(NotFound):
    """No key-task commitment of the plan has the key given (``3-2``)."""


class DecisionNotFound(NotFound):
    """No stored pairing decision has the id given."""


class TableNotFound(PlanwatchError):
    """The plan has no table for the year or role asked for."""

    exit_code = 6
    http_status = 404


# Storage and data entry.


class PlanConflict(PlanwatchError):
    """Another version of the same report is stored; replacing it needs the user's word."""

    exit_code = 10
    http_status = 409


class RepeatedIndicator(PlanwatchError):
    """One table names an indicator twice: its rows cannot be told apart in the store."""

    exit_code = 3
    http_status = 422


class StaleEdit(PlanwatchError):
    """Someone else changed the value since the editor loaded it."""

    exit_code = 8
    http_status = 409


class BadObservation(PlanwatchError):
    """An observation that cannot be stored: empty phrase, unknown quality, bad period."""

    exit_code = 4
    http_status = 422


class ReviewError(PlanwatchError):
    """A review or override that cannot be made: wrong state, missing reason or comment."""

    exit_code = 4
    http_status = 422


class AccountError(PlanwatchError):
    """A bad account request: unknown role, duplicate name, missing department, weak password."""

    exit_code = 7
    http_status = 422


class BackupError(PlanwatchError):
    """A backup or restore refused or failed: not a backup, a non-empty target, a missing tool."""

    exit_code = 11
    http_status = 409


class PortUnavailable(PlanwatchError):
    """``planwatch serve`` cannot listen on the address and port: in use, or not allowed."""

    exit_code = 12
    http_status = 500


# Reports.


class UnknownReportFormat(PlanwatchError):
    """A ``--format`` (or file suffix) that no writer handles."""

    exit_code = 2


class ChartFontMissing(PlanwatchError):
    """The vendored CJK font is not where the package puts it (a broken installation)."""

    exit_code = 7
    http_status = 500


# The web app: sign-in, permissions, forms.


class NotSignedIn(PlanwatchError):
    """A page or API call that needs an account, without one."""

    exit_code = 9
    http_status = 401

    def __init__(self) -> None:
        super().__init__("请先登录", "sign in first")


class BadCredentials(PlanwatchError):
    """A sign-in with an unknown name or a wrong password (the two are not told apart)."""

    exit_code = 9
    http_status = 401

    def __init__(self) -> None:
        super().__init__("用户名或密码不正确", "wrong user name or password")


class LoginLocked(PlanwatchError):
    """Too many wrong passwords for the account or from the address: refused until ``until``."""

    exit_code = 9
    http_status = 429

    def __init__(self, retry_after: int, by_address: bool) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        whom = "来自您所在地址的" if by_address else "该账户的"
        super().__init__(
            f"{whom}登录失败次数过多，已暂时锁定，请在{minutes}分钟后再试",
            f"too many failed sign-ins {'from this address' if by_address else 'for this account'}"
            f": try again in {minutes} minute{'s' if minutes > 1 else ''}",
        )
        self.retry_after = retry_after  # seconds, for the Retry-After header
        self.by_address = by_address


class Forbidden(PlanwatchError):
    """Signed in, but the role or department may not do this."""

    exit_code = 9
    http_status = 403


class CsrfRefused(PlanwatchError):
    """A form or cookie-authenticated API write without the right CSRF token."""

    exit_code = 9
    http_status = 403

    def __init__(self) -> None:
        super().__init__(
            "表单已过期或缺少安全令牌（CSRF），请刷新页面后重试",
            "missing or wrong CSRF token: reload the page and try again",
        )


class UploadExpired(PlanwatchError):
    """A preview confirmed after it was dropped from memory."""

    http_status = 410

    def __init__(self) -> None:
        super().__init__("预览已过期或不存在，请重新上传文件", "the preview expired: upload again")


class EmptyPanel(PlanwatchError):
    """``planwatch panel`` found no target or result to put in a row (every document refused
    or empty)."""

    exit_code = 13
