"""The desk's receipt: what a member borrowed, returned and paid today at one library,
printed as HTML or e-mailed (recorded as a Notice of kind RECEIPT).
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from simpul.circulation.choices import NoticeKind, NoticeOutcome
from simpul.circulation.models import Loan, Notice, Payment
from simpul.circulation.standing import unpaid_total
from simpul.libraries.models import Library
from simpul.members.models import Member


@dataclass(frozen=True)
class Receipt:
    member: Member
    library: Library
    day: date
    borrowed: list[Loan]  # checked out here today, still open
    returned: list[Loan]  # returned here today
    still_out: list[Loan]  # every other open loan, for the due dates
    payments: list[Payment]  # paid or waived here today
    unpaid: int


def receipt_for(member: Member, library: Library, day: date | None = None) -> Receipt:
    day = day or timezone.localdate()
    loans = (
        Loan.objects.filter(member=member)
        .select_related("item__record")
        .defer("item__record__marc")
    )
    open_loans = loans.filter(returned_at__isnull=True).order_by("due_on", "pk")
    today_here = {"library": library, "checked_out_at__date": day}
    return Receipt(
        member=member,
        library=library,
        day=day,
        borrowed=list(open_loans.filter(**today_here)),
        returned=list(loans.filter(returned_library=library, returned_at__date=day)),
        still_out=list(open_loans.exclude(**today_here)),
        payments=list(Payment.objects.filter(member=member, library=library, at__date=day)),
        unpaid=unpaid_total(member),
    )


def send_receipt(receipt: Receipt) -> Notice:
    """E-mail the receipt to the member in their language; the Notice says what happened."""
    member = receipt.member
    language = member.language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Bukti transaksi {library} {date}").format(
            library=receipt.library.name, date=receipt.day.strftime("%d-%m-%Y")
        )
        body = render_to_string("circulation/desk/receipt_email.txt", {"receipt": receipt})
    notice = Notice(
        member=member,
        kind=NoticeKind.RECEIPT,
        key=f"receipt:{member.pk}:{receipt.library.pk}:{timezone.now():%Y%m%d%H%M%S%f}",
        address=member.email,
        language=language,
        subject=subject[:300],
        outcome=NoticeOutcome.NO_ADDRESS,
    )
    if member.email:
        try:
            send_mail(subject, body, None, [member.email])
        except (smtplib.SMTPException, OSError) as error:
            notice.outcome = NoticeOutcome.FAILED
            notice.error = (str(error) or type(error).__name__)[:500]
        else:
            notice.outcome = NoticeOutcome.SENT
    notice.save()
    return notice
