"""What this server does with an ISO 18626 message from a peer, and the confirmation it gives.

A message is applied once: its identity (kind, agencies, request id, timestamp and what it
says) is hashed into ReceivedMessage.key, written with the confirmation in the transaction
that applied it. A repeat (the sender lost our answer and sent again) gets the stored
confirmation and changes nothing. Refusals are ISO 18626 errorData, never an exception.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from simpul.catalog.models import Record
from simpul.lib.errors import SimpulError
from simpul.libraries.models import Library
from simpul.network.ill import due_dates, outbox, services, stand_in
from simpul.network.ill.choices import CLOSED, NOT_SHIPPED, IllAction, IllStatus, Renewal
from simpul.network.ill.iso18626.messages import (
    CONFIRMATION_OF,
    BadMessage,
    Message,
    build_confirmation,
    due_day,
    parse,
)
from simpul.network.ill.models import IllEvent, IllPeer, IllRequest, ReceivedMessage


class ProtocolError(Exception):
    def __init__(self, error_type: str, value: str) -> None:
        super().__init__(value)
        self.error_type = error_type
        self.value = value


def handle(body: bytes) -> bytes:
    """The confirmation for one incoming message (always an ISO 18626 document)."""
    try:
        message = parse(body)
    except BadMessage as error:
        return build_confirmation(
            error.kind, None, error_type=error.error_type, error_value=error.detail[:500]
        )
    if message.kind not in CONFIRMATION_OF:
        return build_confirmation(
            "request",
            message,
            error_type="BadlyFormedMessage",
            error_value=_("Konfirmasi tidak dikirim ke titik ini."),
        )
    key = identity(message)
    stored = ReceivedMessage.objects.filter(key=key).first()
    if stored is not None:
        return stored.confirmation.encode()
    try:
        with transaction.atomic():
            request = HANDLERS[message.kind](message)
            confirmation = build_confirmation(message.kind, message)
            ReceivedMessage.objects.create(
                key=key, kind=message.kind, request=request, confirmation=confirmation.decode()
            )
        return confirmation
    except ProtocolError as error:
        return build_confirmation(
            message.kind, message, error_type=error.error_type, error_value=error.value[:500]
        )
    except SimpulError as error:
        return build_confirmation(
            message.kind,
            message,
            error_type="UnrecognisedDataValue",
            error_value=error.message[:500],
        )
    except IntegrityError:  # the same message applied by a concurrent delivery
        stored = ReceivedMessage.objects.filter(key=key).first()
        if stored is None:
            return build_confirmation(message.kind, message)
        return stored.confirmation.encode()


def identity(message: Message) -> str:
    parts = [
        message.kind,
        message.requesting.key if message.requesting else "",
        message.supplying.key if message.supplying else "",
        message.request_id,
        message.timestamp,
        message.status,
        message.action,
        message.reason_for_message,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _peer(agency: object, secret: str, name: str) -> IllPeer:
    from simpul.network.ill.iso18626.messages import Agency

    assert isinstance(agency, Agency)
    peer = IllPeer.objects.filter(
        agency_id_type=agency.type, agency_id_value=agency.value, active=True
    ).first()
    if peer is None:
        raise ProtocolError("UnrecognisedDataValue", f"{name}: {agency.key}")
    if peer.shared_secret and not hmac.compare_digest(peer.shared_secret, secret):
        raise ProtocolError("UnrecognisedDataValue", "requestingAgencyAuthentication")
    return peer


def _our_library(agency: object, name: str) -> Library:
    value = getattr(agency, "value", "")
    library = Library.objects.filter(code=value, is_active=True).first()
    if library is None or getattr(agency, "type", "") != outbox.AGENCY_TYPE:
        raise ProtocolError("UnrecognisedDataValue", f"{name}: {value}")
    return library


def on_request(message: Message) -> IllRequest:
    """A peer asks one of our libraries for a title: a new request, RequestReceived."""
    peer = _peer(message.requesting, message.secret, "requestingAgencyId")
    library = _our_library(message.supplying, "supplyingAgencyId")
    if not library.lends_to_network:
        raise ProtocolError("UnrecognisedDataValue", f"supplyingAgencyId: {library.code}")
    assert message.requesting is not None
    existing = IllRequest.objects.filter(
        requester_agency=message.requesting.key, request_id=message.request_id
    ).first()
    if existing is not None:  # the same request sent again under a new timestamp
        return existing
    record_id = message.supplier_record_id
    record = Record.objects.filter(pk=int(record_id)).first() if record_id.isdigit() else None
    title = message.title or (record.title if record else "") or _("(tanpa judul)")
    request = IllRequest.objects.create(
        request_id=message.request_id,
        requester_agency=message.requesting.key,
        requester_peer=peer,
        supplier_library=library,
        record=record,
        supplier_record_id=record_id,
        title=title[:500],
        author=message.author[:300],
        patron_name=message.patron_name[:200],
    )
    IllEvent.objects.create(
        request=request,
        peer=peer,
        library=library,
        status=IllStatus.REQUEST_RECEIVED,
        message=_("Diterima dari {peer}").format(peer=peer.name),
    )
    return request


def on_supplying(message: Message) -> IllRequest:
    """The supplier's new status of one of our requests."""
    peer = _peer(message.supplying, message.secret, "supplyingAgencyId")
    library = _our_library(message.requesting, "requestingAgencyId")
    request = IllRequest.objects.filter(
        supplier_peer=peer, requester_library=library, request_id=message.request_id
    ).first()
    if request is None:
        raise ProtocolError(
            "UnrecognisedDataValue", f"requestingAgencyRequestId: {message.request_id}"
        )
    if message.supplier_request_id and not request.supplier_request_id:
        IllRequest.objects.filter(pk=request.pk).update(
            supplier_request_id=message.supplier_request_id[:100]
        )
    due = _due(message)
    try:
        if message.reason_for_message == "RenewResponse":
            return due_dates.renewal_answered(
                request, peer, library, yes=message.answer == "Y", due=due,
                status=message.status, note=message.note,
            )  # fmt: skip
        if message.status == request.status:
            if due is not None and due != request.due_on:
                IllRequest.objects.filter(pk=request.pk).update(due_on=due)
            IllEvent.objects.create(
                request=request, peer=peer, message=message.note or message.reason_for_message
            )
            return request
        services.set_status(
            request,
            message.status,
            peer=peer,
            library=library,
            message=message.note,
            fields=_status_fields(message, due, request.renewal),
        )
    except SimpulError as error:
        raise ProtocolError("UnrecognisedDataValue", f"status: {error.message}") from None
    if request.status == IllStatus.RECALLED:
        due_dates.follow_recall(request, None)
    elif request.status in CLOSED:  # the lender closed the loan: the stand-in leaves with it
        stand_in.retire(request, None)
    return request


