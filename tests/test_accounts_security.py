"""Accounts that resist attack: sign-in throttling and lockout, audited attempts, session idle
timeout and lifetime, Secure cookies, trusted proxies, and the admin and own-account pages.

The real app on a real database (``make_site``); time is a clock injected through the app's
``AccountPolicy``, so a 15-minute lockout passes without sleeping.
"""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store import AccountPolicy, list_audit, list_users
from planwatch.store.users import SessionRecord
from test_web_support import PASSWORD, Site, csrf, login, make_site

START = dt.datetime(2025, 3, 1, 8, 0, 0)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def _site(url: str, clock: Clock, **policy) -> Site:
    site = make_site(url)
    site.app.state.account_policy = AccountPolicy(clock=clock, **policy)
    return site


@pytest.fixture
def site(sqlite_url: str, clock: Clock) -> Site:
    return _site(sqlite_url, clock)


def client_at(site: Site, address: str) -> TestClient:
    return TestClient(site.app, raise_server_exceptions=False, client=(address, 50000))


def api_login(client: TestClient, name: str, password: str = PASSWORD):
    return client.post("/api/session", json={"name": name, "password": password})


def form_login(client: TestClient, name: str, password: str = PASSWORD):
    data = {"name": name, "password": password, "csrf_token": csrf(client)}
    return client.post("/login", data=data, follow_redirects=False)


def login_audit(site: Site) -> list[tuple[str, str, str, str]]:
    """(action, name, address, result) of the login entries, oldest first."""
    entries = list_audit(site.app.state.engine, entity="login", limit=1000)
    return [
        (e.action, e.new["name"], e.new["address"], e.new["result"])
        for e in reversed(entries)
        if e.new
    ]


def test_scripted_brute_force_is_locked_out_until_the_lockout_passes(any_db_url, clock):
    """5 wrong passwords, then the right one is refused (429) from anywhere for 15 minutes,
    while another account still signs in; afterwards the right password works again."""
    site = _site(any_db_url, clock)
    attacker, elsewhere = client_at(site, "198.51.100.7"), client_at(site, "203.0.113.9")
    for guess in range(5):
        wrong = api_login(attacker, "admin", f"guess-{guess}")
        assert wrong.status_code == 401
        assert wrong.json()["message"] == "用户名或密码不正确"
        clock.advance(seconds=10)
    refused = api_login(attacker, "admin")
    assert refused.status_code == 429
    # The 5th failure came at 0:40 and locks until 15:40; it is now 0:50.
    assert refused.headers["Retry-After"] == str(15 * 60 - 10)
    assert refused.json() == {
        "error": "LoginLocked",
        "message": "该账户的登录失败次数过多，已暂时锁定，请在15分钟后再试",
        "message_en": "too many failed sign-ins for this account: try again in 15 minutes",
        "retry_after": 15 * 60 - 10,
    }
    from_elsewhere = api_login(elsewhere, "admin")
    assert from_elsewhere.status_code == 429
    assert api_login(attacker, "drc").status_code == 200  # the address itself is not locked
    clock.advance(minutes=10)
    later = api_login(elsewhere, "admin")
    assert later.status_code == 429
    assert later.headers["Retry-After"] == str(5 * 60 - 10)
    assert "请在5分钟后再试" in later.json()["message"]
    clock.advance(seconds=5 * 60 - 11)
    assert api_login(elsewhere, "admin").status_code == 429  # one second before 15:40
    clock.advance(seconds=1)
    assert api_login(elsewhere, "admin").status_code == 200
    assert login_audit(site) == [
        *[("login_failed", "admin", "198.51.100.7", "wrong_password")] * 5,
        ("login_refused", "admin", "198.51.100.7", "account_locked"),
        ("login_refused", "admin", "203.0.113.9", "account_locked"),
        ("login", "drc", "198.51.100.7", "ok"),
        ("login_refused", "admin", "203.0.113.9", "account_locked"),
        ("login_refused", "admin", "203.0.113.9", "account_locked"),
        ("login", "admin", "203.0.113.9", "ok"),
    ]


