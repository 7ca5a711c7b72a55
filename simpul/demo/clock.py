"""Running the real services on a day in the past, so the demo's history reads true.

The services take ``today`` where a date matters (due dates, fines, expiry); the rows they stamp
with the real time (``auto_now_add`` fields, ``timezone.now()``) are moved to that day
afterwards, inside the same transaction. Nothing else is touched: statuses, events and item
histories are exactly what the services wrote, only dated. Rows anyone else writes meanwhile
would be dated too: load the demo while nothing else writes (``make run`` loads it before the
server starts).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

from django.db.models import Model
from django.utils import timezone

from simpul.accounts.models import User
from simpul.catalog.models import ItemStatusChange
from simpul.circulation import rules
from simpul.circulation.models import Event, Fine, Hold, Loan, Payment
from simpul.libraries.models import Library
from simpul.members.models import Member, MemberEvent

# Every timestamp a member or circulation service writes from the real clock.
STAMPED: list[tuple[type[Model], str]] = [
    (User, "date_joined"),
    (Member, "created_at"),
    (Member, "approved_at"),
    (MemberEvent, "at"),
    (Loan, "checked_out_at"),
    (Loan, "returned_at"),
    (Fine, "created_at"),
    (Payment, "at"),
    (Hold, "placed_at"),
    (Hold, "ready_at"),
    (Hold, "closed_at"),
    (Event, "at"),
    (ItemStatusChange, "at"),
]


# A weekend and a holiday: how far a library's day may move back to a day it was open.
MAX_SHIFT = 3


class DemoClock:
    """Days counted back from ``today``; ``on`` runs a block of service calls on one of them."""

    def __init__(self, today: date) -> None:
        self.today = today

    def day(self, days_ago: int, library: Library | None = None) -> date:
        """The day ``days_ago`` before today, moved back (by MAX_SHIFT days at most, so the
        story keeps its order) to a day ``library`` was open."""
        day = self.today - timedelta(days=days_ago)
        if library is None:
            return day
        closed = rules.closed_days(library, day - timedelta(days=MAX_SHIFT), MAX_SHIFT)
        for shift in range(MAX_SHIFT + 1):
            if not closed.is_closed(day - timedelta(days=shift)):
                return day - timedelta(days=shift)
        return day

    @contextmanager
    def on(self, day: date, hour: int = 10) -> Iterator[date]:
        """Yield ``day`` to the block; afterwards the rows it stamped say ``day`` at ``hour``."""
        started = timezone.now()
        yield day
        moment = timezone.make_aware(datetime.combine(day, time(hour, 0)))
        moment = min(moment, started)
        for model, field in STAMPED:
            model._default_manager.filter(**{f"{field}__gte": started}).update(**{field: moment})
