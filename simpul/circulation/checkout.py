"""Lending and renewing: the use cases behind the desk's checkout mode and the renew buttons.

Races are stopped by the database: the partial unique index ``one_open_loan_per_item`` allows
one open loan per item whatever happens; on PostgreSQL the member and then the item are
locked (SELECT ... FOR UPDATE, in that order everywhere), on SQLite the IMMEDIATE transaction
mode serialises writers from BEGIN. A second desk that loses the race gets TakenAtAnotherDesk;
the same desk scanning twice (a double click) gets the first loan back, never a second one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item
from simpul.catalog.services import set_item_status
from simpul.circulation import borrowed, holds, policy, rules, standing
from simpul.circulation.choices import Action
from simpul.circulation.errors import (
    Blocked,
    ItemNotAvailable,
    ItemOnLoan,
    MemberNotFound,
    RenewalRefused,
    RenewThroughInterlibraryLoan,
    TakenAtAnotherDesk,
)
from simpul.circulation.events import record_event
from simpul.circulation.locks import lock_item, lock_loan
from simpul.circulation.models import Loan, LoanRule
from simpul.lib.rawsql import insert
from simpul.libraries.models import Library
from simpul.members.models import Member

LENDABLE = (ItemStatus.AVAILABLE, ItemStatus.ON_HOLD_SHELF)
# A loan younger than this, found by a desk that tried to lend the same copy, lost a race.
JUST_NOW = timedelta(minutes=2)


@dataclass(frozen=True)
class CheckoutResult:
    loan: Loan
    created: bool  # False: this member already had this copy (a double scan), nothing changed
    overridden: tuple[policy.Block, ...] = ()


def checkout(
    item_barcode: str,
    member: Member,
    library: Library,
    by: User,
    override: bool = False,
    today: date | None = None,
) -> CheckoutResult:
    """Lend the copy with ``item_barcode`` to ``member`` at ``library``, in one transaction.

    Writes the Loan, the item's status change (with its search outbox row) and a CHECKOUT
    event, plus an OVERRIDE event when ``override`` lent despite blocks, and fulfils the
    member's hold on the title. Raises ItemNotFound, ItemOnLoan, TakenAtAnotherDesk,
    ItemNotAvailable, or Blocked (the one refusal ``override`` lifts, a copy set aside for
    another member included; the caller checks circulation.override).
    """
    barcode = item_barcode.strip()
    try:
        with transaction.atomic():
            day = today or timezone.localdate()
            locked = standing.desk_member(member.pk, day, lock=True)
            if locked is None:
                raise MemberNotFound()
            return _checkout(barcode, locked, library, by, override, day)
    except IntegrityError:
        # one_open_loan_per_item: a concurrent transaction lent the copy first.
        loan = Loan.objects.filter(item__barcode=barcode, returned_at__isnull=True).first()
        if loan is None:
            raise
        if loan.member_id == member.pk:
            return CheckoutResult(loan, created=False)
        raise TakenAtAnotherDesk(barcode=barcode) from None


def _checkout(
    barcode: str, member: Member, library: Library, by: User, override: bool, today: date
) -> CheckoutResult:
    item = lock_item(barcode)
    if item.status not in LENDABLE:  # a lendable copy has no open loan (and the index says so)
        current = Loan.objects.filter(item=item, returned_at__isnull=True).first()
        if current is not None:
            return _already_lent(current, member, barcode)
    _check_item(item)
    lent = borrowed.borrowing(item)
    rule = rules.rule_for(library, member.category_id, item.item_type)
    blocks = held_blocks(item, member) + borrowed_blocks(lent, member)
    blocks += loan_blocks(member, item, rule, today)
    if blocks and not override:
        raise Blocked(blocks=blocks, barcode=barcode)
    loan_days = rule.loan_days if rule is not None else LoanRule().loan_days
    loan = insert(
        Loan(
            item=item,
            member=member,
            library=library,
            rule=rule,
            checked_out_at=timezone.now(),
            due_on=loan_due(rules.due_on(library, today, loan_days), lent, today),
            checked_out_by=by,
        )
    )
    reason = _("Dipinjam {number}").format(number=member.number)
    set_item_status(item, ItemStatus.ON_LOAN, by=by, reason=reason)
    if item.has_holds:  # type: ignore[attr-defined]  # no hold open on the title: none to fulfil
        holds.fulfil_on_checkout(item, member, by=by, override=override)
    for action, detail in _checkout_events(loan, blocks, lent):
        record_event(action, by=by, library=library, member=member, item=item, loan=loan, **detail)
    return CheckoutResult(loan, created=True, overridden=tuple(blocks))


def _checkout_events(
    loan: Loan, blocks: list[policy.Block], lent: borrowed.Borrowing | None
) -> list[tuple[str, dict[str, Any]]]:
    lending: dict[str, Any] = {"barcode": loan.item.barcode, "due_on": loan.due_on.isoformat()}
    if lent is not None:
        lending["ill"] = lent.number
    events: list[tuple[str, dict[str, Any]]] = [(Action.CHECKOUT, lending)]
    if blocks:
        events.append((Action.OVERRIDE, {"blocks": [block.code for block in blocks]}))
    return events


def _already_lent(current: Loan, member: Member, barcode: str) -> CheckoutResult:
    if current.member_id == member.pk:
        return CheckoutResult(current, created=False)
    if timezone.now() - current.checked_out_at < JUST_NOW:
        raise TakenAtAnotherDesk(barcode=barcode)
    raise ItemOnLoan(barcode=barcode, due=current.due_on)


def _check_item(item: Item) -> None:
    """Only copies on the shelf or on the hold shelf can be lent."""
    if item.status not in LENDABLE:
        raise ItemNotAvailable(barcode=item.barcode, status=ItemStatus(item.status).label)


def held_blocks(item: Item, member: Member) -> list[policy.Block]:
    """A copy set aside for another member's hold (an override puts that hold back in the
    queue at its old place: holds.fulfil_on_checkout)."""
    if not getattr(item, "has_holds", True):  # lock_item: no hold is open on the title
        return []
    held = holds.held_for(item)
    if held is None or held.member_id == member.pk:
        return []
    reason = _("Eksemplar ini disisihkan untuk reservasi anggota {number}.").format(
        number=held.member.number
    )
    return [policy.Block("HELD_FOR_ANOTHER_MEMBER", reason)]


def borrowed_blocks(lent: borrowed.Borrowing | None, member: Member) -> list[policy.Block]:
    """A copy borrowed through interlibrary loan for another member."""
    if lent is None or lent.member_id is None or lent.member_id == member.pk:
        return []
    reason = _("Eksemplar ini dipinjam antarperpustakaan ({number}) untuk anggota lain.").format(
        number=lent.number
    )
    return [policy.Block("BORROWED_FOR_ANOTHER_MEMBER", reason)]


def loan_due(due: date, lent: borrowed.Borrowing | None, today: date) -> date:
    """``due``, or the lender's due date of a borrowed copy when that is sooner (never before
    ``today``): a member's loan never outlasts the interlibrary loan."""
    if lent is None or lent.due_on is None:
        return due
    return min(due, max(lent.due_on, today))