def test_attempts_while_locked_do_not_extend_the_lock(site, clock):
    attacker = client_at(site, "198.51.100.7")
    for _ in range(5):
        assert api_login(attacker, "drc", "wrong-password").status_code == 401
    for _ in range(30):  # a script that does not stop
        clock.advance(seconds=29)
        assert api_login(attacker, "drc", "wrong-password").status_code == 429
    clock.advance(seconds=15 * 60 - 30 * 29)
    assert api_login(attacker, "drc").status_code == 200


def test_the_login_form_answers_a_locked_account_with_429_and_when(site, clock):
    browser = site.client()
    for _ in range(5):
        assert form_login(browser, "drc", "wrong-password").status_code == 401
    clock.advance(minutes=3)
    refused = form_login(browser, "drc")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(12 * 60)
    assert "该账户的登录失败次数过多，已暂时锁定，请在12分钟后再试" in refused.text
    assert "pw_session" not in refused.cookies
    # Both doors share one lock: the API is refused too.
    assert api_login(site.client(), "drc").status_code == 429


def test_one_address_is_refused_after_20_failures_whoever_signs_in(site, clock):
    """20 wrong passwords from one address, over many names and around a successful sign-in
    from it (which does not reset the address's count), refuse that address for everyone."""
    attacker, colleague = client_at(site, "198.51.100.7"), client_at(site, "203.0.113.9")
    for guess in range(19):  # 19 names, none of which reaches its own limit
        assert api_login(attacker, f"name-{guess}", "wrong-password").status_code == 401
    assert api_login(attacker, "reader").status_code == 200
    assert api_login(attacker, "name-99", "wrong-password").status_code == 401
    refused = api_login(attacker, "drc")
    assert refused.status_code == 429
    assert (
        refused.json()["message"]
        == "来自您所在地址的登录失败次数过多，已暂时锁定，请在15分钟后再试"
    )
    assert api_login(colleague, "drc").status_code == 200
    clock.advance(minutes=15)
    assert api_login(attacker, "drc").status_code == 200


def test_unknown_names_are_locked_alike_and_cost_a_hash(site, monkeypatch):
    """A lockout must not tell which names exist, nor may the time a wrong guess takes."""
    from planwatch.store import users

    hashed: list[str] = []
    real = users._hasher

    class Spy:
        def hash(self, password: str) -> str:
            hashed.append(password)
            return real().hash(password)

    monkeypatch.setattr(users, "_hasher", Spy)
    attacker = client_at(site, "198.51.100.7")
    for _ in range(5):
        assert api_login(attacker, "nobody", "guess-password").status_code == 401
    assert hashed == ["guess-password"] * 5
    assert api_login(attacker, "nobody", "guess-password").status_code == 429
    assert login_audit(site)[0] == ("login_failed", "nobody", "198.51.100.7", "unknown_name")


def test_a_success_starts_the_account_count_afresh(site, clock):
    user = client_at(site, "198.51.100.7")
    for _ in range(4):
        assert api_login(user, "drc", "typo-password").status_code == 401
    assert api_login(user, "drc").status_code == 200
    for _ in range(4):
        assert api_login(user, "drc", "typo-password").status_code == 401
    assert api_login(user, "drc").status_code == 200


def test_no_audit_entry_holds_a_password(site):
    attacker = client_at(site, "198.51.100.7")
    api_login(attacker, "admin", "hunter2-secret")
    api_login(attacker, "admin")
    text = repr(list_audit(site.app.state.engine, limit=1000))
    assert "hunter2-secret" not in text and PASSWORD not in text


def _session_row(site: Site) -> SessionRecord:
    with Session(site.app.state.engine) as session:
        return session.scalars(select(SessionRecord).order_by(SessionRecord.id.desc())).first()


