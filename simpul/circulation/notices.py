"""Notices: e-mails to members about loans, holds and their membership, each sent once.

Every notice is a ``Notice`` row with a unique ``key`` naming what it is about (a loan's
"overdue_7" for one due date, a hold being ready, a membership expiring on one day). The row is
written before the mail leaves, so two workers, or a worker and a check-in, cannot both send
it: the second insert fails on the unique key. A message the mail server refuses is recorded
as "failed" with the server's answer and is not retried (one missed e-mail is better than many
copies); while the server cannot be reached at all, nothing is claimed and the next round
tries again. The outcome is "no_address" for members without an e-mail address.

``send_due_notices`` finds what is due with one query per kind of notice over open loans,
members and ready holds (never a loop over members); the worker calls it every round.
``notify_hold_ready`` is called when a copy is set aside (after the check-in commits).
"""

from __future__ import annotations

import logging
import smtplib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from simpul.circulation.choices import HoldStatus, NoticeKind, NoticeOutcome
from simpul.circulation.models import Hold, Loan, Notice
from simpul.members.choices import MemberStatus
from simpul.members.models import Member

log = logging.getLogger(__name__)

DUE_SOON_DAYS = 2
# Days overdue -> notice; a notice missed while the worker was stopped is still sent until the
# next step is due (an overdue_1 up to day 6), never two steps at once.
OVERDUE_STEPS = [(1, NoticeKind.OVERDUE_1), (7, NoticeKind.OVERDUE_7), (14, NoticeKind.OVERDUE_14)]
LAST_OVERDUE_DAY = 20
EXPIRING_DAYS = 14
# What a claimed notice says until the mail server has answered (seen only if the process died).
UNANSWERED = "interrupted before the mail server answered"


@dataclass
class Outgoing:
    """A notice to send: to whom, what about, and what its templates show."""

    member: Member
    kind: str
    key: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    loan: Loan | None = None
    hold: Hold | None = None


def send_due_notices(today: date | None = None) -> Counter[str]:
    """Send every notice due ``today`` that was not sent before; counts by outcome."""
    today = today or timezone.localdate()
    due = [*loan_notices(today), *expiring_notices(today), *ready_notices(today)]
    done = already_sent([notice.key for notice in due])
    due = [outgoing for outgoing in due if outgoing.key not in done]
    counts: Counter[str] = Counter()
    connection = get_connection()
    if any(outgoing.member.email for outgoing in due) and not reachable(connection):
        due = [outgoing for outgoing in due if not outgoing.member.email]
    try:
        for outgoing in due:
            notice = deliver(outgoing, connection)
            counts[notice.outcome if notice else "skipped"] += 1
    finally:
        connection.close()
    return counts


def reachable(connection: BaseEmailBackend) -> bool:
    """Open ``connection``; False (and a warning) when the mail server cannot be reached, so
    the notices wait unclaimed for the next round instead of being recorded as failed."""
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        log.warning("mail server unreachable, notices wait for the next round: %s", error)
        return False
    return True


