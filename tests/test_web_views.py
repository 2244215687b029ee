"""Dashboard, indicator page, entry preview, diff, lint and downloads on the sample."""

from __future__ import annotations

import io
import re

import pytest

from expected_sample import REVIEW_STATUSES_SEEN
from test_web_support import GDP, RETAIL, csrf, make_site

EXPECTED_COUNTS = REVIEW_STATUSES_SEEN


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(f"sqlite:///{tmp_path_factory.mktemp('views') / 'pw.sqlite'}")


def test_dashboard_counts_and_sentence(site):
    page = site.client("reader").get(f"/plans/{site.plan_id}").text
    statuses = re.findall(r'class="indicator-row" data-status="(\w+)"', page)
    assert len(statuses) == 45
    assert {s: statuses.count(s) for s in set(statuses)} == EXPECTED_COUNTS
    assert "45项指标中，36项完成，2项未完成，3项待省反馈，4项预计完成" in page


def test_dashboard_lists_the_not_met_with_gaps(site):
    page = site.client("reader").get(f"/plans/{site.plan_id}").text
    section = page[page.index('id="not-met"') :]
    assert "固定资产投资" in section and "-3.3个百分点" in section
    assert RETAIL in section and "-0.7个百分点" in section


def test_indicator_page_shows_history_spec_and_reason(site):
    page = site.client("reader").get(f"/indicators/{site.ids[GDP]}").text
    assert "实际增长6%，高于目标“增长5%以上”1个百分点" in page
    assert page.count("增长5%以上") >= 2 and "增速 ≥ 5%" in page
    assert 'id="history-data"' in page and "/static/vendor/chartjs/chart.umd.min.js" in page


def test_entered_actual_changes_the_dashboard(tmp_path):
    site = make_site(f"sqlite:///{tmp_path / 'entry.sqlite'}")
    client = site.client("shangwu")
    url = f"/indicators/{site.ids[RETAIL]}/entry"
    data = {
        "csrf_token": csrf(client),
        "kind": "year",
        "year": "2024",
        "quality": "final",
        "phrase": "增长5.6%",
        "version": "1",
    }
    preview = client.post(url, data={**data, "action": "preview"}).text
    assert 'id="preview-status">完成<' in preview and "增长5.6%" in preview
    assert (
        client.post(url, data={**data, "action": "save"}, follow_redirects=False).status_code == 303
    )
    summary = site.client("reader").get(f"/api/plans/{site.plan_id}/assessments").json()
    assert summary["summary"]["met"] == 37 and summary["summary"]["not_met"] == 1


def test_diff_page_shows_the_replacements(site):
    page = site.client("reader").get(f"/plans/{site.plan_id}/diff").text
    assert "指标变化：2024 → 2025" in page and "替换" in page


def test_lint_page_lists_findings_with_codes(site):
    client = site.client("reader")
    findings = client.get(f"/api/plans/{site.plan_id}/lint").json()
    page = client.get(f"/plans/{site.plan_id}/lint").text
    assert all(f["code"] in page for f in findings)
    assert f"{len(findings)}项" in page


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_report_downloads_open(site, fmt):
    response = site.client("reader").get(f"/plans/{site.plan_id}/report.{fmt}")
    assert response.status_code == 200
    assert "filename*=UTF-8''" in response.headers["content-disposition"]
    if fmt == "docx":
        from docx import Document

        text = "\n".join(
            c.text
            for t in Document(io.BytesIO(response.content)).tables
            for r in t.rows
            for c in r.cells
        )
    else:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(response.content))
        text = "\n".join(
            str(v)
            for ws in book
            for row in ws.iter_rows(values_only=True)
            for v in row
            if v is not None
        )
    assert GDP in text and "增长5%以上" in text


def test_chart_download_is_a_png(site):
    response = site.client("reader").get(f"/plans/{site.plan_id}/charts/0.png")
    assert response.headers["content-type"] == "image/png"
    assert response.content.startswith(b"\x89PNG")


def test_downloads_page_lists_every_category_chart(site):
    client = site.client("reader")
    page = client.get(f"/plans/{site.plan_id}/downloads").text
    assert "无法绘制图表" not in page
    for index, category in enumerate(["经济发展实力", "现代产业体系"]):
        assert f"{category}：" in page
        assert f"/plans/{site.plan_id}/charts/{index}.png" in page
    assert f"/plans/{site.plan_id}/charts/6.svg" in page  # the seventh category, 安全保障水平
    assert client.get(f"/plans/{site.plan_id}/charts/6.png").status_code == 200


@pytest.mark.parametrize(
    ("phrase", "gloss"),
    [
        ("增长5.6%", "增速 增长5.6%"),  # no 正式数: the editor's quality choice says that
        ("预计4.54个", "预计数 水平值 数值4.54个"),
        ("待省反馈", "待反馈"),
        ("完成", "定性 完成"),
    ],
)
def test_entry_preview_glosses_only_what_the_phrase_says(phrase, gloss):
    from planwatch.phrases import parse_actual
    from planwatch.web.indicator_views import describe_actual

    assert describe_actual(parse_actual(phrase)) == gloss
