"""The plan list of a big store: a page at a time, one jurisdiction's plans, lookups by index.

Real stores (SQLite and PostgreSQL) holding small plans cut from the sample under other
places and years; the web pages through the real app.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import inspect

from planwatch.model import Jurisdiction, PlanDocument
from planwatch.sources import save_document
from planwatch.store import (
    count_indicators,
    count_plans,
    list_indicators,
    list_plans,
    migrated_engine,
    source_name,
)
from planwatch.web import pages_entry, pages_plans
from test_web_support import bearer, make_site


def _small_plans(sample: PlanDocument, count: int) -> list[PlanDocument]:
    """``count`` plans of two rows each: places 地1市, 地2市, 地3市 in turn, one year apart."""
    docs = []
    for n in range(count):
        table = sample.tables[0].model_copy(update={"rows": sample.tables[0].rows[:2]})
        docs.append(
            sample.model_copy(
                update={
                    "title": f"{sample.title}（{n}）",
                    "jurisdiction": Jurisdiction(name=f"地{n % 3 + 1}市", level="市"),
                    "review_year": 2000 + n,
                    "plan_year": 2001 + n,
                    "tables": [table],
                }
            )
        )
    return docs


@pytest.fixture
def stored(any_db_url, sample_doc):
    engine = migrated_engine(any_db_url)
    ids = [
        save_document(engine, d, f"plan-{d.review_year}.txt").plan_id
        for d in _small_plans(sample_doc, 7)
    ]
    return engine, ids


def test_a_page_of_plans_in_the_order_they_were_stored(stored):
    engine, ids = stored
    assert [p.id for p in list_plans(engine)] == ids
    assert [p.id for p in list_plans(engine, offset=2, limit=3)] == ids[2:5]
    assert [p.id for p in list_plans(engine, offset=6, limit=3)] == ids[6:]
    assert list_plans(engine, offset=7, limit=3) == []
    assert {p.rows for p in list_plans(engine, limit=3)} == {2}  # counts kept on a page


def test_one_jurisdictions_plans_counted_and_paged(stored):
    engine, ids = stored
    assert count_plans(engine) == 7
    assert count_plans(engine, "地1市") == 3  # plans 0, 3, 6
    assert count_plans(engine, "未存市") == 0
    first = [p.id for p in list_plans(engine, "地1市", limit=2)]
    assert first == [ids[0], ids[3]]
    assert [p.id for p in list_plans(engine, "地1市", offset=2)] == [ids[6]]


def test_source_name_of_one_plan(stored):
    engine, ids = stored
    assert source_name(engine, ids[4]) == "plan-2004.txt"
    assert source_name(engine, 999_999) == ""


def test_plans_of_a_jurisdiction_are_found_by_index(stored):
    engine, _ = stored
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("plans")}
    assert indexes["ix_plans_jurisdiction"] == ["jurisdiction_id", "plan_year"]
    indexes = {i["name"]: i["column_names"] for i in inspect(engine).get_indexes("indicators")}
    assert indexes["ix_indicators_department"] == ["department"]


@pytest.fixture
def site(tmp_path, sample_doc, monkeypatch):
    monkeypatch.setattr(pages_plans, "PLANS_PER_PAGE", 3)
    site = make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    for doc in _small_plans(sample_doc, 7):  # with the sample: 8 plans, 3 pages of 3
        save_document(site.app.state.engine, doc, "small.txt")
    return site


def _listed_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<a href="/plans/(\d+)">', page)]


def test_the_plan_list_shows_a_page_at_a_time(site):
    client = site.client("reader")
    first = client.get("/")
    assert first.status_code == 200
    assert _listed_ids(first.text) == [1, 2, 3]
    assert "共8份，此页为第1–3份" in first.text and "第1/3页" in first.text
    assert 'href="?page=2">下一页' in first.text and "上一页" not in first.text
    last = client.get("/?page=3")
    assert _listed_ids(last.text) == [7, 8] and "此页为第7–8份" in last.text
    assert "下一页" not in last.text and 'href="?page=2">上一页' in last.text
    assert _listed_ids(client.get("/?page=99").text) == [7, 8]  # past the end: the last page
    assert client.get("/?page=0").status_code == 422


def test_the_plan_list_filters_one_jurisdiction_and_keeps_it_across_pages(site):
    client = site.client("reader")
    page = client.get("/", params={"jurisdiction": "地1市"})
    assert _listed_ids(page.text) == [2, 5, 8]
    assert "共3份" in page.text and "下一页" not in page.text
    assert 'value="地1市"' in page.text and '<a href="/">全部地区</a>' in page.text
    two = client.get("/", params={"jurisdiction": "地2市"})
    assert _listed_ids(two.text) == [3, 6]
    none = client.get("/", params={"jurisdiction": "未存市"})
    assert _listed_ids(none.text) == [] and "没有“未存市”的已存计划" in none.text
    # a place in the list links to its plans, the page reset
    assert 'href="?jurisdiction=%E5%9C%B01%E5%B8%82">地1市</a>' in client.get("/").text


def test_the_api_lists_a_page_of_plans(site):
    client = site.client()
    headers = bearer(client, "reader")
    every = client.get("/api/plans", headers=headers).json()
    assert [p["id"] for p in every] == list(range(1, 9))
    page = client.get("/api/plans", params={"offset": 2, "limit": 2}, headers=headers).json()
    assert [p["id"] for p in page] == [3, 4]
    one = client.get("/api/plans", params={"jurisdiction": "地3市"}, headers=headers).json()
    assert [p["id"] for p in one] == [4, 7]
    assert client.get("/api/plans", params={"limit": 0}, headers=headers).status_code == 422


@pytest.fixture
def entry_site(site, monkeypatch):
    monkeypatch.setattr(pages_entry, "INDICATORS_PER_PAGE", 20)
    return site


def _entry_ids(page: str) -> list[int]:
    return [int(n) for n in re.findall(r'<tr data-indicator="(\d+)">', page)]


def test_the_entry_list_shows_a_page_of_indicators_at_a_time(entry_site):
    every = [i.id for i in list_indicators(entry_site.app.state.engine)]
    assert len(every) > 40  # the sample's 50 and two of each small place's
    client = entry_site.client("drc")
    pages = -(-len(every) // 20)
    first = client.get("/entry")
    assert _entry_ids(first.text) == every[:20]
    assert f"共{len(every)}个指标，此页为第1–20个指标" in first.text
    assert f"第1/{pages}页" in first.text
    last = client.get("/entry", params={"page": pages})
    assert _entry_ids(last.text) == every[(pages - 1) * 20 :]
    shown = set()
    for n in range(1, pages + 1):
        shown.update(_entry_ids(client.get("/entry", params={"page": n}).text))
    assert shown == set(every)  # every indicator on exactly one of the pages


def test_the_entry_list_of_one_jurisdiction_and_of_one_department(entry_site):
    engine = entry_site.app.state.engine
    client = entry_site.client("drc")
    place = [i.id for i in list_indicators(engine, jurisdiction="地2市")]
    assert len(place) == 2
    assert _entry_ids(client.get("/entry", params={"jurisdiction": "地2市"}).text) == place
    department = entry_site.client("tongji")
    own = client.get("/entry")  # a DRC editor sees the department's indicator among all
    assert entry_site.ids["地区生产总值"] in _entry_ids(own.text)
    mine = department.get("/entry").text
    assert _entry_ids(mine) == [entry_site.ids["地区生产总值"]] and "共1个指标" in mine
    elsewhere = department.get("/entry", params={"jurisdiction": "地2市"}).text
    assert _entry_ids(elsewhere) == [] and "“地2市”没有可填报的指标" in elsewhere
    assert count_indicators(engine, "统计局") == 1
    assert count_indicators(engine, None, "地2市") == 2
    assert count_indicators(engine, "统计局", "地2市") == 0
