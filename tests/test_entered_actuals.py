"""What departments enter is what every view judges: CLI, web, reports agree on one database."""

from __future__ import annotations

import json

import pytest

from planwatch.errors import BadObservation
from planwatch.model import Period
from planwatch.monitor import enter_figure
from planwatch.sources import save_document
from planwatch.store import load_current, load_plan, migrated_engine
from planwatch.store.indicators import find_indicator
from planwatch.store.observations import Entry

FAI = "固定资产投资"


@pytest.fixture
def stored(tmp_path, sample_doc):
    db = tmp_path / "pw.sqlite"
    engine = migrated_engine(f"sqlite:///{db}")
    plan_id = save_document(engine, sample_doc, "sample.txt").plan_id
    fai = find_indicator(engine, FAI).id
    enter_figure(engine, Entry(fai, Period.of_year(2024), "增长4.8%", "final", version=1), "统计员")
    return db, engine, plan_id


def test_load_current_carries_the_entered_actual(stored):
    _db, engine, plan_id = stored
    assert load_current(engine, plan_id).tables[0].row_named(FAI).actual == "增长4.8%"
    assert load_plan(engine, plan_id).tables[0].row_named(FAI).actual == "增长1.7%"  # as printed


def test_cli_and_web_give_the_same_judgement(cli, stored):
    from planwatch.web.views import dashboard

    db, engine, plan_id = stored
    assessed = json.loads(cli("assess", "苏州市2024", "--json", db=db).stdout)
    web = dashboard(engine, plan_id)
    assert assessed["summary"] == web["counts"]
    assert assessed["summary"]["nearly_met"] == 1  # 4.8% against 增长5%左右: inside 0.5 points
    assert next(r for r in assessed["rows"] if r["name"] == FAI)["actual"] == "增长4.8%"


@pytest.mark.parametrize("phrase", ["好得很", "？？？"])
def test_an_unreadable_actual_is_refused(stored, phrase):
    _db, engine, _plan_id = stored
    fai = find_indicator(engine, FAI).id
    with pytest.raises(BadObservation, match="无法识别完成情况"):
        enter_figure(engine, Entry(fai, Period.of_year(2024), phrase, "final", version=2), "统计员")