def test_a_session_ends_after_two_idle_hours(site, clock):
    browser = site.client("drc")
    clock.advance(hours=1, minutes=59)
    assert browser.get("/entry").status_code == 200
    clock.advance(hours=1, minutes=59)  # counted from the last request, not the sign-in
    assert browser.get("/entry").status_code == 200
    clock.advance(hours=2)
    gone = browser.get("/entry", follow_redirects=False)
    assert gone.status_code == 303 and gone.headers["location"] == "/login?next=/entry"
    assert _session_row(site) is None  # a dead session is deleted


def test_a_session_ends_after_twelve_hours_however_busy(site, clock):
    browser = site.client("drc")
    for _ in range(11):
        clock.advance(hours=1)
        assert browser.get("/entry").status_code == 200
    clock.advance(minutes=59)
    assert browser.get("/entry").status_code == 200
    clock.advance(minutes=1)
    assert browser.get("/entry", follow_redirects=False).status_code == 303


def test_last_seen_is_written_at_most_once_a_minute(site, clock):
    browser = site.client("drc")
    assert _session_row(site).last_seen_at == START
    clock.advance(seconds=59)
    browser.get("/entry")
    assert _session_row(site).last_seen_at == START
    clock.advance(seconds=1)
    browser.get("/entry")
    assert _session_row(site).last_seen_at == START + dt.timedelta(minutes=1)


def test_the_session_lifetimes_come_from_the_policy(sqlite_url, clock):
    site = _site(sqlite_url, clock, session_idle=dt.timedelta(minutes=5))
    browser = site.client("drc")
    clock.advance(minutes=5)
    assert browser.get("/entry", follow_redirects=False).status_code == 303


def _set_cookies(response) -> dict[str, str]:
    return {header.split("=", 1)[0]: header for header in response.headers.get_list("set-cookie")}


@pytest.mark.parametrize("secure", [True, False])
def test_secure_cookies_flag_the_session_and_csrf_cookies(sqlite_url, secure):
    from planwatch.store import add_user
    from planwatch.web import create_app

    app = create_app(sqlite_url, secure_cookies=secure)
    add_user(app.state.engine, "drc", PASSWORD, "editor")
    client = TestClient(app, base_url="https://testserver")
    page = client.get("/login")
    csrf_cookie = _set_cookies(page)["pw_csrf"]
    signed = client.post(
        "/login",
        data={"name": "drc", "password": PASSWORD, "csrf_token": client.cookies["pw_csrf"]},
        follow_redirects=False,
    )
    session_cookie = _set_cookies(signed)["pw_session"]
    assert ("; Secure" in csrf_cookie) is secure
    assert ("; secure" in session_cookie.lower()) is secure
    assert "Max-Age=43200" in session_cookie and "HttpOnly" in session_cookie


