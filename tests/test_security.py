"""Security: department isolation, CSRF, escaping, SQL metacharacters, an API fuzz run."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from planwatch.store.indicators import assign_department
from planwatch.store.users import add_user
from test_web_support import GDP, RETAIL, bearer, csrf, make_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(f"sqlite:///{tmp_path_factory.mktemp('sec') / 'pw.sqlite'}")


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/indicators/{other}"),
        ("GET", "/indicators/{other}/entry"),
        ("GET", "/plans/{plan}"),
        ("GET", "/api/indicators/{other}"),
        ("GET", "/api/indicators/{other}/observations"),
        ("GET", "/api/plans/{plan}/targets"),
        ("GET", "/audit"),
    ],
)
def test_department_cannot_read_another_departments_data(site, method, path):
    client = site.client("tongji")
    url = path.format(other=site.ids[RETAIL], plan=site.plan_id)
    headers = {"Authorization": bearer(client, "tongji")["Authorization"]} if "/api/" in url else {}
    response = client.request(method, url, headers=headers)
    assert response.status_code == 403, url
    assert "4.8%" not in response.text  # 社会消费品零售总额's actual never leaks


def test_department_cannot_write_another_departments_data(site):
    client = site.client("tongji")
    url = f"/indicators/{site.ids[RETAIL]}/entry"
    form = {
        "csrf_token": csrf(client),
        "kind": "year",
        "year": "2024",
        "phrase": "增长99%",
        "quality": "final",
        "version": "1",
        "action": "save",
    }
    assert client.post(url, data=form).status_code == 403
    body = {"period": {"kind": "year", "year": 2024}, "phrase": "增长99%", "version": 1}
    api = client.post(
        f"/api/indicators/{site.ids[RETAIL]}/observations",
        json=body,
        headers=bearer(client, "tongji"),
    )
    assert api.status_code == 403
    reader = site.client("reader")
    listed = reader.get(
        f"/api/indicators/{site.ids[RETAIL]}/observations", headers=bearer(reader, "reader")
    ).json()
    assert [o["phrase"] for o in listed] == ["增长4.8%"]


def test_department_list_holds_only_its_own(site):
    client = site.client()
    names = [
        i["name"] for i in client.get("/api/indicators", headers=bearer(client, "tongji")).json()
    ]
    assert names == [GDP]


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/login", {"name": "admin", "password": "correct-horse-9"}),
        ("/admin/settings", {"anonymous_read": "on"}),
        ("/admin/users", {"name": "x", "password": "long-enough", "role": "admin"}),
        ("/logout", {}),
    ],
)
def test_forms_without_csrf_token_are_refused(site, path, data):
    client = site.client("admin")
    response = client.post(path, data=data)
    assert response.status_code == 403
    assert "CSRF" in response.text
    wrong = client.post(path, data={**data, "csrf_token": "forged"})
    assert wrong.status_code == 403


def test_cookie_session_api_write_needs_csrf_header(site):
    client = site.client("admin")
    url = f"/api/indicators/{site.ids[GDP]}/department"
    assert client.put(url, json={"department": "统计局"}).status_code == 403
    ok = client.put(url, json={"department": "统计局"}, headers={"X-CSRF-Token": csrf(client)})
    assert ok.status_code == 200


def test_html_in_names_is_escaped(tmp_path):
    site = make_site(f"sqlite:///{tmp_path / 'xss.sqlite'}", {"admin": ("admin", None)})
    engine = site.app.state.engine
    evil = '<script>alert("x")</script>局'
    assign_department(engine, site.ids[GDP], evil, "admin")
    add_user(engine, "<b>bold</b>", "long-enough", "department", evil)
    client = site.client("admin")
    for page in ("/admin", "/audit", f"/indicators/{site.ids[GDP]}/entry"):
        text = client.get(page).text
        assert "<script>alert" not in text and "<b>bold</b>" not in text
        assert "&lt;script&gt;alert" in text or "&lt;b&gt;bold" in text


# Each string is entered for a year of its own: the site is shared by the module, and a second
# new figure for a period that has one already would be refused as stale (409).
@pytest.mark.parametrize(
    ("nasty", "year"),
    [
        ("'; DROP TABLE users; --", 2030),
        ('" OR 1=1 --', 2031),
        ("统计局' OR '1'='1", 2032),
        ("%_\\", 2033),
    ],
)
def test_sql_metacharacters_are_plain_text(site, nasty, year):
    client = site.client("admin")
    headers = bearer(client, "admin")
    assert client.post("/api/session", json={"name": nasty, "password": nasty}).status_code == 401
    url = f"/api/indicators/{site.ids['固定资产投资']}/department"
    assert (
        client.put(url, json={"department": nasty}, headers=headers).json()["department"] == nasty
    )
    url = f"/api/indicators/{site.ids['固定资产投资']}/observations"
    period = {"kind": "year", "year": year, "month": None, "quarter": None}
    # As a phrase it is refused by the grammar (422); as a note and source it is kept verbatim.
    refused = client.post(
        url, json={"period": period, "phrase": nasty, "version": None}, headers=headers
    )
    assert refused.status_code == 422
    body = {"period": period, "phrase": "增长5%", "note": nasty, "source": nasty, "version": None}
    obs = client.post(url, json=body, headers=headers)
    assert obs.status_code == 201, obs.text  # a new figure for a period that had none
    assert (obs.json()["note"], obs.json()["source"]) == (nasty, nasty)
    stored = client.get(url, headers=headers).json()
    assert [(o["note"], o["source"]) for o in stored if o["period"]["year"] == year] == [
        (nasty, nasty)
    ]
    assert len(client.get("/api/plans", headers=headers).json()) == 1
    assert client.get("/api/indicators?plan_id=1", headers=headers).status_code == 200


def test_api_fuzz_finds_no_server_error(tmp_path):
    """Random requests (schemathesis, bounded) on every operation as the admin: never a 500.

    Signing out (DELETE /api/session) would end the run's own session; test_api covers it.
    """
    site = make_site(f"sqlite:///{tmp_path / 'fuzz.sqlite'}", {"admin": ("admin", None)})
    headers = bearer(site.client(), "admin")
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", site.app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 14
    for operation in operations:
        if operation.method.upper() == "DELETE":
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        def no_server_error(case):
            response = case.call(headers=headers)
            assert response.status_code < 500, (case.method, case.formatted_path, response.text)

        no_server_error()
