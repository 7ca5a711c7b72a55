"""The pure opening-hours rules."""

from datetime import date, datetime, time

from simpul.libraries.hours import overlapping, sessions_by_weekday, status_at

WEEK = sessions_by_weekday(
    [(0, time(13), time(18)), (0, time(8), time(12)), (5, time(9), time(14))]
)
MONDAY = date(2026, 11, 23)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def test_sessions_are_sorted_and_every_weekday_is_present():
    assert WEEK[0] == [(time(8), time(12)), (time(13), time(18))]
    assert WEEK[6] == []


def test_a_library_is_open_inside_a_session_until_its_end():
    status = status_at(at(MONDAY, 9, 30), WEEK, {})
    assert status.is_open
    assert status.closes_at == time(12)


def test_the_lunch_break_is_closed_with_the_next_opening_time():
    status = status_at(at(MONDAY, 12, 30), WEEK, {})
    assert not status.is_open
    assert status.opens_at == time(13)
    assert not status.closed_all_day


def test_closing_time_itself_is_closed():
    assert not status_at(at(MONDAY, 18), WEEK, {}).is_open


def test_a_day_without_sessions_is_closed_all_day():
    status = status_at(at(date(2026, 11, 29), 10), WEEK, {})  # a Sunday
    assert status.closed_all_day


def test_a_closure_wins_over_the_weekly_hours_and_says_why():
    status = status_at(at(MONDAY, 9), WEEK, {MONDAY: "Stok opname"})
    assert not status.is_open
    assert status.closure_name == "Stok opname"
    assert status.closed_all_day


def test_overlapping_sessions_are_found():
    assert overlapping([(time(8), time(12)), (time(11), time(15))]) == (time(11), time(15))
    assert overlapping([(time(8), time(12)), (time(12), time(15))]) is None
