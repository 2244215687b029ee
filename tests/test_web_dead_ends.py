"""Issue #15 item 7: the web's dead ends, on the real app and a real SQLite file.

Another version of a stored report gets a page that says what differs and offers 替换为新版本
or 另存为新计划 with the preview kept; the preview prints each category once and no empty
column, with its save buttons at the top and the bottom; /admin assigns one department to many
indicators in one form; the dashboard shows and downloads 表2.
"""

from __future__ import annotations

import io
import re

import pytest

from planwatch.errors import IndicatorNotFound
from planwatch.ingest import SAMPLE_REPORT
from planwatch.store import list_audit, list_indicators, list_plans, load_plan, plan_versions
from planwatch.store.indicators import assign_departments
from test_web_support import csrf, make_site

CUT_LINES = 174  # the sample cut inside 表1: its first 20 rows, no 表2


@pytest.fixture
def site(tmp_path):
    return make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")


def _cut_report() -> bytes:
    lines = SAMPLE_REPORT.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(lines[:CUT_LINES]).encode("utf-8")


def _upload(client, name: str, data: bytes):
    files = {"file": (name, data, "text/plain")}
    return client.post("/upload", data={"csrf_token": csrf(client)}, files=files)


def _token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def _confirm(client, token: str, choice: str = ""):
    data = {"csrf_token": csrf(client), "token": token, "choice": choice}
    return client.post("/upload/confirm", data=data, follow_redirects=False)


def _table_html(page: str, role: str) -> str:
    return re.search(rf'<table class="grid indicators" data-role="{role}">.*?</table>', page, re.S)[
        0
    ]


def test_another_version_gets_a_page_saying_what_differs_and_two_ways_on(site):
    client = site.client("drc")
    page = _upload(client, "cut.txt", _cut_report())
    assert page.status_code == 200
    differences = re.search(r'<ul class="differences".*?</ul>', page.text, re.S)[0]
    assert "已存45行，新文件20行" in differences
    assert "新文件缺少：每万劳动力中高技能人才数" in differences and "等25项" in differences
    assert "表2（计划目标） 2025年</b>：新文件没有此表（已存版本有44行）" in differences
    assert 'id="choose-replace"' in page.text and 'id="choose-separate"' in page.text
    assert "--replace" not in page.text and "无法完成请求" not in page.text
    assert f'<a href="/plans/{site.plan_id}">计划 #{site.plan_id}</a>（来自 sample）' in page.text


def test_a_save_refused_shows_the_choice_again_and_the_preview_survives(site):
    client = site.client("drc")
    token = _token(_upload(client, "cut.txt", _cut_report()).text)
    refused = _confirm(client, token)  # an old form's plain 确认保存
    assert refused.status_code == 409
    assert "替换为新版本" in refused.text and _token(refused.text) == token
    assert "Traceback" not in refused.text and "--replace" not in refused.text
    replaced = _confirm(client, token, "replace")
    assert replaced.headers["location"] == f"/plans/{site.plan_id}?saved=updated"
    landed = client.get(replaced.headers["location"]).text
    assert 'id="saved">报告已保存（已更新，原内容存为历史版本）。' in landed
    engine = site.app.state.engine
    [kept] = plan_versions(engine, site.plan_id)
    assert (kept.tables, kept.rows) == (2, 89)  # the full report, kept as a version
    assert len(load_plan(engine, site.plan_id).tables[0].rows) == 20


def test_keep_both_stores_the_new_file_as_a_plan_of_its_own(site):
    client = site.client("drc")
    token = _token(_upload(client, "cut.txt", _cut_report()).text)
    saved = _confirm(client, token, "separate")
    assert saved.status_code == 303
    engine = site.app.state.engine
    plans = {p.id: p for p in list_plans(engine)}
    new_id = int(saved.headers["location"].split("/plans/", 1)[1].split("?", 1)[0])
    assert new_id != site.plan_id and saved.headers["location"].endswith("?saved=created")
    assert (plans[site.plan_id].rows, plans[new_id].rows) == (89, 20)
    assert plan_versions(engine, site.plan_id) == []  # nothing replaced
    [upload] = [a for a in list_audit(engine, "plan") if a.entity_id == new_id]
    assert (upload.actor, upload.action, upload.new["source"]) == ("drc", "upload", "cut.txt")
    again = _confirm(client, token, "separate")
    assert again.status_code == 410  # the preview is used up once saved


