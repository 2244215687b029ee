"""The server-rendered pages: sign in, upload with preview, data entry, admin, audit."""

from __future__ import annotations

import re

import pytest

from planwatch.ingest import SAMPLE_REPORT
from test_web_support import GDP, RETAIL, csrf, login, make_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(f"sqlite:///{tmp_path_factory.mktemp('web') / 'pw.sqlite'}")


def test_signed_out_visitor_is_sent_to_login(site):
    response = site.client().get("/", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/"


def test_wrong_password_is_refused_in_chinese(site):
    client = site.client()
    response = client.post(
        "/login", data={"name": "admin", "password": "nope", "csrf_token": csrf(client)}
    )
    assert response.status_code == 401
    assert "用户名或密码不正确" in response.text


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example"])
def test_login_does_not_redirect_off_site(site, target):
    client = site.client()
    data = {"name": "admin", "password": "correct-horse-9", "csrf_token": csrf(client)}
    response = client.post("/login", data={**data, "next": target}, follow_redirects=False)
    assert response.headers["location"] == "/"


def test_upload_shows_preview_then_saves(site):
    client = site.client("drc")
    token = csrf(client)
    files = {"file": ("苏州.txt", SAMPLE_REPORT.read_bytes(), "text/plain")}
    preview = client.post("/upload", data={"csrf_token": token}, files=files)
    assert preview.status_code == 200
    assert "表1  2024年苏州市经济社会发展主要预期目标完成情况" in preview.text
    tables = re.findall(r'<table class="grid indicators".*?</table>', preview.text, re.S)
    assert [t.count('<tbody class="group">') for t in tables] == [7, 7]  # each category once
    assert [t.count("<tr>") for t in tables] == [1 + 45, 1 + 44]
    pending = re.search(r'name="token" value="([^"]+)"', preview.text).group(1)
    saved = client.post(
        "/upload/confirm", data={"csrf_token": token, "token": pending}, follow_redirects=False
    )
    assert saved.status_code == 303
    assert saved.headers["location"] == f"/plans/{site.plan_id}?saved=unchanged"


def test_unreadable_upload_gets_a_chinese_error(site):
    client = site.client("drc")
    files = {"file": ("x.bin", b"\x00\x01binary", "application/octet-stream")}
    response = client.post("/upload", data={"csrf_token": csrf(client)}, files=files)
    assert response.status_code == 415
    assert "无法识别的文件格式" in response.text and "Traceback" not in response.text


def test_viewer_cannot_upload(site):
    response = site.client("reader").get("/upload")
    assert response.status_code == 403
    assert "只有管理员和发改委编辑" in response.text


def test_department_sees_only_its_indicators(site):
    page = site.client("tongji").get("/entry")
    assert GDP in page.text and RETAIL not in page.text


def test_entry_refuses_a_stale_version(site):
    client = site.client("shangwu")
    url = f"/indicators/{site.ids[RETAIL]}/entry"
    form = client.get(url).text
    version = re.search(r'name="version" value="(\d+)"', form).group(1)
    loaded = re.search(r'name="loaded_period" value="([^"]*)"', form).group(1)
    data = {
        "csrf_token": csrf(client),
        "kind": "year",
        "year": "2024",
        "quality": "final",
        "phrase": "增长4.9%",
        "version": version,
        "loaded_period": loaded,
        "action": "save",
    }
    assert client.post(url, data=data, follow_redirects=False).status_code == 303
    again = client.post(url, data={**data, "phrase": "增长5.0%"})
    assert again.status_code == 409
    assert "已被他人修改" in again.text


def test_a_department_enters_a_quarter_from_the_years_form(site):
    """The form loads the year's value and version; choosing 季度 2025 Q1 and saving is a new
    entry for that quarter, not a stale edit of the year (issue 13's bug)."""
    client = site.client("tongji")
    url = f"/indicators/{site.ids[GDP]}/entry"
    form = client.get(url).text
    version = re.search(r'name="version" value="(\d*)"', form).group(1)
    loaded = re.search(r'name="loaded_period" value="([^"]*)"', form).group(1)
    assert loaded.startswith("year:")
    data = {
        "csrf_token": csrf(client),
        "kind": "quarter",
        "year": "2025",
        "quarter": "1",
        "quality": "final",
        "phrase": "增长5.6%",
        "version": version,
        "loaded_period": loaded,
        "action": "save",
    }
    assert client.post(url, data=data, follow_redirects=False).status_code == 303
    # the same stale form again: the quarter now exists, so it is refused, not overwritten
    again = client.post(url, data={**data, "phrase": "增长9.9%"})
    assert again.status_code == 409 and "已被他人修改" in again.text


def test_incomplete_period_is_explained(site):
    client = site.client("drc")
    data = {
        "csrf_token": csrf(client),
        "kind": "quarter",
        "year": "2025",
        "phrase": "增长5%",
        "quality": "final",
        "action": "save",
    }
    response = client.post(f"/indicators/{site.ids[GDP]}/entry", data=data)
    assert response.status_code == 422 and "期间不完整" in response.text


def test_admin_assigns_a_department_and_it_is_audited(site):
    client = site.client("admin")
    indicator = site.ids["固定资产投资"]
    token = login(client, "admin")
    client.post(
        f"/admin/indicators/{indicator}/department",
        data={"csrf_token": token, "department": "发改委投资处"},
    )
    audit = client.get("/audit").text
    assert "发改委投资处" in audit and "指定部门" in audit
    assert f"指标 #{indicator}" in audit and "<b>责任部门</b>" in audit  # no English labels
    assert "<b>department</b>" not in audit


def test_admin_switches_anonymous_reading(tmp_path):
    site = make_site(f"sqlite:///{tmp_path / 'anon.sqlite'}", {"admin": ("admin", None)})
    assert site.client().get("/api/plans").status_code == 401
    client = site.client("admin")
    client.post("/admin/settings", data={"csrf_token": csrf(client), "anonymous_read": "on"})
    assert site.client().get("/api/plans").status_code == 200
    # Reading is open now; writing is not. A bare POST carries neither a session nor the CSRF
    # cookie, so the CSRF check (which runs before anything else on /api) refuses it: 403.
    url = f"/api/indicators/{site.ids[GDP]}/observations"
    bare = site.client().post(url, json={})
    assert bare.status_code == 403 and "CSRF" in bare.json()["message"], bare.text
    # With the CSRF token and a complete figure, the one thing missing is an account: 401.
    anonymous = site.client()
    period = {"kind": "year", "year": 2024, "month": None, "quarter": None}
    body = {"period": period, "phrase": "增长5%", "version": None}
    refused = anonymous.post(url, json=body, headers={"X-CSRF-Token": csrf(anonymous)})
    assert refused.status_code == 401 and refused.json()["message"] == "请先登录", refused.text


def test_pages_load_nothing_from_other_hosts(site):
    page = site.client("admin").get("/admin")
    assert "Content-Security-Policy" in page.headers
    assert not re.search(r'(src|href)="(https?:)?//', page.text)


def test_upload_preview_warns_of_another_version_and_saves_only_with_replace(tmp_path):
    from planwatch.ingest import SAMPLE_REPORT
    from test_web_support import csrf, make_site

    site = make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    client = site.client("drc")
    cut = "".join(SAMPLE_REPORT.read_text(encoding="utf-8").splitlines(keepends=True)[:174])
    files = {"file": ("cut.txt", cut.encode("utf-8"), "text/plain")}
    preview = client.post("/upload", files=files, data={"csrf_token": csrf(client)})
    assert 'id="other-version"' in preview.text and f"计划 #{site.plan_id}" in preview.text
    token = preview.text.split('name="token" value="', 1)[1].split('"', 1)[0]
    refused = client.post("/upload/confirm", data={"token": token, "csrf_token": csrf(client)})
    assert refused.status_code == 409 and 'id="choose-replace"' in refused.text
    assert "/work" not in refused.text  # no server folder on the page
    saved = client.post(
        "/upload/confirm",
        data={"token": token, "replace": "on", "csrf_token": csrf(client)},
        follow_redirects=False,
    )
    assert saved.headers["location"] == f"/plans/{site.plan_id}?saved=updated"


def test_a_work_report_page_lists_its_sentences(site, real_corpus):
    from planwatch.ingest import read_document
    from planwatch.sources import save_document

    doc = read_document(real_corpus / "zhejiang_2026_gwr.txt")
    plan_id = save_document(site.app.state.engine, doc, "zhejiang").plan_id
    page = site.client("drc").get(f"/plans/{plan_id}")
    assert page.status_code == 200
    assert page.text.count('class="prose-row" data-role="target"') == 4
    assert "全省生产总值" in page.text and "增长5%—5.5%" in page.text
    # the five years' results are listed as such, never as goals
    results = page.text.count('class="prose-row" data-role="five_year_result"')
    assert results == len(doc.five_year_results) > 0
    assert "<td>五年成效</td>" in page.text
    assert page.text.count('class="commitment-row"') == sum(
        len(task.commitments) for task in doc.key_tasks
    )


def test_the_sample_page_lists_its_key_task_commitments(site):
    page = site.client("drc").get(f"/plans/{site.plan_id}")
    assert page.text.count('class="commitment-row"') == 8
    assert "186个" in page.text


def test_uploading_a_work_report_previews_its_sentences(site, real_corpus):
    client = site.client("drc")
    data = (real_corpus / "shanghai_2024_gwr_news.txt").read_bytes()
    files = {"file": ("上海2024.txt", data, "text/plain")}
    preview = client.post("/upload", data={"csrf_token": csrf(client)}, files=files)
    assert preview.status_code == 200
    assert preview.text.count('class="prose-row" data-role="target"') == 6
    assert "城镇调查失业率" in preview.text