def loan_notices(today: date) -> list[Outgoing]:
    """Due-soon and overdue notices for open loans: one query over the due-date index."""
    loans = (
        Loan.objects.filter(
            returned_at__isnull=True,
            due_on__gte=today - timedelta(days=LAST_OVERDUE_DAY),
            due_on__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .exclude(due_on=today)
        .select_related("member", "item__record", "library")
        .order_by("due_on", "pk")
    )
    found = []
    for loan in loans:
        late = (today - loan.due_on).days
        if late < 0:
            if timezone.localdate(loan.checked_out_at) >= today:
                continue  # borrowed today for a day or two: the receipt said when
            kind, template = NoticeKind.DUE_SOON, "due_soon"
        else:
            kind = next(kind for days, kind in reversed(OVERDUE_STEPS) if late >= days)
            template = "overdue"
        found.append(
            Outgoing(
                member=loan.member,
                kind=kind,
                key=f"loan:{loan.pk}:{kind}:{loan.due_on.isoformat()}",
                template=template,
                context={"loan": loan, "days": abs(late)},
                loan=loan,
            )
        )
    return found


def expiring_notices(today: date) -> list[Outgoing]:
    """Active members whose membership ends within EXPIRING_DAYS."""
    members = Member.objects.filter(
        status=MemberStatus.ACTIVE,
        expires_on__gte=today,
        expires_on__lte=today + timedelta(days=EXPIRING_DAYS),
    ).select_related("home_library")
    return [
        Outgoing(
            member=member,
            kind=NoticeKind.EXPIRING,
            key=f"member:{member.pk}:expiring:{member.expires_on:%Y-%m-%d}",
            template="expiring",
            context={"days": (member.expires_on - today).days if member.expires_on else 0},
        )
        for member in members
    ]


def ready_notices(today: date) -> list[Outgoing]:
    """Ready holds whose member was not told yet (the check-in's own e-mail did not happen)."""
    holds = Hold.objects.filter(status=HoldStatus.READY, ready_until__gte=today)
    return [_ready(hold) for hold in holds.select_related("member", "record", "pickup_library")]


def notify_hold_ready(hold_id: int) -> Notice | None:
    """Tell the member their hold is on the hold shelf; called once the trap has committed.

    Never raises: the check-in that set the copy aside has succeeded whatever the mail server
    says, and the worker's next round sends what did not go out."""
    try:
        hold = (
            Hold.objects.filter(pk=hold_id, status=HoldStatus.READY)
            .select_related("member", "record", "pickup_library")
            .first()
        )
        if hold is None:
            return None
        connection = get_connection()
        if hold.member.email and not reachable(connection):
            return None
        try:
            return deliver(_ready(hold), connection)
        finally:
            connection.close()
    except Exception:
        log.exception("hold-ready notice for hold %s failed", hold_id)
        return None


def already_sent(keys: list[str]) -> set[str]:
    """Which of ``keys`` have a notice already (asked 500 at a time: SQLite's parameter limit)."""
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(Notice.objects.filter(key__in=chunk).values_list("key", flat=True))
    return found


def deliver(outgoing: Outgoing, connection: BaseEmailBackend) -> Notice | None:
    """Claim the notice's key, then send it over ``connection`` (opened: see ``reachable``);
    None when it was claimed before, so it is never sent twice. A refusal by the mail server
    is recorded as failed, with its answer."""
    member = outgoing.member
    language = member.language or settings.LANGUAGE_CODE
    subject, text, html = render(outgoing, language)
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                member=member,
                kind=outgoing.kind,
                key=outgoing.key,
                loan=outgoing.loan,
                hold=outgoing.hold,
                address=member.email,
                language=language,
                subject=subject[:300],
                outcome=NoticeOutcome.FAILED if member.email else NoticeOutcome.NO_ADDRESS,
                error=UNANSWERED if member.email else "",
            )
    except IntegrityError:
        return None
    if not member.email:
        return notice
    message = EmailMultiAlternatives(subject, text, to=[member.email], connection=connection)
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        notice.error = (str(error) or type(error).__name__)[:500]
        connection.close()  # a broken session is not reused; the next send reconnects
    else:
        notice.outcome, notice.error = NoticeOutcome.SENT, ""
    notice.save(update_fields=["outcome", "error"])
    return notice


def render(outgoing: Outgoing, language: str) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a notice, in ``language``."""
    with translation.override(language):
        context = {
            "member": outgoing.member,
            "site_url": settings.SITE_URL,
            "account_url": settings.SITE_URL + reverse("member_circulation:loans"),
            **outgoing.context,
        }
        name = f"circulation/notices/{outgoing.template}"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    return subject, text, html


def _ready(hold: Hold) -> Outgoing:
    return Outgoing(
        member=hold.member,
        kind=NoticeKind.HOLD_READY,
        key=f"hold:{hold.pk}:ready",
        template="hold_ready",
        context={"hold": hold},
        hold=hold,
    )