def test_app_from_environment_reads_the_policy_and_the_cookie_flag(sqlite_url, monkeypatch):
    from planwatch.web.app import app_from_environment

    monkeypatch.setenv("PLANWATCH_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("PLANWATCH_SECURE_COOKIES", "1")
    monkeypatch.setenv("PLANWATCH_LOGIN_ACCOUNT_FAILURES", "3")
    monkeypatch.setenv("PLANWATCH_LOGIN_LOCKOUT_MINUTES", "60")
    monkeypatch.setenv("PLANWATCH_SESSION_IDLE_MINUTES", "30")
    app = app_from_environment()
    assert app.state.secure_cookies is True
    assert app.state.account_policy == AccountPolicy(
        account_failures=3,
        lockout=dt.timedelta(hours=1),
        session_idle=dt.timedelta(minutes=30),
    )


def test_a_bad_policy_variable_is_refused_in_chinese():
    from planwatch.errors import AccountError

    with pytest.raises(
        AccountError, match="环境变量PLANWATCH_LOGIN_WINDOW_MINUTES的值“soon”不是数字"
    ):
        AccountPolicy.from_environment({"PLANWATCH_LOGIN_WINDOW_MINUTES": "soon"})
    with pytest.raises(AccountError, match="登录失败次数上限必须至少为1"):
        AccountPolicy.from_environment({"PLANWATCH_LOGIN_ADDRESS_FAILURES": "0"})


def test_forwarded_addresses_count_only_from_a_trusted_proxy(site):
    """uvicorn's proxy-header handling (``serve --proxy-headers``): X-Forwarded-For is the
    client's address when the connection comes from a trusted proxy, and ignored otherwise."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    proxied = ProxyHeadersMiddleware(site.app, trusted_hosts="10.0.0.1")
    forwarded = {"X-Forwarded-For": "203.0.113.50"}
    via_proxy = TestClient(proxied, client=("10.0.0.1", 40000))
    spoofer = TestClient(proxied, client=("10.9.9.9", 40000))
    via_proxy.post("/api/session", json={"name": "drc", "password": "x"}, headers=forwarded)
    spoofer.post("/api/session", json={"name": "drc", "password": "x"}, headers=forwarded)
    assert [address for _, _, address, _ in login_audit(site)] == ["203.0.113.50", "10.9.9.9"]


# The admin page and the user's own account page.


def _post(client: TestClient, path: str, token: str, **data: str):
    return client.post(path, data={**data, "csrf_token": token}, follow_redirects=False)


def _change(client: TestClient, token: str, current: str, password: str, confirm: str):
    data = {"current": current, "password": password, "confirm": confirm}
    return _post(client, "/account/password", token, **data)


def _id(name: str, site: Site) -> int:
    return next(u.id for u in list_users(site.app.state.engine) if u.name == name)


def test_admin_resets_a_password_and_the_old_sessions_end(site):
    admin = site.client()
    token = login(admin, "admin")
    drc = site.client("drc")
    done = _post(admin, f"/admin/users/{_id('drc', site)}/password", token, password="new-pass-123")
    assert done.status_code == 303
    assert drc.get("/entry", follow_redirects=False).status_code == 303
    assert api_login(site.client(), "drc").status_code == 401
    assert api_login(site.client(), "drc", "new-pass-123").status_code == 200
    assert admin.get("/admin").status_code == 200  # the admin's own session is untouched
    entry = list_audit(site.app.state.engine, entity="user")[0]
    assert (entry.actor, entry.action, entry.new) == ("admin", "password", {"name": "drc"})


def test_admin_disables_and_enables_an_account(site):
    admin = site.client()
    token = login(admin, "admin")
    reader = site.client("reader")
    path = f"/admin/users/{_id('reader', site)}/active"
    assert _post(admin, path, token, active="off").status_code == 303
    assert reader.get("/", follow_redirects=False).status_code == 303
    assert form_login(site.client(), "reader").status_code == 401
    assert "已停用" in admin.get("/admin").text
    assert _post(admin, path, token, active="on").status_code == 303
    assert form_login(site.client(), "reader").status_code == 303
    assert [(e.action, e.new) for e in list_audit(site.app.state.engine, entity="user")][:2] == [
        ("enable", {"name": "reader", "active": True}),
        ("disable", {"name": "reader", "active": False}),
    ]


def test_enabling_lifts_a_lockout(site):
    for _ in range(5):
        api_login(site.client(), "reader", "wrong-password")
    assert api_login(site.client(), "reader").status_code == 429
    admin = site.client()
    token = login(admin, "admin")
    _post(admin, f"/admin/users/{_id('reader', site)}/active", token, active="on")
    assert api_login(site.client(), "reader").status_code == 200


def test_admin_cannot_disable_themselves_nor_the_last_admin(site):
    admin = site.client()
    token = login(admin, "admin")
    own = _post(admin, f"/admin/users/{_id('admin', site)}/active", token, active="off")
    assert own.status_code == 422 and "不能停用自己正在使用的账户" in own.text
    demoted = _post(admin, f"/admin/users/{_id('admin', site)}/role", token, role="viewer")
    assert demoted.status_code == 422
    assert "“admin”是唯一启用的管理员，不能停用或改为其他角色" in demoted.text


def test_admin_changes_a_role_and_department(site):
    admin = site.client()
    token = login(admin, "admin")
    path = f"/admin/users/{_id('reader', site)}/role"
    bad = _post(admin, path, token, role="department")
    assert bad.status_code == 422 and "责任部门用户必须指定部门" in bad.text
    assert _post(admin, path, token, role="boss").status_code == 422
    assert _post(admin, path, token, role="department", department="统计局").status_code == 303
    reader = next(u for u in list_users(site.app.state.engine) if u.name == "reader")
    assert (reader.role.value, reader.department) == ("department", "统计局")
    entry = list_audit(site.app.state.engine, entity="user")[0]
    assert (entry.old, entry.new) == (
        {"role": "viewer", "department": None},
        {"role": "department", "department": "统计局"},
    )


def test_admin_ends_an_accounts_sessions(site):
    admin = site.client()
    token = login(admin, "admin")
    phone, laptop = site.client("drc"), site.client("drc")
    assert _post(admin, f"/admin/users/{_id('drc', site)}/sessions/end", token).status_code == 303
    assert phone.get("/entry", follow_redirects=False).status_code == 303
    assert laptop.get("/entry", follow_redirects=False).status_code == 303
    entry = list_audit(site.app.state.engine, entity="user")[0]
    assert (entry.action, entry.new) == (
        "end_sessions",
        {"name": "drc", "sessions": 2, "kept": False},
    )


def test_the_new_admin_forms_need_the_csrf_token(site):
    admin = site.client()
    login(admin, "admin")
    drc = _id("drc", site)
    for path, data in [
        (f"/admin/users/{drc}/password", {"password": "new-pass-123"}),
        (f"/admin/users/{drc}/active", {"active": "off"}),
        (f"/admin/users/{drc}/role", {"role": "viewer"}),
        (f"/admin/users/{drc}/sessions/end", {}),
        ("/account/sessions/end", {}),
    ]:
        assert admin.post(path, data=data).status_code == 403, path
    assert api_login(site.client(), "drc").status_code == 200


def test_only_admins_manage_accounts(site):
    drc = site.client()
    token = login(drc, "drc")
    refused = _post(drc, f"/admin/users/{_id('reader', site)}/active", token, active="off")
    assert refused.status_code == 403


def test_a_user_changes_their_own_password_and_their_other_sessions_end(site):
    here = site.client()
    token = login(here, "tongji")
    there = site.client("tongji")
    page = here.get("/account")
    assert page.status_code == 200 and "修改密码" in page.text
    assert page.text.count("<tr><td>") == 2  # two live sessions listed
    wrong = _change(here, token, "nope", "new-pass-123", "new-pass-123")
    assert wrong.status_code == 422 and "当前密码不正确" in wrong.text
    mismatch = _change(here, token, PASSWORD, "new-pass-123", "new-pass-124")
    assert mismatch.status_code == 422 and "两次输入的新密码不一致" in mismatch.text
    changed = _change(here, token, PASSWORD, "new-pass-123", "new-pass-123")
    assert changed.status_code == 303
    assert "其他1个会话已退出" in here.get(changed.headers["location"]).text
    assert here.get("/entry").status_code == 200
    assert there.get("/entry", follow_redirects=False).status_code == 303
    assert api_login(site.client(), "tongji").status_code == 401
    assert api_login(site.client(), "tongji", "new-pass-123").status_code == 200


def test_wrong_current_passwords_count_towards_the_lockout(site):
    here = site.client()
    token = login(here, "tongji")
    for _ in range(5):
        _post(here, "/account/password", token, current="nope", password="x" * 8, confirm="x" * 8)
    refused = _change(here, token, PASSWORD, "new-pass-123", "new-pass-123")
    assert refused.status_code == 429 and "请在15分钟后再试" in refused.text


def test_a_user_ends_their_other_sessions(site):
    here = site.client()
    token = login(here, "tongji")
    there = site.client("tongji")
    done = _post(here, "/account/sessions/end", token)
    assert (
        done.status_code == 303 and "已退出其他1个会话" in here.get(done.headers["location"]).text
    )
    assert there.get("/entry", follow_redirects=False).status_code == 303
    assert here.get("/entry").status_code == 200


def test_the_account_page_needs_a_sign_in(site):
    response = site.client().get("/account", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login?next=/account"
