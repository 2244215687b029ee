"""``planwatch user passwd|disable|enable|role|sessions`` and ``serve``'s security options.

Each command runs in process (the ``cli`` fixture) on a real SQLite file; the store is checked
directly afterwards: who can sign in, which sessions live, what the audit log holds.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from planwatch.errors import BadCredentials, LoginLocked
from planwatch.store import (
    AccountPolicy,
    add_user,
    authenticate,
    list_audit,
    list_users,
    migrated_engine,
    open_session,
    session_user,
    sign_in,
)

PASSWORD = "long-enough-pass"


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "pw.sqlite"
    engine = migrated_engine(f"sqlite:///{path}")
    add_user(engine, "admin", PASSWORD, "admin")
    add_user(engine, "drc", PASSWORD, "editor")
    engine.dispose()
    return path


def _engine(db):
    return migrated_engine(f"sqlite:///{db}")


def _last_user_audit(db):
    entry = list_audit(_engine(db), entity="user")[0]
    return entry.actor, entry.action, entry.old, entry.new


def test_passwd_prompts_twice_and_ends_the_sessions(cli, db):
    engine = _engine(db)
    drc = authenticate(engine, "drc", PASSWORD)
    token = open_session(engine, drc)
    result = cli("user", "passwd", "drc", db=db, input="new-pass-123\nnew-pass-123\n")
    assert result.exit_code == 0, result.stderr
    assert "已修改 drc 的密码，1个会话已结束" in result.stderr
    assert session_user(engine, token) is None
    assert authenticate(engine, "drc", PASSWORD) is None
    assert authenticate(engine, "drc", "new-pass-123") == drc
    assert _last_user_audit(db) == ("cli", "password", None, {"name": "drc"})


def test_passwd_takes_the_password_as_an_option_for_scripts(cli, db):
    result = cli("user", "passwd", "drc", "--password", "scripted-pass", db=db)
    assert result.exit_code == 0, result.stderr
    assert authenticate(_engine(db), "drc", "scripted-pass") is not None


def test_passwd_refuses_a_short_password(cli, db):
    result = cli("user", "passwd", "drc", "--password", "short", db=db)
    assert result.exit_code == 7
    assert "密码至少8个字符" in result.stderr
    assert authenticate(_engine(db), "drc", PASSWORD) is not None


@pytest.mark.parametrize(
    "args",
    [
        ["passwd", "ghost", "--password", "whatever-pass"],
        ["disable", "ghost"],
        ["enable", "ghost"],
        ["role", "ghost", "viewer"],
        ["sessions", "ghost"],
        ["sessions", "ghost", "--end"],
    ],
)
def test_an_unknown_user_is_refused_in_chinese(cli, db, args):
    result = cli("user", *args, db=db)
    assert result.exit_code == 5
    assert "错误：用户“ghost”不存在" in result.stderr and "Traceback" not in result.stderr


def test_disable_ends_the_sessions_and_enable_lets_them_back(cli, db):
    engine = _engine(db)
    token = open_session(engine, authenticate(engine, "drc", PASSWORD))
    disabled = cli("user", "disable", "drc", db=db)
    assert disabled.exit_code == 0, disabled.stderr
    assert "已停用（其会话已全部结束） drc" in disabled.stderr
    assert session_user(engine, token) is None
    assert authenticate(engine, "drc", PASSWORD) is None
    listed = [line.split() for line in cli("user", "list", db=db).stdout.splitlines()]
    assert listed == [["admin", "管理员"], ["drc", "发改委编辑", "已停用"]]
    assert _last_user_audit(db) == (
        "cli",
        "disable",
        {"name": "drc", "active": True},
        {"name": "drc", "active": False},
    )
    enabled = cli("user", "enable", "drc", db=db)
    assert enabled.exit_code == 0, enabled.stderr
    assert authenticate(engine, "drc", PASSWORD) is not None


def test_enable_lifts_a_lockout(cli, db):
    engine = _engine(db)
    for _ in range(5):
        with pytest.raises(BadCredentials):
            sign_in(engine, "drc", "wrong-password", "198.51.100.7")
    with pytest.raises(LoginLocked, match="请在15分钟后再试"):
        sign_in(engine, "drc", PASSWORD, "198.51.100.7")
    assert cli("user", "enable", "drc", db=db).exit_code == 0
    assert sign_in(engine, "drc", PASSWORD, "198.51.100.7").name == "drc"


def test_the_last_admin_cannot_be_disabled_or_demoted(cli, db):
    for args in (["disable", "admin"], ["role", "admin", "viewer"]):
        result = cli("user", *args, db=db)
        assert result.exit_code == 7
        assert "“admin”是唯一启用的管理员，不能停用或改为其他角色" in result.stderr
    assert cli("user", "role", "drc", "admin", db=db).exit_code == 0
    assert cli("user", "disable", "admin", db=db).exit_code == 0


def test_role_changes_the_role_and_department(cli, db):
    result = cli("user", "role", "drc", "department", "--department", "统计局", db=db)
    assert result.exit_code == 0, result.stderr
    assert "已修改 drc 的角色：责任部门（统计局）" in result.stderr
    listed = json.loads(cli("user", "list", "--json", db=db).stdout)
    assert listed[1] == {"name": "drc", "role": "department", "department": "统计局"}
    assert _last_user_audit(db) == (
        "cli",
        "update",
        {"role": "editor", "department": None},
        {"role": "department", "department": "统计局"},
    )
    back = cli("user", "role", "drc", "viewer", db=db)
    assert back.exit_code == 0
    assert [u.department for u in list_users(_engine(db)) if u.name == "drc"] == [None]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["role", "drc", "boss"], "未知角色“boss”（可用：admin、editor、department、viewer）"),
        (["role", "drc", "department"], "责任部门用户必须指定部门（--department）"),
        (["role", "drc"], "请给出新角色：planwatch user role 用户名 角色"),
        (["passwd"], "请给出用户名：planwatch user passwd 用户名"),
    ],
)
def test_role_refuses_bad_requests(cli, db, args, message):
    result = cli("user", *args, db=db)
    assert result.exit_code == 7
    assert message in result.stderr and "Traceback" not in result.stderr
    assert [u.role.value for u in list_users(_engine(db))] == ["admin", "editor"]


def test_sessions_lists_and_ends_them(cli, db):
    engine = _engine(db)
    drc = authenticate(engine, "drc", PASSWORD)
    tokens = [open_session(engine, drc), open_session(engine, drc)]
    listed = cli("user", "sessions", "drc", db=db)
    assert listed.exit_code == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["登录时间（北京时间）", "最近使用（北京时间）", "到期（北京时间）"]
    assert len(lines) == 3
    as_json = json.loads(cli("user", "sessions", "drc", "--json", db=db).stdout)
    assert [sorted(s) for s in as_json] == [["created", "expires", "last_seen"]] * 2
    # The table says Beijing time (UTC+8); --json keeps the stored UTC.
    created = dt.datetime.fromisoformat(as_json[0]["created"]) + dt.timedelta(hours=8)
    assert created.strftime("%Y-%m-%d %H:%M") in listed.stdout
    ended = cli("user", "sessions", "drc", "--end", db=db)
    assert ended.exit_code == 0
    assert "已结束 drc 的2个会话" in ended.stderr
    assert [session_user(engine, t) for t in tokens] == [None, None]
    assert "drc 当前没有登录会话" in cli("user", "sessions", "drc", db=db).stderr
    assert _last_user_audit(db) == (
        "cli",
        "end_sessions",
        None,
        {"name": "drc", "sessions": 2, "kept": False},
    )


def test_sessions_shows_when_a_session_ends_by_the_policy(cli, db):
    """Expires is the first of idle timeout and lifetime, with the serve environment's policy."""
    engine = _engine(db)
    open_session(engine, authenticate(engine, "drc", PASSWORD))
    env = {"PLANWATCH_SESSION_IDLE_MINUTES": "30"}
    [row] = json.loads(cli("user", "sessions", "drc", "--json", db=db, env=env).stdout)
    created, expires = (dt.datetime.fromisoformat(row[k]) for k in ("created", "expires"))
    assert expires - created == dt.timedelta(minutes=30)
    assert AccountPolicy().session_lifetime == dt.timedelta(hours=12)


def test_serve_names_its_security_options(cli):
    result = cli("serve", "--help")
    assert result.exit_code == 0
    for option in ("--secure-cookies", "--proxy-headers", "--forwarded-allow-ips"):
        assert option in result.stdout


def test_serve_refuses_a_bad_policy_before_starting(cli, tmp_path):
    env = {"PLANWATCH_LOGIN_LOCKOUT_MINUTES": "0"}
    result = cli("serve", db=tmp_path / "pw.sqlite", env=env)
    assert result.exit_code == 7
    assert "时间窗口、锁定和会话时长必须大于0" in result.stderr


def test_listing_no_users_says_how_to_add_one(cli, tmp_path):
    listed = cli("user", "list", db=tmp_path / "empty.sqlite")
    assert (listed.exit_code, listed.stderr) == (0, "")
    assert listed.stdout == "还没有用户。用 planwatch user add 用户名 --role admin 添加一个。\n"
    assert cli("user", "list", "--json", db=tmp_path / "empty.sqlite").stdout == "[]\n"
