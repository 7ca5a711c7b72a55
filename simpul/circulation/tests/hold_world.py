"""Members, books and loans for the holds, notices and member-page tests.

Siti (SMA N 1, Indonesian notices), Yoga (the city library) and Nur (the university, English
notices) are the demo personas with a membership each; books are catalogued with copies at
the libraries a test names.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

from django.utils import timezone

from simpul.accounts.models import User
from simpul.catalog.choices import ItemStatus
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Item, Record
from simpul.catalog.services import add_item, create_record
from simpul.circulation.models import Loan
from simpul.libraries.models import Library
from simpul.members.choices import MemberStatus
from simpul.members.models import Member, MemberCategory

WIB = ZoneInfo("Asia/Jakarta")
# A Monday morning in Metro; tests travel from here.
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=WIB)
TODAY = MONDAY.date()
_numbers = count(1)


def membership(
    user: User | None,
    library: Library,
    *,
    number: str,
    name: str = "",
    email: str | None = None,
    language: str = "id",
    status: str = MemberStatus.ACTIVE,
    expires_on: date | None = None,
    keep_history: bool = False,
) -> Member:
    category, _created = MemberCategory.objects.get_or_create(
        code="umum", defaults={"name": "Umum"}
    )
    return Member.objects.create(
        number=number,
        user=user,
        category=category,
        home_library=library,
        status=status,
        full_name=name or (user.display_name if user else number),
        birth_date=date(2008, 5, 17),
        address="Jl. Kenanga 3, Metro",
        email=(user.email if user else "") if email is None else email,
        language=language,
        expires_on=expires_on or TODAY + timedelta(days=300),
        keep_history=keep_history,
    )


def book(title: str, *copies: tuple[Library, str]) -> Record:
    """A record with one copy per (library, barcode)."""
    # The clock stands still in these tests, and control numbers come from it: name our own.
    record = create_record(
        SimpleRecord(title=title, authors=["Andrea Hirata"]),
        copies[0][0],
        control_number=f"hold-test-{next(_numbers)}",
    )
    for library, barcode in copies:
        add_item(record, library, barcode=barcode, call_number="899.221 HIR")
    return record


def copy(barcode: str) -> Item:
    return Item.objects.select_related("library", "record").get(barcode=barcode)


def lend(item: Item, member: Member, due_on: date, *, at: datetime | None = None) -> Loan:
    """A loan as the desk would have made it (status on loan), staged directly."""
    Item.objects.filter(pk=item.pk).update(status=ItemStatus.ON_LOAN)
    item.status = ItemStatus.ON_LOAN
    return Loan.objects.create(
        item=item,
        member=member,
        library=item.library,
        checked_out_at=at or timezone.now() - timedelta(days=10),
        due_on=due_on,
    )


def put_back(item: Item, status: str = ItemStatus.AVAILABLE) -> None:
    Item.objects.filter(pk=item.pk).update(status=status)
    item.status = status
