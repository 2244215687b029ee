"""One "current document" for the CLI, every page and the API: ``store.load_current``.

The report as imported, with the actuals departments entered and the direction overrides
applied. The parsed import is cached per content; what users change without a re-import must
show on the next request of any page, in any process.
"""

from __future__ import annotations

import re
import threading

import pytest

from planwatch.lint import lint_document
from planwatch.model import Period
from planwatch.monitor import enter_figure
from planwatch.sources import load_plan as load_named_plan
from planwatch.store import load_current, load_plan
from planwatch.store.observations import Entry
from test_web_support import make_site

FAI = "固定资产投资"  # printed: 增长1.7%, restated so in the narrative


@pytest.fixture
def site(tmp_path):
    return make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")


def _enter(site, phrase: str, version: int | None) -> None:
    entry = Entry(site.ids[FAI], Period.of_year(2024), phrase, version=version)
    enter_figure(site.app.state.engine, entry, "统计员")


def _page_codes(site, path: str) -> list[str]:
    response = site.client("reader").get(path)
    assert response.status_code == 200, response.text
    return sorted(set(re.findall(r"PW\d{3}", response.text)))


def _cli_codes(site) -> list[str]:
    url = str(site.app.state.engine.url)
    document = load_named_plan(str(site.plan_id), url).document
    return sorted({finding.code for finding in lint_document(document)})


def test_entered_actual_reaches_the_lint_page_as_it_reaches_the_cli(site):
    before = _page_codes(site, f"/plans/{site.plan_id}/lint")
    assert "PW201" not in before  # the narrative restates the printed 增长1.7%
    _enter(site, "增长2.7%", version=1)  # the printed actual is stored as version 1
    after = _page_codes(site, f"/plans/{site.plan_id}/lint")
    assert "PW201" in after  # the narrative's 1.7% now contradicts the table's 2.7%
    assert after == _cli_codes(site)


def test_the_api_serves_the_current_document(site):
    _enter(site, "增长2.7%", version=1)
    client = site.client("reader")
    body = client.get(f"/api/plans/{site.plan_id}").json()
    review = next(t for t in body["tables"] if t["role"] == "review")
    assert next(r for r in review["rows"] if r["name"] == FAI)["actual"] == "增长2.7%"


def test_a_second_entry_is_seen_at_once_though_the_import_is_cached(site):
    engine = site.app.state.engine
    _enter(site, "增长2.7%", version=1)
    assert load_current(engine, site.plan_id).tables[0].row_named(FAI).actual == "增长2.7%"
    _enter(site, "增长3.1%", version=2)
    assert load_current(engine, site.plan_id).tables[0].row_named(FAI).actual == "增长3.1%"
    # the cached import itself is never changed by what users enter
    assert load_plan(engine, site.plan_id).tables[0].row_named(FAI).actual == "增长1.7%"


def test_the_cache_is_safe_across_threads(site):
    engine = site.app.state.engine
    _enter(site, "增长2.7%", version=1)
    seen: list[str | None] = []
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(5):
                seen.append(load_current(engine, site.plan_id).tables[0].row_named(FAI).actual)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert seen == ["增长2.7%"] * 20


OLD, NEW = "新增高新技术企业数", "有效高新技术企业数"  # the sample's 表1 → 表2, read as 替换


def _renamed_section(html: str) -> str:
    found = re.search(r'<section class="card diff-renamed">(.*?)</section>', html, re.S)
    return found.group(1) if found else ""


def test_the_diff_page_applies_the_stored_pairing_decisions_as_the_cli_does(site):
    from planwatch.model import ChangeKind, PairingDecision
    from planwatch.sources import diff_documents
    from planwatch.store import save_decision

    engine = site.app.state.engine
    page = f"/plans/{site.plan_id}/diff"
    assert OLD not in _renamed_section(site.client("reader").get(page).text)
    decision = PairingDecision(jurisdiction="苏州市", old_name=OLD, new_name=NEW)
    save_decision(engine, decision, "admin")
    assert decision.kind is ChangeKind.RENAMED
    renamed = _renamed_section(site.client("reader").get(page).text)
    assert OLD in renamed and NEW in renamed
    cli = diff_documents(str(engine.url), load_current(engine, site.plan_id))
    assert [(p.old_name, p.new_name) for p in cli.of_kind(ChangeKind.RENAMED)] == [(OLD, NEW)]
