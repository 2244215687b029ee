"""Accounts, observations and the audit log on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import pytest

from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import Period, PeriodKind
from planwatch.monitor import enter_figure
from planwatch.sources import save_document
from planwatch.store import migrated_engine
from planwatch.store.audit import list_audit
from planwatch.store.indicators import assign_department, list_indicators, target_history
from planwatch.store.observations import (
    BadObservation,
    Entry,
    StaleEdit,
    latest_observations,
    list_observations,
)
from planwatch.store.users import (
    AccountError,
    add_user,
    anonymous_read,
    authenticate,
    close_session,
    open_session,
    session_user,
    set_setting,
)

pytestmark = pytest.mark.postgres


@pytest.fixture
def engine(any_db_url):
    engine = migrated_engine(any_db_url)
    save_document(engine, read_document(SAMPLE_REPORT), "sample")
    return engine


def _gdp(engine) -> int:
    return next(i.id for i in list_indicators(engine) if i.name == "地区生产总值")


def test_password_is_hashed_and_checked(engine):
    add_user(engine, "统计员", "s3cret-pass", "department", "统计局")
    with engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM users").scalar()
    assert stored.startswith("$argon2") and "s3cret-pass" not in stored
    assert authenticate(engine, "统计员", "s3cret-pass").department == "统计局"
    assert authenticate(engine, "统计员", "wrong-pass") is None
    assert authenticate(engine, "nobody", "s3cret-pass") is None


@pytest.mark.parametrize(
    ("name", "password", "role", "department", "message"),
    [
        ("a", "short", "viewer", None, "密码至少8个字符"),  # "short" is 5 characters
        ("b", "long-enough", "boss", None, "未知角色“boss”"),  # no such role
        ("c", "long-enough", "department", None, "责任部门用户必须指定部门"),  # which one?
        ("", "long-enough", "viewer", None, "用户名不能为空"),  # no name
    ],
)
def test_bad_accounts_are_refused(engine, name, password, role, department, message):
    with pytest.raises(AccountError, match=message):
        add_user(engine, name, password, role, department)


def test_session_lifecycle(engine):
    user = add_user(engine, "drc", "long-enough", "editor")
    token = open_session(engine, user)
    assert session_user(engine, token) == user
    close_session(engine, token)
    assert session_user(engine, token) is None
    assert session_user(engine, "forged") is None


def test_anonymous_read_is_off_until_switched_on(engine):
    assert anonymous_read(engine) is False
    set_setting(engine, "anonymous_read", "on", "admin")
    assert anonymous_read(engine) is True


def test_stale_edit_is_refused_and_nothing_overwritten(engine):
    gdp, year = _gdp(engine), Period.of_year(2024)
    first = enter_figure(engine, Entry(gdp, year, "增长6.1%", "preliminary", version=1), "alice")
    assert first.version == 2
    with pytest.raises(StaleEdit):
        enter_figure(engine, Entry(gdp, year, "增长9%", "final", version=1), "bob")
    assert [o.phrase for o in list_observations(engine, gdp)] == ["增长6.1%"]


def test_new_period_then_duplicate_create_is_stale(engine):
    gdp = _gdp(engine)
    q1 = Period(kind=PeriodKind.QUARTER, year=2025, quarter=1)
    enter_figure(engine, Entry(gdp, q1, "增长5.2%", "preliminary", version=None), "alice")
    with pytest.raises(StaleEdit):
        enter_figure(engine, Entry(gdp, q1, "增长5.3%", "preliminary", version=None), "bob")
    assert latest_observations(engine, [gdp])[gdp].period == q1


def test_every_change_is_audited(engine):
    gdp = _gdp(engine)
    assign_department(engine, gdp, "统计局", "admin")
    enter_figure(engine, Entry(gdp, Period.of_year(2024), "增长6.2%", "final", version=1), "统计员")
    entries = list_audit(engine)
    assert [(e.actor, e.action, e.entity) for e in entries[:2]] == [
        ("统计员", "update", "observation"),
        ("admin", "assign", "indicator"),
    ]
    assert (entries[0].old["phrase"], entries[0].new["phrase"]) == ("增长6%", "增长6.2%")


def test_bad_observation_changes_nothing(engine):
    gdp = _gdp(engine)
    with pytest.raises(BadObservation):
        enter_figure(engine, Entry(gdp, Period.of_year(2024), "  ", "final", version=1), "x")
    with pytest.raises(BadObservation):
        enter_figure(engine, Entry(gdp, Period.of_year(2024), "增长1%", "guess", version=1), "x")
    assert list_observations(engine, gdp)[0].phrase == "增长6%"


def test_target_history_spans_both_tables(engine):
    history = target_history(engine, _gdp(engine))
    assert [(h.role, h.year, h.phrase) for h in history] == [
        ("review", 2024, "增长5%以上"),
        ("plan", 2025, "增长5%以上"),
    ]
