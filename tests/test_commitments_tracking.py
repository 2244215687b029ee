"""Key-task commitments tracked like targets: given to a department, reported, judged.

The sample's 三、 part holds 8 quantified commitments in 18 key tasks (see
test_ingest_prose.test_the_samples_key_tasks_and_their_commitments). Real SQLite and
PostgreSQL (``any_db_url``), the real CLI in process, the real app through TestClient.
"""

from __future__ import annotations

import json

import pytest

from planwatch.errors import BadObservation, CommitmentNotFound
from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import Commitment, Direction, Status
from planwatch.monitor.commitments import (
    assign,
    commitment_direction,
    listed_commitments,
    plan_commitments,
    report_progress,
    tracked_commitments,
)
from planwatch.sources import save_document
from planwatch.store import list_audit, migrated_engine
from test_web_support import csrf, make_site

VILLAGES = "13-1"  # 实施186个城中村改造 → 186个
LOGISTICS = "11-1"  # 社会物流总费用占地区生产总值比重下降至12%左右


@pytest.fixture
def stored(any_db_url):
    engine = migrated_engine(any_db_url)
    plan_id = save_document(engine, read_document(SAMPLE_REPORT), "sample").plan_id
    return engine, plan_id


def test_the_samples_commitments_have_stable_keys(sample_doc):
    listed = [(key, c.name, c.phrase) for key, _, c in listed_commitments(sample_doc)]
    assert len(listed) == 8
    assert (VILLAGES, "实施186个城中村改造", "186个") in listed
    assert (LOGISTICS, "社会物流总费用占地区生产总值比重", "下降至12%左右") in listed
    tracked = tracked_commitments(sample_doc, {})
    assert all(t.status is None and t.reason == "尚未报送进展" for t in tracked)


@pytest.mark.parametrize(
    ("progress", "status"),
    [
        ("完成190个", Status.MET),  # a promise to deliver 186: more is better
        ("完成150个", Status.NOT_MET),
        ("已完成", Status.MET),
        ("预计完成", Status.EXPECTED),
    ],
)
def test_a_reported_commitment_is_judged_like_a_target(stored, progress, status):
    engine, plan_id = stored
    report_progress(engine, plan_id, VILLAGES, progress, "住建局")
    judged = {t.key: t for t in plan_commitments(engine, plan_id)}[VILLAGES]
    assert (judged.state.progress, judged.status) == (progress, status)
    assert judged.state.updated_by == "住建局" and judged.state.updated_at is not None


@pytest.mark.parametrize(
    ("progress", "status"),
    [("下降至11.8%", Status.MET), ("12.9%", Status.NOT_MET)],  # down is good: a cap
)
def test_a_commitment_to_bring_something_down_is_a_cap(stored, progress, status):
    engine, plan_id = stored
    report_progress(engine, plan_id, LOGISTICS, progress, "发改委")
    judged = {t.key: t for t in plan_commitments(engine, plan_id)}[LOGISTICS]
    assert judged.status is status, judged.reason


def test_direction_of_a_commitment():
    def of(name: str, phrase: str) -> Direction:
        return commitment_direction(Commitment(name=name, phrase=phrase, text=name + phrase))

    assert of("新开工城中村改造", "186个") is Direction.HIGHER_BETTER  # the catalogue's
    assert of("实施改造", "186个") is Direction.HIGHER_BETTER
    assert of("社会物流总费用占比", "下降至12%左右") is Direction.LOWER_BETTER
    assert of("PM2.5浓度", "30微克/立方米") is Direction.LOWER_BETTER  # the catalogue's


def test_assignment_and_progress_are_audited_and_kept(stored):
    engine, plan_id = stored
    assign(engine, plan_id, VILLAGES, " 住建局 ", "drc")
    report_progress(engine, plan_id, VILLAGES, "完成190个", "zhujian")
    judged = {t.key: t for t in plan_commitments(engine, plan_id)}[VILLAGES]
    assert judged.state.department == "住建局"
    entries = [(e.action, e.new) for e in list_audit(engine, entity="commitment")]
    assert ("assign", {"plan_id": plan_id, "key": VILLAGES, "department": "住建局"}) in entries
    assert ("progress", {"plan_id": plan_id, "key": VILLAGES, "progress": "完成190个"}) in entries


@pytest.mark.parametrize(
    ("key", "progress", "error"),
    [
        ("9-9", "完成", CommitmentNotFound),
        (VILLAGES, "   ", BadObservation),
        (VILLAGES, "还行吧", BadObservation),
    ],
)
def test_a_wrong_key_or_phrase_stores_nothing(stored, key, progress, error):
    engine, plan_id = stored
    with pytest.raises(error):
        report_progress(engine, plan_id, key, progress, "drc")
    assert all(t.state.progress is None for t in plan_commitments(engine, plan_id))
    assert list_audit(engine, entity="commitment") == []


def test_cli_lists_assigns_and_reports(cli, tmp_path):
    db = tmp_path / "pw.sqlite"
    assert cli("ingest", SAMPLE_REPORT, db=db).exit_code == 0
    done = cli("tasks", "1", "--assign", VILLAGES, "--department", "住建局", db=db)
    assert done.exit_code == 0 and "住建局" in done.stderr
    done = cli("tasks", "1", "--report", VILLAGES, "--progress", "完成190个", "--json", db=db)
    rows = {r["key"]: r for r in json.loads(done.stdout)}
    assert len(rows) == 8
    assert (rows[VILLAGES]["department"], rows[VILLAGES]["status_zh"]) == ("住建局", "完成")
    assert rows[LOGISTICS]["status_zh"] == "未报送"
    wrong = cli("tasks", "1", "--report", "9-9", "--progress", "完成", db=db)
    assert wrong.exit_code == CommitmentNotFound.exit_code and "9-9" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    half = cli("tasks", "1", "--assign", VILLAGES, db=db)
    assert half.exit_code != 0 and "--department" in half.stderr


@pytest.fixture
def site(tmp_path):
    return make_site(f"sqlite:///{tmp_path / 'pw.sqlite'}")


def _post(client, path: str, **data: str):
    return client.post(path, data={**data, "csrf_token": csrf(client)}, follow_redirects=False)


def test_web_editor_assigns_and_the_department_reports(site):
    tasks = f"/plans/{site.plan_id}/tasks"
    drc = site.client("drc")
    page = drc.get(tasks)
    assert page.status_code == 200 and page.text.count("<tr data-key=") == 8
    assert _post(drc, f"{tasks}/department", key=VILLAGES, department="商务局").status_code == 303
    shop = site.client("shangwu")  # 商务局
    own = shop.get(tasks)
    assert own.status_code == 200 and own.text.count("<tr data-key=") == 1
    assert _post(shop, f"{tasks}/progress", key=VILLAGES, progress="完成190个").status_code == 303
    row = drc.get(tasks).text.split(f'data-key="{VILLAGES}"')[1].split("</tr>")[0]
    assert 'data-status="met"' in drc.get(tasks).text and "完成190个" in row
    # another department may neither see nor report it; a reader may not assign
    stats = site.client("tongji")
    assert stats.get(tasks).text.count("<tr data-key=") == 0
    refused = _post(stats, f"{tasks}/progress", key=VILLAGES, progress="完成1个")
    assert refused.status_code == 403
    assert _post(site.client("reader"), f"{tasks}/department", key=VILLAGES).status_code == 403
    bad = _post(drc, f"{tasks}/progress", key=VILLAGES, progress="还行吧")
    assert bad.status_code == 422 and "无法识别进展" in bad.text
