"""Due dates of interlibrary loans: renewals asked and answered, recalls, and the sweep that
marks loans overdue.

As in services.py, every change is a conditional UPDATE whose row count is checked, with an
IllEvent in the same transaction and, when the other side is an ISO 18626 peer, the message to
it queued in that transaction too. The lender's due date is ``IllRequest.due_on`` on both
sides (statusInfo/dueDate between servers). At the requesting library the member's
circulation loan of a borrowed copy follows it: a granted renewal moves it later, a recall
earlier (circulation's ``move_due_date``, with its own audit event).
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.circulation import rules
from simpul.circulation.services import move_due_date
from simpul.lib.errors import SimpulError
from simpul.libraries.models import Library
from simpul.network.ill import errors, outbox
from simpul.network.ill.choices import RENEWABLE, TRANSITIONS, IllAction, IllStatus, Renewal
from simpul.network.ill.models import IllPeer, IllRequest
from simpul.network.ill.services import (
    add_event,
    check_due,
    required_reason,
    set_status,
    status_label,
)

log = logging.getLogger(__name__)


def _day(value: date) -> str:
    return date_format(value, "j F Y")


def renew_due(library: Library, current: date | None, today: date) -> date:
    """A granted renewal's date: ILL_RENEW_DAYS from the later of today and the old due date,
    past the lender's closed days."""
    start = max(today, current) if current is not None else today
    return rules.due_on(library, start, settings.ILL_RENEW_DAYS)


def recall_due(library: Library, current: date | None, today: date) -> date:
    """A recalled copy's date: ILL_RECALL_DAYS from today, never later than it was."""
    soon = rules.due_on(library, today, settings.ILL_RECALL_DAYS)
    return min(soon, current) if current is not None else soon


def _not_allowed(request: IllRequest, action: str) -> errors.ActionNotAllowed:
    return errors.ActionNotAllowed(
        action=action, number=request.request_id, status=status_label(request.status)
    )


def _mark_requested(request: IllRequest) -> bool:
    """The conditional UPDATE of a Renew: True once, False while one already waits."""
    return bool(
        IllRequest.objects.filter(pk=request.pk, status__in=RENEWABLE, returned_at__isnull=True)
        .exclude(renewal=Renewal.REQUESTED)
        .update(
            renewal=Renewal.REQUESTED,
            renewal_note="",
            last_action=IllAction.RENEW,
            updated_at=timezone.now(),
        )
    )


# -- the requesting (borrowing) library ---------------------------------------------------


def ask_renewal(
    request: IllRequest, by: User | None, library: Library | None, note: str = ""
) -> bool:
    """Renew: ask the lender for more time while the copy is out (Loaned or Overdue, not
    shipped back). Returns False when a renewal already waits for its answer: a second click
    or a retry asks once. Raises ActionNotAllowed and RequestChanged."""
    if request.status not in RENEWABLE or request.returned_at is not None:
        raise _not_allowed(request, str(IllAction.RENEW.label))
    note = note.strip()[:2000]
    with transaction.atomic():
        changed = _mark_requested(request)
        request.refresh_from_db()
        if not changed:
            if request.renewal == Renewal.REQUESTED:
                return False
            raise errors.RequestChanged(
                number=request.request_id, status=status_label(request.status)
            )
        add_event(request, by, library, action=IllAction.RENEW, message=note)
        if request.supplier_peer_id is not None:
            outbox.queue_requesting(request, IllAction.RENEW, note=note)
    return True


