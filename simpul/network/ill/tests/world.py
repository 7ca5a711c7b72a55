"""Members and books for the interlibrary loan tests: Siti of SMA N 1 asks for a title only
the city library (KOTA) holds; Budi at KOTA's desk supplies it, Rina of SMA N 1 receives it."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count

from django.utils import timezone

from simpul.accounts.models import User
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Record
from simpul.catalog.services import add_item, create_record
from simpul.libraries.models import Library
from simpul.members.choices import MemberStatus
from simpul.members.models import Member, MemberCategory

_numbers = count(1)


def membership(user: User | None, library: Library, number: str) -> Member:
    category, _created = MemberCategory.objects.get_or_create(
        code="umum", defaults={"name": "Umum"}
    )
    return Member.objects.create(
        number=number,
        user=user,
        category=category,
        home_library=library,
        status=MemberStatus.ACTIVE,
        full_name=user.display_name if user else number,
        birth_date=date(2008, 5, 17),
        address="Jl. Kenanga 3, Metro",
        email=user.email if user else "",
        expires_on=timezone.localdate() + timedelta(days=300),
    )


def book(title: str, *copies: tuple[Library, str]) -> Record:
    record = create_record(
        SimpleRecord(title=title, authors=["Andrea Hirata"]),
        copies[0][0],
        control_number=f"ill-test-{next(_numbers)}",
    )
    for library, barcode in copies:
        add_item(record, library, barcode=barcode, call_number="899.221 HIR")
    return record
