"""The panel pages in Debian's Chromium against a real server: the chart drawn by the vendored
Chart.js, a sort clicked, the page at desktop and phone widths (screenshots kept for a look)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planwatch.ingest import read_document
from planwatch.panel import build_panel
from planwatch.sources import panel_documents, save_document
from planwatch.store import migrated_engine, replace_panel, set_panel_public
from planwatch.store.users import add_user
from test_panel import work_report
from test_web_support import PASSWORD, chart_drawn, start_server

pytestmark = pytest.mark.browser
SHOTS = Path(os.environ.get("PLANWATCH_SCREENSHOTS", "/tmp/planwatch-screenshots"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("panel-browser")
    db = folder / "pw.sqlite"
    engine = migrated_engine(f"sqlite:///{db}")
    add_user(engine, "admin", PASSWORD, "admin", None)
    for place, growth, target in (
        ("昆山市", "5.8", "5.5%左右"),
        ("太仓市", "4.1", "5%以上"),
        ("苏州市", "6", "5%以上"),
        ("江苏省", "5.8", "5%左右"),
    ):
        for year, said in ((2025, f"地区生产总值增长{target}。"), (2026, "地区生产总值增长5%。")):
            review = f"全市地区生产总值增长{growth if year == 2026 else '5.2'}%。"
            path = work_report(folder, place, year, review, said)
            save_document(engine, read_document(path), path.name)
    documents, _ = panel_documents([], every_stored=True, engine=engine)
    replace_panel(engine, build_panel(documents).rows, "test")
    set_panel_public(engine, True, "test")
    process, base = start_server(db)
    yield base
    process.terminate()
    process.wait(10)


def test_the_comparison_page_draws_its_chart_and_sorts(server, browser) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"{server}/panel?indicator=地区生产总值&year=2025")
    page.wait_for_function("() => typeof Chart !== 'undefined'")
    assert chart_drawn(page, "panel-chart") and errors == []
    places = page.locator("#panel tbody tr td:first-child a").all_inner_texts()
    assert sorted(places) == sorted(["昆山市", "太仓市", "苏州市", "江苏省"])
    page.click("#panel thead a:has-text('完成值')")
    page.wait_for_load_state()
    values = page.locator("#panel tbody tr td:nth-child(7)").all_inner_texts()
    assert values == sorted(values, key=float)  # 4.1, 5.8, 5.8, 6
    page.screenshot(path=str(SHOTS / "panel-desktop.png"), full_page=True)
    page.close()


def test_the_panel_fits_a_phone(server, browser) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{server}/panel?indicator=地区生产总值&year=2025")
    page.wait_for_function("() => typeof Chart !== 'undefined'")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390  # the wide table scrolls inside its box, the page does not
    page.screenshot(path=str(SHOTS / "panel-phone.png"), full_page=True)
    page.goto(f"{server}/panel/places/320583")
    assert "区划代码 320583" in page.content()
    page.screenshot(path=str(SHOTS / "panel-place-phone.png"), full_page=True)
    page.close()
