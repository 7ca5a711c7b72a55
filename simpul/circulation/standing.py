"""A member's standing at the desk: open loans, overdue items, unpaid fines, and the blocks."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import DecimalField, ExpressionWrapper, F, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from simpul.circulation import policy
from simpul.circulation.models import Fine, Loan, Payment
from simpul.lib.money import whole
from simpul.lib.rawsql import lock_clause, one, table
from simpul.libraries.models import Library
from simpul.members.models import Member, MemberCategory

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


def desk_member(
    pk: int | None, today: date, *, lock: bool = False, number: str = ""
) -> Member | None:
    """The member with ``pk`` (or with card ``number``) and their standing ``today``, in one
    statement (the desk reads this on every scan). Adds ``category_name`` and
    ``home_library_name``; ``standing()`` of the instance for the same day costs no query.
    ``lock``: FOR UPDATE on PostgreSQL."""
    loan, fine, payment = table(Loan), table(Fine), table(Payment)
    sql = (
        "SELECT m.*, c.name AS category_name, h.name AS home_library_name, "
        f"(SELECT COUNT(*) FROM {loan} l WHERE l.member_id = m.id AND l.returned_at IS NULL)"
        " AS open_count, "
        f"(SELECT COUNT(*) FROM {loan} l WHERE l.member_id = m.id AND l.returned_at IS NULL"
        " AND l.due_on < %s) AS overdue_count, "
        f"(SELECT COALESCE(SUM(f.amount), 0) FROM {fine} f WHERE f.member_id = m.id)"
        " AS charged, "
        f"(SELECT COALESCE(SUM(p.amount), 0) FROM {payment} p WHERE p.member_id = m.id"
        " AND p.fine_id IS NOT NULL) AS settled "
        f"FROM {table(Member)} m JOIN {table(MemberCategory)} c ON c.id = m.category_id "
        f"JOIN {table(Library)} h ON h.id = m.home_library_id "
    ) + ("WHERE m.id = %s" if pk is not None else "WHERE m.number = %s AND m.number <> ''")
    sql += lock_clause("m") if lock else ""
    key = pk if pk is not None else number
    member = one(Member, sql, [connection.ops.adapt_datefield_value(today), key])
    if member is not None:
        known = policy.Standing(
            status=member.status,
            expires_on=member.expires_on,
            open_loans=int(member.open_count),  # type: ignore[attr-defined]
            overdue_loans=int(member.overdue_count),  # type: ignore[attr-defined]
            unpaid=whole(member.charged) - whole(member.settled),  # type: ignore[attr-defined]
        )
        member.known_standing = (today, known)  # type: ignore[attr-defined]
    return member


def standing(member: Member, today: date) -> policy.Standing:
    known = getattr(member, "known_standing", None)
    if known is not None and known[0] == today:
        return known[1]
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
