"""Money at the desk: overdue fines, replacement charges for lost and damaged copies,
payments and waivers. Amounts are whole Rupiah; each use case is one transaction with events.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.catalog.choices import ItemStatus
from simpul.catalog.services import set_item_status
from simpul.circulation import policy, rules
from simpul.circulation.choices import Action, FineKind
from simpul.circulation.errors import BadAmount, ReasonRequired
from simpul.circulation.events import record_event
from simpul.circulation.locks import lock_item, lock_loan, lock_member
from simpul.circulation.models import Fine, Loan, Payment
from simpul.circulation.standing import balance, fines_with_balance, unpaid_fines
from simpul.lib.money import rupiah, whole
from simpul.libraries.models import Library
from simpul.members.models import Member


def rule_of(loan: Loan) -> policy.Rule | None:
    """The rule the loan was made under, or the one that applies now if it was deleted."""
    return loan.rule or rules.rule_for(loan.library, loan.member.category_id, loan.item.item_type)


def charge_overdue(loan: Loan, by: User | None, library: Library, today: date) -> Fine | None:
    """The overdue fine for a loan returned ``today`` (None when nothing is owed).

    Call inside the transaction that closes the loan. One overdue fine per loan at most
    (a conditional unique constraint).
    """
    if policy.days_late(loan.due_on, today) == 0:  # on time: no need to find the rule
        return None
    amount = policy.overdue_fine(loan.due_on, today, rule_of(loan))
    if amount <= 0:
        return None
    late = policy.days_late(loan.due_on, today)
    note = _("Terlambat {days} hari").format(days=late)
    return _charge(loan, FineKind.OVERDUE, amount, by, library, note)


def _charge(
    loan: Loan, kind: str, amount: int, by: User | None, library: Library, note: str
) -> Fine:
    fine = Fine.objects.create(
        member=loan.member, loan=loan, kind=kind, amount=amount, note=note,
        library=library, created_by=by,
    )  # fmt: skip
    record_event(
        Action.FINE, by=by, library=library, member=loan.member, item=loan.item, loan=loan,
        fine=fine.pk, kind=kind, amount=amount,
    )  # fmt: skip
    return fine


def _close(loan: Loan, by: User | None, library: Library) -> None:
    Loan.objects.filter(pk=loan.pk, returned_at__isnull=True).update(
        returned_at=timezone.now(), returned_library=library, checked_in_by=by
    )


def mark_lost(
    loan: Loan, by: User, library: Library, amount: Decimal | int | None = None
) -> Fine | None:
    """The borrower reports the copy lost: the loan closes, the item becomes LOST and the
    member owes ``amount`` (default: the item's price; nothing when neither is known).

    No overdue fine is added: the replacement covers the copy. Raises LoanClosed.
    """
    with transaction.atomic():
        lock_item(loan.item.barcode)
        loan = lock_loan(loan)
        _close(loan, by, library)
        set_item_status(loan.item, ItemStatus.LOST, by=by, reason=_("Dinyatakan hilang"))
        charge = whole(loan.item.price if amount is None else amount)
        record_event(
            Action.LOST, by=by, library=library, member=loan.member, item=loan.item, loan=loan,
            replacement=charge,
        )  # fmt: skip
        if charge <= 0:
            return None
        return _charge(loan, FineKind.LOST, charge, by, library, loan.item.record.title[:300])


def mark_damaged(
    loan: Loan,
    by: User,
    library: Library,
    amount: Decimal | int | None = None,
    note: str = "",
    today: date | None = None,
) -> Fine | None:
    """The copy came back damaged: an open loan closes (with its overdue fine, if any), the
    item becomes DAMAGED and the borrower owes ``amount`` (default: the item's price).

    Works on an open loan, or a returned one whose item is still on the shelf.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        lock_item(loan.item.barcode)
        loan = lock_loan(loan, open_only=False)
        if loan.returned_at is None:
            _close(loan, by, library)
            charge_overdue(loan, by, library, today)
        set_item_status(loan.item, ItemStatus.DAMAGED, by=by, reason=note or _("Rusak"))
        charge = whole(loan.item.price if amount is None else amount)
        record_event(
            Action.DAMAGED, by=by, library=library, member=loan.member, item=loan.item,
            loan=loan, replacement=charge, note=note,
        )  # fmt: skip
        if charge <= 0:
            return None
        text = note or loan.item.record.title
        return _charge(loan, FineKind.DAMAGED, charge, by, library, text[:300])


def pay(member: Member, amount: Decimal | int, by: User, library: Library) -> list[Payment]:
    """Record money received; it settles the oldest fines first. Raises BadAmount for
    nothing, or more than the member owes."""
    value = whole(amount)
    if value <= 0:
        raise BadAmount(amount=rupiah(value), reason=_("harus lebih dari nol."))
    with transaction.atomic():
        member = lock_member(member)
        fines = list(unpaid_fines(member))
        owed = sum(balance(fine) for fine in fines)
        if value > owed:
            reason = _("lebih dari denda yang belum dibayar ({owed}).").format(owed=rupiah(owed))
            raise BadAmount(amount=rupiah(value), reason=reason)
        payments: list[Payment] = []
        left = value
        for fine in fines:
            part = min(left, balance(fine))
            payments.append(
                Payment.objects.create(
                    member=member, fine=fine, amount=part, library=library, by=by
                )
            )
            left -= part
            if left == 0:
                break
        record_event(
            Action.PAYMENT, by=by, library=library, member=member, amount=value,
            fines=[payment.fine_id for payment in payments],
        )  # fmt: skip
    return payments


def waive(
    fine: Fine, amount: Decimal | int, by: User, reason: str, library: Library | None = None
) -> Payment:
    """Forgive ``amount`` of ``fine`` (a Payment with ``waiver``), with the reason on record.

    The caller checks fines.waive. Raises ReasonRequired and BadAmount (more than is left).
    """
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    value = whole(amount)
    if value <= 0:
        raise BadAmount(amount=rupiah(value), reason=_("harus lebih dari nol."))
    with transaction.atomic():
        member = lock_member(fine.member)
        left = balance(fines_with_balance(member).get(pk=fine.pk))
        if value > left:
            why = _("lebih dari sisa denda ({left}).").format(left=rupiah(left))
            raise BadAmount(amount=rupiah(value), reason=why)
        where = library or fine.library
        payment = Payment.objects.create(
            member=member, fine=fine, amount=value, waiver=True, reason=reason[:300],
            library=where, by=by,
        )  # fmt: skip
        record_event(
            Action.WAIVER, by=by, library=where, member=member, loan=fine.loan,
            fine=fine.pk, amount=value, reason=reason[:300],
        )  # fmt: skip
    return payment
