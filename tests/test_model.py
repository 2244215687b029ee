"""Periods: year, quarter, month and year-to-date, with the share of the year elapsed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from planwatch.model import Period, PeriodKind


@pytest.mark.parametrize(
    ("period", "label", "share"),
    [
        (Period.of_year(2024), "2024年", 1.0),
        (Period(kind=PeriodKind.QUARTER, year=2025, quarter=1), "2025年第1季度", 0.25),
        (Period(kind=PeriodKind.MONTH, year=2025, month=3), "2025年3月", 0.25),
        (Period(kind=PeriodKind.YEAR_TO_DATE, year=2025, month=6), "2025年1-6月", 0.5),
    ],
)
def test_period_labels_and_elapsed_share(period, label, share):
    assert period.label == label
    assert period.elapsed_share == share


@pytest.mark.parametrize(
    "kwargs",
    [
        {"kind": "quarter", "year": 2025},
        {"kind": "quarter", "year": 2025, "quarter": 5},
        {"kind": "month", "year": 2025, "month": 13},
        {"kind": "year", "year": 2025, "month": 3},
    ],
)
def test_invalid_periods_are_refused(kwargs):
    with pytest.raises(ValidationError):
        Period(**kwargs)
