"""Holds: the queue of members waiting for a title, and setting a copy aside for them.

The queue is fair: first placed, first served, over every copy in the network (a copy of a
library that does not lend to the network serves only holds picked up there). A hold moves
waiting -> in_transit -> ready -> fulfilled, or ends cancelled or expired; every move writes an
Event. The desk's check-in calls ``arrive`` then ``trap`` inside its transaction and sets the
item status from ``item_status_for``; its checkout calls ``fulfil_on_checkout``; renewal asks
``blocks_renewal``. The database stops the races: one open hold per member and title, one
hold per set-aside copy, and conditional UPDATEs whose row count is checked.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record
from simpul.catalog.services import set_item_status
from simpul.circulation import borrowed, notices, rules
from simpul.circulation.choices import OPEN_HOLDS, Action, HoldStatus
from simpul.circulation.errors import (
    HeldForAnotherMember,
    HoldAlreadyPlaced,
    HoldNotOpen,
    MembershipExpired,
    MembershipNotActive,
    MembershipSuspended,
    NoCopyForHold,
    PickupNotAllowed,
    TitleAlreadyOnLoan,
)
from simpul.circulation.models import Event, Hold, Loan
from simpul.lib.errors import SimpulError
from simpul.libraries.models import Library, LibraryQuerySet
from simpul.members.choices import MemberStatus
from simpul.members.models import Member

if TYPE_CHECKING:
    from simpul.accounts.models import User

log = logging.getLogger(__name__)

# Days a ready hold waits on the hold shelf: it may be collected up to and including
# ``ready_until``, SHELF_DAYS after it was set aside or the pickup library's next open day
# after that (shelf_until), and expires the day after.
SHELF_DAYS = 7
# Copies in these states will not come back to the shelf: they cannot fill a hold.
GONE = (ItemStatus.WITHDRAWN, ItemStatus.LOST)


def shelf_until(pickup: Library, today: date) -> date:
    """The last day a hold set aside ``today`` waits at ``pickup``: SHELF_DAYS on, moved past
    the library's closed days and holidays as due dates are (a member cannot collect on a
    day the library is shut)."""
    return rules.due_on(pickup, today, SHELF_DAYS)


def pickup_libraries(member: Member) -> LibraryQuerySet:
    """Where ``member`` may collect a hold: libraries lending to the network, and their own."""
    return Library.objects.public().filter(Q(lends_to_network=True) | Q(pk=member.home_library_id))


def check_member_may_hold(member: Member, today: date) -> None:
    """Raise the reason a member may not place holds: suspended, not active or expired."""
    if member.status == MemberStatus.SUSPENDED:
        raise MembershipSuspended()
    if member.status != MemberStatus.ACTIVE:
        raise MembershipNotActive()
    if member.is_expired(today):
        raise MembershipExpired(date=member.expires_on)


def place_hold(record: Record, member: Member, pickup: Library, *, by: User | None = None) -> Hold:
    """Put ``member`` at the end of the queue for ``record``, to collect at ``pickup``.

    A copy on the shelf right now is queued too: staff pull it from the pull list. Raises
    the membership errors, PickupNotAllowed, NoCopyForHold, TitleAlreadyOnLoan or
    HoldAlreadyPlaced (also when a second request races the first: the unique index decides).
    """
    check_member_may_hold(member, timezone.localdate())
    if not pickup_libraries(member).filter(pk=pickup.pk).exists():
        raise PickupNotAllowed(library=pickup.name)
    copies = holdable_copies(record)
    if not copies.filter(Q(library__lends_to_network=True) | Q(library=pickup)).exists():
        raise NoCopyForHold(title=record.title, library=pickup.name)
    if Loan.objects.filter(member=member, item__record=record, returned_at__isnull=True).exists():
        raise TitleAlreadyOnLoan(title=record.title)
    if Hold.objects.filter(record=record, member=member, status__in=OPEN_HOLDS).exists():
        raise HoldAlreadyPlaced(title=record.title)
    try:
        with transaction.atomic():
            hold = Hold.objects.create(
                record=record, member=member, pickup_library=pickup, placed_at=timezone.now()
            )
            _event(Action.HOLD_PLACED, hold, pickup, by)
    except IntegrityError:
        raise HoldAlreadyPlaced(title=record.title) from None
    return hold


def holdable_copies(record: Record) -> QuerySet[Item]:
    """The copies of ``record`` a hold may wait for: not gone, not an interlibrary loan's
    stand-in for another library's book (borrowed.py)."""
    return borrowed.holdable(Item.objects.filter(record=record).exclude(status__in=GONE))


def next_waiting(item: Item) -> Hold | None:
    """The first waiting hold ``item`` can fill, or None (locked on PostgreSQL)."""
    waiting = Hold.objects.select_for_update().filter(
        record_id=item.record_id, status=HoldStatus.WAITING
    )
    if not item.library.lends_to_network:
        waiting = waiting.filter(pickup_library_id=item.library_id)
    return waiting.order_by("placed_at", "pk").first()


