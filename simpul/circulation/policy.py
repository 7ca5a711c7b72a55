"""The circulation rules as pure functions: which rule applies, due dates, fines and blocks.

No database here. Callers fetch the rules, the closed days and the member's counts, and these
functions decide, so the same rules serve the desk, renewals, the API and the tests.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol, TypeVar

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from simpul.lib.money import rupiah, whole
from simpul.members.choices import MemberStatus

# How far a due date may be pushed past closed days before we give up and keep it.
MAX_CLOSED_RUN = 366


class Rule(Protocol):
    """What the policy reads from a rule (a LoanRule, saved or not)."""

    @property
    def library_id(self) -> int | None: ...
    @property
    def category_id(self) -> int | None: ...
    @property
    def item_type(self) -> str: ...
    @property
    def loan_days(self) -> int: ...
    @property
    def renewals(self) -> int: ...
    @property
    def max_items(self) -> int: ...
    @property
    def fine_per_day(self) -> Decimal | int: ...
    @property
    def grace_days(self) -> int: ...
    @property
    def fine_cap(self) -> Decimal | int: ...


R = TypeVar("R", bound=Rule)


def rank(rule: Rule) -> int:
    """Precedence, highest first: library+category+type (7) > library+category (6) >
    library+type (5) > library (4) > category+type (3) > category (2) > type (1) > network
    default (0). The library counts most, then the member category, then the item type."""
    return (
        4 * (rule.library_id is not None)
        + 2 * (rule.category_id is not None)
        + (rule.item_type != "")
    )


def applies(rule: Rule, library_id: int, category_id: int | None, item_type: str) -> bool:
    return (
        rule.library_id in (None, library_id)
        and rule.category_id in (None, category_id)
        and rule.item_type in ("", item_type)
    )


def choose_rule(
    rules: Iterable[R], library_id: int, category_id: int | None, item_type: str
) -> R | None:
    """The most specific of ``rules`` matching the loan, or None when none matches."""
    matching = [rule for rule in rules if applies(rule, library_id, category_id, item_type)]
    return max(matching, key=rank, default=None)


@dataclass(frozen=True)
class ClosedDays:
    """When a library is closed: weekdays without opening hours (Monday = 0) and dates."""

    weekdays: frozenset[int] = frozenset()
    dates: frozenset[date] = field(default_factory=frozenset)

    def is_closed(self, day: date) -> bool:
        # A library with no hours at all (not entered yet) is not closed every day.
        weekly = len(self.weekdays) < 7 and day.weekday() in self.weekdays
        return weekly or day in self.dates


def next_open_day(day: date, closed: ClosedDays) -> date:
    """``day`` itself when open, else the first open day after it."""
    candidate = day
    for _step in range(MAX_CLOSED_RUN):
        if not closed.is_closed(candidate):
            return candidate
        candidate += timedelta(days=1)
    return day


def due_date(start: date, loan_days: int, closed: ClosedDays) -> date:
    """``loan_days`` after ``start``, moved to the next open day when that day is closed."""
    return next_open_day(start + timedelta(days=loan_days), closed)


def days_late(due_on: date, returned_on: date) -> int:
    return max((returned_on - due_on).days, 0)


def overdue_fine(due_on: date, returned_on: date, rule: Rule | None) -> int:
    """The overdue fine in whole Rupiah.

    Nothing within the grace days; after them every late day counts from the due date, at
    ``fine_per_day``, and the total never exceeds ``fine_cap`` (a cap of 0 means no cap).
    """
    late = days_late(due_on, returned_on)
    if rule is None or late == 0 or late <= rule.grace_days:
        return 0
    fine = late * whole(rule.fine_per_day)
    cap = whole(rule.fine_cap)
    return min(fine, cap) if cap > 0 else fine


@dataclass(frozen=True)
class Block:
    """A reason not to lend: ``code`` for programs and events, ``reason`` for people."""

    code: str
    reason: str


@dataclass(frozen=True)
class Standing:
    """What the blocks look at: a member's status and counts at one moment."""

    status: str
    expires_on: date | None
    open_loans: int = 0
    overdue_loans: int = 0
    unpaid: int = 0


def member_blocks(standing: Standing, today: date, fine_limit: int) -> list[Block]:
    """Why this member may not borrow or renew now (empty: they may)."""
    blocks: list[Block] = []
    if standing.status != MemberStatus.ACTIVE:
        blocks.append(Block("MEMBER_NOT_ACTIVE", _status_reason(standing.status)))
    if standing.expires_on is not None and standing.expires_on < today:
        when = date_format(standing.expires_on, "j F Y")
        blocks.append(Block("MEMBER_EXPIRED", _("Keanggotaan berakhir {date}.").format(date=when)))
    if standing.overdue_loans:
        blocks.append(
            Block(
                "OVERDUE_ITEMS",
                _("Ada {count} eksemplar yang terlambat dikembalikan.").format(
                    count=standing.overdue_loans
                ),
            )
        )
    if standing.unpaid > fine_limit:
        blocks.append(
            Block(
                "UNPAID_FINES",
                _("Denda belum dibayar {amount}, lebih dari batas {limit}.").format(
                    amount=rupiah(standing.unpaid), limit=rupiah(fine_limit)
                ),
            )
        )
    return blocks


def _status_reason(status: str) -> str:
    if status == MemberStatus.PENDING:
        return _("Keanggotaan masih menunggu persetujuan.")
    if status == MemberStatus.SUSPENDED:
        return _("Keanggotaan sedang dibekukan.")
    return _("Keanggotaan tidak aktif.")


def limit_blocks(rule: Rule | None, counted_loans: int) -> list[Block]:
    """Whether one more loan fits the rule: ``max_items`` 0 means the type is not lent."""
    if rule is None or rule.max_items == 0:
        return [Block("NOT_LOANABLE", _("Jenis eksemplar ini tidak dipinjamkan (baca di tempat)."))]
    if counted_loans >= rule.max_items:
        return [
            Block(
                "TOO_MANY_ITEMS",
                _("Sudah meminjam {count} dari paling banyak {limit} eksemplar.").format(
                    count=counted_loans, limit=rule.max_items
                ),
            )
        ]
    return []


def lending_blocks(owner: str, lends_to_network: bool, own_member: bool) -> list[Block]:
    """A library that does not lend to the network lends only to its own members."""
    if own_member or lends_to_network:
        return []
    return [
        Block(
            "HOME_MEMBERS_ONLY",
            _("Koleksi {library} hanya dipinjamkan kepada anggotanya sendiri.").format(
                library=owner
            ),
        )
    ]


def renewal_blocks(rule: Rule | None, renewals_used: int, others_waiting: bool) -> list[Block]:
    """Why a loan may not be renewed, apart from the member's own blocks."""
    blocks: list[Block] = []
    if others_waiting:
        blocks.append(Block("HOLD_WAITING", _("Anggota lain sedang menunggu judul ini.")))
    allowed = rule.renewals if rule is not None else 0
    if renewals_used >= allowed:
        blocks.append(
            Block(
                "NO_RENEWALS_LEFT",
                _("Jatah perpanjangan sudah habis ({used} dari {allowed}).").format(
                    used=renewals_used, allowed=allowed
                ),
            )
        )
    return blocks