def renewal_answered(
    request: IllRequest,
    peer: IllPeer,
    library: Library,
    *,
    yes: bool,
    due: date | None,
    status: str,
    note: str,
) -> IllRequest:
    """The lending peer's RenewResponse: a yes moves the due date (and an Overdue request back
    to Loaned) and the member's loan with it; a no is recorded. An answer nobody waits for
    (repeated or unasked) is only written to the history, with the lender's date."""
    old = request.status
    update: dict[str, Any] = {
        "renewal": Renewal.GRANTED if yes else Renewal.REFUSED,
        "renewal_note": note[:500],
        "updated_at": timezone.now(),
    }
    if yes:
        update["renewals"] = F("renewals") + 1
    if due is not None:
        update["due_on"] = due
    new = status if yes and status and status != old else old
    if new != old:
        if new not in TRANSITIONS.get(old, frozenset()):
            raise errors.StatusNotAllowed(
                number=request.request_id, old=status_label(old), new=status_label(new)
            )
        update["status"] = new
        if not TRANSITIONS[new]:  # an answer that also closes the request
            update["closed_at"] = update["updated_at"]
    message = _answer_message(yes, due, note)
    with transaction.atomic():
        waiting = IllRequest.objects.filter(pk=request.pk, status=old, renewal=Renewal.REQUESTED)
        if not waiting.update(**update):
            if due is not None:
                IllRequest.objects.filter(pk=request.pk).update(due_on=due)
            request.refresh_from_db()
            add_event(request, None, library, action=IllAction.RENEW, peer=peer, message=message)
            return request
        request.refresh_from_db()
        status_changed = new if new != old else ""
        add_event(
            request, None, library, status=status_changed, action=IllAction.RENEW, peer=peer,
            message=message,
        )  # fmt: skip
        if yes:
            _follow_renewal(request, None)
    return request


def _answer_message(yes: bool, due: date | None, note: str) -> str:
    if yes and due is not None:
        text = _("Perpanjangan disetujui sampai {date}").format(date=_day(due))
    elif yes:
        text = _("Perpanjangan disetujui")
    else:
        text = _("Perpanjangan ditolak")
    return f"{text}: {note}" if note else text


def _follow_renewal(request: IllRequest, by: User | None) -> None:
    """The member's loan of the borrowed copy here, moved to the lender's new date."""
    if request.item is None or request.requester_library is None or request.due_on is None:
        return
    move_due_date(
        request.item, request.due_on, later=True, by=by, library=request.requester_library,
        ill=request.request_id, why="renewal",
    )  # fmt: skip


def follow_recall(request: IllRequest, by: User | None, today: date | None = None) -> None:
    """The member's loan of a recalled copy here, shortened to ILL_RECALL_DAYS from today (or
    the lender's date, when sooner), never later than it was, never before today."""
    if request.item is None or request.requester_library is None:
        return
    today = today or timezone.localdate()
    target = rules.due_on(request.requester_library, today, settings.ILL_RECALL_DAYS)
    if request.due_on is not None:
        target = max(min(target, request.due_on), today)
    move_due_date(
        request.item, target, later=False, by=by, library=request.requester_library,
        ill=request.request_id, why="recall",
    )  # fmt: skip


# -- the lending (supplying) library ------------------------------------------------------


def renewal_asked(request: IllRequest, peer: IllPeer, library: Library, note: str) -> None:
    """The requesting peer's Renew: it waits for staff here; a copy that cannot be renewed
    (recalled, shipped back, closed) is answered no at once."""
    add_event(request, None, library, action=IllAction.RENEW, peer=peer, message=note)
    if request.status not in RENEWABLE or request.returned_at is not None:
        outbox.queue_supplying(
            request,
            "RenewResponse",
            answer="N",
            note=_("Tidak dapat diperpanjang (status “{status}”).").format(
                status=status_label(request.status)
            ),
        )
        return
    _mark_requested(request)  # False: a renewal already waits, asked again
    request.refresh_from_db()


