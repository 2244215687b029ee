"""Imports that meet: two imports into one new jurisdiction at once, and a table that names an
indicator twice. Each ends stored or refused with a clear message, never a traceback."""

from __future__ import annotations

import threading

import pytest

from planwatch.errors import RepeatedIndicator
from planwatch.model import Jurisdiction, PlanDocument
from planwatch.sources import save_document
from planwatch.store import list_plans, migrated_engine

PAIRS = 8


def _report_of(doc: PlanDocument, place: str, title: str) -> PlanDocument:
    return doc.model_copy(
        update={"jurisdiction": Jurisdiction(name=place, level="city"), "title": title}
    )


def test_two_imports_into_one_new_jurisdiction_both_land(any_db_url, sample_doc):
    engine = migrated_engine(any_db_url)
    errors: list[BaseException] = []
    saved: list[int] = []

    def run(doc: PlanDocument, start: threading.Barrier) -> None:
        start.wait()
        try:
            saved.append(save_document(engine, doc, "race.txt").plan_id)
        except BaseException as error:  # reported below
            errors.append(error)

    for pair in range(PAIRS):
        place = f"并发测试{pair}市"
        docs = [_report_of(sample_doc, place, f"{place}计划报告（第{n}稿）") for n in (1, 2)]
        start = threading.Barrier(2)
        threads = [threading.Thread(target=run, args=(d, start)) for d in docs]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    plans = list_plans(engine)
    assert len(plans) == len(set(saved)) == 2 * PAIRS
    assert {p.jurisdiction for p in plans} == {f"并发测试{n}市" for n in range(PAIRS)}


def test_a_table_naming_an_indicator_twice_is_refused_with_where(sqlite_url, sample_doc):
    engine = migrated_engine(sqlite_url)
    plan = sample_doc.tables[1]
    first, second = plan.rows[0].name, plan.rows[1].name
    rows = [plan.rows[0], plan.rows[1].model_copy(update={"name": first}), *plan.rows[2:]]
    doc = sample_doc.model_copy(
        update={"tables": [sample_doc.tables[0], plan.model_copy(update={"rows": rows})]}
    )
    with pytest.raises(RepeatedIndicator, match=f"“{first}”（第1、2行）") as refused:
        save_document(engine, doc, "twice.txt")
    assert plan.caption in refused.value.message
    assert second not in refused.value.message
    assert list_plans(engine) == []
