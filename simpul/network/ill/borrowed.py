"""What circulation asks interlibrary loan (registered in apps.py, see circulation/borrowed.py):
is this copy lent out by an open request, until when, for whom, and is it a stand-in for a
peer's book?"""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import Q, QuerySet

from simpul.catalog.models import Item
from simpul.circulation.borrowed import Borrowing
from simpul.network.ill.choices import OUT_ON_LOAN
from simpul.network.ill.models import IllRequest


class InterlibraryLoans:
    def borrowing(self, item: Item) -> Borrowing | None:
        """The open request (shipped, not completed) ``item`` is lent under, or the request
        of a stand-in (stand_in.py) even once closed: it never becomes a copy of our own."""
        request = _lending([item.pk]).first()
        return None if request is None else _borrowing(request)

    def borrowings(self, item_ids: Collection[int]) -> dict[int, Borrowing]:
        found: dict[int, Borrowing] = {}
        for request in _lending(item_ids):
            if request.item_id is not None and request.item_id not in found:
                found[request.item_id] = _borrowing(request)
        return found

    def lent_condition(self, item_id: str) -> str:
        """``_lending`` of one copy as an EXISTS, for the desk's item read."""
        statuses = ", ".join(f"'{status}'" for status in OUT_ON_LOAN)
        return (
            f"EXISTS (SELECT 1 FROM {IllRequest._meta.db_table} ill WHERE ill.item_id = {item_id}"
            f" AND (ill.status IN ({statuses}) OR (ill.supplier_peer_id IS NOT NULL"
            " AND ill.requester_library_id IS NOT NULL)))"
        )

    def stand_ins(self) -> QuerySet[IllRequest, int]:
        return IllRequest.objects.filter(
            supplier_peer__isnull=False, requester_library__isnull=False, item__isnull=False
        ).values_list("item_id", flat=True)


def _lending(item_ids: Collection[int]) -> QuerySet[IllRequest]:
    """The requests the copies are lent under, newest first."""
    stand_in = Q(supplier_peer__isnull=False, requester_library__isnull=False)
    return (
        IllRequest.objects.filter(Q(status__in=OUT_ON_LOAN) | stand_in, item_id__in=item_ids)
        .select_related("supplier_library", "supplier_peer")
        .order_by("-pk")
    )


def _borrowing(request: IllRequest) -> Borrowing:
    lender = request.supplier_library or request.supplier_peer
    return Borrowing(
        number=request.request_id,
        lender=lender.name if lender is not None else "",
        member_id=request.member_id,
        due_on=request.due_on,
        stand_in=request.has_stand_in,
    )
