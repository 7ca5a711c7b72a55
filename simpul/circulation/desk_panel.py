"""What the desk panel shows: the member being served, their loans, fines and blocks, and the
lines of this session. A fixed number of queries whatever the member borrowed."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from simpul.circulation import desk_state, policy
from simpul.circulation.desk_state import CHECKOUT, RETURNS
from simpul.circulation.forms import ChargeForm, PaymentForm, WaiveForm
from simpul.circulation.models import Loan
from simpul.circulation.standing import balance, fine_limit, open_loans, unpaid_fines
from simpul.libraries.access import StaffRequest, can
from simpul.libraries.models import Library
from simpul.members.models import Member


def panel_context(request: StaffRequest, library: Library, mode: str) -> dict[str, Any]:
    code = library.code
    context: dict[str, Any] = {
        "library": library,
        "mode": mode,
        "lines": desk_state.lines(request, code, RETURNS if mode == "kembali" else CHECKOUT),
        "can_override": can(request.user, "circulation.override", library),
        "can_waive": can(request.user, "fines.waive", library),
    }
    member = desk_state.current_member(request, code) if mode == "pinjam" else None
    if member is not None:
        context.update(member_context(member))
    return context


def member_context(member: Member) -> dict[str, Any]:
    today = timezone.localdate()
    loans = list(
        open_loans(member)
        .select_related("item__record", "library")
        .defer("item__record__marc")
        .order_by("due_on", "pk")
    )
    fines = list(unpaid_fines(member).select_related("loan__item"))
    unpaid = sum(balance(fine) for fine in fines)
    standing = policy.Standing(
        status=member.status,
        expires_on=member.expires_on,
        open_loans=len(loans),
        overdue_loans=sum(loan.due_on < today for loan in loans),
        unpaid=unpaid,
    )
    return {
        "member": member,
        "loans": [(loan, loan.due_on < today) for loan in loans],
        "fines": fines,
        "unpaid": unpaid,
        "blocks": policy.member_blocks(standing, today, fine_limit()),
        "payment_form": PaymentForm(),
        "waive_form": WaiveForm(),
        "charge_form": ChargeForm(),
        "today": today,
    }


def loan_of(member: Member | None, pk: int) -> Loan | None:
    """One of the served member's loans (the desk acts only on the member in front of it)."""
    if member is None:
        return None
    return (
        Loan.objects.select_related("item__record")
        .defer("item__record__marc")
        .filter(pk=pk, member=member)
        .first()
    )
