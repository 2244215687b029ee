"""A re-import is a change like any other: versions bumped, audited value by value, and the
replaced report kept (viewable, restorable)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from planwatch.cli import app
from planwatch.errors import StaleEdit
from planwatch.model import Period, PlanDocument
from planwatch.monitor import enter_figure
from planwatch.sources import restore_version, save_document
from planwatch.store import (
    Entry,
    find_indicator,
    list_audit,
    list_observations,
    load_plan,
    migrated_engine,
    plan_versions,
)

FAI = "固定资产投资"  # printed in the sample's 表1 as 增长1.7%


def _corrected(doc: PlanDocument, phrase: str) -> PlanDocument:
    """The same report with one printed actual corrected (as a re-issued file would be)."""
    review = doc.tables[0]
    rows = [r.model_copy(update={"actual": phrase}) if r.name == FAI else r for r in review.rows]
    tables = [review.model_copy(update={"rows": rows}), *doc.tables[1:]]
    return doc.model_copy(update={"tables": tables})


@pytest.fixture
def store(any_db_url, sample_doc):
    engine = migrated_engine(any_db_url)
    plan_id = save_document(engine, sample_doc, "sample.txt", actor="drc").plan_id
    return engine, plan_id, find_indicator(engine, FAI).id


def _year_figure(engine, indicator_id):
    return next(o for o in list_observations(engine, indicator_id) if o.period.year == 2024)


def test_reimport_bumps_the_version_and_audits_the_value(store, sample_doc):
    engine, plan_id, fai = store
    assert _year_figure(engine, fai).version == 1
    saved = save_document(engine, _corrected(sample_doc, "增长2.0%"), "v2.txt", replace=True)
    assert (saved.plan_id, saved.status) == (plan_id, "updated")
    figure = _year_figure(engine, fai)
    assert (figure.phrase, figure.version) == ("增长2.0%", 2)
    changes = [e for e in list_audit(engine, "observation", [figure.id]) if e.action == "update"]
    assert len(changes) == 1
    assert (changes[0].old["phrase"], changes[0].new["phrase"]) == ("增长1.7%", "增长2.0%")
    assert (changes[0].old["version"], changes[0].new["version"]) == (1, 2)


def test_a_form_loaded_before_the_reimport_cannot_overwrite_it(store, sample_doc):
    engine, _plan_id, fai = store
    loaded = _year_figure(engine, fai).version  # the editor opens the form: version 1
    save_document(engine, _corrected(sample_doc, "增长2.0%"), "v2.txt", replace=True)
    stale = Entry(fai, Period.of_year(2024), "增长1.9%", "final", version=loaded)
    with pytest.raises(StaleEdit, match="已被他人修改"):
        enter_figure(engine, stale, "统计员")
    assert _year_figure(engine, fai).phrase == "增长2.0%"


def test_the_replaced_report_is_kept_and_can_be_restored(store, sample_doc):
    engine, plan_id, fai = store
    assert plan_versions(engine, plan_id) == []
    save_document(engine, _corrected(sample_doc, "增长2.0%"), "v2.txt", replace=True, actor="drc")
    kept = plan_versions(engine, plan_id)
    assert [(v.source_name, v.tables, v.rows, v.replaced_by) for v in kept] == [
        ("sample.txt", 2, 45 + 44, "drc")
    ]
    restore_version(engine, plan_id, kept[0].id, "admin")
    assert load_plan(engine, plan_id).tables[0].row_named(FAI).actual == "增长1.7%"
    assert [v.source_name for v in plan_versions(engine, plan_id)] == ["v2.txt", "sample.txt"]
    figure = _year_figure(engine, fai)
    assert (figure.phrase, figure.version) == ("增长1.7%", 3)


def test_an_unchanged_reimport_changes_no_version(store, sample_doc):
    engine, plan_id, fai = store
    assert save_document(engine, sample_doc, "again.txt").status == "unchanged"
    assert plan_versions(engine, plan_id) == []
    assert _year_figure(engine, fai).version == 1


def test_versions_command_lists_and_restores(store, sample_doc):
    engine, plan_id, _fai = store
    save_document(engine, _corrected(sample_doc, "增长2.0%"), "v2.txt", replace=True)
    url = str(engine.url.render_as_string(hide_password=False))
    runner = CliRunner()
    listed = runner.invoke(app, ["versions", str(plan_id), "--db", url], env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    assert "sample.txt" in listed.output and "2/89" in listed.output
    version = plan_versions(engine, plan_id)[0].id
    restored = runner.invoke(
        app, ["versions", str(plan_id), "--restore", str(version), "--db", url]
    )
    assert restored.exit_code == 0, restored.output
    assert f"恢复为历史版本 #{version}" in restored.output
    missing = runner.invoke(app, ["versions", str(plan_id), "--restore", "999", "--db", url])
    assert missing.exit_code != 0
    assert "没有编号为999的历史版本" in missing.output


def test_versions_page_lists_and_editors_restore(tmp_path, sample_doc):
    from test_web_support import csrf, make_site

    site = make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")
    engine = site.app.state.engine
    save_document(engine, _corrected(sample_doc, "增长2.0%"), "v2.txt", replace=True, actor="drc")
    version = plan_versions(engine, site.plan_id)[0].id
    page = f"/plans/{site.plan_id}/versions"
    viewer = site.client("reader")
    seen = viewer.get(page)
    assert seen.status_code == 200
    assert f"#{version}" in seen.text and "恢复此版本" not in seen.text
    refused = viewer.post(f"{page}/{version}/restore", data={"csrf_token": csrf(viewer)})
    assert refused.status_code == 403
    assert "CSRF" not in refused.text and "令牌" not in refused.text  # refused for the role
    drc = site.client("drc")
    listed = drc.get(page)
    assert "恢复此版本" in listed.text
    restored = drc.post(
        f"{page}/{version}/restore", data={"csrf_token": csrf(drc)}, follow_redirects=False
    )
    assert restored.status_code == 303
    assert restored.headers["location"] == f"{page}?restored={version}"
    assert load_plan(engine, site.plan_id).tables[0].row_named(FAI).actual == "增长1.7%"