def trap(
    item: Item, at: Library, today: date | None = None, *, by: User | None = None
) -> Hold | None:
    """Set ``item``, just checked in at ``at``, aside for the first waiting hold on its title.

    At the pickup library the hold is ready (on the hold shelf until ``ready_until``, and the
    member gets an e-mail once the transaction commits); elsewhere the hold is in transit to
    its pickup library. Returns the hold, or None when nobody waits. Call inside the
    check-in transaction; the caller sets the item status from ``item_status_for(hold)``.
    A copy away on interlibrary loan (borrowed.py) is never set aside away from home, and a
    stand-in for another server's book nowhere.
    """
    if borrowed.kept_from_holds(item, at):
        return None
    with transaction.atomic():  # a savepoint inside check-in; FOR UPDATE needs a transaction
        return _assign(item, at, today or timezone.localdate(), by)


def _assign(item: Item, at: Library | None, today: date, by: User | None) -> Hold | None:
    """``trap`` for an item at ``at``, or travelling (``at`` None: its hold is in transit)."""
    while (hold := next_waiting(item)) is not None:
        ready = at is not None and hold.pickup_library_id == at.pk
        hold.item = item
        hold.status = HoldStatus.READY if ready else HoldStatus.IN_TRANSIT
        hold.ready_at = timezone.now() if ready else None
        hold.ready_until = shelf_until(at, today) if ready and at is not None else None
        claimed = Hold.objects.filter(pk=hold.pk, status=HoldStatus.WAITING).update(
            item=item, status=hold.status, ready_at=hold.ready_at, ready_until=hold.ready_until
        )
        if claimed:  # else another copy filled it a moment ago: try the next hold
            _event(Action.HOLD_TRAPPED, hold, at or hold.pickup_library, by, status=hold.status)
            if ready:
                _notify_ready(hold)
            return hold
    return None


def arrive(
    item: Item, at: Library, today: date | None = None, *, by: User | None = None
) -> Hold | None:
    """``item`` in transit for a hold was checked in at ``at``.

    At the hold's pickup library the hold becomes ready (and the member is told); anywhere
    else it stays in transit and the caller forwards the item. Returns the hold, or None when
    the item travels for no hold (the caller then traps it or sends it home). Set the item
    status from ``item_status_for(hold)``.
    """
    with transaction.atomic():
        hold = (
            Hold.objects.select_for_update().filter(item=item, status=HoldStatus.IN_TRANSIT).first()
        )
        if hold is None or hold.pickup_library_id != at.pk:
            return hold
        hold.status = HoldStatus.READY
        hold.ready_at = timezone.now()
        hold.ready_until = shelf_until(at, today or timezone.localdate())
        claimed = Hold.objects.filter(pk=hold.pk, status=HoldStatus.IN_TRANSIT).update(
            status=hold.status, ready_at=hold.ready_at, ready_until=hold.ready_until
        )
        if not claimed:  # cancelled a moment ago
            return None
        _event(Action.HOLD_TRAPPED, hold, at, by, status=hold.status)
        _notify_ready(hold)
    return hold


def item_status_for(hold: Hold) -> str:
    return ItemStatus.ON_HOLD_SHELF if hold.status == HoldStatus.READY else ItemStatus.IN_TRANSIT


def held_for(item: Item) -> Hold | None:
    """The hold ``item`` is set aside for (ready or on its way), if any."""
    return (
        Hold.objects.filter(item=item, status__in=[HoldStatus.READY, HoldStatus.IN_TRANSIT])
        .select_related("member")
        .first()
    )


def fulfil_on_checkout(
    item: Item, member: Member, *, by: User | None = None, override: bool = False
) -> Hold | None:
    """Close ``member``'s open hold on the title of ``item``, which they are borrowing now.

    Call inside the checkout transaction. A copy set aside for another member is refused
    with HeldForAnotherMember unless ``override`` (a desk override), which puts that hold
    back in the queue at its old place. A member borrowing another copy than the one set
    aside for them frees that one for the next hold. Returns the fulfilled hold, or None.
    """
    with transaction.atomic():
        return _fulfil(item, member, by, override)


def _fulfil(item: Item, member: Member, by: User | None, override: bool) -> Hold | None:
    other = held_for(item)
    if other is not None and other.member_id != member.pk:
        if not override:
            raise HeldForAnotherMember(barcode=item.barcode, number=other.member.number)
        Hold.objects.filter(pk=other.pk, status=other.status).update(
            status=HoldStatus.WAITING, item=None, ready_at=None, ready_until=None
        )
        _event(Action.OVERRIDE, other, other.pickup_library, by, requeued=True)
    hold = (
        Hold.objects.select_for_update(of=("self",))
        .filter(record_id=item.record_id, member=member, status__in=OPEN_HOLDS)
        .select_related("item__library", "pickup_library")
        .first()
    )
    if hold is None:
        return None
    before, elsewhere = hold.status, hold.item if hold.item_id != item.pk else None
    closed = Hold.objects.filter(pk=hold.pk, status=before).update(
        status=HoldStatus.FULFILLED, item=item, closed_at=timezone.now()
    )
    if not closed:
        return None
    hold.status, hold.item = HoldStatus.FULFILLED, item
    if elsewhere is not None:
        _release(elsewhere, before, hold.pickup_library, by)
    return hold