def loan_blocks(
    member: Member, item: Item, rule: LoanRule | None, today: date
) -> list[policy.Block]:
    """Every reason not to lend ``item`` to ``member`` under ``rule`` (collected, not first)."""
    if rule is not None and rule.item_type:  # the rule limits loans of its own type only
        counted = standing.open_loans(member).filter(item__item_type=rule.item_type).count()
    else:
        counted = standing.standing(member, today).open_loans
    return [
        *standing.member_blocks(member, today),
        *policy.limit_blocks(rule, counted),
        *policy.lending_blocks(
            owner=item.library.name,
            lends_to_network=item.library.lends_to_network,
            own_member=item.library_id == member.home_library_id,
        ),
    ]


def renew(
    loan: Loan,
    by: User | None,
    library: Library | None = None,
    override: bool = False,
    today: date | None = None,
) -> Loan:
    """Give ``loan`` a new due date counted from today, in one transaction with a RENEW event.

    Raises LoanClosed, RenewalRefused (another member waits: never overridden; or the new date
    would be no later), RenewThroughInterlibraryLoan (a borrowed copy: its lender decides,
    never overridden) and Blocked (renewals used up or the member blocked; ``override``
    lifts it).
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        loan = lock_loan(loan)
        lent = borrowed.borrowing(loan.item)
        if lent is not None:
            raise RenewThroughInterlibraryLoan(
                barcode=loan.item.barcode, lender=lent.lender, number=lent.number
            )
        where = library or loan.library
        rule = loan.rule or rules.rule_for(
            loan.library, loan.member.category_id, loan.item.item_type
        )
        blocks = _renewal_blocks(loan, rule, today)
        if blocks and not override:
            raise Blocked(blocks=blocks, barcode=loan.item.barcode)
        old_due, new_due = loan.due_on, _new_due(loan, rule, where, today)
        Loan.objects.filter(pk=loan.pk).update(due_on=new_due, renewals_used=F("renewals_used") + 1)
        loan.refresh_from_db(fields=["due_on", "renewals_used"])
        events: list[tuple[str, dict[str, Any]]] = [
            (Action.RENEW, {"old_due": old_due.isoformat(), "due_on": new_due.isoformat()})
        ]
        if blocks:
            events.append((Action.OVERRIDE, {"blocks": [block.code for block in blocks]}))
        for action, data in events:
            record_event(
                action, by=by, library=where, member=loan.member, item=loan.item, loan=loan,
                **data,
            )  # fmt: skip
    return loan


def move_due_date(
    item: Item,
    due_on: date,
    *,
    later: bool,
    by: User | None,
    library: Library | None,
    **detail: Any,
) -> Loan | None:
    """Move the open loan of ``item`` to ``due_on`` when that is later (``later``: the owner
    of a borrowed copy renewed it) or earlier (not ``later``: the owner recalled it), in one
    transaction with a DUE_CHANGED event (old and new date, plus ``detail``).

    A conditional UPDATE on the old date: asked twice, the loan moves once. Returns the loan
    moved, or None when the copy is not on loan or its due date is already there.
    """
    with transaction.atomic():
        loan = Loan.objects.filter(item=item, returned_at__isnull=True).first()
        if loan is None or loan.due_on == due_on or (loan.due_on < due_on) != later:
            return None
        old_due = loan.due_on
        if not Loan.objects.filter(pk=loan.pk, due_on=old_due, returned_at__isnull=True).update(
            due_on=due_on
        ):
            return None
        loan.due_on = due_on
        record_event(
            Action.DUE_CHANGED, by=by, library=library or loan.library, member=loan.member,
            item=item, loan=loan, old_due=old_due.isoformat(), due_on=due_on.isoformat(),
            **detail,
        )  # fmt: skip
    return loan


def _renewal_blocks(loan: Loan, rule: LoanRule | None, today: date) -> list[policy.Block]:
    """The overridable reasons not to renew; raises RenewalRefused when another member waits."""
    blocks = policy.renewal_blocks(rule, loan.renewals_used, holds.blocks_renewal(loan))
    for block in blocks:
        if block.code == "HOLD_WAITING":
            raise RenewalRefused(barcode=loan.item.barcode, reason=block.reason)
    return blocks + standing.member_blocks(loan.member, today)


def _new_due(loan: Loan, rule: LoanRule | None, where: Library, today: date) -> date:
    """The loan days again from today; RenewalRefused when that is no later than now."""
    loan_days = rule.loan_days if rule is not None else LoanRule().loan_days
    new_due = rules.due_on(where, today, loan_days)
    if new_due <= loan.due_on:
        reason = _("jatuh tempo sekarang ({date}) sudah paling lama.").format(
            date=date_format(loan.due_on, "j F Y")
        )
        raise RenewalRefused(barcode=loan.item.barcode, reason=reason)
    return new_due
