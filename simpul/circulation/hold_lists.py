"""Lists of holds to read: a library's pull list and hold shelf, and places in the queue.

Nothing here changes state (holds.py does); every list is a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Coalesce

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item
from simpul.circulation.choices import HoldStatus
from simpul.circulation.models import Hold
from simpul.libraries.models import Library


@dataclass(frozen=True)
class Pull:
    """A waiting hold and the copy on this library's shelf that can fill it."""

    hold: Hold
    item: Item


def pull_list(library: Library) -> list[Pull]:
    """Waiting holds that a copy available on ``library``'s shelf can fill, oldest first.

    Per title, the first holds in the queue get the copies on the shelf here (two copies: the
    first two holds). A hold may also appear on another library's list; whoever pulls first
    sets a copy aside (holds.pull) and the hold leaves both lists. Three queries.
    """
    on_shelf = Item.objects.filter(library=library, status=ItemStatus.AVAILABLE)
    waiting = Hold.objects.filter(
        status=HoldStatus.WAITING, record_id__in=on_shelf.values("record_id")
    )
    if not library.lends_to_network:
        waiting = waiting.filter(pickup_library=library)
    holds = list(
        waiting.select_related("record", "member", "pickup_library").order_by(
            "record_id", "placed_at", "pk"
        )
    )
    copies: dict[int, list[Item]] = {}
    for item in on_shelf.filter(record_id__in={h.record_id for h in holds}).order_by(
        "call_number", "barcode"
    ):
        copies.setdefault(item.record_id, []).append(item)
    pulls = []
    for hold in holds:
        shelf = copies.get(hold.record_id)
        if shelf:
            pulls.append(Pull(hold=hold, item=shelf.pop(0)))
    return sorted(pulls, key=lambda pull: (pull.hold.placed_at, pull.hold.pk))


def hold_shelf(library: Library) -> QuerySet[Hold]:
    """Ready holds waiting to be collected at ``library``, the first to expire first."""
    return (
        Hold.objects.filter(pickup_library=library, status=HoldStatus.READY)
        .select_related("record", "member", "item")
        .order_by("ready_until", "pk")
    )


def incoming(library: Library) -> QuerySet[Hold]:
    """Holds whose copy is on its way to ``library`` for collection."""
    return (
        Hold.objects.filter(pickup_library=library, status=HoldStatus.IN_TRANSIT)
        .select_related("record", "member", "item__library")
        .order_by("placed_at", "pk")
    )


def with_queue_position(holds: QuerySet[Hold]) -> QuerySet[Hold]:
    """Annotate ``queue_position``: 1 for the first waiting hold on its title, and so on.

    Holds that are not waiting get 0. One subquery, so a list of holds stays one query."""
    ahead = (
        Hold.objects.filter(record_id=OuterRef("record_id"), status=HoldStatus.WAITING)
        .filter(
            Q(placed_at__lt=OuterRef("placed_at"))
            | Q(placed_at=OuterRef("placed_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("record_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    before = Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0))
    return holds.annotate(
        queue_position=Case(
            When(status=HoldStatus.WAITING, then=before + 1),
            default=Value(0),
            output_field=IntegerField(),
        )
    )


def queue_position(hold: Hold) -> int:
    """``hold``'s place in its title's queue (1: next served); 0 when it is not waiting."""
    if hold.status != HoldStatus.WAITING:
        return 0
    earlier = Q(placed_at__lt=hold.placed_at) | Q(placed_at=hold.placed_at, pk__lt=hold.pk)
    waiting = Hold.objects.filter(record_id=hold.record_id, status=HoldStatus.WAITING)
    return waiting.filter(earlier).count() + 1
