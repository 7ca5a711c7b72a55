"""The member's own pages: loans with online renewal, holds, fines and reading history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from simpul.accounts.models import User
from simpul.circulation.borrowed import borrowings
from simpul.circulation.choices import OPEN_HOLDS
from simpul.circulation.hold_lists import with_queue_position
from simpul.circulation.models import Hold, Loan, Payment
from simpul.circulation.services import renew as renew_loan
from simpul.circulation.standing import fines_with_balance, unpaid_total
from simpul.lib.errors import SimpulError
from simpul.members.access import own_member
from simpul.members.models import Member

# Days before the end of a membership from which the page reminds the member to renew it.
EXPIRY_WARNING_DAYS = 14


class AccountRequest(HttpRequest):
    """A request whose user is signed in (what ``login_required`` guarantees)."""

    user: User


@login_required
def loans(request: AccountRequest) -> HttpResponse:
    member = own_member(request.user)
    if member is None:
        return render(request, "circulation/member/no_member.html", status=404)
    today = timezone.localdate()
    open_loans = list(
        Loan.objects.filter(member=member, returned_at__isnull=True)
        .select_related("item__record", "library")
        .order_by("due_on", "pk")
    )
    borrowed = borrowings([loan.item_id for loan in open_loans])
    holds = with_queue_position(
        Hold.objects.filter(member=member, status__in=OPEN_HOLDS)
        .select_related("record", "pickup_library")
        .order_by("placed_at", "pk")
    )
    return render(
        request,
        "circulation/member/loans.html",
        {
            "member": member,
            "today": today,
            # A borrowed copy is renewed through interlibrary loan, never here.
            "loans": [
                (loan, (today - loan.due_on).days, borrowed.get(loan.item_id))
                for loan in open_loans
            ],
            "holds": holds,
            "expiring_soon": _expiring_soon(member),
            **money(member),
        },
    )


def money(member: Member) -> dict[str, object]:
    """The member's fines (each with what is left to pay), payments and what is still owed."""
    return {
        "fines": fines_with_balance(member)
        .select_related("loan__item__record")
        .order_by("-created_at", "-pk"),
        "payments": Payment.objects.filter(member=member)
        .select_related("library")
        .order_by("-at", "-pk"),
        "owed": unpaid_total(member),
    }


def _expiring_soon(member: Member) -> bool:
    if member.expires_on is None:
        return False
    return (member.expires_on - timezone.localdate()).days <= EXPIRY_WARNING_DAYS


@login_required
@require_POST
def renew(request: AccountRequest, pk: int) -> HttpResponse:
    loan = _own_open_loan(request, pk)
    try:
        renew_loan(loan, by=request.user)
    except SimpulError as error:
        messages.error(request, error.message)
    else:
        loan.refresh_from_db(fields=["due_on"])
        messages.success(
            request,
            _("“{title}” diperpanjang sampai {date}.").format(
                title=loan.item.record.title, date=date_format(loan.due_on, "j F Y")
            ),
        )
    return redirect("member_circulation:loans")


def _own_open_loan(request: AccountRequest, pk: int) -> Loan:
    """The signed-in member's open loan ``pk``; 404 for anyone else's or a returned one."""
    member = own_member(request.user)
    loan = (
        Loan.objects.filter(pk=pk, member=member, returned_at__isnull=True)
        .select_related("item__record", "item__library", "member", "library")
        .first()
        if member is not None
        else None
    )
    if loan is None:
        raise Http404(_("Peminjaman tidak ditemukan."))
    return loan


@login_required
def history(request: AccountRequest) -> HttpResponse:
    """Returned loans, newest first, only for members who chose to keep their history."""
    member = own_member(request.user)
    if member is None:
        return render(request, "circulation/member/no_member.html", status=404)
    page = None
    if member.keep_history:
        returned = (
            Loan.objects.filter(member=member, returned_at__isnull=False, history_hidden=False)
            .select_related("item__record", "library")
            .order_by("-returned_at", "-pk")
        )
        page = Paginator(returned, 50).get_page(request.GET.get("halaman"))
    return render(request, "circulation/member/history.html", {"member": member, "page": page})
