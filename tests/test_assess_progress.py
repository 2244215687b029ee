"""序时进度: a figure of part of the year against the annual target, one rule per kind."""

from __future__ import annotations

import pytest

from planwatch.assess.progress import Progress, ProgressPolicy, elapsed, judge_progress
from planwatch.model import Direction, Period, PeriodKind
from planwatch.phrases import parse_actual, parse_target

H, C = Direction.HIGHER_BETTER, Direction.CEILING
H1 = Period(kind=PeriodKind.YEAR_TO_DATE, year=2025, month=6)
Q1 = Period(kind=PeriodKind.QUARTER, year=2025, quarter=1)
MAY = Period(kind=PeriodKind.MONTH, year=2025, month=5)


def judged(target, actual, period=H1, direction=H, **options):
    return judge_progress(parse_target(target), parse_actual(actual), period, direction, **options)


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        ("新增80家", Progress.AHEAD),  # 75 due by June; 80 is beyond the 5 % band
        ("新增72家", Progress.ON_TRACK),
        ("新增60家", Progress.BEHIND),
    ],
)
def test_a_cumulative_quantity_against_the_share_of_the_year(actual, status):
    verdict = judged("新增150家以上", actual)
    assert verdict.status is status, verdict.reason
    assert verdict.expected == pytest.approx(75)
    assert "序时进度50%应完成75家" in verdict.reason


def test_last_years_profile_replaces_the_calendar():
    profile = {6: 0.4}  # by June last year 40 % of the year's total was reached
    verdict = judged("新增150家以上", "新增60家", profile=profile)
    assert (verdict.status, verdict.expected) == (Progress.ON_TRACK, pytest.approx(60))


def test_quarters_are_cumulative_and_a_month_is_its_twelfth():
    assert elapsed(Q1) == pytest.approx(0.25)
    assert elapsed(MAY) == pytest.approx(1 / 12)
    assert judged("新增120家", "新增10家", MAY).status is Progress.ON_TRACK
    assert judged("新增120家", "新增8家", MAY).status is Progress.BEHIND


@pytest.mark.parametrize(
    ("actual", "status"),
    [("增长6%", Progress.AHEAD), ("增长5.3%", Progress.ON_TRACK), ("增长4.2%", Progress.BEHIND)],
)
def test_a_growth_rate_to_date_against_the_annual_rate(actual, status):
    assert judged("增长5%左右", actual).status is status


@pytest.mark.parametrize(
    ("actual", "status"), [("0.5%", Progress.ON_TRACK), ("3.8%", Progress.BEHIND)]
)
def test_a_ceiling_is_kept_or_breached(actual, status):
    assert judged("3%左右", actual, direction=C).status is status


def test_a_flow_named_in_the_table_is_cumulative_but_a_stock_is_not():
    flow = judged(
        "35万人",
        "18万人",
        Q1 if False else Period(kind=PeriodKind.QUARTER, year=2025, quarter=2),
        name="城镇新增就业人数",
    )
    assert flow.status is Progress.ON_TRACK and flow.expected == pytest.approx(175_000)
    stock = judged("1.85万家以上", "1.8万家", name="有效高新技术企业数")
    assert stock.expected == pytest.approx(18_500) and stock.status is Progress.ON_TRACK


def test_pending_and_unreadable_are_said():
    assert judged("增长5%左右", "待省反馈").status is Progress.PENDING
    assert judged("完成省下达任务", "增长5%").status is Progress.UNASSESSABLE


def test_a_narrower_band_for_binding_indicators():
    strict = ProgressPolicy(band_points=0.1)
    assert judged("增长5%左右", "增长4.8%").status is Progress.ON_TRACK
    assert judged("增长5%左右", "增长4.8%", policy=strict).status is Progress.BEHIND


def test_the_progress_command_judges_entered_figures(tmp_path):
    """The CLI over a real SQLite store: two figures entered for 1-6月, the rest not yet."""
    from typer.testing import CliRunner

    from planwatch.cli import app
    from planwatch.ingest import SAMPLE_REPORT, read_document
    from planwatch.monitor import enter_figure
    from planwatch.sources import save_document
    from planwatch.store import database_url, migrated_engine
    from planwatch.store.indicators import list_indicators
    from planwatch.store.observations import Entry

    db = str(tmp_path / "pw.sqlite")
    engine = migrated_engine(database_url(db))
    plan_id = save_document(engine, read_document(SAMPLE_REPORT), "sample").plan_id
    ids = {i.name: i.id for i in list_indicators(engine, plan_id=plan_id)}
    enter_figure(
        engine,
        Entry(ids["地区生产总值"], H1, "增长5.3%", "final", note="", source="", version=None),
        "t",
    )
    enter_figure(
        engine,
        Entry(ids["城镇新增就业人数"], H1, "15万人", "final", note="", source="", version=None),
        "t",
    )
    runner = CliRunner()
    result = runner.invoke(
        app, ["progress", "苏州市2025", "--period", "2025-06", "--db", db, "--json"]
    )
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.stdout)
    rows = {row["name"]: row for row in data["rows"]}
    assert rows["地区生产总值"]["status"] == "on_track"
    assert rows["城镇新增就业人数"]["status"] == "behind"  # 15万 of the 17.5万 due by June
    assert data["sentence"].startswith(
        "2025年1-6月，44项指标中，1项快于或符合序时进度，1项慢于序时"
    )
    bad = runner.invoke(app, ["progress", "苏州市2025", "--period", "2025-13", "--db", db])
    assert bad.exit_code == 1 and "应写成" in bad.output


@pytest.mark.parametrize(
    ("actual", "status"),
    [("增长0.6%", Progress.ON_TRACK), ("增长3.1%", Progress.AHEAD), ("下降2%", Progress.BEHIND)],
)
def test_keeping_stable_is_a_growth_of_about_zero(actual, status):
    assert judged("保持稳定", actual).status is status
    assert judged("保持稳定", "完成").status is Progress.UNASSESSABLE  # a word has no figure
