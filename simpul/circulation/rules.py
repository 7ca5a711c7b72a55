"""The loan rules and calendars as the database holds them, and the use cases that edit rules.

The decisions themselves are in policy.py; this module fetches what they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from simpul.catalog.choices import ItemType
from simpul.circulation import policy
from simpul.circulation.errors import RuleExists
from simpul.circulation.models import LoanRule
from simpul.lib.rawsql import instances, rows, table
from simpul.libraries.models import Closure, Library, OpeningHours
from simpul.members.models import MemberCategory


def rules_at(library: Library) -> list[LoanRule]:
    """The rules that can apply at ``library``: its own and the network-wide ones."""
    return list(
        LoanRule.objects.filter(Q(library=library) | Q(library__isnull=True)).select_related(
            "library", "category"
        )
    )


def rule_for(library: Library, category_id: int | None, item_type: str) -> LoanRule | None:
    """The rule for a loan at ``library`` (the desk where it happens); every checkout asks,
    so only the rules that apply (policy.applies) are read, in plain SQL (lib/rawsql.py), and
    policy.choose_rule ranks them."""
    sql = (
        f"SELECT * FROM {table(LoanRule)} WHERE (library_id = %s OR library_id IS NULL) "
        "AND (category_id = %s OR category_id IS NULL) AND item_type IN ('', %s)"
    )
    candidates = instances(LoanRule, sql, [library.pk, category_id, item_type])
    return policy.choose_rule(candidates, library.pk, category_id, item_type)


def closed_days(library: Library, start: date, days: int = 400) -> policy.ClosedDays:
    """Weekdays without hours and closure dates (the library's and network-wide) from ``start``."""
    ops = connection.ops
    found = rows(
        f"SELECT weekday, NULL FROM {table(OpeningHours)} WHERE library_id = %s UNION ALL "
        f'SELECT NULL, "date" FROM {table(Closure)} WHERE (library_id = %s OR library_id IS NULL)'
        ' AND "date" >= %s AND "date" <= %s',
        [library.pk, library.pk, ops.adapt_datefield_value(start),
         ops.adapt_datefield_value(start + timedelta(days=days))],
    )  # fmt: skip
    open_weekdays = {weekday for weekday, _ in found if weekday is not None}
    dates = {_as_date(day) for _, day in found if day is not None}
    return policy.ClosedDays(
        weekdays=frozenset(set(range(7)) - open_weekdays) if open_weekdays else frozenset(),
        dates=frozenset(dates),
    )


def _as_date(value: date | str) -> date:
    """SQLite answers a date column in a UNION as text."""
    return value if isinstance(value, date) else date.fromisoformat(value)


def due_on(library: Library, start: date, loan_days: int) -> date:
    return policy.due_date(start, loan_days, closed_days(library, start, loan_days + 60))


@dataclass(frozen=True)
class Cell:
    """One cell of the effective matrix: what a category borrowing a type gets here."""

    category: MemberCategory | None
    item_type: str
    rule: LoanRule | None


def effective_matrix(library: Library) -> list[tuple[MemberCategory, list[Cell]]]:
    """For every member category (rows) and item type (columns), the rule that wins here."""
    rules = rules_at(library)
    return [
        (
            category,
            [
                Cell(
                    category,
                    item_type,
                    policy.choose_rule(rules, library.pk, category.pk, item_type),
                )
                for item_type in ItemType.values
            ],
        )
        for category in MemberCategory.objects.all()
    ]


def save_rule(rule: LoanRule) -> LoanRule:
    """Create or update a rule; raises RuleExists when its cell is taken (race-safe)."""
    try:
        rule.validate_constraints()
    except ValidationError:
        raise RuleExists() from None
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:
        raise RuleExists() from None
    return rule


def delete_rule(rule: LoanRule) -> None:
    """Delete a rule; loans made under it keep their dates and fall back to the next rule."""
    rule.delete()
