"""Interlibrary loan use cases: the only code that changes an IllRequest.

Every change is a conditional UPDATE on the status (or on the empty Received/ShippedReturn
time) whose row count is checked, with an IllEvent in the same transaction, so a double click
or two desks at once move a request once; the loser gets RequestChanged. When the other side
is an ISO 18626 peer the message to it is queued in the same transaction (outbox.py).
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item, Record
from simpul.catalog.services import set_item_status
from simpul.circulation import rules
from simpul.circulation.services import checkin, checkout
from simpul.libraries.models import Library
from simpul.members.choices import MemberStatus
from simpul.members.models import Member
from simpul.network.ill import errors, outbox, stand_in
from simpul.network.ill.choices import (
    ACTION_ALLOWED,
    NOT_SHIPPED,
    OPEN,
    OUT_ON_LOAN,
    TRANSITIONS,
    IllAction,
    IllStatus,
)
from simpul.network.ill.models import IllEvent, IllPeer, IllRequest
from simpul.network.ill.outbox import agency_key


def new_request_id(library: Library) -> str:
    return f"{library.code}-{uuid.uuid4().hex[:12].upper()}"


def suppliers_for(record: Record, requester: Library) -> list[Library]:
    """Other libraries lending to the network with an available copy of ``record``."""
    ids = (
        Item.objects.filter(record=record, status=ItemStatus.AVAILABLE)
        .filter(library__lends_to_network=True, library__is_active=True)
        .exclude(library=requester)
        .values_list("library_id", flat=True)
    )
    return list(Library.objects.filter(pk__in=set(ids)).order_by("name"))


def _check_member(member: Member) -> None:
    if member.status != MemberStatus.ACTIVE:
        raise errors.NotAMember()


def request_title(member: Member, record: Record, by: User | None) -> IllRequest:
    """Ask, for ``member``, another network library for ``record``; the member's home library
    requests. Raises NotAMember, AvailableHere, AlreadyRequested, NoSupplier."""
    _check_member(member)
    home = member.home_library
    if Item.objects.filter(record=record, library=home, status=ItemStatus.AVAILABLE).exists():
        raise errors.AvailableHere(title=record.title, library=home.name)
    if IllRequest.objects.filter(member=member, record=record, status__in=OPEN).exists():
        raise errors.AlreadyRequested(title=record.title)
    suppliers = suppliers_for(record, home)
    if not suppliers:
        raise errors.NoSupplier(title=record.title)
    with transaction.atomic():
        request = IllRequest.objects.create(
            request_id=new_request_id(home),
            requester_agency=agency_key(home),
            requester_library=home,
            supplier_library=suppliers[0],
            member=member,
            patron_name=member.full_name,
            record=record,
            supplier_record_id=str(record.pk),
            title=record.title,
            author=", ".join(record.authors[:2]),
        )
        add_event(
            request,
            by,
            home,
            status=IllStatus.REQUEST_RECEIVED,
            message=_("Diminta oleh anggota {number}").format(number=member.number),
        )
    return request


def request_from_peer(
    member: Member,
    peer: IllPeer,
    *,
    title: str,
    author: str = "",
    supplier_record_id: str = "",
    by: User | None = None,
) -> IllRequest:
    """Ask an ISO 18626 peer for a title for ``member``: the Request is queued for the worker."""
    _check_member(member)
    home = member.home_library
    with transaction.atomic():
        request = IllRequest.objects.create(
            request_id=new_request_id(home),
            requester_agency=agency_key(home),
            requester_library=home,
            supplier_peer=peer,
            member=member,
            patron_name=member.full_name,
            supplier_record_id=supplier_record_id,
            title=title[:500],
            author=author[:300],
        )
        add_event(
            request,
            by,
            home,
            status=IllStatus.REQUEST_RECEIVED,
            message=_("Dikirim ke {peer}").format(peer=peer.name),
        )
        outbox.queue_request(request, home)
    return request


def add_event(
    request: IllRequest,
    by: User | None,
    library: Library | None,
    *,
    status: str = "",
    action: str = "",
    message: str = "",
    peer: IllPeer | None = None,
) -> IllEvent:
    return IllEvent.objects.create(
        request=request,
        by=by,
        library=library,
        peer=peer,
        status=status,
        action=action,
        message=message,
    )


def status_label(status: str) -> str:
    return str(IllStatus(status).label) if status in IllStatus.values else status


def set_status(
    request: IllRequest,
    new: str,
    *,
    by: User | None = None,
    library: Library | None = None,
    peer: IllPeer | None = None,
    message: str = "",
    reason_for_message: str = "StatusChange",
    fields: dict[str, object] | None = None,
) -> IllRequest:
    """Move ``request`` to supplier status ``new`` along TRANSITIONS, with an event; tells
    the requesting peer when there is one. Raises StatusNotAllowed and RequestChanged."""
    old = request.status
    if new not in TRANSITIONS.get(old, frozenset()):
        raise errors.StatusNotAllowed(
            number=request.request_id, old=status_label(old), new=status_label(new)
        )
    now = timezone.now()
    closed = {"closed_at": now} if not TRANSITIONS[new] else {}
    with transaction.atomic():
        changed = IllRequest.objects.filter(pk=request.pk, status=old).update(
            status=new, updated_at=now, **closed, **(fields or {})
        )
        if not changed:
            request.refresh_from_db()
            raise errors.RequestChanged(
                number=request.request_id, status=status_label(request.status)
            )
        request.refresh_from_db()
        add_event(request, by, library, status=new, message=message or request.reason, peer=peer)
        if request.requester_peer_id is not None and peer is None:
            outbox.queue_supplying(request, reason_for_message, note=message)
    return request


def record_action(
    request: IllRequest,
    action: str,
    *,
    by: User | None = None,
    library: Library | None = None,
    peer: IllPeer | None = None,
    note: str = "",
) -> bool:
    """Record the requesting library's ``action``; False when it was already recorded (a
    repeat changes nothing). Received and ShippedReturn set their time once, conditionally.
    Raises ActionNotAllowed and RequestChanged."""
    if request.status not in ACTION_ALLOWED[action]:
        raise errors.ActionNotAllowed(
            action=IllAction(action).label,
            number=request.request_id,
            status=status_label(request.status),
        )
    now = timezone.now()
    guard: dict[str, object] = {"status__in": ACTION_ALLOWED[action]}
    update: dict[str, object] = {"last_action": action, "updated_at": now}
    if action == IllAction.RECEIVED:
        guard["received_at__isnull"], update["received_at"] = True, now
    elif action == IllAction.SHIPPED_RETURN:
        guard["returned_at__isnull"], update["returned_at"] = True, now
        guard["received_at__isnull"] = False
    with transaction.atomic():
        if not IllRequest.objects.filter(pk=request.pk, **guard).update(**update):
            request.refresh_from_db()
            if action in (IllAction.RECEIVED, IllAction.SHIPPED_RETURN):
                return False
            raise errors.RequestChanged(
                number=request.request_id, status=status_label(request.status)
            )
        request.refresh_from_db()
        add_event(request, by, library, action=action, message=note, peer=peer)
        if request.supplier_peer_id is not None and peer is None:
            outbox.queue_requesting(request, action, note=note)
    return True


# -- the lending (supplying) library ------------------------------------------------------


def accept(request: IllRequest, by: User, library: Library, *, now: bool = True) -> IllRequest:
    """WillSupply (a copy is on the shelf) or ExpectToSupply (later)."""
    new = IllStatus.WILL_SUPPLY if now else IllStatus.EXPECT_TO_SUPPLY
    return set_status(request, new, by=by, library=library)


def decline(request: IllRequest, by: User, library: Library, why: str) -> IllRequest:
    """Unfilled, with the reason the requesting library and the member will see. Raises
    ReasonNeeded, StatusNotAllowed."""
    return _with_reason(request, IllStatus.UNFILLED, by, library, why)


def retry_possible(request: IllRequest, by: User, library: Library, why: str) -> IllRequest:
    """RetryPossible: not now (on loan here, being repaired, ...); the reason travels as
    reasonRetry and the requesting library may cancel or wait. Raises ReasonNeeded."""
    return _with_reason(request, IllStatus.RETRY_POSSIBLE, by, library, why)


def _with_reason(
    request: IllRequest, status: str, by: User, library: Library, why: str
) -> IllRequest:
    why = required_reason(why, status)
    return set_status(
        request, status, by=by, library=library, message=why, fields={"reason": why[:500]}
    )


def complete_without_return(
    request: IllRequest, by: User, library: Library, why: str
) -> IllRequest:
    """CompletedWithoutReturn: the lender closes a loan whose copy will not come back (lost,
    kept, paid for), with the reason. Its own copy still in transit is recorded lost; one a
    member has on loan is left to the desk that lent it (circulation declares it lost and
    charges for it), one already back is left alone. Raises ReasonNeeded, StatusNotAllowed."""
    why = required_reason(why, IllStatus.COMPLETED_WITHOUT_RETURN)
    with transaction.atomic():
        set_status(
            request,
            IllStatus.COMPLETED_WITHOUT_RETURN,
            by=by,
            library=library,
            message=why,
            fields={"reason": why[:500]},
        )
        item = request.item
        if item is not None and item.library_id == library.pk:
            item.refresh_from_db(fields=["status"])
            if item.status == ItemStatus.IN_TRANSIT:
                set_item_status(item, ItemStatus.LOST, by=by, reason=why)
    return request


def required_reason(why: str, status: str) -> str:
    why = why.strip()
    if not why:
        raise errors.ReasonNeeded(step=status_label(status))
    return why


def loan_due(library: Library, today: date | None = None) -> date:
    """The due date a shipment suggests: ILL_LOAN_DAYS on, past the lender's closed days."""
    return rules.due_on(library, today or timezone.localdate(), settings.ILL_LOAN_DAYS)


