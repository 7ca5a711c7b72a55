"""A member's standing at the desk: open loans, overdue items, unpaid fines, and the blocks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import DecimalField, ExpressionWrapper, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from simpul.circulation import policy
from simpul.circulation.models import Fine, Loan, Payment
from simpul.lib.money import whole
from simpul.members.models import Member

MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=12, decimal_places=0)


def fine_limit() -> int:
    """Unpaid fines above this many Rupiah block borrowing (settings.CIRCULATION_FINE_LIMIT)."""
    return int(getattr(settings, "CIRCULATION_FINE_LIMIT", 10_000))


def open_loans(member: Member) -> QuerySet[Loan]:
    return member.loans.filter(returned_at__isnull=True)


def fines_with_balance(member: Member) -> QuerySet[Fine]:
    """The member's fines, each annotated with ``paid`` and ``balance`` (whole Rupiah)."""
    paid = Coalesce(Sum("payments__amount"), Value(0), output_field=MONEY)
    return (
        Fine.objects.filter(member=member)
        .annotate(paid=paid)
        .annotate(balance=ExpressionWrapper(F("amount") - F("paid"), output_field=MONEY))
        .order_by("created_at", "pk")
    )


def balance(fine: Fine) -> int:
    """What is left to pay of a fine from ``fines_with_balance``."""
    return whole(fine.balance)  # type: ignore[attr-defined]


def unpaid_fines(member: Member) -> QuerySet[Fine]:
    return fines_with_balance(member).filter(balance__gt=0)  # type: ignore[misc]


def unpaid_total(member: Member) -> int:
    """Fines minus payments and waivers, in whole Rupiah (two queries, no rows loaded)."""
    charged = Fine.objects.filter(member=member).aggregate(total=Sum("amount"))["total"]
    settled = Payment.objects.filter(member=member, fine__isnull=False).aggregate(
        total=Sum("amount")
    )["total"]
    return whole(charged) - whole(settled)


def standing(member: Member, today: date) -> policy.Standing:
    loans = open_loans(member)
    return policy.Standing(
        status=member.status,
        expires_on=member.expires_on,
        open_loans=loans.count(),
        overdue_loans=loans.filter(due_on__lt=today).count(),
        unpaid=unpaid_total(member),
    )


def member_blocks(member: Member, today: date) -> list[policy.Block]:
    """Why ``member`` may not borrow or renew today (empty when they may)."""
    return policy.member_blocks(standing(member, today), today, fine_limit())
