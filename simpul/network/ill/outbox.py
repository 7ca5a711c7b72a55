"""Outgoing ISO 18626 messages: queued in the transaction that changed the request, sent by
the worker, retried with backoff after a network fault.

A message's body (its timestamp included) is fixed when it is queued, and its key is
(requestingAgencyRequestId, kind, sequence), so a retry sends the very same message and the
receiver recognises it (receive.py) and answers with the confirmation it gave the first time.
Messages of one request go in order: a later one waits while an earlier one is pending.
"""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from simpul.libraries.models import Library
from simpul.network.ill.choices import OUT_ON_LOAN, IllStatus, MessageKind, OutboxState
from simpul.network.ill.iso18626.messages import (
    Agency,
    BadMessage,
    Message,
    build,
    due_stamp,
    parse,
)
from simpul.network.ill.models import IllEvent, IllPeer, IllRequest, OutgoingMessage

log = logging.getLogger(__name__)
AGENCY_TYPE = "SIMPUL"  # agencyIdType of this server's libraries; the value is the library code
TIMEOUT = 15  # seconds for one POST
LEASE = timedelta(minutes=2)  # a claimed message is not sent again before this
MAX_BACKOFF = timedelta(hours=1)


def agency_key(library: Library) -> str:
    return f"{AGENCY_TYPE}:{library.code}"


def peer_agency(peer: IllPeer) -> Agency:
    return Agency(peer.agency_id_type, peer.agency_id_value)


def _next_sequence(request: IllRequest) -> int:
    IllRequest.objects.filter(pk=request.pk).update(messages_queued=F("messages_queued") + 1)
    request.refresh_from_db(fields=["messages_queued"])
    return request.messages_queued


def _queue(request: IllRequest, peer: IllPeer, message: Message) -> OutgoingMessage:
    sequence = _next_sequence(request)
    return OutgoingMessage.objects.create(
        request=request,
        peer=peer,
        kind=message.kind,
        body=build(message).decode(),
        key=f"{request.request_id}:{message.kind}:{sequence}",
        next_attempt_at=timezone.now(),
    )


def queue_request(request: IllRequest, home: Library) -> OutgoingMessage:
    peer = request.supplier_peer
    assert peer is not None
    return _queue(
        request,
        peer,
        Message(
            kind=MessageKind.REQUEST,
            supplying=peer_agency(peer),
            requesting=Agency(AGENCY_TYPE, home.code),
            request_id=request.request_id,
            secret=peer.shared_secret,
            title=request.title,
            author=request.author,
            supplier_record_id=request.supplier_record_id,
            patron_name=request.patron_name,
            patron_id=request.member.number if request.member else "",
        ),
    )


def queue_supplying(
    request: IllRequest, reason_for_message: str, note: str = "", answer: str = ""
) -> OutgoingMessage:
    """The lender's status (with its due date while the copy is out) to the requesting peer."""
    peer, library = request.requester_peer, request.supplier_library
    assert peer is not None
    assert library is not None
    if reason_for_message in ("CancelResponse", "RenewResponse") and not answer:
        answer = "Y"
    out_on_loan = request.status in OUT_ON_LOAN
    return _queue(
        request,
        peer,
        Message(
            kind=MessageKind.SUPPLYING,
            supplying=Agency(AGENCY_TYPE, library.code),
            requesting=peer_agency(peer),
            request_id=request.request_id,
            supplier_request_id=str(request.pk),
            secret=peer.shared_secret,
            reason_for_message=reason_for_message,
            answer=answer,
            note=note[:2000],
            status=request.status,
            due=due_stamp(request.due_on) if request.due_on and out_on_loan else "",
            item_id=request.item_label,
            reason_unfilled=request.reason if request.status == IllStatus.UNFILLED else "",
            reason_retry=request.reason if request.status == IllStatus.RETRY_POSSIBLE else "",
        ),
    )


def queue_requesting(request: IllRequest, action: str, note: str = "") -> OutgoingMessage:
    peer, library = request.supplier_peer, request.requester_library
    assert peer is not None
    assert library is not None
    return _queue(
        request,
        peer,
        Message(
            kind=MessageKind.REQUESTING,
            supplying=peer_agency(peer),
            requesting=Agency(AGENCY_TYPE, library.code),
            request_id=request.request_id,
            supplier_request_id=request.supplier_request_id,
            secret=peer.shared_secret,
            action=action,
            note=note[:2000],
        ),
    )


def backoff(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s, ... at most an hour."""
    return min(timedelta(seconds=10 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def send_due(*, force: bool = False) -> dict[str, int]:
    """Send every pending message that is due (all pending with ``force``), oldest first,
    one request's messages in order. Returns counts of sent, refused and failed."""
    counts = {"sent": 0, "refused": 0, "failed": 0}
    now = timezone.now()
    waiting: set[int] = set()
    pending = OutgoingMessage.objects.filter(state=OutboxState.PENDING).select_related("peer")
    for message in pending.order_by("pk"):
        if message.request_id in waiting:
            continue
        waiting.add(message.request_id)  # later messages of this request wait for this one
        if message.next_attempt_at > now and not force:
            continue
        outcome = send(message, now)
        counts[outcome] += 1
        if outcome != "failed":
            waiting.discard(message.request_id)
    return counts


def send(message: OutgoingMessage, now=None) -> str:  # type: ignore[no-untyped-def]
    """POST one message; 'sent', 'refused' (the peer answered ERROR: not retried) or 'failed'
    (network fault or no confirmation: retried later)."""
    now = now or timezone.now()
    claimed = OutgoingMessage.objects.filter(
        pk=message.pk, state=OutboxState.PENDING, attempts=message.attempts
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE)
    if not claimed:
        return "failed"  # another worker has it
    message.attempts += 1
    try:
        answer = _post(message.peer.endpoint_url, message.body.encode())
        confirmation = parse(answer)
    except (OSError, BadMessage, ValueError) as error:
        return _failed(message, now, error)
    if not confirmation.kind.endswith("Confirmation"):
        return _failed(message, now, ValueError(confirmation.kind))
    refused = confirmation.message_status != "OK"
    OutgoingMessage.objects.filter(pk=message.pk).update(
        state=OutboxState.REFUSED if refused else OutboxState.SENT,
        sent_at=timezone.now(),
        confirmation=answer.decode(errors="replace"),
        last_error=f"{confirmation.error_type}: {confirmation.error_value}" if refused else "",
    )
    if refused:
        IllEvent.objects.create(
            request_id=message.request_id,
            peer=message.peer,
            message=f"{confirmation.error_type}: {confirmation.error_value}",
        )
        return "refused"
    return "sent"


def _failed(message: OutgoingMessage, now, error: Exception) -> str:  # type: ignore[no-untyped-def]
    log.info("ILL message %s to %s failed: %s", message.key, message.peer.endpoint_url, error)
    OutgoingMessage.objects.filter(pk=message.pk).update(
        next_attempt_at=now + backoff(message.attempts), last_error=str(error)[:1000]
    )
    return "failed"


def _post(url: str, body: bytes) -> bytes:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/xml; charset=utf-8", "Accept": "application/xml"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read(2_000_000)
    except urllib.error.HTTPError as error:  # an answer: ISO 18626 peers may use 4xx with XML
        return error.read(2_000_000)


def ill_round() -> dict[str, int]:
    """The worker's call: send the ISO 18626 messages due (logged, never raised)."""
    try:
        counts = send_due()
    except Exception:
        log.exception("sending ILL messages failed")
        return {}
    if any(counts.values()):
        log.info("ILL messages: %s", counts)
    return counts