def check_due(due: date, after: date) -> date:
    """``due`` if it is later than ``after``; DueDateTooEarly otherwise."""
    if due <= after:
        raise errors.DueDateTooEarly(date=after)
    return due


def ship(
    request: IllRequest,
    by: User,
    library: Library,
    barcode: str = "",
    due: date | None = None,
) -> IllRequest:
    """Loaned: send an available copy, due back on ``due`` (by default ``loan_due``); it goes
    in transit and the date travels to the requesting side. Raises NoCopyToShip and
    DueDateTooEarly (not after today)."""
    today = timezone.localdate()
    due = check_due(due, today) if due is not None else loan_due(library, today)
    with transaction.atomic():
        item = _copy_to_ship(request, library, barcode)
        set_status(
            request,
            IllStatus.LOANED,
            by=by,
            library=library,
            fields={"item": item, "item_label": item.barcode, "due_on": due},
            message=_("Eksemplar {barcode} dikirim, jatuh tempo {date}").format(
                barcode=item.barcode, date=date_format(due, "j F Y")
            ),
        )
        set_item_status(
            item,
            ItemStatus.IN_TRANSIT,
            by=by,
            reason=_("Pinjam antarperpustakaan {number}").format(number=request.request_id),
        )
    return request


def _copy_to_ship(request: IllRequest, library: Library, barcode: str) -> Item:
    copies = Item.objects.filter(library=library, status=ItemStatus.AVAILABLE)
    if barcode.strip():
        copies = copies.filter(barcode=barcode.strip())
    elif request.record_id is not None:
        copies = copies.filter(record_id=request.record_id)
    else:
        copies = copies.none()
    item = copies.order_by("pk").first()
    if item is None:
        raise errors.NoCopyToShip(title=request.title, library=library.name)
    return item