def test_an_unknown_choice_is_refused_in_chinese(site):
    client = site.client("drc")
    token = _token(_upload(client, "cut.txt", _cut_report()).text)
    refused = _confirm(client, token, "overwrite")
    assert refused.status_code == 422 and "请求参数不正确" in refused.text
    assert len(list_plans(site.app.state.engine)) == 1


def test_the_preview_prints_each_category_once_and_no_empty_column(site):
    page = _upload(site.client("drc"), "苏州.txt", SAMPLE_REPORT.read_bytes()).text
    review, plan = _table_html(page, "review"), _table_html(page, "plan")
    assert review.count('<th scope="rowgroup"') == 7 and review.count("<tr>") == 1 + 45
    assert review.count("经济发展实力") == 1 and 'rowspan="8">经济发展实力' in review
    assert "<th>属性</th>" not in review  # 表1 prints no 属性: the column is not shown
    assert "<th>属性</th>" in plan and plan.count("预期性") + plan.count("约束性") == 44
    assert "<th>完成情况</th>" in review and "<th>完成情况</th>" not in plan


def test_the_preview_can_be_saved_from_the_top_and_the_bottom(site):
    page = _upload(site.client("drc"), "苏州.txt", SAMPLE_REPORT.read_bytes()).text
    token = _token(page)
    top = page.index('id="save-top"')
    bottom = page.index('id="save-bottom"')
    assert top < page.index('data-role="review"') < page.index('data-role="plan"') < bottom
    for where in ("top", "bottom"):
        form = re.search(rf'<form [^>]*class="inline save-{where}">.*?</form>', page, re.S)[0]
        assert f'name="token" value="{token}"' in form and 'name="csrf_token"' in form
        assert "确认保存" in form


def _bulk(client, **fields):
    data = {"csrf_token": csrf(client), **fields}
    return client.post("/admin/indicators/department", data=data, follow_redirects=False)


def test_admin_assigns_one_department_to_checked_indicators_in_one_form(site):
    client = site.client("admin")
    chosen = [site.ids["固定资产投资"], site.ids["进出口总额"], site.ids["实际使用外资"]]
    done = _bulk(client, department="发改委投资处", scope="selected", indicator=chosen)
    assert done.status_code == 303
    page = client.get(done.headers["location"]).text
    assert 'id="assign-message">已将3项指标的责任部门设为发改委投资处</p>' in page
    engine = site.app.state.engine
    assigned = {i.id: i.department for i in list_indicators(engine)}
    assert [assigned[i] for i in chosen] == ["发改委投资处"] * 3
    entries = [a for a in list_audit(engine, "indicator") if a.entity_id in chosen]
    assert sorted(a.entity_id for a in entries if a.new == {"department": "发改委投资处"}) == (
        sorted(chosen)
    )
    again = client.get(
        _bulk(client, department="发改委投资处", indicator=chosen[:2]).headers["location"]
    )
    assert "已将0项指标的责任部门设为发改委投资处，2项原已如此" in again.text


def test_admin_assigns_a_department_to_a_whole_category(site):
    client = site.client("admin")
    page = client.get("/admin").text
    option = re.search(r'<option value="([^"]+)">苏州市 · 科教人才支撑（8项）</option>', page)
    value = option[1].replace("&#34;", '"').replace("&quot;", '"')
    done = _bulk(client, department="科技局", scope="category", category=value)
    assert done.status_code == 303
    engine = site.app.state.engine
    science = [i for i in list_indicators(engine) if i.category == "科教人才支撑"]
    assert len(science) == 8 and {i.department for i in science} == {"科技局"}
    others = [i for i in list_indicators(engine) if i.category != "科教人才支撑"]
    assert "科技局" not in {i.department for i in others}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"scope": "selected"}, "没有勾选指标"),
        ({"scope": "selected", "indicator": ["999999"]}, "已不存在的指标"),
        ({"scope": "category", "category": '["苏州市", "不存在的分类"]'}, "请选择一个分类"),
        ({"scope": "category", "category": "not json"}, "请选择一个分类"),
    ],
)
def test_a_bulk_assignment_with_nothing_to_apply_to_says_why(site, fields, message):
    client = site.client("admin")
    before = {i.id: i.department for i in list_indicators(site.app.state.engine)}
    refused = _bulk(client, department="某局", **fields)
    assert refused.status_code == 422
    assert re.search(rf'id="admin-error">[^<]*{message}', refused.text)
    assert {i.id: i.department for i in list_indicators(site.app.state.engine)} == before


