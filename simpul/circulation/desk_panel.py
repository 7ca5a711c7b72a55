"""What the desk panel shows: the member being served, their loans, fines and blocks, and the
lines of this session. A fixed number of queries whatever the member borrowed."""

from __future__ import annotations

import functools
from decimal import Decimal
from typing import Any

from django.urls import get_script_prefix, reverse
from django.utils import timezone

from simpul.catalog.models import Item, Record
from simpul.circulation import desk_state, policy
from simpul.circulation.desk_state import CHECKOUT, RETURNS
from simpul.circulation.models import Fine, Loan, Payment
from simpul.circulation.standing import fine_limit
from simpul.lib.money import whole
from simpul.lib.rawsql import instances, partial, table
from simpul.libraries.access import StaffRequest, can
from simpul.libraries.models import Library
from simpul.members.models import Member


def panel_context(
    request: StaffRequest, library: Library, mode: str, member: Member | None = None
) -> dict[str, Any]:
    """``member``: the one being served, when the view has just read it (no second read)."""
    code = library.code
    context: dict[str, Any] = {
        "library": library,
        "mode": mode,
        "lines": desk_state.lines(request, code, RETURNS if mode == "kembali" else CHECKOUT),
        "can_override": can(request.user, "circulation.override", library),
        "can_waive": can(request.user, "fines.waive", library),
    }
    if mode != "pinjam":
        member = None
    elif member is None:
        member = desk_state.current_member(request, code)
    if member is not None:
        context.update(member_context(member, code))
    return context


def member_context(member: Member, code: str) -> dict[str, Any]:
    """The served member's panel at the desk of library ``code``; ``member`` from
    standing.desk_member (category_name and home_library_name). Two reads whatever the member
    borrowed, in plain SQL, and its links reversed here once each (``urls``, ``urls`` of each
    loan, ``waive_url`` of each fine): every scan redraws this panel, where a {% url %} tag
    costs about 50 µs, more than SQLite takes to answer one of those reads."""
    today = timezone.localdate()
    loans = open_loans_for_desk(member.pk)
    fines = unpaid_fines_for_desk(member.pk)
    for loan in loans:
        loan.urls = {  # type: ignore[attr-defined]
            name: reverse(f"circulation:{name}", args=[code, loan.pk])
            for name in ("renew", "lost", "damaged")
        }
    for fine in fines:
        waive = reverse("circulation:waive", args=[code, fine.pk])
        fine.waive_url = waive  # type: ignore[attr-defined]
    unpaid = sum(fine.balance for fine in fines)  # type: ignore[attr-defined]
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
        "urls": panel_urls(code, get_script_prefix()),
        "today": today,
    }


@functools.lru_cache(maxsize=64)
def panel_urls(code: str, prefix: str) -> dict[str, str]:
    """The panel's links that depend only on the library (and the script ``prefix``)."""
    return {
        name.replace("-", "_"): reverse(f"circulation:{name}", args=[code])
        for name in ("finish", "pay", "receipt", "receipt-send")
    }


def open_loans_for_desk(member_id: int) -> list[Loan]:
    """Open loans, soonest due first, with each item's barcode and price and its title."""
    sql = (
        "SELECT l.*, i.barcode AS item_barcode, i.price AS item_price, i.record_id AS record_id, "
        f"r.title AS record_title FROM {table(Loan)} l JOIN {table(Item)} i ON i.id = l.item_id "
        f"JOIN {table(Record)} r ON r.id = i.record_id "
        "WHERE l.member_id = %s AND l.returned_at IS NULL ORDER BY l.due_on, l.id"
    )
    loans = instances(Loan, sql, [member_id])
    for loan in loans:
        extra = loan.__dict__
        price = extra.pop("item_price")
        loan.item = partial(
            Item, id=loan.item_id, barcode=extra.pop("item_barcode"),
            price=None if price is None else Decimal(whole(price)), record_id=extra["record_id"],
        )  # fmt: skip
        loan.item.record = partial(
            Record, id=extra.pop("record_id"), title=extra.pop("record_title")
        )
    return loans


def unpaid_fines_for_desk(member_id: int) -> list[Fine]:
    """Fines with something left to pay, oldest first, each with ``balance`` (whole Rupiah)
    and its loan's barcode."""
    sql = (
        f"SELECT f.*, (SELECT COALESCE(SUM(p.amount), 0) FROM {table(Payment)} p "
        "WHERE p.fine_id = f.id) AS paid_sum, l.item_id AS loan_item_id, i.barcode AS loan_barcode "
        f"FROM {table(Fine)} f LEFT JOIN {table(Loan)} l ON l.id = f.loan_id "
        f"LEFT JOIN {table(Item)} i ON i.id = l.item_id "
        "WHERE f.member_id = %s ORDER BY f.created_at, f.id"
    )
    unpaid = []
    for fine in instances(Fine, sql, [member_id]):
        extra = fine.__dict__
        fine.balance = whole(fine.amount) - whole(extra.pop("paid_sum"))  # type: ignore[attr-defined]
        item_id, barcode = extra.pop("loan_item_id"), extra.pop("loan_barcode")
        if fine.loan_id is not None:
            fine.loan = partial(Loan, id=fine.loan_id, item_id=item_id)
            fine.loan.item = partial(Item, id=item_id, barcode=barcode)
        if fine.balance > 0:  # type: ignore[attr-defined]
            unpaid.append(fine)
    return unpaid


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
