"""Members and books for the interlibrary loan tests: Siti of SMA N 1 asks for a title only
the city library (KOTA) holds; Budi at KOTA's desk supplies it, Rina of SMA N 1 receives it
and lends it to her (``lent_to_member``). A peer server (``a_peer``, Perpustakaan Kota Lain)
lends SMA N 1 a book by ISO 18626: ``from_peer`` is its SupplyingAgencyMessage, ``deliver``
posts it to this server's endpoint."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import count
from typing import Any

from django.test import Client
from django.utils import timezone

from simpul.accounts.models import User
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Record
from simpul.catalog.services import add_item, create_record
from simpul.circulation.models import Loan
from simpul.libraries.models import Library
from simpul.members.choices import MemberStatus
from simpul.members.models import Member, MemberCategory
from simpul.network.ill.choices import MessageKind
from simpul.network.ill.iso18626.messages import Agency, Message, build, due_stamp, parse
from simpul.network.ill.models import IllPeer, IllRequest

_numbers = count(1)
_clock = count(1)
PEER = Agency("ISIL", "ID-LAIN")


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


def lent_to_member(ill: IllRequest, lender: User, borrower: User, due: date | None = None) -> Loan:
    """Take ``ill`` from the lender's shelf to the member's hands: shipped (due back on
    ``due``, or the default), received at the member's library and lent to them there."""
    from simpul.network.ill import services

    assert ill.supplier_library is not None
    assert ill.requester_library is not None
    services.ship(ill, lender, ill.supplier_library, due=due)
    services.receive(ill, borrower, ill.requester_library)
    return services.lend_to_member(ill, borrower, ill.requester_library).loan


def a_peer(secret: str = "rahasia") -> IllPeer:
    return IllPeer.objects.create(
        name="Perpustakaan Kota Lain",
        agency_id_type=PEER.type,
        agency_id_value=PEER.value,
        endpoint_url="http://127.0.0.1:9/iso18626",
        shared_secret=secret,
    )


def from_peer(ill: IllRequest, status: str, due: date | None = None, **fields: Any) -> Message:
    """The peer's SupplyingAgencyMessage about ``ill`` (a new timestamp each time)."""
    assert ill.requester_library is not None
    tick = next(_clock)
    return Message(
        kind=MessageKind.SUPPLYING, supplying=PEER,
        requesting=Agency("SIMPUL", ill.requester_library.code), request_id=ill.request_id,
        supplier_request_id="77", timestamp=f"2026-03-02T03:00:00.{tick:06d}Z",
        secret="rahasia", status=status, due=due_stamp(due) if due else "", **fields,
    )  # fmt: skip


def deliver(client: Client, message: Message) -> Message:
    """Post ``message`` to /iso18626 and return the confirmation (it must be OK)."""
    response = client.post("/iso18626", build(message), content_type="application/xml")
    answer = parse(response.content)
    assert (response.status_code, answer.message_status) == (200, "OK"), answer.error_value
    return answer
