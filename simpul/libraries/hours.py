"""Pure rules about opening hours: is a library open at a moment, and what to tell people.

No database here: callers pass the sessions and closures they fetched, so the same rules serve
a single page, the directory of the whole network and (later) due-date calculation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import pairwise

Session = tuple[time, time]


@dataclass(frozen=True)
class OpenStatus:
    """Where a library stands at one moment of one day."""

    is_open: bool
    closure_name: str = ""  # why it is closed all day, if it is
    closes_at: time | None = None  # when the current session ends
    opens_at: time | None = None  # when the next session today starts

    @property
    def closed_all_day(self) -> bool:
        return not self.is_open and self.opens_at is None


def sessions_by_weekday(rows: Iterable[tuple[int, time, time]]) -> dict[int, list[Session]]:
    """Group (weekday, opens, closes) rows into sorted sessions per weekday (Monday = 0)."""
    week: dict[int, list[Session]] = {day: [] for day in range(7)}
    for weekday, opens, closes in rows:
        week[weekday].append((opens, closes))
    for sessions in week.values():
        sessions.sort()
    return week


def status_at(
    moment: datetime, week: Mapping[int, list[Session]], closures: Mapping[date, str]
) -> OpenStatus:
    """The status at ``moment`` (a local, naive-or-aware datetime in the library's time zone)."""
    day = moment.date()
    if day in closures:
        return OpenStatus(is_open=False, closure_name=closures[day])
    now = moment.time().replace(tzinfo=None)
    later: time | None = None
    for opens, closes in week.get(day.weekday(), []):
        if opens <= now < closes:
            return OpenStatus(is_open=True, closes_at=closes)
        if now < opens and later is None:
            later = opens
    return OpenStatus(is_open=False, opens_at=later)


def overlapping(sessions: list[Session]) -> Session | None:
    """The first session that overlaps its predecessor, or None when the day is consistent."""
    ordered = sorted(sessions)
    for previous, current in pairwise(ordered):
        if current[0] < previous[1]:
            return current
    return None
