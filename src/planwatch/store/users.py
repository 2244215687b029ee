"""Local accounts, login sessions and site settings for the web app.

Passwords are hashed with argon2 (argon2-cffi); a session is a random token of which only
the SHA-256 is stored, so a copy of the database gives nobody a usable login. The same
token serves the browser (in a cookie) and API clients (``Authorization: Bearer``).

Signing in is throttled (``AccountPolicy``): every attempt is kept in ``login_attempts`` for a
while, and too many wrong passwords for one account, or from one address, lock it for a time.
Attempts are audited (entity ``login``), never with the password. A session ends after a time
without use (idle) and after a fixed lifetime, whichever comes first.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Row,
    String,
    Text,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from planwatch.errors import AccountError, BadCredentials, LoginLocked, NotFound
from planwatch.store.audit import record_change
from planwatch.store.database import connect, session_for
from planwatch.store.schema import Base, token_hash, utc_now
from planwatch.textclean import strip_controls

ANONYMOUS_READ = "anonymous_read"


ZERO = dt.timedelta(0)

# The environment variables ``AccountPolicy.from_environment`` reads: field, unit (in minutes).
POLICY_ENVIRONMENT = {
    "PLANWATCH_LOGIN_ACCOUNT_FAILURES": ("account_failures", None),
    "PLANWATCH_LOGIN_ADDRESS_FAILURES": ("address_failures", None),
    "PLANWATCH_LOGIN_WINDOW_MINUTES": ("window", 1),
    "PLANWATCH_LOGIN_LOCKOUT_MINUTES": ("lockout", 1),
    "PLANWATCH_SESSION_IDLE_MINUTES": ("session_idle", 1),
    "PLANWATCH_SESSION_LIFETIME_MINUTES": ("session_lifetime", 1),
}


@dataclass(frozen=True)
class AccountPolicy:
    """How many wrong passwords lock what for how long, and how long a session lasts.

    ``account_failures`` wrong passwords for one name within ``window`` lock that name for
    ``lockout`` (a successful sign-in starts the count afresh); ``address_failures`` from one
    client address within ``window`` refuse that address for ``lockout``, whoever signs in
    from it meanwhile. Attempts refused while locked do not count, so a lock ends on time.
    A session ends ``session_idle`` after its last request and ``session_lifetime`` after it
    began; its last-seen time is written at most every ``touch_every``. ``clock`` is for tests.
    """

    account_failures: int = 5
    address_failures: int = 20
    window: dt.timedelta = dt.timedelta(minutes=15)
    lockout: dt.timedelta = dt.timedelta(minutes=15)
    session_idle: dt.timedelta = dt.timedelta(hours=2)
    session_lifetime: dt.timedelta = dt.timedelta(hours=12)
    touch_every: dt.timedelta = dt.timedelta(minutes=1)
    clock: Callable[[], dt.datetime] = field(default=utc_now, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.account_failures < 1 or self.address_failures < 1:
            raise AccountError("登录失败次数上限必须至少为1", "failure limits must be at least 1")
        if min(self.window, self.lockout, self.session_idle, self.session_lifetime) <= ZERO:
            raise AccountError("时间窗口、锁定和会话时长必须大于0", "durations must be positive")

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> AccountPolicy:
        """The defaults, with any of ``POLICY_ENVIRONMENT``'s variables that are set."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for variable, (name, minutes) in POLICY_ENVIRONMENT.items():
            raw = environ.get(variable, "").strip()
            if not raw:
                continue
            try:
                number = float(raw) if minutes else int(raw)
            except ValueError:
                raise AccountError(
                    f"环境变量{variable}的值“{raw}”不是数字", f"{variable} is not a number"
                ) from None
            values[name] = dt.timedelta(minutes=number) if minutes else number
        return cls(**values)  # type: ignore[arg-type]


DEFAULT_POLICY = AccountPolicy()


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
    active: bool = True

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
    return User(record.id, record.name, Role(record.role), record.department, record.active)


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise AccountError(
            f"未知角色“{role}”（可用：{'、'.join(r.value for r in Role)}）", "unknown role"
        ) from None


