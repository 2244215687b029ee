"""In-year monitoring on a real database: import of figures (all or none), the board, the
reporting cycle (requests, review, late, overrides), the bulletin, and the demo year."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from planwatch.assess.progress import Progress
from planwatch.assess.warnings import Light
from planwatch.errors import BadObservation, ReviewError, TableNotFound
from planwatch.ingest import SAMPLE_REPORT, read_document
from planwatch.model import Period, PeriodKind
from planwatch.monitor import enter_figure, import_figures, load_board, parse_period
from planwatch.report.bulletin import (
    build_bulletin,
    bulletin_html,
    bulletin_markdown,
    write_bulletin_docx,
)
from planwatch.sources import save_document
from planwatch.store import migrated_engine
from planwatch.store.indicators import assign_department
from planwatch.store.observations import Entry
from planwatch.store.requests import (
    DueRule,
    late_requests,
    period_requests,
    request_figures,
    review_request,
    set_override,
)
from planwatch.store.schema import ObservationRecord

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src/planwatch/samples/demo-2025-monthly.csv"
HEADER = "指标名称,期间,完成情况\n"
JOBS = "城镇新增就业人数"
RETAIL = "社会消费品零售总额"


@pytest.fixture
def plan(any_db_url):
    engine = migrated_engine(any_db_url)
    plan_id = save_document(engine, read_document(SAMPLE_REPORT), "test").plan_id
    return engine, plan_id


@pytest.fixture
def demo(plan):
    engine, plan_id = plan
    import_figures(engine, plan_id, DEMO, "test")
    return engine, plan_id


def observations(engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(ObservationRecord))


def csv_file(tmp_path: Path, body: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "figures.csv"
    path.write_bytes((HEADER + body).encode(encoding))
    return path


def test_the_demo_script_reproduces_the_bundled_year():
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/make_demo_year.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    assert "示例数据" in DEMO.read_text(encoding="utf-8").splitlines()[1]


def test_the_demo_board_judges_lights_and_paces_by_last_years_path(demo):
    engine, plan_id = demo
    board = load_board(engine, plan_id, parse_period("2025-09"))
    rows = {r.name: r for r in board.rows}
    assert len(board.rows) == 44 and board.demo
    assert rows["省考地表水达到或优于Ⅲ类水体比例"].alert.light is Light.RED  # binding
    assert board.newly_red == ["省考地表水达到或优于Ⅲ类水体比例"]
    assert rows[RETAIL].verdict.status is Progress.BEHIND
    assert "按去年同期" in rows[JOBS].forecast.method
    assert rows["建成智能工厂数"].verdict.status is Progress.PENDING
    assert rows["技术合同成交额"].judged.expected == pytest.approx(1150e8 * 0.75)


def test_gbk_file_is_read_and_stored_whole(plan, tmp_path):
    engine, plan_id = plan
    before = observations(engine)
    path = csv_file(tmp_path, f"{JOBS},2025-03,9万人\n{JOBS},2025-06,19万人\n", "gbk")
    result = import_figures(engine, plan_id, path, "test")
    assert result.stored == 2 and result.periods == ["2025年1-3月", "2025年1-6月"]
    assert observations(engine) == before + 2


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"{JOBS},2026-03,9万人\n", "不在计划年度2025年内"),
        (f"{JOBS},2025-03,9万人\n{JOBS},2025-06,8万人\n", "累计值不会回落"),
        (f"{RETAIL},2025Q1,增长5%\n{RETAIL},2025年第1季度,增长5.1%\n", "第4行.*已在第3行出现"),
        ("不存在的指标,2025-03,增长5%\n", "不在2025年计划表中"),
        (f"{RETAIL},2025-13,增长5%\n", "第3行：期间“2025-13”"),
        (f"{RETAIL},2025-03,好得很\n", "无法识别完成情况"),
    ],
)
def test_a_bad_line_stores_nothing_and_says_where(plan, tmp_path, body, message):
    engine, plan_id = plan
    before = observations(engine)
    good = f"{JOBS},2025-02,5万人\n"
    with pytest.raises(BadObservation, match=message):
        import_figures(engine, plan_id, csv_file(tmp_path, good + body), "test")
    assert observations(engine) == before


def test_a_department_cannot_import_another_departments_figures(plan, tmp_path):
    engine, plan_id = plan
    board = load_board(engine, plan_id, parse_period("2025-03"))
    assign_department(engine, board.ids[JOBS], "人社局", "test")
    path = csv_file(tmp_path, f"{JOBS},2025-03,9万人\n{RETAIL},2025-03,增长5%\n")
    before = observations(engine)
    with pytest.raises(BadObservation, match="不是人社局负责的指标"):
        import_figures(engine, plan_id, path, "test", department="人社局")
    assert observations(engine) == before  # not even the department's own first line
    assert (
        import_figures(
            engine,
            plan_id,
            csv_file(tmp_path, f"{JOBS},2025-03,9万人\n"),
            "test",
            department="人社局",
        ).stored
        == 1
    )


def test_a_different_figure_needs_replace(demo, tmp_path):
    engine, plan_id = demo
    path = csv_file(tmp_path, f"{RETAIL},2025-06,增长9%\n")
    with pytest.raises(BadObservation, match="--replace"):
        import_figures(engine, plan_id, path, "test")
    import_figures(engine, plan_id, path, "test", replace=True)
    row = {r.name: r for r in load_board(engine, plan_id, parse_period("2025-06")).rows}[RETAIL]
    assert row.row.actual == "增长9%"


def test_entering_a_falling_cumulative_figure_is_refused(demo):
    engine, plan_id = demo
    board = load_board(engine, plan_id, parse_period("2025-06"))
    entry = Entry(board.ids[JOBS], parse_period("2025-07"), "1万人", version=None)
    with pytest.raises(BadObservation, match="累计值不会回落"):
        enter_figure(engine, entry, "test")


def test_due_dates_follow_the_rule():
    rule = DueRule()
    assert rule.due(parse_period("2025-06")) == dt.date(2025, 7, 10)
    assert rule.due(parse_period("2025-12")) == dt.date(2026, 1, 10)
    assert rule.due(parse_period("2025Q4")) == dt.date(2026, 1, 15)
    assert rule.due(parse_period("2025Q1")) == dt.date(2025, 4, 15)
    assert rule.due(Period.of_year(2025)) == dt.date(2026, 1, 31)


def test_the_cycle_submit_review_return_and_late(plan):
    engine, plan_id = plan
    june, q1 = parse_period("2025-06"), Period(kind=PeriodKind.QUARTER, year=2025, quarter=1)
    board = load_board(engine, plan_id, june)
    ids = list(board.ids.values())
    assert request_figures(engine, ids, [june, q1], "drc") == 88
    assert request_figures(engine, ids, [june], "drc") == 0  # kept as they are
    late = late_requests(engine, dt.date(2025, 7, 20))
    assert len(late) == 88 and late[0].days_late == 96  # Q1 was due on 15 April
    assert {r.days_late for r in late[44:]} == {10}
    enter_figure(engine, Entry(board.ids[RETAIL], june, "增长4%"), "shangwu")
    enter_figure(engine, Entry(board.ids[JOBS], june, "20万人"), "renshe")
    requests = period_requests(engine, ids, june)
    assert requests[board.ids[RETAIL]].status == "submitted"
    with pytest.raises(ReviewError, match="必须填写意见"):
        review_request(engine, requests[board.ids[RETAIL]].id, False, " ", "drc")
    review_request(engine, requests[board.ids[RETAIL]].id, False, "口径有误", "drc")
    review_request(engine, requests[board.ids[JOBS]].id, True, "", "drc")
    with pytest.raises(ReviewError, match="只有已报送"):
        review_request(engine, requests[board.ids[JOBS]].id, True, "", "drc")
    rows = {r.name: r for r in load_board(engine, plan_id, june).rows}
    assert rows[RETAIL].row.actual is None  # returned: not used
    assert rows[JOBS].row.actual == "20万人"
    late_june = [r for r in late_requests(engine, dt.date(2025, 7, 20)) if r.request.period == june]
    names = {r.indicator for r in late_june}
    assert RETAIL in names and JOBS not in names and len(names) == 43


def test_an_override_needs_a_reason_and_shows_beside_the_rule(demo):
    engine, plan_id = demo
    june = parse_period("2025-06")
    board = load_board(engine, plan_id, june)
    with pytest.raises(ReviewError, match="理由"):
        set_override(engine, board.ids[RETAIL], june, "on_track", "", "drc")
    set_override(engine, board.ids[RETAIL], june, "on_track", "以旧换新政策下半年发力", "drc")
    row = {r.name: r for r in load_board(engine, plan_id, june).rows}[RETAIL]
    assert row.verdict.status is Progress.ON_TRACK and row.judged.status is Progress.BEHIND
    assert (
        "以旧换新政策下半年发力" in row.verdict.reason and "原判断：慢于序时" in row.verdict.reason
    )
    assert row.alert.light is Light.GREEN
    set_override(engine, board.ids[RETAIL], june, "", "", "drc")
    row = {r.name: r for r in load_board(engine, plan_id, june).rows}[RETAIL]
    assert row.override is None and row.verdict.status is Progress.BEHIND


def test_a_period_outside_the_plan_year_is_refused(plan):
    engine, plan_id = plan
    with pytest.raises(TableNotFound, match="只有2025年"):
        load_board(engine, plan_id, parse_period("2026-03"))


def test_the_bulletin_in_three_formats(demo, tmp_path):
    engine, plan_id = demo
    board = load_board(engine, plan_id, parse_period("2025-09"))
    text = bulletin_markdown(build_bulletin(board, ()))
    assert text.startswith("# 苏州市2025年1-9月国民经济和社会发展计划主要指标监测简报")
    assert "2025年1-9月，44项指标中，" in text and "【示例数据】" in text
    assert "新亮红灯1项：省考地表水达到或优于Ⅲ类水体比例" in text
    assert "### （七）安全保障水平" in text
    content = build_bulletin(board)
    html = bulletin_html(content)
    assert html.count("<svg") == len(content.charts) >= 5 and "http" not in html.split("<svg")[0]
    out = tmp_path / "b.docx"
    write_bulletin_docx(content, out)
    with zipfile.ZipFile(out) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
        images = [n for n in docx.namelist() if n.startswith("word/media/")]
    assert "慢于序时进度的指标" in xml and 'w:eastAsia="仿宋"' in xml
    assert len(images) == len(content.charts)


def test_the_cli_imports_and_prints_a_bulletin(cli, tmp_path):
    db = str(tmp_path / "cli.sqlite")

    def planwatch(*args):
        return cli(*args, db=db)

    assert planwatch("ingest", str(SAMPLE_REPORT)).returncode == 0
    imported = planwatch("figures", str(DEMO), "--plan", "苏州市2025")
    assert imported.returncode == 0 and "已导入240条数据" in imported.stdout
    bulletin = planwatch("bulletin", "苏州市2025", "--period", "2025-06")
    assert bulletin.returncode == 0 and "2025年1-6月，44项指标中" in bulletin.stdout
    assert "红灯1项" in planwatch("bulletin", "苏州市2025", "--period", "2025-09").stdout
    lenient = tmp_path / "policy.toml"
    lenient.write_text("[binding]\nred_points = 5\n", encoding="utf-8")
    relaxed = planwatch("bulletin", "苏州市2025", "--period", "2025-09", "--policy", str(lenient))
    assert "红灯0项，黄灯4项" in relaxed.stdout  # the binding surface-water share is yellow now
    wrong = planwatch("bulletin", "苏州市2025", "--period", "2025-6月")
    assert wrong.returncode != 0 and "Traceback" not in wrong.stderr
    assert "期间“2025-6月”应写成" in wrong.stderr
    late = planwatch("late", "--today", "2025-07-20", "--csv")
    assert late.returncode == 0 and late.stdout.startswith("责任部门,指标名称")
    assert io.StringIO(late.stdout).read().count("\n") == 1  # nothing requested yet
