"""Copies lent to this library through interlibrary loan, as circulation must treat them.

A borrowed copy belongs to its loan until it goes back to its lender: its member's loan never
runs past the lender's due date, it is lent only to the member it was borrowed for, it is
never renewed at the desk (the lender decides: the member asks through interlibrary loan),
and no local hold may take it where it was borrowed. A *stand-in* is a temporary copy of
this library standing for a book a peer server lent it: the same rules hold at home too, it
is never holdable and, returned, it waits to be shipped back instead of going to the shelf.

Circulation cannot import the apps below it (the loans live in network/ill), so they
register a provider here in their ``AppConfig.ready()``, as the catalog's holdings providers
do. Checkout, renewal and check-in ask ``borrowing``; holds ask ``kept_from_holds`` and
``holdable``; a member's loans page asks ``borrowings``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import QuerySet

if TYPE_CHECKING:
    from simpul.catalog.models import Item
    from simpul.libraries.models import Library


@dataclass(frozen=True)
class Borrowing:
    """The open interlibrary loan a copy is lent under."""

    number: str  # the request's number, shown to staff and members
    lender: str  # the lending library's name
    member_id: int | None  # the member it was borrowed for (None: not known here)
    due_on: date | None  # the lender's due date: no loan of the copy runs past it
    stand_in: bool = False  # a temporary copy of this library standing for a peer's book


class BorrowedCopies(Protocol):
    def borrowing(self, item: Item) -> Borrowing | None:
        """The open loan ``item`` is lent under, or None (one query)."""
        ...

    def borrowings(self, item_ids: Collection[int]) -> dict[int, Borrowing]:
        """``borrowing`` of each of these copies that has one, by copy id (one query)."""
        ...

    def stand_ins(self) -> QuerySet[Any, int]:
        """Ids of the stand-in copies, as a subquery (a flat ``values_list``)."""
        ...

    def lent_condition(self, item_id: str) -> str:
        """An SQL condition, true when ``borrowing`` of the copy whose id is the column
        ``item_id`` would find a loan (no parameters: it goes into the desk's item read)."""
        ...


PROVIDERS: dict[str, BorrowedCopies] = {}


def register(name: str, provider: BorrowedCopies) -> None:
    PROVIDERS[name] = provider


def lent_sql(item_id: str) -> str:
    """An SQL expression (an integer, 0 or 1) for the desk's item read (locks.lock_item): is
    the copy whose id is the column ``item_id`` lent under an interlibrary loan? An item read
    with it carries ``lent``, and ``borrowing`` of it asks no provider when that is false:
    most scans are of the library's own copies."""
    conditions = [provider.lent_condition(item_id) for provider in PROVIDERS.values()]
    return "CASE WHEN " + " OR ".join(conditions) + " THEN 1 ELSE 0 END" if conditions else "0"


def borrowing(item: Item) -> Borrowing | None:
    """The interlibrary loan ``item`` is lent under, if any provider knows one (no query for
    an item read by locks.lock_item that is not lent: ``lent``)."""
    if not getattr(item, "lent", True):
        return None
    for provider in PROVIDERS.values():
        found = provider.borrowing(item)
        if found is not None:
            return found
    return None


def borrowings(item_ids: Collection[int]) -> dict[int, Borrowing]:
    """The interlibrary loans of many copies at once (a member's loans page), by copy id."""
    found: dict[int, Borrowing] = {}
    for provider in PROVIDERS.values():
        for item_id, borrowed in provider.borrowings(item_ids).items():
            found.setdefault(item_id, borrowed)
    return found


def kept_from_holds(item: Item, at: Library) -> bool:
    """True when an interlibrary loan holds on to ``item`` scanned at ``at``: away from its
    home library, or anywhere for a stand-in."""
    found = borrowing(item)
    return found is not None and (found.stand_in or item.library_id != at.pk)


def holdable(copies: QuerySet[Item]) -> QuerySet[Item]:
    """``copies`` without the stand-ins, which no hold may count on."""
    for provider in PROVIDERS.values():
        copies = copies.exclude(pk__in=provider.stand_ins())
    return copies
