"""Monitoring pages over HTTP: permissions, bad input answered in Chinese, the late CSV."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.clock import beijing_today
from planwatch.store.requests import request_figures
from test_web_support import GDP, RETAIL, csrf, make_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(f"sqlite:///{tmp_path_factory.mktemp('mon') / 'pw.sqlite'}")


def test_the_board_renders_for_a_reader_and_refuses_another_year(site):
    client = site.client("reader")
    page = client.get(f"/plans/{site.plan_id}/monitor?period=2025-06")
    assert page.status_code == 200 and "2025年1-6月年内监测" in page.text
    assert "审核与调整" not in page.text  # a viewer reviews nothing
    wrong = client.get(f"/plans/{site.plan_id}/monitor?period=2031-06")
    assert wrong.status_code == 404 and "没有2031年的计划目标表" in wrong.text
    bad = client.get(f"/plans/{site.plan_id}/monitor?period=六月")
    assert bad.status_code == 400 and "应写成" in bad.text


def test_a_department_cannot_request_review_or_override(site):
    client = site.client("tongji")
    token = csrf(client)
    response = client.post(
        f"/plans/{site.plan_id}/requests", data={"csrf_token": token, "periods": "2025-06"}
    )
    assert response.status_code == 403


def test_an_override_without_reason_is_refused(site):
    client = site.client("drc")
    data = {"csrf_token": csrf(client), "indicator_id": site.ids[GDP], "period": "2025-06"}
    response = client.post(f"/plans/{site.plan_id}/override", data={**data, "status": "behind"})
    assert response.status_code == 422 and "必须填写理由" in response.text


def test_bulletin_formats(site):
    client = site.client("reader")
    url = f"/plans/{site.plan_id}/bulletin?period=2025Q2"
    markdown = client.get(url + "&format=md")
    assert markdown.status_code == 200 and "2025年第2季度，44项指标中" in markdown.text
    assert client.get(url + "&format=pdf").status_code == 400


def test_late_csv_opens_in_excel_and_a_department_sees_its_own(site):
    engine = site.app.state.engine
    from planwatch.monitor import parse_period

    request_figures(engine, list(site.ids.values()), [parse_period("2025-01")], "drc")
    everyone = site.client("drc").get("/late.csv")
    assert everyone.content.startswith("\ufeff责任部门".encode())
    assert everyone.text.count("\r\n") - 1 >= len(site.ids) - 1
    today = beijing_today()  # the page's date is Beijing's
    assert str((today - dt.date(2025, 2, 10)).days) in everyone.text
    own = site.client("shangwu").get("/late.csv").text
    assert RETAIL in own and GDP not in own
