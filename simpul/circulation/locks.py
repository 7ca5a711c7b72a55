"""Row locks for circulation transactions (PostgreSQL; SQLite's IMMEDIATE mode locks at BEGIN).

Order, everywhere: member, then item, then loan (a use case skips what it does not need).
``of=("self",)`` keeps the joined rows (record, library) unlocked.
"""

from __future__ import annotations

from simpul.catalog.models import Item
from simpul.circulation.errors import ItemNotFound, LoanClosed
from simpul.circulation.models import Loan
from simpul.members.models import Member


def lock_member(member: Member) -> Member:
    return (
        Member.objects.select_for_update(of=("self",))
        .select_related("category", "home_library")
        .get(pk=member.pk)
    )


def lock_item(barcode: str) -> Item:
    """The item with ``barcode``; raises ItemNotFound."""
    item = (
        Item.objects.select_for_update(of=("self",))
        .select_related("record", "library")
        .defer("record__marc")
        .filter(barcode=barcode)
        .first()
    )
    if item is None:
        raise ItemNotFound(barcode=barcode)
    return item


def lock_loan(loan: Loan, *, open_only: bool = True) -> Loan:
    """``loan`` fresh from the database; raises LoanClosed for a returned one if ``open_only``."""
    locked = (
        Loan.objects.select_for_update(of=("self",))
        .select_related("item", "item__record", "item__library", "member", "library", "rule")
        .defer("item__record__marc")
        .get(pk=loan.pk)
    )
    if open_only and locked.returned_at is not None:
        raise LoanClosed(barcode=locked.item.barcode)
    return locked
