"""Returns, anywhere in the network: close the loan, charge a late return, and decide where
the copy goes next (the shelf here, the hold shelf, or in transit with a routing slip).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.catalog.choices import ITEM_TRANSITIONS, ItemStatus
from simpul.catalog.models import Item
from simpul.catalog.services import set_item_status
from simpul.circulation import borrowed, holds
from simpul.circulation.choices import Action, HoldStatus
from simpul.circulation.events import record_event
from simpul.circulation.fines import charge_overdue
from simpul.circulation.locks import lock_item
from simpul.circulation.models import Event, Fine, Hold, Loan
from simpul.lib.rawsql import execute, one, partial, table
from simpul.libraries.models import Library
from simpul.members.models import Member

# Statuses a scan at check-in moves on; the others (damaged, withdrawn, on order, already on
# the hold shelf) are reported and left alone.
MOVABLE = frozenset(
    {ItemStatus.ON_LOAN, ItemStatus.IN_TRANSIT, ItemStatus.AVAILABLE, ItemStatus.LOST}
)


@dataclass(frozen=True)
class CheckinResult:
    item: Item
    loan: Loan | None = None  # the loan this scan closed
    fine: Fine | None = None  # the overdue fine it charged
    hold: Hold | None = None  # the hold the copy now serves
    send_to: Library | None = None  # where to send the copy (routing slip); None: it stays
    slip: Event | None = None  # the event a routing or hold slip is printed from
    note: str = ""  # why nothing changed, when nothing did
    # The interlibrary loan a stand-in copy goes back under: ship it to its lender, not the shelf.
    borrowing: borrowed.Borrowing | None = None

    @property
    def changed(self) -> bool:
        return not self.note


def checkin(
    item_barcode: str, library: Library, by: User, today: date | None = None
) -> CheckinResult:
    """Take back the copy with ``item_barcode`` at ``library``, in one transaction.

    Closes its open loan (a second scan finds none and changes nothing), charges the overdue
    fine, then: a waiting hold traps it (holds.trap decides hold shelf or transit); a copy of
    another library goes in transit home; a stand-in for a book borrowed from a peer server
    (borrowed.py) goes in transit back to its lender; otherwise it is available here. Writes
    CHECKIN, FINE, HOLD_TRAPPED and TRANSIT events as they happen. Raises ItemNotFound.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        item = lock_item(item_barcode.strip())
        loan = _close_open_loan(item, library, by)
        if loan is None and item.status not in MOVABLE:
            return CheckinResult(item, note=_unmoved_note(item))
        if loan is None and _stays(item, library):
            return CheckinResult(item, note=_("Eksemplar ini tidak sedang dipinjam."))
        if loan is None and (passing := _passing_through(item, library)) is not None:
            return passing
        fine = charge_overdue(loan, by, library, today) if loan is not None else None
        record_event(
            Action.CHECKIN, by=by, library=library, item=item, loan=loan,
            member=loan.member if loan else None,
            barcode=item.barcode, was=item.status, fine=fine.amount if fine else 0,
        )  # fmt: skip
        hold, send_to, slip, lent = _route(item, library, by, today)
        return CheckinResult(item, loan, fine, hold, send_to, slip, borrowing=lent)


def _close_open_loan(item: Item, library: Library, by: User) -> Loan | None:
    loan = one(
        Loan, f"SELECT * FROM {table(Loan)} WHERE item_id = %s AND returned_at IS NULL", [item.pk]
    )
    if loan is None:
        return None
    loan.member = partial(Member, id=loan.member_id)  # events and fines need only its id
    closed = execute(
        f"UPDATE {table(Loan)} SET returned_at = %s, returned_library_id = %s, "
        "checked_in_by_id = %s WHERE id = %s AND returned_at IS NULL",
        [connection.ops.adapt_datetimefield_value(timezone.now()), library.pk, by.pk, loan.pk],
    )
    loan.item = item
    return loan if closed else None


def _stays(item: Item, library: Library) -> bool:
    """An available copy scanned at home with nobody waiting: nothing to do."""
    return (
        item.status == ItemStatus.AVAILABLE
        and item.library_id == library.pk
        and not Hold.objects.filter(record_id=item.record_id, status=HoldStatus.WAITING).exists()
    )


