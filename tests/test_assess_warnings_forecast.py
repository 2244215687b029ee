"""Warnings (lights) and year-end forecasts: rules beside their tests, and the forecast checked
on real national figures of past years (国家统计局、人社部 releases)."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.assess.forecast import Likelihood, forecast_year_end, profile_of
from planwatch.assess.progress import judge_progress
from planwatch.assess.warnings import (
    Light,
    Thresholds,
    WarningPolicy,
    load_warning_policy,
    newly_red,
    warn,
)
from planwatch.errors import PlanwatchError
from planwatch.model import Direction, Period, PeriodKind
from planwatch.phrases import parse_actual, parse_target

H, C = Direction.HIGHER_BETTER, Direction.CEILING


def ytd(month: int, year: int = 2025) -> Period:
    return Period(kind=PeriodKind.YEAR_TO_DATE, year=year, month=month)


def light(target, actual, nature="expected", direction=H, month=6, policy=None):
    verdict = judge_progress(parse_target(target), parse_actual(actual), ytd(month), direction)
    return warn(verdict, nature, policy)


@pytest.mark.parametrize(
    ("target", "actual", "nature", "expected"),
    [
        ("增长5%左右", "增长5.2%", "expected", Light.GREEN),
        ("增长5%左右", "增长4.2%", "expected", Light.YELLOW),  # 0.8 points behind
        ("增长5%左右", "增长3.2%", "expected", Light.RED),  # 1.8 points behind
        ("95%", "94.2%", "expected", Light.YELLOW),
        ("95%", "94.2%", "binding", Light.RED),  # binding: red beyond 0.5 points
        ("新增150家", "新增65家", "expected", Light.YELLOW),  # 75 due: 13 % short
        ("新增150家", "新增60家", "expected", Light.RED),  # 20 % short
        ("新增150家", "新增72家", "binding", Light.GREEN),  # within the on-schedule band
        ("新增150家", "新增70家", "binding", Light.RED),  # 6.7 % short of 75: binding red
    ],
)
def test_lights_follow_the_shortfall_and_the_nature(target, actual, nature, expected):
    alert = light(target, actual, nature)
    assert alert.light is expected, alert.reason


def test_a_breached_cap_is_behind_and_coloured_by_its_excess():
    assert light("3%左右", "4%", direction=C).light is Light.YELLOW
    assert light("3%左右", "5.5%", direction=C).light is Light.RED
    assert light("3%左右", "0.2%", direction=C).light is Light.GREEN


def test_no_figure_or_no_number_gives_no_light_with_the_reason():
    pending = light("增长5%左右", "待省反馈")
    assert pending.light is Light.NONE and "待反馈" in pending.reason
    qualitative = light("完成省下达任务", "增长5%")
    assert qualitative.light is Light.NONE and qualitative.reason


def test_thresholds_are_configurable_and_stricter_policies_turn_red_sooner():
    strict = WarningPolicy(expected=Thresholds(0.5, 0.05))
    assert light("增长5%左右", "增长4.2%", policy=strict).light is Light.RED
    assert light("增长5%左右", "增长4.2%").light is Light.YELLOW


def test_a_policy_file_sets_thresholds_and_refuses_unknown_keys(tmp_path: Path):
    good = tmp_path / "policy.toml"
    good.write_text("[binding]\nred_points = 0.2\n", encoding="utf-8")
    policy = load_warning_policy(good)
    assert policy.binding == Thresholds(0.2, 0.05)
    assert policy.expected == WarningPolicy().expected
    bad = tmp_path / "bad.toml"
    bad.write_text("[binding]\nred_pionts = 0.2\n", encoding="utf-8")
    with pytest.raises(PlanwatchError, match="red_points"):
        load_warning_policy(bad)
    worse = tmp_path / "worse.toml"
    worse.write_text("[others]\nx = 1\n", encoding="utf-8")
    with pytest.raises(PlanwatchError, match="others"):
        load_warning_policy(worse)


def test_newly_red_lists_only_indicators_that_were_not_red_before():
    now = {"甲": Light.RED, "乙": Light.RED, "丙": Light.YELLOW}
    before = {"甲": Light.RED, "乙": Light.YELLOW}
    assert newly_red(now, before) == ["乙"]


# Real figures: 城镇新增就业 (万人) 1-6月 / 1-9月 / year, and GDP growth Q1 / H1 / Q1-3 / year.
EMPLOYMENT = {
    2022: {6: 654, 9: 1001, 12: 1206},
    2023: {6: 678, 9: 1022, 12: 1244},
    2024: {6: 697, 9: 1049, 12: 1256},
}
GDP = {2023: {3: 4.5, 6: 5.5, 9: 5.2, 12: 5.2}, 2024: {3: 5.3, 6: 5.0, 9: 4.8, 12: 5.0}}


@pytest.mark.parametrize(("year", "month"), [(2023, 6), (2023, 9), (2024, 6), (2024, 9)])
def test_employment_paced_by_last_years_path_brackets_the_real_year_end(year, month):
    last = EMPLOYMENT[year - 1]
    profile = profile_of({m: f"{v}万人" for m, v in last.items() if m < 12}, f"{last[12]}万人")
    figure = parse_actual(f"{EMPLOYMENT[year][month]}万人")
    forecast = forecast_year_end(
        parse_target("1200万人以上"),
        figure,
        ytd(month, year),
        H,
        name="城镇新增就业",
        profile=profile,
    )
    actual = EMPLOYMENT[year][12] * 10_000
    assert forecast.low <= actual <= forecast.high, forecast.text
    assert abs(forecast.value - actual) / actual < 0.02  # within 2 % of the real outcome
    assert forecast.likelihood is Likelihood.LIKELY and forecast.method.startswith("按去年")


@pytest.mark.parametrize(("year", "month"), [(y, m) for y in GDP for m in (3, 6, 9)])
def test_gdp_growth_by_persistence_brackets_the_real_year_end(year, month):
    figure = parse_actual(f"增长{GDP[year][month]}%")
    forecast = forecast_year_end(parse_target("增长5%左右"), figure, ytd(month, year), H)
    assert forecast.low <= GDP[year][12] <= forecast.high, forecast.text


def test_the_band_closes_as_the_year_goes_on():
    target, figure = parse_target("增长5%左右"), parse_actual("增长5.2%")
    widths = [
        (f.high - f.low)
        for f in (forecast_year_end(target, figure, ytd(m), H) for m in (3, 6, 9, 12))
    ]
    assert widths == sorted(widths, reverse=True) and widths[-1] == 0


def test_likelihood_from_the_band_ends():
    target = parse_target("新增150家以上")
    behind = forecast_year_end(target, parse_actual("新增50家"), ytd(6), H)
    assert behind.likelihood is Likelihood.UNLIKELY and behind.ratio == pytest.approx(2 / 3)
    ahead = forecast_year_end(target, parse_actual("新增90家"), ytd(6), H)
    assert ahead.likelihood is Likelihood.LIKELY
    close = forecast_year_end(target, parse_actual("新增74家"), ytd(6), H)
    assert close.likelihood is Likelihood.UNCERTAIN
    assert "全年预计148家" in close.text


def test_nothing_to_project_says_so():
    pending = forecast_year_end(parse_target("增长5%左右"), parse_actual("待省反馈"), ytd(6), H)
    assert pending.likelihood is Likelihood.UNKNOWN and pending.value is None