def _check_password(password: str) -> None:
    if len(password) < 8:
        raise AccountError("密码至少8个字符", "password shorter than 8 characters")
    if len(password) > 1000:
        raise AccountError("密码不能超过1000个字符", "password longer than 1000 characters")


def _department(role: Role, department: str | None) -> str | None:
    """The department a role keeps: required for a department account, dropped for others."""
    department = strip_controls(department or "").strip() or None
    if role is Role.DEPARTMENT and department is None:
        raise AccountError("责任部门用户必须指定部门（--department）", "department users need one")
    return department if role is Role.DEPARTMENT else None


def add_user(
    engine: Engine,
    name: str,
    password: str,
    role: Role | str,
    department: str | None = None,
    actor: str = "cli",
) -> User:
    """Create an account; a department account must name its department."""
    role = _role(role)
    name = strip_controls(name).strip()
    if not name or len(name) > 100:
        raise AccountError("用户名不能为空，且不超过100个字符", "bad user name")
    _check_password(password)
    department = _department(role, department)
    with session_for(engine) as session, session.begin():
        if session.scalar(select(UserRecord).where(UserRecord.name == name)) is not None:
            raise AccountError(f"用户“{name}”已存在", "user exists")
        record = UserRecord(
            name=name,
            password_hash=_hasher().hash(password),
            role=role.value,
            department=department,
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
    with session_for(engine) as session:
        return [_user(r) for r in session.scalars(select(UserRecord).order_by(UserRecord.id))]


def _verified(record: UserRecord | None, password: str) -> bool:
    """Whether the password is the record's; as much work for an unknown or disabled name."""
    from argon2.exceptions import InvalidHashError, VerificationError

    if record is None or not record.active:
        _hasher().hash(password)  # same work either way: no timing hint of which names exist
        return False
    try:
        _hasher().verify(record.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    return True


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """The user when the password matches, else None (same answer for an unknown name).

    Neither throttled nor recorded: the web app signs in with ``sign_in``.
    """
    with session_for(engine) as session:
        name = strip_controls(name).strip()  # no stored name holds one (``add_user``)
        record = session.scalar(select(UserRecord).where(UserRecord.name == name))
        return _user(record) if _verified(record, password) and record else None


def _lock_end(times: list[dt.datetime], limit: int, policy: AccountPolicy) -> dt.datetime | None:
    """When the lock earned by these failures (oldest first) ends; None when none was earned.

    ``limit`` failures within ``policy.window`` lock for ``policy.lockout``; the count starts
    afresh after a lock (attempts refused during one are not recorded as failures).
    """
    end: dt.datetime | None = None
    run: list[dt.datetime] = []
    for at in times:
        if end is not None and at < end:
            continue  # a concurrent attempt let through as the lock began
        run = [seen for seen in run if seen > at - policy.window]
        run.append(at)
        if len(run) >= limit:
            end, run = at + policy.lockout, []
    return end


def _failure_times(
    session: Session, column, value: str, since: dt.datetime, mine: int, after: int = 0
) -> list[dt.datetime]:
    """When the failures of a name or an address since ``since`` were, after attempt ``after``."""
    return list(
        session.scalars(
            select(LoginAttemptRecord.at)
            .where(
                column == value,
                LoginAttemptRecord.success.is_(False),
                LoginAttemptRecord.at >= since,
                LoginAttemptRecord.id > after,
                LoginAttemptRecord.id != mine,
            )
            .order_by(LoginAttemptRecord.at, LoginAttemptRecord.id)
        )
    )


def _refusal(
    session: Session, name: str, address: str, now: dt.datetime, mine: int, policy: AccountPolicy
) -> LoginLocked | None:
    """The lock on the name or the address now, if any (attempt ``mine`` left out)."""
    since = now - policy.window - policy.lockout
    last_success = session.scalar(
        select(func.max(LoginAttemptRecord.id)).where(
            LoginAttemptRecord.name == name, LoginAttemptRecord.success.is_(True)
        )
    )
    by_name = _failure_times(session, LoginAttemptRecord.name, name, since, mine, last_success or 0)
    by_address = _failure_times(session, LoginAttemptRecord.address, address, since, mine)
    locks = [
        (end, is_address)
        for end, is_address in (
            (_lock_end(by_name, policy.account_failures, policy), False),
            (_lock_end(by_address, policy.address_failures, policy), True),
        )
        if end is not None and end > now
    ]
    if not locks:
        return None
    end, is_address = max(locks)
    return LoginLocked(max(1, math.ceil((end - now).total_seconds())), is_address)


def _audit_login(
    session: Session, name: str, address: str, user_id: int | None, action: str, result: str
) -> None:
    record_change(
        session,
        name or "（空）",
        action,
        "login",
        user_id,
        None,
        {"name": name, "address": address, "result": result},
    )


def sign_in(
    engine: Engine,
    name: str,
    password: str,
    address: str | None,
    policy: AccountPolicy = DEFAULT_POLICY,
) -> User:
    """The user whose name and password these are, throttled per name and per client address.

    Raises ``LoginLocked`` (429) without looking at the password while the name or the address
    is locked, else ``BadCredentials`` for a wrong password, an unknown name or a disabled
    account alike. Every attempt is recorded and audited (entity ``login``; never the password).
    The attempt is stored as a failure before the password is checked, so parallel guesses
    see each other and cannot slip past the limit together.
    """
    # No stored name holds a control character (``add_user``); PostgreSQL refuses a NUL.
    name, address = strip_controls(name).strip()[:100], strip_controls(address or "unknown")[:64]
    now = policy.clock()
    with session_for(engine) as session, session.begin():
        session.execute(
            delete(LoginAttemptRecord).where(
                LoginAttemptRecord.at < now - policy.window - policy.lockout
            )
        )
        attempt = LoginAttemptRecord(name=name, address=address, success=False, at=now)
        session.add(attempt)
        session.flush()
        mine = attempt.id
    with session_for(engine) as session, session.begin():
        refused = _refusal(session, name, address, now, mine, policy)
        if refused is not None:  # not a failure of its own: the lock ends on time
            session.execute(delete(LoginAttemptRecord).where(LoginAttemptRecord.id == mine))
            result = "address_locked" if refused.by_address else "account_locked"
            _audit_login(session, name, address, None, "login_refused", result)
    if refused is not None:
        raise refused
    with session_for(engine) as session:
        record = session.scalar(select(UserRecord).where(UserRecord.name == name))
        user = _user(record) if record is not None else None
    verified = _verified(record, password)
    with session_for(engine) as session, session.begin():
        if verified:
            session.execute(
                update(LoginAttemptRecord).where(LoginAttemptRecord.id == mine).values(success=True)
            )
        result = (
            "ok"
            if verified
            else "unknown_name"
            if user is None
            else "disabled"
            if not user.active
            else "wrong_password"
        )
        action = "login" if verified else "login_failed"
        _audit_login(session, name, address, user.id if user else None, action, result)
    if not verified or user is None:
        raise BadCredentials()
    return user


def open_session(engine: Engine, user: User, policy: AccountPolicy = DEFAULT_POLICY) -> str:
    """A new session token for the user; only its hash is kept. Their dead sessions go."""
    token = secrets.token_urlsafe(32)
    now = policy.clock()
    with session_for(engine) as session, session.begin():
        session.execute(
            delete(SessionRecord).where(
                SessionRecord.user_id == user.id, SessionRecord.expires_at <= now
            )
        )
        session.add(
            SessionRecord(
                token_hash=token_hash(token),
                user_id=user.id,
                created_at=now,
                last_seen_at=now,
                expires_at=now + policy.session_lifetime,
            )
        )
    return token


def _session_end(record: SessionRecord | Row, policy: AccountPolicy) -> dt.datetime:
    """When a session ends if unused from now on: idle, lifetime or its stored end, the first."""
    seen = record.last_seen_at or record.created_at
    return min(
        record.expires_at,
        record.created_at + policy.session_lifetime,
        seen + policy.session_idle,
    )


# Every request asks this: one Core query, built once, of just the columns a ``User`` and the
# session's end need (an ORM session and two mapped objects cost as much as the rest of a kept
# dashboard).
_LIVE_SESSION = (
    select(
        UserRecord.id,
        UserRecord.name,
        UserRecord.role,
        UserRecord.department,
        UserRecord.active,
        SessionRecord.id.label("session_id"),
        SessionRecord.created_at,
        SessionRecord.expires_at,
        SessionRecord.last_seen_at,
    )
    .join(SessionRecord, SessionRecord.user_id == UserRecord.id)
    .where(SessionRecord.token_hash == bindparam("token_hash"))
)


def session_user(
    engine: Engine, token: str | None, policy: AccountPolicy = DEFAULT_POLICY
) -> User | None:
    """The user of a live session token, or None when it is unknown, idle too long or expired.

    A live session's last-seen time moves forward, written at most once per
    ``policy.touch_every``; a dead one is deleted.
    """
    if not token:
        return None
    now = policy.clock()
    with connect(engine) as connection:
        live = connection.execute(_LIVE_SESSION, {"token_hash": token_hash(token)}).first()
        if live is None:
            return None
        if not live.active or _session_end(live, policy) <= now:
            connection.execute(delete(SessionRecord).where(SessionRecord.id == live.session_id))
            connection.commit()
            return None
        user = User(live.id, live.name, Role(live.role), live.department, live.active)
        if now - (live.last_seen_at or live.created_at) >= policy.touch_every:
            connection.execute(
                update(SessionRecord)
                .where(SessionRecord.id == live.session_id)
                .values(last_seen_at=now)
            )
            connection.commit()
        return user


def close_session(engine: Engine, token: str | None) -> None:
    if not token:
        return
    with session_for(engine) as session, session.begin():
        session.execute(delete(SessionRecord).where(SessionRecord.token_hash == token_hash(token)))


# Managing accounts (the CLI's ``planwatch user`` and the admin page). ``who`` is a name or an id.


@dataclass(frozen=True)
class SessionInfo:
    """One live session of an account, as ``planwatch user sessions`` lists it (UTC)."""

    id: int
    created_at: dt.datetime
    last_seen_at: dt.datetime | None
    expires_at: dt.datetime  # the earliest of idle timeout, lifetime and stored end


def _find(session: Session, who: str | int) -> UserRecord:
    if isinstance(who, int):
        record = session.get(UserRecord, who)
    else:
        record = session.scalar(select(UserRecord).where(UserRecord.name == who.strip()))
    if record is None:
        raise NotFound(f"用户“{who}”不存在", "no such user")
    return record


def get_user(engine: Engine, who: str | int) -> User:
    with session_for(engine) as session:
        return _user(_find(session, who))


def _end_sessions(session: Session, user_id: int, keep_token: str | None) -> int:
    query = delete(SessionRecord).where(SessionRecord.user_id == user_id)
    if keep_token:
        query = query.where(SessionRecord.token_hash != token_hash(keep_token))
    return session.execute(query).rowcount or 0  # type: ignore[attr-defined]


def _keep_an_admin(session: Session, record: UserRecord) -> None:
    """Refuse to disable or demote the last active admin: nobody could administer the site."""
    others = session.scalar(
        select(func.count(UserRecord.id)).where(
            UserRecord.role == Role.ADMIN.value,
            UserRecord.active.is_(True),
            UserRecord.id != record.id,
        )
    )
    if record.role == Role.ADMIN.value and record.active and not others:
        raise AccountError(
            f"“{record.name}”是唯一启用的管理员，不能停用或改为其他角色（请先添加另一位管理员）",
            "the last active admin cannot be disabled or demoted",
        )


def set_password(
    engine: Engine, who: str | int, password: str, actor: str, keep_token: str | None = None
) -> int:
    """A new password; every session of the account ends but ``keep_token``'s. Audited.

    Returns how many sessions ended.
    """
    _check_password(password)
    hashed = _hasher().hash(password)
    with session_for(engine) as session, session.begin():
        record = _find(session, who)
        record.password_hash = hashed
        ended = _end_sessions(session, record.id, keep_token)
        record_change(session, actor, "password", "user", record.id, None, {"name": record.name})
        return ended


def change_own_password(
    engine: Engine,
    user: User,
    current: str,
    new: str,
    keep_token: str | None,
    address: str | None,
    policy: AccountPolicy = DEFAULT_POLICY,
) -> int:
    """The signed-in user's own change: the current password first (throttled like a sign-in),
    then ``set_password`` keeping this session. Returns how many other sessions ended."""
    _check_password(new)
    try:
        sign_in(engine, user.name, current, address, policy)
    except BadCredentials:
        raise AccountError("当前密码不正确", "the current password is wrong") from None
    return set_password(engine, user.id, new, user.name, keep_token)


def set_active(engine: Engine, who: str | int, active: bool, actor: str) -> User:
    """Enable or disable an account, audited. Disabling ends its sessions; enabling lifts a
    lockout (its failed sign-ins are forgotten)."""
    with session_for(engine) as session, session.begin():
        record = _find(session, who)
        if not active:
            _keep_an_admin(session, record)
            _end_sessions(session, record.id, None)
        else:
            session.execute(
                delete(LoginAttemptRecord).where(
                    LoginAttemptRecord.name == record.name, LoginAttemptRecord.success.is_(False)
                )
            )
        old = record.active
        record.active = active
        record_change(
            session,
            actor,
            "enable" if active else "disable",
            "user",
            record.id,
            {"name": record.name, "active": old},
            {"name": record.name, "active": active},
        )
        return _user(record)


def set_role(
    engine: Engine, who: str | int, role: Role | str, department: str | None, actor: str
) -> User:
    """A new role (and department, which a department account needs), audited."""
    role = _role(role)
    department = _department(role, department)
    with session_for(engine) as session, session.begin():
        record = _find(session, who)
        if role is not Role.ADMIN:
            _keep_an_admin(session, record)
        old = {"role": record.role, "department": record.department}
        record.role, record.department = role.value, department
        record_change(
            session,
            actor,
            "update",
            "user",
            record.id,
            old,
            {"role": role.value, "department": department},
        )
        return _user(record)


def list_sessions(
    engine: Engine, who: str | int, policy: AccountPolicy = DEFAULT_POLICY
) -> list[SessionInfo]:
    """The account's live sessions, oldest first."""
    now = policy.clock()
    with session_for(engine) as session:
        record = _find(session, who)
        infos = [
            SessionInfo(s.id, s.created_at, s.last_seen_at, _session_end(s, policy))
            for s in session.scalars(
                select(SessionRecord)
                .where(SessionRecord.user_id == record.id)
                .order_by(SessionRecord.created_at, SessionRecord.id)
            )
        ]
    return [info for info in infos if info.expires_at > now]


def end_sessions(engine: Engine, who: str | int, actor: str, keep_token: str | None = None) -> int:
    """End every session of the account but ``keep_token``'s (audited); how many ended."""
    with session_for(engine) as session, session.begin():
        record = _find(session, who)
        ended = _end_sessions(session, record.id, keep_token)
        record_change(
            session,
            actor,
            "end_sessions",
            "user",
            record.id,
            None,
            {"name": record.name, "sessions": ended, "kept": bool(keep_token)},
        )
        return ended


def get_setting(engine: Engine, key: str, default: str = "") -> str:
    with session_for(engine) as session:
        record = session.get(SettingRecord, key)
        return record.value if record else default


def set_setting(engine: Engine, key: str, value: str, actor: str) -> None:
    """Change a site setting, audited."""
    with session_for(engine) as session, session.begin():
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