def check_in_return(request: IllRequest, by: User, library: Library) -> IllRequest:
    """LoanCompleted: the copy is back; circulation's check-in puts it on the shelf (or sets
    it aside for a hold here). Inside one Simpul only after the requesting library shipped it
    back (ActionNotAllowed before: the member may still have it)."""
    if request.is_local and request.returned_at is None:
        raise errors.ActionNotAllowed(
            action=_("Terima kembali (check-in)"),
            number=request.request_id,
            status=status_label(request.status),
        )
    with transaction.atomic():
        item = request.item
        if item is not None:
            item.refresh_from_db(fields=["status"])
            if item.status != ItemStatus.AVAILABLE:  # the desk may have checked it in already
                checkin(item.barcode, library, by)
        return set_status(request, IllStatus.LOAN_COMPLETED, by=by, library=library)


# -- the requesting (borrowing) library ---------------------------------------------------


def receive(request: IllRequest, by: User, library: Library) -> IllRequest:
    """Received: the copy arrived and waits on the hold shelf here; inside one Simpul it is
    the lender's own, from a peer server it is a stand-in made now (stand_in.py). A repeat
    changes nothing and makes no second stand-in (the conditional UPDATE of Received); a
    peer's loan received before stand-ins existed gets its stand-in then. Raises
    ActionNotAllowed, BarcodeTaken and RequestChanged."""
    with transaction.atomic():
        first = record_action(request, IllAction.RECEIVED, by=by, library=library)
        if request.supplier_peer_id is not None:
            if request.status in OUT_ON_LOAN and request.returned_at is None:
                _make_stand_in(request, by)
            return request
        item = request.item
        if first and item is not None and item.status == ItemStatus.IN_TRANSIT:
            set_item_status(
                item,
                ItemStatus.ON_HOLD_SHELF,
                by=by,
                reason=_("Pinjam antarperpustakaan {number}").format(number=request.request_id),
            )
    return request


