"""Pure date rules of membership: how long a card is valid, how old a person is."""

from __future__ import annotations

import calendar
from datetime import date

# A child needs a guardian's name and telephone number below this age, whatever the category.
GUARDIAN_AGE = 13


def add_months(start: date, months: int) -> date:
    """``start`` moved ``months`` calendar months on; the 31st lands on the month's last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def age_on(birth_date: date, today: date) -> int:
    """Full years of age on ``today`` (someone born on 29 February ages on 1 March)."""
    had_birthday = (today.month, today.day) >= (birth_date.month, birth_date.day)
    return today.year - birth_date.year - (0 if had_birthday else 1)


def renewed_until(expires_on: date | None, today: date, months: int) -> date:
    """The new expiry of a renewal: ``months`` from the old expiry, or from today if that is
    past, so a renewal never gives back days that were already lost, nor swallows days left."""
    start = max(today, expires_on) if expires_on else today
    return add_months(start, months)
