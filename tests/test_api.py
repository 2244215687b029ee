"""The REST API on SQLite and on PostgreSQL: plans, indicators, observations, diff, audit."""

from __future__ import annotations

import pytest

from planwatch.ingest import SAMPLE_REPORT
from test_web_support import GDP, RETAIL, bearer, make_site

pytestmark = pytest.mark.postgres


@pytest.fixture
def site(any_db_url):
    return make_site(any_db_url)


def test_sign_in_returns_a_working_token(site):
    client = site.client()
    headers = bearer(client, "drc")
    assert client.get("/api/me", headers=headers).json() == {
        "name": "drc",
        "role": "editor",
        "department": None,
    }
    assert client.delete("/api/session", headers=headers).status_code == 200
    assert client.get("/api/plans", headers=headers).status_code == 401


def test_wrong_password_is_401_with_chinese_message(site):
    response = site.client().post("/api/session", json={"name": "drc", "password": "x"})
    assert response.status_code == 401
    assert response.json()["message"] == "用户名或密码不正确"
    assert response.json()["message_en"] == "wrong user name or password"


def test_plans_and_targets(site):
    client = site.client()
    headers = bearer(client, "reader")
    plans = client.get("/api/plans", headers=headers).json()
    assert [(p["jurisdiction"], p["review_year"], p["plan_year"]) for p in plans] == [
        ("苏州市", 2024, 2025)
    ]
    rows = client.get(f"/api/plans/{site.plan_id}/targets", headers=headers).json()
    review = [r for r in rows if r["role"] == "review"]
    assert len(review) == 45 and len(rows) == 45 + 44
    assert review[0]["name"] == GDP and review[0]["target"] == "增长5%以上"


def test_unknown_plan_is_404_json(site):
    client = site.client()
    response = client.get("/api/plans/999", headers=bearer(client, "reader"))
    assert response.status_code == 404
    assert response.json()["error"] == "PlanNotFound"


def test_upload_dry_run_then_store(site):
    client = site.client()
    headers = bearer(client, "drc")
    files = {"file": ("report.txt", SAMPLE_REPORT.read_bytes(), "text/plain")}
    dry = client.post("/api/plans?dry_run=true", files=files, headers=headers).json()
    assert dry["status"] == "preview" and len(dry["document"]["tables"][0]["rows"]) == 45
    stored = client.post("/api/plans", files=files, headers=headers).json()
    assert (stored["plan_id"], stored["status"]) == (site.plan_id, "unchanged")


def test_observation_round_trip_with_versions(site):
    client = site.client()
    headers = bearer(client, "tongji")
    url = f"/api/indicators/{site.ids[GDP]}/observations"
    body = {
        "period": {"kind": "quarter", "year": 2025, "quarter": 1},
        "phrase": "增长5.6%",
        "quality": "preliminary",
        "note": "一季度",
        "source": "统计局快报",
    }
    created = client.post(url, json=body, headers=headers)
    assert created.status_code == 201 and created.json()["version"] == 1
    stale = client.post(url, json={**body, "phrase": "增长5.7%"}, headers=headers)
    assert stale.status_code == 409 and "已被他人修改" in stale.json()["message"]
    updated = client.post(url, json={**body, "phrase": "增长5.7%", "version": 1}, headers=headers)
    assert updated.json()["version"] == 2
    listed = client.get(url, headers=headers).json()
    assert [(o["period_label"], o["phrase"]) for o in listed] == [
        ("2024年", "增长6%"),
        ("2025年第1季度", "增长5.7%"),
    ]


def test_admin_assigns_department_by_api(site):
    client = site.client()
    headers = bearer(client, "admin")
    url = f"/api/indicators/{site.ids['进出口总额']}/department"
    assert client.put(url, json={"department": "商务局"}, headers=headers).status_code == 200
    mine = client.get("/api/indicators", headers=bearer(client, "shangwu")).json()
    assert sorted(i["name"] for i in mine) == sorted([RETAIL, "进出口总额"])


def test_diff_of_the_sample(site):
    client = site.client()
    diff = client.get(f"/api/plans/{site.plan_id}/diff", headers=bearer(client, "reader")).json()
    assert (diff["from"], diff["to"]) == (2024, 2025)
    assert len(diff["unchanged"]) + len(diff["renamed"]) + len(diff["replaced"]) > 30


def test_audit_lists_the_changes(site):
    client = site.client()
    headers = bearer(client, "admin")
    entries = client.get("/api/audit", headers=headers).json()
    assigned = [e for e in entries if e["action"] == "assign"]
    assert {e["new"]["department"] for e in assigned} == {"统计局", "商务局"}


@pytest.mark.parametrize(
    ("body", "headers", "status", "message"),
    [
        (b"garbage", {}, 422, "请求参数不正确"),
        (b'{"name": "x"}', {"Content-Type": "text/plain"}, 422, "请求参数不正确"),
        (b"garbage \xff", {"Content-Type": "application/json"}, 400, "请求无法处理"),
    ],
)
def test_a_body_that_is_not_json_is_a_4xx_not_a_500(site, body, headers, status, message):
    response = site.client().post("/api/session", content=body, headers=headers)
    assert response.status_code == status
    assert response.json()["message"].startswith(message)


def test_an_unreadable_actual_is_refused_by_the_api(site):
    from test_web_support import bearer

    client = site.client()
    body = {"period": {"kind": "year", "year": 2025}, "phrase": "好得很", "quality": "final"}
    url = f"/api/indicators/{site.ids[GDP]}/observations"
    response = client.post(url, json={**body, "version": None}, headers=bearer(client, "drc"))
    assert response.status_code == 422
    assert "无法识别完成情况“好得很”" in response.json()["message"]