def _make_stand_in(request: IllRequest, by: User) -> None:
    item = stand_in.make(request, by)
    if item is not None:
        add_event(
            request,
            by,
            request.requester_library,
            message=_("Eksemplar sementara {barcode} dibuat di {library} (rak pesanan)").format(
                barcode=item.barcode, library=item.library.name
            ),
        )


def lend_to_member(request: IllRequest, by: User, library: Library, today: date | None = None):  # type: ignore[no-untyped-def]
    """Lend the received copy (the lender's, or a peer's book's stand-in) to the member
    through circulation's checkout: its rules, blocks and due date at the requesting library,
    never later than the lender's due date (nor before today), which checkout itself sees to
    for every borrowed copy (circulation/borrowed.py), at this step or scanned at the desk."""
    if request.item is None or request.member is None or request.received_at is None:
        raise errors.ActionNotAllowed(
            action=_("Pinjamkan ke anggota"),
            number=request.request_id,
            status=status_label(request.status),
        )
    with transaction.atomic():
        result = checkout(request.item.barcode, request.member, library, by, today=today)
        if result.created:
            add_event(
                request,
                by,
                library,
                message=_("Dipinjamkan kepada anggota {number}").format(
                    number=request.member.number
                ),
            )
    return result


def ship_return(request: IllRequest, by: User, library: Library) -> IllRequest:
    """ShippedReturn: the copy goes back to its owner. A copy still lent to the member is
    refused (StillOnLoan); one the member never collected goes in transit now; a peer's
    book leaves, and its stand-in is withdrawn (stand_in.retire), in the same transaction."""
    item = request.item
    with transaction.atomic():
        if item is not None:
            item.refresh_from_db(fields=["status"])
            if item.status == ItemStatus.ON_LOAN:
                raise errors.StillOnLoan(barcode=item.barcode)
            if request.has_stand_in:
                if record_action(request, IllAction.SHIPPED_RETURN, by=by, library=library):
                    stand_in.retire(request, by)
                    kept = request.item  # retire read it again
                    if kept is not None and kept.status == ItemStatus.ON_LOAN:  # lent just now
                        raise errors.StillOnLoan(barcode=kept.barcode)
                return request
            if item.status in (ItemStatus.ON_HOLD_SHELF, ItemStatus.AVAILABLE):
                set_item_status(
                    item,
                    ItemStatus.IN_TRANSIT,
                    by=by,
                    reason=_("Dikembalikan ke {library}").format(library=item.library.name),
                )
        record_action(request, IllAction.SHIPPED_RETURN, by=by, library=library)
    return request


def cancel(request: IllRequest, by: User | None, library: Library | None) -> IllRequest:
    """Cancel before the copy is shipped. Inside one Simpul the request is Cancelled at once;
    a peer is asked (it answers with Cancelled, or not)."""
    if request.status not in NOT_SHIPPED:
        raise errors.ActionNotAllowed(
            action=IllAction.CANCEL.label,
            number=request.request_id,
            status=status_label(request.status),
        )
    with transaction.atomic():
        if request.supplier_peer_id is not None:
            record_action(request, IllAction.CANCEL, by=by, library=library)
            return request
        IllRequest.objects.filter(pk=request.pk).update(last_action=IllAction.CANCEL)
        return set_status(request, IllStatus.CANCELLED, by=by, library=library)