def answer_renewal(
    request: IllRequest,
    by: User,
    library: Library,
    *,
    yes: bool,
    due: date | None = None,
    why: str = "",
) -> IllRequest:
    """The lender's answer to a waiting renewal. Yes: the due date moves to ``due`` (by
    default ``renew_due``), an Overdue request is Loaned again and, inside one Simpul, the
    member's loan follows; no: recorded with ``why``. Either way the requesting peer gets a
    RenewResponse. Raises NoRenewalAsked, ActionNotAllowed (recalled, or shipped back),
    DueDateTooEarly and RequestChanged (answered twice: the second click)."""
    if request.renewal != Renewal.REQUESTED:
        raise errors.NoRenewalAsked(number=request.request_id)
    why = why.strip()[:500]
    old, today = request.status, timezone.localdate()
    update: dict[str, Any] = {"renewal_note": why, "updated_at": timezone.now()}
    if yes:
        if old not in RENEWABLE or request.returned_at is not None:
            raise _not_allowed(request, _("Setujui perpanjangan"))
        floor = max(today, request.due_on) if request.due_on is not None else today
        new_due = check_due(due, floor) if due is not None else renew_due(library, floor, today)
        update |= {
            "renewal": Renewal.GRANTED,
            "due_on": new_due,
            "status": IllStatus.LOANED,
            "renewals": F("renewals") + 1,
        }
    else:
        update["renewal"] = Renewal.REFUSED
    with transaction.atomic():
        waiting = IllRequest.objects.filter(pk=request.pk, status=old, renewal=Renewal.REQUESTED)
        if not waiting.update(**update):
            request.refresh_from_db()
            raise errors.RequestChanged(
                number=request.request_id, status=status_label(request.status)
            )
        request.refresh_from_db()
        message = _answer_message(yes, request.due_on if yes else None, why)
        status_changed = request.status if request.status != old else ""
        add_event(
            request, by, library, status=status_changed, action=IllAction.RENEW, message=message
        )
        if yes:
            _follow_renewal(request, by)
        if request.requester_peer_id is not None:
            outbox.queue_supplying(request, "RenewResponse", answer="Y" if yes else "N", note=why)
    return request


def recall(request: IllRequest, by: User, library: Library, why: str) -> IllRequest:
    """Recalled: the lender wants its copy back early, with the reason. Its due date becomes
    ``recall_due``; a renewal waiting for an answer is refused with it; inside one Simpul the
    member's loan is shortened (follow_recall). Only a Loaned copy is recalled (an Overdue one
    is due already). Raises ReasonNeeded, ActionNotAllowed (not Loaned, or already on its way
    back) and RequestChanged."""
    why = required_reason(why, IllStatus.RECALLED)
    if request.status != IllStatus.LOANED or request.returned_at is not None:
        raise _not_allowed(request, _("Tarik kembali"))
    due = recall_due(library, request.due_on, timezone.localdate())
    fields: dict[str, object] = {"due_on": due, "reason": why[:500]}
    if request.renewal == Renewal.REQUESTED:
        fields |= {"renewal": Renewal.REFUSED, "renewal_note": why[:500]}
    with transaction.atomic():
        set_status(request, IllStatus.RECALLED, by=by, library=library, message=why, fields=fields)
        follow_recall(request, by)
    return request


def mark_overdue(today: date | None = None) -> int:
    """Overdue: loans this server's libraries lent (Loaned or Recalled) whose due date has
    passed and whose copy was not shipped back; the requesting peer is told. Idempotent: a
    request moves once (conditional UPDATE), a second sweep finds nothing. Returns how many
    moved; one that fails is logged with its number and left for the next sweep."""
    today = today or timezone.localdate()
    late = IllRequest.objects.filter(
        supplier_library__isnull=False,
        status__in=(IllStatus.LOANED, IllStatus.RECALLED),
        due_on__lt=today,
        returned_at__isnull=True,
    ).select_related("supplier_library")
    moved = 0
    for request in late.order_by("pk"):
        assert request.due_on is not None
        message = _("Melewati jatuh tempo {date}").format(date=_day(request.due_on))
        try:
            set_status(
                request, IllStatus.OVERDUE, library=request.supplier_library, message=message
            )
        except (errors.RequestChanged, errors.StatusNotAllowed):
            continue  # renewed, returned or recalled while we looked
        except SimpulError as error:
            log.warning("ILL %s not marked overdue: %s", request.request_id, error.message)
            continue
        moved += 1
    return moved


def overdue_round(today: date | None = None) -> int:
    """The worker's call: mark overdue interlibrary loans (logged, never raised)."""
    try:
        moved = mark_overdue(today)
    except Exception:
        log.exception("marking ILL loans overdue failed")
        return 0
    if moved:
        log.info("ILL: %s loans overdue", moved)
    return moved