def cancel_hold(hold: Hold, *, by: User | None = None) -> None:
    """Cancel an open hold; a copy set aside for it goes to the next hold or back.

    Raises HoldNotOpen when the hold was already fulfilled, cancelled or expired."""
    _close(hold, HoldStatus.CANCELLED, Action.HOLD_CANCELLED, by)


def expire_holds(today: date | None = None, *, by: User | None = None) -> int:
    """Expire ready holds not collected by their ``ready_until`` day; returns how many.

    Each copy goes to the next waiting hold (set aside again at that library) or back to its
    shelf (home: available; elsewhere: in transit home). One transaction per hold; a hold that
    fails is logged with its id and left for the next round.
    """
    today = today or timezone.localdate()
    due = Hold.objects.filter(status=HoldStatus.READY, ready_until__lt=today)
    expired = 0
    for hold in due.select_related("item__library", "pickup_library").order_by("pk"):
        try:
            _close(hold, HoldStatus.EXPIRED, Action.HOLD_EXPIRED, by)
        except HoldNotOpen:  # collected or cancelled while we looked
            continue
        except SimpulError as error:
            log.warning("hold %s not expired: %s", hold.pk, error.message)
        else:
            expired += 1
    return expired


def blocks_renewal(loan: Loan) -> bool:
    """True when other members wait for this title and the copies on the shelf (which staff
    pull for them) are fewer than they are, so this copy is needed."""
    record_id = loan.item.record_id
    waiting = (
        Hold.objects.filter(record_id=record_id, status=HoldStatus.WAITING)
        .exclude(member_id=loan.member_id)
        .count()
    )
    if not waiting:
        return False
    on_shelf = Item.objects.filter(record_id=record_id, status=ItemStatus.AVAILABLE).count()
    return waiting > on_shelf


def pull(item: Item, library: Library, *, by: User | None = None) -> Hold | None:
    """Staff took ``item``, available on the shelf of ``library``, for the first hold it can
    fill: set it aside (ready here, or in transit to the pickup library)."""
    with transaction.atomic():
        hold = trap(item, library, by=by)
        if hold is not None:
            set_item_status(
                item, item_status_for(hold), by=by, reason=str(_("Disisihkan untuk reservasi"))
            )
    return hold


def _close(hold: Hold, status: str, action: str, by: User | None) -> None:
    before = hold.status
    if before not in OPEN_HOLDS:
        raise HoldNotOpen(status=HoldStatus(before).label)
    with transaction.atomic():
        closed = Hold.objects.filter(pk=hold.pk, status=before).update(
            status=status, closed_at=timezone.now()
        )
        if not closed:
            hold.refresh_from_db(fields=["status"])
            raise HoldNotOpen(status=HoldStatus(hold.status).label)
        hold.status = status
        _event(action, hold, hold.pickup_library, by)
        if hold.item is not None:
            _release(hold.item, before, hold.pickup_library, by)


def _release(item: Item, held_as: str, pickup: Library, by: User | None) -> None:
    """The hold ``item`` was set aside for (as ``held_as``) is closed: pass the item on."""
    today = timezone.localdate()
    if held_as == HoldStatus.IN_TRANSIT:
        # Still on its way: it goes on to whoever is next, or home when it arrives anywhere.
        if _assign(item, None, today, by) is None:
            _transit_event(item, by)
        return
    hold = _assign(item, pickup, today, by)
    if hold is not None:
        if hold.status == HoldStatus.IN_TRANSIT:
            set_item_status(
                item, ItemStatus.IN_TRANSIT, by=by, reason=str(_("Disisihkan untuk reservasi"))
            )
    elif item.library_id == pickup.pk:
        set_item_status(item, ItemStatus.AVAILABLE, by=by, reason=str(_("Reservasi berakhir")))
    else:
        set_item_status(item, ItemStatus.IN_TRANSIT, by=by, reason=str(_("Kembali ke pemilik")))
        _transit_event(item, by, at=pickup)


def _transit_event(item: Item, by: User | None, at: Library | None = None) -> None:
    Event.objects.create(
        action=Action.TRANSIT,
        by=by,
        library=at,
        item=item,
        detail={"to": item.library.code},
    )


def _event(action: str, hold: Hold, library: Library, by: User | None, **detail: Any) -> None:
    Event.objects.create(
        action=action,
        by=by,
        library=library,
        member_id=hold.member_id,
        item_id=hold.item_id,
        detail={"hold": hold.pk, "record": hold.record_id, **detail},
    )


def _notify_ready(hold: Hold) -> None:
    # The e-mail waits for the commit: a rolled-back check-in must not tell anyone anything.
    transaction.on_commit(partial(notices.notify_hold_ready, hold.pk))
