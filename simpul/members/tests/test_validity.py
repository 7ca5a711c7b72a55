"""Pure date rules: months of validity, ages and the new expiry of a renewal."""

from __future__ import annotations

from datetime import date

import pytest

from simpul.members.validity import add_months, age_on, renewed_until


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 12, date(2027, 1, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 12, 31), 2, date(2028, 2, 29)),
        (date(2026, 11, 30), 24, date(2028, 11, 30)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_the_month(start, months, expected):
    assert add_months(start, months) == expected


def test_age_counts_full_years():
    assert age_on(date(2014, 5, 12), date(2026, 5, 11)) == 11
    assert age_on(date(2014, 5, 12), date(2026, 5, 12)) == 12
    assert age_on(date(2012, 2, 29), date(2025, 2, 28)) == 12
    assert age_on(date(2012, 2, 29), date(2025, 3, 1)) == 13


def test_a_renewal_before_expiry_keeps_the_days_left():
    assert renewed_until(date(2026, 12, 31), date(2026, 12, 1), 12) == date(2027, 12, 31)


def test_a_renewal_after_expiry_counts_from_today():
    assert renewed_until(date(2026, 1, 31), date(2026, 12, 1), 12) == date(2027, 12, 1)


def test_a_renewal_without_an_expiry_counts_from_today():
    assert renewed_until(None, date(2026, 12, 1), 24) == date(2028, 12, 1)