def _due(message: Message) -> date | None:
    """statusInfo/dueDate as our day; UnrecognisedDataValue when it cannot be one."""
    if not message.due:
        return None
    try:
        return due_day(message.due)
    except ValueError:
        raise ProtocolError("UnrecognisedDataValue", f"dueDate: {message.due}") from None


def _status_fields(message: Message, due: date | None, renewal: str) -> dict[str, object]:
    """What a new status brings along: the copy's id, the due date, the reason; a recall
    answers a renewal still waiting (no)."""
    fields: dict[str, object] = {}
    if message.status == IllStatus.RECALLED and renewal == Renewal.REQUESTED:
        fields |= {"renewal": Renewal.REFUSED, "renewal_note": message.note[:500]}
    if message.item_id:
        fields["item_label"] = message.item_id[:100]
    if due is not None:
        fields["due_on"] = due
    reason: dict[str, str] = {
        IllStatus.UNFILLED: message.reason_unfilled,
        IllStatus.RETRY_POSSIBLE: message.reason_retry,
        IllStatus.RECALLED: "",
        IllStatus.COMPLETED_WITHOUT_RETURN: "",
    }
    if message.status in reason:
        fields["reason"] = (reason[message.status] or message.note)[:500]
    return fields


def on_requesting(message: Message) -> IllRequest:
    """The requesting library's action on one of the requests we supply."""
    peer = _peer(message.requesting, message.secret, "requestingAgencyId")
    library = _our_library(message.supplying, "supplyingAgencyId")
    assert message.requesting is not None
    request = IllRequest.objects.filter(
        requester_peer=peer, supplier_library=library, request_id=message.request_id
    ).first()
    if request is None:
        raise ProtocolError(
            "UnrecognisedDataValue", f"requestingAgencyRequestId: {message.request_id}"
        )
    action = message.action
    if action == IllAction.STATUS_REQUEST:
        outbox.queue_supplying(request, "StatusRequestResponse")
    elif action == IllAction.CANCEL:
        _on_cancel(request, peer, library, message.note)
    elif action == IllAction.RENEW:
        due_dates.renewal_asked(request, peer, library, message.note)
    elif action in (IllAction.RECEIVED, IllAction.SHIPPED_RETURN):
        try:
            services.record_action(request, action, peer=peer, library=library, note=message.note)
        except SimpulError as error:
            raise ProtocolError("UnrecognisedDataValue", f"action: {error.message}") from None
    else:
        raise ProtocolError("UnsupportedActionType", action)
    return request


def _on_cancel(request: IllRequest, peer: IllPeer, library: Library, note: str) -> None:
    IllEvent.objects.create(request=request, peer=peer, action=IllAction.CANCEL, message=note)
    if request.status in NOT_SHIPPED:
        services.set_status(
            request, IllStatus.CANCELLED, library=library, reason_for_message="CancelResponse"
        )
    else:
        outbox.queue_supplying(request, "CancelResponse", answer="N")


HANDLERS = {
    "request": on_request,
    "supplyingAgencyMessage": on_supplying,
    "requestingAgencyMessage": on_requesting,
}
