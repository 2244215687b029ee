"""The dashboard's kept body (web/page_cache.py) is never stale and never another user's.

Real app, real SQLite, real changes through the store's own functions; each page is compared
with one rendered with the cache switched off (``PLANWATCH_PAGE_CACHE=off``).
"""

from __future__ import annotations

import re

import pytest

from planwatch.model import Period
from planwatch.monitor import enter_figure
from planwatch.store.indicators import assign_department, set_direction
from planwatch.store.observations import Entry
from planwatch.store.reading import change_marker
from planwatch.web import page_cache
from test_web_support import GDP, csrf, make_site

FAI = "固定资产投资"
CPI = "居民消费价格总水平涨幅"


@pytest.fixture
def site(tmp_path):
    page_cache.forget()
    return make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")


def _page(client, plan_id: int, table: str = "1") -> str:
    response = client.get(f"/plans/{plan_id}?table={table}")
    assert response.status_code == 200, response.text
    return response.text


def _uncached(client, plan_id: int, monkeypatch, table: str = "1") -> str:
    with monkeypatch.context() as patch:
        patch.setenv("PLANWATCH_PAGE_CACHE", "off")
        return _page(client, plan_id, table)


def _actual(page: str, name: str) -> str:
    """The actual printed on the dashboard's light of one indicator."""
    row = re.search(
        rf">{name}</a></span>\s*<span class=\"phrases\">(.*?)</span>\s*<span class", page
    )
    assert row is not None, name
    return re.search(r'class="actual">(.*?)</span>', row.group(1)).group(1)


def _not_met(page: str) -> int:
    return page.count('class="indicator-row" data-status="not_met"')


def test_kept_page_is_the_uncached_page(site, monkeypatch):
    client = site.client("reader")
    for table in ("1", "2"):
        first = _page(client, site.plan_id, table)
        kept = _page(client, site.plan_id, table)
        assert kept == first
        assert _uncached(client, site.plan_id, monkeypatch, table) == kept
    assert "表2" in kept and 'id="table2"' in kept and 'id="not-met"' not in kept


def test_an_entered_actual_shows_at_once(site, monkeypatch):
    client = site.client("reader")
    assert _actual(_page(client, site.plan_id), FAI) == "增长1.7%"  # as printed; now kept
    entry = Entry(site.ids[FAI], Period.of_year(2024), "增长4.8%", "final", version=1)
    enter_figure(site.app.state.engine, entry, "统计员")
    page = _page(client, site.plan_id)
    assert _actual(page, FAI) == "增长4.8%"
    assert page == _uncached(client, site.plan_id, monkeypatch)


def test_a_direction_override_shows_at_once(site, monkeypatch):
    client = site.client("reader")
    before = _not_met(_page(client, site.plan_id))
    set_direction(site.app.state.engine, site.ids[CPI], "higher_better", actor="admin")
    page = _page(client, site.plan_id)
    assert _not_met(page) == before + 1
    assert page == _uncached(client, site.plan_id, monkeypatch)
    set_direction(site.app.state.engine, site.ids[CPI], None, actor="admin")
    assert _not_met(_page(client, site.plan_id)) == before


def test_an_assignment_moves_the_key(site):
    """The dashboard prints no departments, but a page of the plan that does may be kept by
    the same key: an assignment must move it."""
    engine = site.app.state.engine
    before = change_marker(engine, site.plan_id)
    assign_department(engine, site.ids[GDP], "发展改革委", "admin")
    after = change_marker(engine, site.plan_id)
    assert before is not None and after is not None
    assert after[0] == before[0] and after != before
    assert change_marker(engine, site.plan_id + 99) is None


def test_each_user_sees_their_own_header(site):
    admin, reader = site.client("admin"), site.client("reader")
    admin_page = _page(admin, site.plan_id)
    reader_page = _page(reader, site.plan_id)  # the body now comes from the kept page
    assert "admin（" in admin_page and 'href="/admin"' in admin_page
    assert "reader（" in reader_page and "admin（" not in reader_page
    assert 'href="/admin"' not in reader_page and 'href="/upload"' not in reader_page
    assert f'value="{csrf(admin)}"' in admin_page and f'value="{csrf(reader)}"' in reader_page
    assert csrf(admin) not in reader_page
    body = admin_page[admin_page.index('id="summary"') : admin_page.index("</main>")]
    assert body in reader_page


def test_the_flash_after_an_upload_is_not_kept(site):
    client = site.client("reader")
    assert 'id="saved"' not in _page(client, site.plan_id)  # the body is kept from here
    flashed = client.get(f"/plans/{site.plan_id}?saved=created").text
    assert 'id="saved"' in flashed
    assert 'id="saved"' not in _page(client, site.plan_id)


def test_an_unknown_plan_is_a_chinese_404(site):
    response = site.client("reader").get(f"/plans/{site.plan_id + 99}")
    assert response.status_code == 404
    assert "没有编号为" in response.text


def test_a_reimport_shows_at_once(site, monkeypatch):
    """A replacement with another printed actual: the fingerprint moves, the page follows."""
    from planwatch.ingest import SAMPLE_REPORT, read_document
    from planwatch.sources import save_document

    client = site.client("reader")
    assert _actual(_page(client, site.plan_id), FAI) == "增长1.7%"
    doc = read_document(SAMPLE_REPORT)
    table = doc.tables[0]
    rows = [r.model_copy(update={"actual": "增长2.9%"}) if r.name == FAI else r for r in table.rows]
    tables = [table.model_copy(update={"rows": rows}), *doc.tables[1:]]
    saved = save_document(
        site.app.state.engine, doc.model_copy(update={"tables": tables}), "new", replace=True
    )
    assert saved.plan_id == site.plan_id
    page = _page(client, site.plan_id)
    assert _actual(page, FAI) == "增长2.9%"
    assert page == _uncached(client, site.plan_id, monkeypatch)
