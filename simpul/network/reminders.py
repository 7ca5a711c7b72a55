"""Reminders to the responsible staff member 90, 30 and 7 days before an agreement ends.

The worker calls ``agreements_round`` each round: first active agreements past their end date
become expired, then the reminders due are sent. Each reminder is an ``AgreementReminder`` row
whose unique key names the agreement, the step and the end date; it is written before the mail
leaves, so two workers cannot both send it, and an extended agreement is reminded again for its
new end date. Like circulation's notices: while the mail server cannot be reached nothing is
claimed (the next round tries again); a message it refuses is recorded as failed, not retried.
A worker that was stopped sends only the latest step that is due, never two at once.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from simpul.accounts.models import User
from simpul.circulation.choices import NoticeOutcome
from simpul.circulation.notices import UNANSWERED, reachable
from simpul.members.models import Member
from simpul.network.choices import REMINDER_DAYS, AgreementStatus
from simpul.network.models import Agreement, AgreementReminder
from simpul.network.services import expire_agreements

log = logging.getLogger(__name__)


@dataclass
class Reminder:
    agreement: Agreement
    days: int  # the step: 90, 30 or 7
    left: int  # days until the end date

    @property
    def key(self) -> str:
        return f"agreement:{self.agreement.pk}:{self.days}:{self.agreement.ends_on.isoformat()}"


def agreements_round(today: date | None = None) -> dict[str, int]:
    """Expire what has ended, then send the reminders due; counts for the worker's log."""
    today = today or timezone.localdate()
    counts = {"expired": expire_agreements(today)}
    for outcome, n in send_reminders(today).items():
        counts[outcome] = n
    return counts


def due_reminders(today: date) -> list[Reminder]:
    """Active agreements ending within the first step, with the nearest step reached (one query)."""
    agreements = (
        Agreement.objects.filter(
            status=AgreementStatus.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=today + timedelta(days=max(REMINDER_DAYS)),
        )
        .select_related("responsible", "library")
        .prefetch_related("partners")
        .order_by("ends_on", "pk")
    )
    found = []
    for agreement in agreements:
        left = (agreement.ends_on - today).days
        step = min(days for days in REMINDER_DAYS if left <= days)
        found.append(Reminder(agreement, step, left))
    return found


def send_reminders(today: date) -> dict[str, int]:
    due = due_reminders(today)
    done = set(
        AgreementReminder.objects.filter(key__in=[r.key for r in due]).values_list("key", flat=True)
    )
    due = [reminder for reminder in due if reminder.key not in done]
    counts: dict[str, int] = {}
    if not due:
        return counts
    connection = get_connection()
    if any(_address(r) for r in due) and not reachable(connection):
        due = [reminder for reminder in due if not _address(reminder)]
    try:
        for reminder in due:
            row = deliver(reminder, connection, today)
            outcome = row.outcome if row else "skipped"
            counts[outcome] = counts.get(outcome, 0) + 1
    finally:
        connection.close()
    return counts


def _address(reminder: Reminder) -> str:
    user = reminder.agreement.responsible
    return user.email if user is not None and user.is_active else ""


def language_of(user: User | None) -> str:
    """The staff member's language: their own setting if the account has one, else the one
    they chose as a member, else the site's (Indonesian)."""
    if user is None:
        return settings.LANGUAGE_CODE
    own = getattr(user, "language", "")
    if own:
        return str(own)
    chosen = Member.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def deliver(
    reminder: Reminder, connection: BaseEmailBackend, today: date
) -> AgreementReminder | None:
    """Claim the reminder's key, then send it; None when it was claimed before."""
    user = reminder.agreement.responsible
    address = _address(reminder)
    language = language_of(user)
    subject, text, html = render(reminder, language, today)
    try:
        with transaction.atomic():
            row = AgreementReminder.objects.create(
                agreement=reminder.agreement,
                days=reminder.days,
                key=reminder.key,
                recipient=user,
                address=address,
                language=language,
                subject=subject[:300],
                outcome=NoticeOutcome.FAILED if address else NoticeOutcome.NO_ADDRESS,
                error=UNANSWERED if address else "",
            )
    except IntegrityError:
        return None
    if not address:
        return row
    message = EmailMultiAlternatives(subject, text, to=[address], connection=connection)
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        row.error = (str(error) or type(error).__name__)[:500]
        connection.close()
    else:
        row.outcome, row.error = NoticeOutcome.SENT, ""
    row.save(update_fields=["outcome", "error"])
    return row


def render(reminder: Reminder, language: str, today: date) -> tuple[str, str, str]:
    """Subject, plain text and HTML of a reminder, in ``language``."""
    agreement = reminder.agreement
    with translation.override(language):
        context = {
            "agreement": agreement,
            "recipient": agreement.responsible,
            "partners": list(agreement.partners.all()),
            "left": reminder.left,
            "url": settings.SITE_URL + reverse("partners:agreement", args=[agreement.pk]),
        }
        name = "network/partners/email/reminder"
        subject = " ".join(render_to_string(f"{name}_subject.txt", context).split())
        text = render_to_string(f"{name}.txt", context)
        html = render_to_string(f"{name}.html", context)
    return subject, text, html
