"""A department's previews and reasons never quote a figure it may not read.

居民人均可支配收入's target ``与经济增长基本同步`` is judged against 地区生产总值's actual. When
商务局 owns the income indicator and 统计局 the GDP, 商务局's entry preview (form and API) and
its indicator page judge without the GDP figure: a verdict its own phrase states still counts,
anything that needs the figure is 无法评估, naming GDP but never its value. Nor can previewing
phrase after phrase find the value: every growth rate gets the same answer.
"""

from __future__ import annotations

import pytest

from planwatch.store.indicators import assign_department
from planwatch.store.observations import list_observations
from test_web_support import GDP, bearer, csrf, make_site

INCOME = "居民人均可支配收入"
ENTERED_GDP = "增长7.3%"
HIDDEN = "参照指标“地区生产总值”的数值无权查看，无法判断是否达到目标“与经济增长基本同步”"


@pytest.fixture
def site(tmp_path):
    """The sample site; income assigned to 商务局, and 统计局's own 2024 GDP entered."""
    site = make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    engine = site.app.state.engine
    assign_department(engine, site.ids[INCOME], "商务局", "admin")
    client = site.client()
    [printed] = list_observations(engine, site.ids[GDP])
    body = {"period": {"year": 2024}, "phrase": ENTERED_GDP, "version": printed.version}
    url = f"/api/indicators/{site.ids[GDP]}/observations"
    assert client.post(url, json=body, headers=bearer(client, "tongji")).status_code == 201
    return site


def _preview(site, who: str, phrase: str) -> dict:
    client = site.client()
    response = client.post(
        f"/api/indicators/{site.ids[INCOME]}/observations/preview",
        json={"period": {"year": 2024}, "phrase": phrase},
        headers=bearer(client, who),
    )
    assert response.status_code == 200, response.text
    return response.json()


def test_the_api_preview_of_a_department_does_not_quote_the_gdp(site):
    preview = _preview(site, "shangwu", "增长5%")
    assert preview == {"parsed": "增速 增长5%", "status": "unassessable", "reason": HIDDEN}
    assert "7.3" not in str(preview)


def test_an_editor_who_may_read_the_gdp_gets_the_judgement_with_it(site):
    preview = _preview(site, "drc", "增长5%")
    assert preview["status"] == "not_met"
    assert "低于地区生产总值增速（增长7.3%）2.3个百分点" in preview["reason"]


def test_previewing_phrase_after_phrase_finds_nothing(site):
    """Status alone would leak the value by halving; every rate gets the same answer."""
    rates = ("0.1", "5", "7.3", "7.4", "30")
    previews = [_preview(site, "shangwu", f"增长{rate}%") for rate in rates]
    assert {(p["status"], p["reason"]) for p in previews} == {("unassessable", HIDDEN)}


def test_a_verdict_the_phrase_states_itself_is_still_judged(site):
    preview = _preview(site, "shangwu", "与经济增长基本同步")
    assert preview["status"] == "met" and "地区生产总值" not in preview["reason"]


def test_an_unassigned_gdp_is_not_readable_by_a_department_either(site):
    assign_department(site.app.state.engine, site.ids[GDP], None, "admin")
    assert _preview(site, "shangwu", "增长5%")["reason"] == HIDDEN


def test_a_department_owning_both_judges_with_the_figure(site):
    assign_department(site.app.state.engine, site.ids[INCOME], "统计局", "admin")
    assert "增长7.3%" in _preview(site, "tongji", "增长5%")["reason"]


def test_the_entry_form_preview_of_a_department(site):
    client = site.client("shangwu")
    page = client.post(
        f"/indicators/{site.ids[INCOME]}/entry",
        data={"csrf_token": csrf(client), "phrase": "增长5%", "year": "2024", "action": "preview"},
    )
    assert page.status_code == 200
    assert "数值无权查看" in page.text and "7.3" not in page.text


def test_the_indicator_page_reason_of_a_department(site):
    income = site.ids[INCOME]
    client = site.client()
    [printed] = list_observations(site.app.state.engine, income)
    body = {"period": {"year": 2024}, "phrase": "增长5%", "version": printed.version}
    url = f"/api/indicators/{income}/observations"
    assert client.post(url, json=body, headers=bearer(client, "shangwu")).status_code == 201
    own = site.client("shangwu").get(f"/indicators/{income}")
    assert own.status_code == 200
    assert "数值无权查看" in own.text and "7.3" not in own.text
    editor = site.client("drc").get(f"/indicators/{income}")
    assert "低于地区生产总值增速（增长7.3%）" in editor.text
