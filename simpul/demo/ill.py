"""One interlibrary loan in progress in the demo: Siti (SMA N 1) asked for a title only
another network library has on the shelf; that library accepted and shipped it, so it is on
its way to SMA N 1 (Dikirim/dipinjamkan, ISO 18626 Loaned). Idempotent: Siti's first request
is kept as it is."""

from __future__ import annotations

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record
from simpul.demo.network import DemoNetwork
from simpul.members.models import Member
from simpul.network.ill import services
from simpul.network.ill.models import IllRequest

LENDERS = ("KOTA", "UMMETRO", "MAN1")


def load_ill(network: DemoNetwork, members: dict[str, Member]) -> IllRequest | None:
    member = members.get("siti")
    if member is None or not member.number:
        return None
    existing = IllRequest.objects.filter(member=member).order_by("pk").first()
    if existing is not None:
        return existing
    record = _title_only_elsewhere(member)
    if record is None:
        return None
    ill = services.request_title(member, record, by=member.user)
    lender = ill.supplier_library
    assert lender is not None
    staff = network.people["budi"] if lender.code == "KOTA" else network.people["admin"]
    services.accept(ill, staff, lender)
    services.ship(ill, staff, lender)
    return ill


def _title_only_elsewhere(member: Member) -> Record | None:
    """A title with a copy on a lending library's shelf and none on the member's own."""
    own = Item.objects.filter(library=member.home_library).values("record_id")
    copy = (
        Item.objects.filter(status=ItemStatus.AVAILABLE, library__code__in=LENDERS)
        .exclude(record_id__in=own)
        .select_related("record")
        .order_by("record__title_sort", "pk")
        .first()
    )
    return copy.record if copy is not None else None
