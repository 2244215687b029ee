"""The exceptions planwatch raises. The CLI and the web app translate them at the edge.

Every message is Chinese first, with an English gloss, and says what was found and where.
"""

from __future__ import annotations


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


class DecisionNotFound(NotFound):
    """No stored pairing decision has the id given."""


class TableNotFound(PlanwatchError):
    """The plan has no table for the year or role asked for."""

    exit_code = 6
    http_status = 404
