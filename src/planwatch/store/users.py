"""Local accounts, login sessions and site settings for the web app.

Passwords are hashed with argon2 (argon2-cffi); a session is a random token of which only
the SHA-256 is stored, so a copy of the database gives nobody a usable login. The same
token serves the browser (in a cookie) and API clients (``Authorization: Bearer``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    String,
    Text,
    func,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from planwatch.errors import AccountError
from planwatch.store.audit import record_change
from planwatch.store.schema import Base

SESSION_DAYS = 14
ANONYMOUS_READ = "anonymous_read"


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"  # DRC staff (发改委综合处)
    DEPARTMENT = "department"  # a responsible department, scoped to its own indicators
    VIEWER = "viewer"

    @property
    def zh(self) -> str:
        return ROLE_ZH[self]


ROLE_ZH = {
    Role.ADMIN: "管理员",
    Role.EDITOR: "发改委编辑",
    Role.DEPARTMENT: "责任部门",
    Role.VIEWER: "只读用户",
}


class UserRecord(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))
    department: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())


class SessionRecord(Base):
    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, server_default=func.now())
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_seen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # for the idle timeout


class LoginAttemptRecord(Base):
    """One sign-in attempt, right or wrong: what throttling per account and address counts."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_name", "name", "at"),
        Index("ix_login_attempts_address", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))
    success: Mapped[bool] = mapped_column(Boolean)
    at: Mapped[dt.datetime] = mapped_column(DateTime)


class SettingRecord(Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class User:
    """A signed-in account as the web layer sees it (no hash, no ORM session attached)."""

    id: int
    name: str
    role: Role
    department: str | None

    @property
    def can_edit_all(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    def may_edit(self, department: str | None) -> bool:
        """Editors edit everything; a department edits only indicators assigned to it."""
        if self.can_edit_all:
            return True
        return (
            self.role is Role.DEPARTMENT
            and department is not None
            and (department == self.department)
        )

    def may_read(self, department: str | None) -> bool:
        """Department users read only their own indicators; everyone else reads all."""
        return self.role is not Role.DEPARTMENT or self.may_edit(department)


def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


def _user(record: UserRecord) -> User:
    return User(record.id, record.name, Role(record.role), record.department)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_user(
    engine: Engine,
    name: str,
    password: str,
    role: Role | str,
    department: str | None = None,
    actor: str = "cli",
) -> User:
    """Create an account; a department account must name its department."""
    try:
        role = Role(role)
    except ValueError:
        raise AccountError(
            f"未知角色“{role}”（可用：{'、'.join(r.value for r in Role)}）", "unknown role"
        ) from None
    name = name.strip()
    if not name or len(name) > 100:
        raise AccountError("用户名不能为空，且不超过100个字符", "bad user name")
    if len(password) < 8:
        raise AccountError("密码至少8个字符", "password shorter than 8 characters")
    if role is Role.DEPARTMENT and not (department or "").strip():
        raise AccountError("责任部门用户必须指定部门（--department）", "department users need one")
    department = department.strip() if department else None
    with Session(engine) as session, session.begin():
        if session.scalar(select(UserRecord).where(UserRecord.name == name)) is not None:
            raise AccountError(f"用户“{name}”已存在", "user exists")
        record = UserRecord(
            name=name,
            password_hash=_hasher().hash(password),
            role=role.value,
            department=department if role is Role.DEPARTMENT else None,
            active=True,
        )
        session.add(record)
        session.flush()
        record_change(
            session,
            actor,
            "create",
            "user",
            record.id,
            None,
            {"name": name, "role": role.value, "department": record.department},
        )
        return _user(record)


def list_users(engine: Engine) -> list[User]:
    with Session(engine) as session:
        return [_user(r) for r in session.scalars(select(UserRecord).order_by(UserRecord.id))]


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """The user when the password matches, else None (same answer for an unknown name)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    with Session(engine) as session:
        record = session.scalar(select(UserRecord).where(UserRecord.name == name.strip()))
        if record is None or not record.active:
            _hasher().hash(password)  # same work either way: no timing hint of which names exist
            return None
        try:
            _hasher().verify(record.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        return _user(record)


def open_session(engine: Engine, user: User) -> str:
    """A new session token for the user; only its hash is kept."""
    token = secrets.token_urlsafe(32)
    with Session(engine) as session, session.begin():
        session.add(
            SessionRecord(
                token_hash=_token_hash(token),
                user_id=user.id,
                expires_at=dt.datetime.now(dt.UTC).replace(tzinfo=None)
                + dt.timedelta(days=SESSION_DAYS),
            )
        )
    return token


def session_user(engine: Engine, token: str | None) -> User | None:
    """The user of a live session token, or None when it is unknown or expired."""
    if not token:
        return None
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with Session(engine) as session:
        row = session.execute(
            select(UserRecord, SessionRecord.expires_at)
            .join(SessionRecord, SessionRecord.user_id == UserRecord.id)
            .where(SessionRecord.token_hash == _token_hash(token))
        ).first()
        if row is None or row[1] < now or not row[0].active:
            return None
        return _user(row[0])


def close_session(engine: Engine, token: str | None) -> None:
    if not token:
        return
    with Session(engine) as session, session.begin():
        record = session.scalar(
            select(SessionRecord).where(SessionRecord.token_hash == _token_hash(token))
        )
        if record is not None:
            session.delete(record)


def get_setting(engine: Engine, key: str, default: str = "") -> str:
    with Session(engine) as session:
        record = session.get(SettingRecord, key)
        return record.value if record else default


def set_setting(engine: Engine, key: str, value: str, actor: str) -> None:
    """Change a site setting, audited."""
    with Session(engine) as session, session.begin():
        record = session.get(SettingRecord, key)
        old = record.value if record else None
        if record is None:
            record = SettingRecord(key=key, value=value)
            session.add(record)
        record.value = value
        record_change(session, actor, "set", "setting", None, {key: old}, {key: value})


def anonymous_read(engine: Engine) -> bool:
    """Whether visitors who are not signed in may read (off unless the admin switched it on)."""
    return get_setting(engine, ANONYMOUS_READ, "off") == "on"