def test_a_bulk_assignment_is_one_transaction(site):
    engine = site.app.state.engine
    with pytest.raises(IndicatorNotFound):
        assign_departments(engine, [site.ids["固定资产投资"], 999999], "某局", "admin")
    assert {i.name: i.department for i in list_indicators(engine)}["固定资产投资"] is None


def test_a_bulk_assignment_needs_the_csrf_token_and_an_admin(site):
    indicator = site.ids["固定资产投资"]
    admin = site.client("admin")
    form = {"department": "某局", "indicator": [indicator]}
    assert admin.post("/admin/indicators/department", data=form).status_code == 403
    editor = site.client("drc")
    assert _bulk(editor, **form).status_code == 403
    assert {i.id: i.department for i in list_indicators(site.app.state.engine)}[indicator] is None


def test_the_dashboard_switches_to_table_2(site):
    client = site.client("reader")
    first = client.get(f"/plans/{site.plan_id}").text
    assert 'aria-current="page">表1 2024年完成情况' in first and 'href="/plans/1?table=2"' in first
    second = client.get(f"/plans/{site.plan_id}?table=2").text
    assert 'aria-current="page">表2 2025年预期目标' in second
    table = _table_html(second, "plan")
    assert "2025年苏州市经济社会发展主要指标预期目标" in second
    assert table.count("<tr>") == 1 + 44 and table.count('<th scope="rowgroup"') == 7
    assert 'id="summary"' not in second  # 表2 is targets: nothing judged
    wrong = client.get(f"/plans/{site.plan_id}?table=3")
    assert wrong.status_code == 422 and "请求参数不正确" in wrong.text


def test_table_2_downloads_as_word_and_excel(site):
    from docx import Document
    from openpyxl import load_workbook

    client = site.client("reader")
    page = client.get(f"/plans/{site.plan_id}").text
    assert f'href="/plans/{site.plan_id}/report.docx?table=2"' in page
    word = client.get(f"/plans/{site.plan_id}/report.docx?table=2")
    assert word.status_code == 200
    assert "2025%E5%B9%B4" in word.headers["content-disposition"]  # 2025年 in the name
    cells = {
        c.text for t in Document(io.BytesIO(word.content)).tables for r in t.rows for c in r.cells
    }
    assert "保持稳定" in cells and "增长1.7%" not in cells  # 2025 target, not 2024's actual
    excel = client.get(f"/plans/{site.plan_id}/report.xlsx?table=2")
    values = {
        str(v)
        for sheet in load_workbook(io.BytesIO(excel.content))
        for row in sheet.values
        for v in row
        if v is not None
    }
    assert "保持稳定" in values and "稳量提质" in values and "增长1.7%" not in values
    full = client.get(f"/plans/{site.plan_id}/report.docx")
    rows = {
        c.text for t in Document(io.BytesIO(full.content)).tables for r in t.rows for c in r.cells
    }
    assert "增长1.7%" in rows  # 表1 is still the default


def test_a_changed_row_and_an_empty_column_are_told_apart(site, sample_doc):
    """A re-issued report with one target corrected and no 序号: the difference names that row,
    and the preview leaves out the 序号 column nobody filled."""
    from planwatch.model import TableRole
    from planwatch.web.table_views import shown_table, version_difference

    review = sample_doc.table_for(TableRole.REVIEW)
    rows = [
        row.model_copy(
            update={"no": None, "target": "增长6%" if row.name == "地区生产总值" else row.target}
        )
        for row in review.rows
    ]
    changed = review.model_copy(update={"rows": rows})
    new = sample_doc.model_copy(update={"tables": [changed, *sample_doc.tables[1:]]})
    stored = load_plan(site.app.state.engine, site.plan_id)
    first, second = version_difference(stored, new)
    assert (first.old_rows, first.new_rows, str(first.changed)) == (45, 45, "地区生产总值")
    assert not first.added and not first.removed and first.renumbered and not first.same
    assert second.same
    shown = shown_table(changed)
    assert shown.columns == ["指标名称", "预期目标", "完成情况"]
    assert shown_table(review).columns == ["序号", "指标名称", "预期目标", "完成情况"]
