"""Row locks for circulation transactions (PostgreSQL; SQLite's IMMEDIATE mode locks at BEGIN).

Order, everywhere: member, then item, then loan (a use case skips what it does not need).
``of=("self",)`` keeps the joined rows (record, library) unlocked.
"""

from __future__ import annotations

from typing import Any

from simpul.catalog.models import Item, Record
from simpul.circulation import borrowed
from simpul.circulation.choices import OPEN_HOLDS
from simpul.circulation.errors import ItemNotFound, LoanClosed
from simpul.circulation.models import Hold, Loan
from simpul.lib.rawsql import lock_clause, one, partial, table
from simpul.libraries.models import Library
from simpul.members.models import Member


def lock_member(member: Member) -> Member:
    return (
        Member.objects.select_for_update(of=("self",))
        .select_related("category", "home_library")
        .get(pk=member.pk)
    )


def lock_item(barcode: str) -> Item:
    """The item with ``barcode``; raises ItemNotFound.

    One statement, as every scan makes it: the item with its record's title and its library
    (other fields of those two load on first use), ``has_holds``: whether any hold is open
    on the title (False spares check-out and check-in their hold queries), and ``lent``:
    whether an interlibrary loan lends it (False spares them borrowed.borrowing's query).
    """
    sql = (
        "SELECT i.*, r.title AS record_title, b.code AS library_code, b.name AS library_name, "
        f"b.lends_to_network AS library_lends, {borrowed.lent_sql('i.id')} AS lent, "
        f"EXISTS (SELECT 1 FROM {table(Hold)} h WHERE h.record_id = i.record_id "
        "AND h.status IN (%s, %s, %s)) AS open_holds "
        f"FROM {table(Item)} i JOIN {table(Record)} r ON r.id = i.record_id "
        f"JOIN {table(Library)} b ON b.id = i.library_id WHERE i.barcode = %s"
    ) + lock_clause("i")
    item = one(Item, sql, [*OPEN_HOLDS, barcode])
    if item is None:
        raise ItemNotFound(barcode=barcode)
    extra: dict[str, Any] = item.__dict__
    item.record = partial(Record, id=item.record_id, title=extra.pop("record_title"))
    item.library = partial(
        Library, id=item.library_id, code=extra.pop("library_code"),
        name=extra.pop("library_name"), lends_to_network=bool(extra.pop("library_lends")),
    )  # fmt: skip
    item.has_holds = bool(extra.pop("open_holds"))  # type: ignore[attr-defined]
    item.lent = bool(extra.pop("lent"))  # type: ignore[attr-defined]
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
