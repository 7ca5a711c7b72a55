"""Members and copies for the desk tests (checkout, check-in, renewals, fines, the rules).

The staff are the demo personas: Budi works the desk of the city library (KOTA), Dewi is its
administrator (she may override blocks and waive fines), Rina catalogues at SMA N 1. Members
are made here: Siti (a student of SMA N 1) and Yoga (a reader of the city library).
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet

from simpul.catalog.choices import ItemType
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Item
from simpul.catalog.services import add_item, create_record
from simpul.circulation.models import Event, LoanRule
from simpul.libraries.models import Library
from simpul.members.choices import MemberStatus
from simpul.members.models import Member, MemberCategory

# Monday 3 August 2026; the 17th (two weeks later) is Independence Day, a national holiday.
MONDAY = date(2026, 8, 3)


def category(code: str = "umum", name: str = "Umum") -> MemberCategory:
    found, _created = MemberCategory.objects.get_or_create(code=code, defaults={"name": name})
    return found


def member(
    library: Library,
    number: str,
    *,
    name: str = "Siti Rahmawati",
    category_code: str = "pelajar",
    status: str = MemberStatus.ACTIVE,
    expires_on: date | None = None,
    email: str = "",
) -> Member:
    return Member.objects.create(
        number=number,
        category=category(category_code, category_code.title()),
        home_library=library,
        status=status,
        full_name=name,
        birth_date=date(2009, 4, 21),
        address="Jl. Kenanga 3, Metro",
        email=email,
        expires_on=expires_on or MONDAY + timedelta(days=365),
    )


def copy(
    library: Library,
    barcode: str,
    *,
    title: str = "Laskar Pelangi",
    item_type: str = ItemType.BOOK,
    price: int | None = None,
) -> Item:
    record = create_record(SimpleRecord(title=title, authors=["Andrea Hirata"]), library)
    return add_item(
        record,
        library,
        barcode=barcode,
        item_type=item_type,
        price=Decimal(price) if price is not None else None,
    )


def network_default() -> LoanRule:
    """The seeded network default (14 days, 1 renewal, 3 items, Rp 500/day, 1 grace day,
    cap Rp 20.000), made again if a flushed live-server test left none."""
    rule, _created = LoanRule.objects.get_or_create(
        library=None,
        category=None,
        item_type="",
        defaults={"loan_days": 14, "renewals": 1, "max_items": 3, "fine_per_day": 500,
                  "grace_days": 1, "fine_cap": 20000},
    )  # fmt: skip
    return rule


def events(action: str, **filters: object) -> QuerySet[Event]:
    return Event.objects.filter(action=action, **filters)