def _passing_through(item: Item, library: Library) -> CheckinResult | None:
    """A copy in transit scanned on its way (not at its destination): it travels on as is,
    and its slip can be printed again."""
    if item.status != ItemStatus.IN_TRANSIT:
        return None
    held = holds.held_for(item)
    travelling_for = held if held is not None and held.status == HoldStatus.IN_TRANSIT else None
    destination = travelling_for.pickup_library if travelling_for else item.library
    if destination.pk == library.pk:
        lent = borrowed.borrowing(item) if travelling_for is None else None
        if lent is not None and lent.stand_in:  # home, but only to be shipped to its lender
            return CheckinResult(item, borrowing=lent, note=going_back(lent))
        return None
    note = _("Eksemplar ini sedang dalam perjalanan ke {library}.").format(library=destination.name)
    slip = Event.objects.filter(action=Action.TRANSIT, item=item).order_by("-pk").first()
    return CheckinResult(item, hold=travelling_for, send_to=destination, slip=slip, note=note)


def going_back(lent: borrowed.Borrowing) -> str:
    return _(
        "Eksemplar pinjam antarperpustakaan {number}: kirim kembali ke {lender} lewat langkah "
        "“Kirim kembali ke pemilik”, jangan ke rak."
    ).format(number=lent.number, lender=lent.lender)


def _unmoved_note(item: Item) -> str:
    if item.status == ItemStatus.ON_HOLD_SHELF:
        return _("Eksemplar ini sudah di rak pesanan.")
    return _("Eksemplar ini berstatus {status}; statusnya tidak diubah.").format(
        status=ItemStatus(item.status).label
    )


def _route(
    item: Item, library: Library, by: User, today: date
) -> tuple[Hold | None, Library | None, Event | None, borrowed.Borrowing | None]:
    """Where the copy goes now; sets its status and finds the event its slip prints from.

    holds.arrive ends the journey of a copy travelling for a hold, holds.trap sets a copy
    aside for the first waiting hold (both write their events and tell the member). A
    stand-in back home is in transit to its lender: never on the shelf, never lent again.
    """
    hold = None
    if item.status == ItemStatus.IN_TRANSIT:  # only a copy in transit can arrive for a hold
        hold = holds.arrive(item, library, today, by=by)
    if hold is None and getattr(item, "has_holds", True):  # lock_item: nobody waits otherwise
        hold = holds.trap(item, library, today, by=by)
    if hold is not None:
        _move(item, holds.item_status_for(hold), by)
        if hold.status == HoldStatus.READY:
            return hold, None, _last_event(Action.HOLD_TRAPPED, item, library), None
        slip = _transit(item, library, by, hold.pickup_library, hold)
        return hold, hold.pickup_library, slip, None
    if item.library_id != library.pk:
        _move(item, ItemStatus.IN_TRANSIT, by)
        return None, item.library, _transit(item, library, by, item.library), None
    lent = borrowed.borrowing(item)
    if lent is not None and lent.stand_in:
        _move(item, ItemStatus.IN_TRANSIT, by)
        return None, None, None, lent
    _move(item, ItemStatus.AVAILABLE, by)
    return None, None, None, None


def _transit(
    item: Item, library: Library, by: User, to: Library, hold: Hold | None = None
) -> Event:
    hold_id = hold.pk if hold is not None else None
    return record_event(Action.TRANSIT, by=by, library=library, item=item, to=to.code, hold=hold_id)


def _last_event(action: str, item: Item, library: Library) -> Event | None:
    return Event.objects.filter(action=action, item=item, library=library).order_by("-pk").first()


def _move(item: Item, target: str, by: User) -> None:
    """Set ``target``, passing through AVAILABLE when there is no direct transition (a copy
    found after it was declared lost and going in transit)."""
    if item.status == target:
        return
    reason = _("Pengembalian")
    if target not in ITEM_TRANSITIONS.get(item.status, frozenset()):
        set_item_status(item, ItemStatus.AVAILABLE, by=by, reason=reason)
    if item.status != target:
        set_item_status(item, target, by=by, reason=reason)
