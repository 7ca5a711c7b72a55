"""The audit trail: one Event row per circulation action, written inside its transaction."""

from __future__ import annotations

from typing import Any

from simpul.accounts.models import User
from simpul.catalog.models import Item
from simpul.circulation.models import Event, Loan
from simpul.lib.rawsql import insert
from simpul.libraries.models import Library
from simpul.members.models import Member


def record_event(
    action: str,
    *,
    by: User | None,
    library: Library | None,
    member: Member | None = None,
    item: Item | None = None,
    loan: Loan | None = None,
    **detail: Any,
) -> Event:
    """Write what happened, who did it and where; ``detail`` must be JSON-serialisable."""
    event = Event(
        action=action, by=by, library=library, member=member, item=item, loan=loan, detail=detail
    )
    return insert(event)
