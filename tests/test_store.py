"""Storing plans on SQLite and on a real PostgreSQL: round trips, no duplicates, all or nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from planwatch.errors import PlanConflict, PlanNotFound
from planwatch.sources import save_document
from planwatch.store import find_plan_id, list_plans, load_plan, migrated_engine
from planwatch.store.database import database_url
from planwatch.store.schema import IndicatorRecord, ObservationRecord, PlanRecord, TargetRecord


def _count(engine, record) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(record))


def test_round_trip(any_db_url, sample_doc):
    engine = migrated_engine(any_db_url)
    saved = save_document(engine, sample_doc, "sample.txt")
    assert saved.status == "created"
    assert load_plan(engine, saved.plan_id) == sample_doc


def test_same_document_twice_is_stored_once(any_db_url, sample_doc):
    engine = migrated_engine(any_db_url)
    first = save_document(engine, sample_doc, "a.txt")
    second = save_document(engine, sample_doc, "b.txt")
    assert (second.plan_id, second.status) == (first.plan_id, "unchanged")
    assert _count(engine, PlanRecord) == 1
    assert _count(engine, TargetRecord) == 89
    # 45 + 44 rows name 50 indicators: 39 continue, 6 only in 2024 (4 replaced, 2 removed),
    # 5 only in 2025 (4 successors, 1 added).
    assert _count(engine, IndicatorRecord) == 50
    assert _count(engine, ObservationRecord) == 45


def test_another_version_is_refused_without_replace(any_db_url, sample_doc):
    engine = migrated_engine(any_db_url)
    first = save_document(engine, sample_doc, "a.txt")
    cut = sample_doc.model_copy(deep=True)
    cut.tables = cut.tables[:1]
    cut.tables[0].rows = cut.tables[0].rows[:20]
    with pytest.raises(PlanConflict) as caught:
        save_document(engine, cut, "cut.txt")
    assert f"计划 #{first.plan_id}（45行、44行" in caught.value.message
    assert "新文件为20行" in caught.value.message and "--replace" in caught.value.message
    assert load_plan(engine, first.plan_id) == sample_doc  # nothing lost
    assert _count(engine, TargetRecord) == 89


def test_documents_without_title_never_replace_each_other(sqlite_url, sample_doc):
    engine = migrated_engine(sqlite_url)
    review, plan = sample_doc.model_copy(deep=True), sample_doc.model_copy(deep=True)
    review.title = plan.title = ""
    review.tables, plan.tables = review.tables[:1], plan.tables[1:]
    first, second = save_document(engine, review, "t1.xlsx"), save_document(engine, plan, "t2.xlsx")
    assert first.plan_id != second.plan_id
    assert [p.rows for p in list_plans(engine)] == [45, 44]


def test_corrected_version_replaces_the_old(any_db_url, sample_doc):
    engine = migrated_engine(any_db_url)
    first = save_document(engine, sample_doc, "a.txt")
    sample_doc.tables[0].rows[0].actual = "增长6.1%"
    second = save_document(engine, sample_doc, "a-fixed.txt", replace=True)
    assert (second.plan_id, second.status) == (first.plan_id, "updated")
    assert _count(engine, TargetRecord) == 89
    assert load_plan(engine, first.plan_id).tables[0].rows[0].actual == "增长6.1%"
    with Session(engine) as session:
        phrases = session.scalars(select(ObservationRecord.phrase)).all()
    assert "增长6.1%" in phrases and "增长6%" not in phrases


def test_find_plan_by_reference(sqlite_url, sample_doc):
    engine = migrated_engine(sqlite_url)
    plan_id = save_document(engine, sample_doc, "a.txt").plan_id
    assert find_plan_id(engine, "苏州市2025") == plan_id
    assert find_plan_id(engine, "苏州市-2024") == plan_id
    assert find_plan_id(engine, str(plan_id)) == plan_id
    assert find_plan_id(engine, f"#{plan_id}") == plan_id
    for missing in ("99", "99999999999999999999", "#0"):
        with pytest.raises(PlanNotFound):
            find_plan_id(engine, missing)
    assert [p.title for p in list_plans(engine)] == [sample_doc.title]


def test_failed_save_leaves_nothing(postgres_url, sample_doc):
    engine = migrated_engine(postgres_url)
    sample_doc.tables[1].rows[-1].name = "过长" * 200  # longer than the column allows
    with pytest.raises(DBAPIError):
        save_document(engine, sample_doc, "bad.txt")
    assert _count(engine, PlanRecord) == 0
    assert _count(engine, IndicatorRecord) == 0
    assert _count(engine, TargetRecord) == 0


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///x.sqlite", "sqlite:///x.sqlite"),
    ],
)
def test_database_url_passes_urls_through(given, expected):
    assert database_url(given) == expected


def test_database_url_default_and_environment(tmp_path, monkeypatch):
    assert database_url().endswith("planwatch/planwatch.sqlite")
    assert str(tmp_path) in database_url()  # conftest moved XDG_DATA_HOME into tmp_path
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", str(tmp_path / "env.sqlite"))
    assert database_url() == f"sqlite:///{tmp_path / 'env.sqlite'}"


def test_head_revision_agrees_with_alembic(sqlite_url):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from planwatch.store.database import MIGRATIONS, current_revision, head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()
    assert current_revision(migrated_engine(sqlite_url)) == head_revision()


def test_report_actuals_become_observations_with_their_quality(sqlite_url, sample_doc):
    engine = migrated_engine(sqlite_url)
    save_document(engine, sample_doc, "a.txt")
    with Session(engine) as session:
        rows = session.execute(
            select(IndicatorRecord.name, ObservationRecord.quality, ObservationRecord.year).join(
                ObservationRecord.indicator
            )
        ).all()
    quality = {name: q for name, q, _ in rows}
    assert {year for *_, year in rows} == {2024}
    assert quality["地区生产总值"] == "final"
    assert quality["工业战略性新兴产业产值占工业总产值比重"] == "pending"
    assert quality["人才资源总量"] == "estimate"
    assert quality["耕地保有量"] == "qualitative"


def test_an_upload_is_audited_with_its_save(sqlite_url, sample_doc):
    from planwatch.store.audit import list_audit

    engine = migrated_engine(sqlite_url)
    saved = save_document(engine, sample_doc, "web:/srv/in/sample.txt", actor="张三")
    entry = list_audit(engine, entity="plan")[0]
    assert (entry.actor, entry.action, entry.entity_id) == ("张三", "upload", saved.plan_id)
    assert entry.new == {"source": "sample.txt", "status": "created"}  # no server folders
    assert list_audit(engine) == [entry]
