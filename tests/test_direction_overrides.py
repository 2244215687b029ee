"""A user's override of an indicator's direction reaches every assessment: CLI, store, web."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from planwatch.model import Direction
from planwatch.sources import save_document
from planwatch.store import fingerprint, load_current, migrated_engine
from planwatch.store.audit import list_audit
from planwatch.store.indicators import direction_overrides, find_indicator, set_direction

if TYPE_CHECKING:
    from conftest import CliResult

CPI = "居民消费价格总水平涨幅"


def _status(result: CliResult, name: str) -> str:
    rows = json.loads(result.stdout)["rows"]
    return next(r["status"] for r in rows if r["name"] == name)


def test_with_directions_copies_only_when_needed(sample_doc):
    assert sample_doc.with_directions({}) is sample_doc
    assert sample_doc.with_directions({"不存在的指标": Direction.CEILING}) is sample_doc
    changed = sample_doc.with_directions({CPI: Direction.HIGHER_BETTER})
    assert changed.tables[0].row_named(CPI).direction is Direction.HIGHER_BETTER
    assert sample_doc.tables[0].row_named(CPI).direction is None
    assert fingerprint(sample_doc) == fingerprint(sample_doc.model_copy(deep=True))


def test_assess_direction_option(cli, sample_path):
    default = cli("assess", str(sample_path), "--json")
    flipped = cli("assess", str(sample_path), "--json", "--direction", f"{CPI}=higher_better")
    assert _status(default, CPI) == "met"  # a ceiling met far below
    assert _status(flipped, CPI) == "not_met"  # read as a goal, 0.2% misses 3%左右


def test_assess_direction_option_refuses_nonsense(cli, sample_path):
    result = cli("assess", str(sample_path), "--direction", f"{CPI}=sideways")
    assert result.returncode == 1
    assert "应写成“指标名称=方向”" in result.stderr and "Traceback" not in result.stderr


def test_assess_direction_option_refuses_a_name_not_in_the_table(cli, sample_path):
    caption = "表1  2024年苏州市经济社会发展主要预期目标完成情况"
    unknown = cli("assess", str(sample_path), "--direction", "不存在=ceiling")
    assert (unknown.returncode, unknown.stdout) == (1, "")
    assert unknown.stderr == (
        f"错误：--direction 的指标“不存在”不在“{caption}”中\n"
        "Error: --direction names '不存在', which is no row of the table assessed\n"
    )
    typo = cli("assess", str(sample_path), "--direction", "居民消费价格涨幅=ceiling")
    assert typo.returncode == 1
    assert typo.stderr.splitlines()[0] == (
        f"错误：--direction 的指标“居民消费价格涨幅”不在“{caption}”中。"
        "是否指：“居民消费价格总水平涨幅”？"
    )


def test_stored_override_is_applied_and_audited(sqlite_url, sample_doc):
    engine = migrated_engine(sqlite_url)
    plan_id = save_document(engine, sample_doc, "sample.txt").plan_id
    cpi = find_indicator(engine, CPI, "苏州市")
    set_direction(engine, cpi.id, "higher_better", actor="张三")
    assert direction_overrides(engine, "苏州市") == {CPI: Direction.HIGHER_BETTER}
    assert load_current(engine, plan_id).tables[0].row_named(CPI).direction == "higher_better"
    entry = list_audit(engine)[0]
    assert (entry.actor, entry.old, entry.new) == (
        "张三",
        {"direction": None},
        {"direction": "higher_better"},
    )
    set_direction(engine, cpi.id, None, actor="张三")
    assert direction_overrides(engine, "苏州市") == {}


def test_direction_command_round_trip(cli, sample_path, tmp_path):
    db = str(tmp_path / "pw.sqlite")
    cli("ingest", str(sample_path), "--db", db)
    shown = cli("direction", CPI, "--db", db)
    assert "ceiling（指标目录）" in shown.stdout
    cli("direction", CPI, "higher_better", "--db", db)
    assert _status(cli("assess", "苏州市2024", "--json", "--db", db), CPI) == "not_met"
    cli("direction", CPI, "catalogue", "--db", db)
    assert _status(cli("assess", "苏州市2024", "--json", "--db", db), CPI) == "met"


def test_unknown_indicator_and_direction(sqlite_url, sample_doc):
    engine = migrated_engine(sqlite_url)
    save_document(engine, sample_doc, "sample.txt")
    with pytest.raises(Exception, match="没有名为“不存在”"):
        find_indicator(engine, "不存在")
    with pytest.raises(Exception, match="未知方向"):
        set_direction(engine, find_indicator(engine, CPI).id, "sideways", actor="x")


def test_web_dashboard_honours_the_override(sqlite_url, sample_doc):
    from planwatch.web.views import dashboard

    engine = migrated_engine(sqlite_url)
    plan_id = save_document(engine, sample_doc, "sample.txt").plan_id
    before = dashboard(engine, plan_id)["counts"]["not_met"]
    set_direction(engine, find_indicator(engine, CPI).id, "higher_better", actor="admin")
    assert dashboard(engine, plan_id)["counts"]["not_met"] == before + 1


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from test_web_support import make_site

    return make_site(f"sqlite:///{tmp_path_factory.mktemp('dir') / 'pw.sqlite'}")


def _cpi_status(client, plan_id: int) -> str:
    rows = client.get(f"/api/plans/{plan_id}/assessments").json()["rows"]
    return next(r["status"] for r in rows if r["name"] == CPI)


def test_api_direction_override_is_admin_only(site):
    from test_web_support import bearer

    client = site.client()
    url = f"/api/indicators/{site.ids[CPI]}/direction"
    refused = client.put(url, json={"direction": "higher_better"}, headers=bearer(client, "drc"))
    assert refused.status_code == 403
    admin = bearer(client, "admin")
    done = client.put(url, json={"direction": "higher_better"}, headers=admin)
    assert (done.status_code, done.json()["direction"]) == (200, "higher_better")
    assert _cpi_status(site.client("admin"), site.plan_id) == "not_met"
    assert client.put(url, json={"direction": "sideways"}, headers=admin).status_code == 422
    client.put(url, json={"direction": None}, headers=admin)
    assert _cpi_status(site.client("admin"), site.plan_id) == "met"


def test_admin_page_sets_direction_with_csrf(site):
    from test_web_support import csrf

    client = site.client("admin")
    url = f"/admin/indicators/{site.ids[CPI]}/direction"
    assert client.post(url, data={"direction": "higher_better"}).status_code == 403
    page = client.get("/admin")
    assert "目录：上限" in page.text
    response = client.post(
        url, data={"direction": "higher_better", "csrf_token": csrf(client)}, follow_redirects=False
    )
    assert response.status_code == 303
    assert _cpi_status(client, site.plan_id) == "not_met"
    client.post(url, data={"direction": "", "csrf_token": csrf(client)})
    assert _cpi_status(client, site.plan_id) == "met"
