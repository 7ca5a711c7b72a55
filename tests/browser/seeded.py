"""Rows the migrations seed, made again: a live-server (transactional) test flushes the
database after it, so the next browser test starts without them."""

from __future__ import annotations

from simpul.circulation.models import LoanRule


def network_default() -> LoanRule:
    """The network default loan rule of migration circulation 0002."""
    rule, _created = LoanRule.objects.get_or_create(
        library=None, category=None, item_type="",
        defaults={"loan_days": 14, "renewals": 1, "max_items": 3, "fine_per_day": 500,
                  "grace_days": 1, "fine_cap": 20000},
    )  # fmt: skip
    return rule
