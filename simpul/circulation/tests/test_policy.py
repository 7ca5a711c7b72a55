"""The circulation rules as pure functions: precedence, due dates, fines, blocks. No database."""

from __future__ import annotations

from datetime import date

import pytest

from simpul.circulation import policy
from simpul.circulation.models import LoanRule
from simpul.circulation.policy import Block, ClosedDays, Standing
from simpul.lib.money import parse_rupiah, rupiah

KOTA, SMAN1 = 1, 2
PELAJAR, GURU = 10, 11


def rule(library: int | None = None, category: int | None = None, item_type: str = "", **kw):
    return LoanRule(library_id=library, category_id=category, item_type=item_type, **kw)


MATRIX = {
    "library+category+type": rule(KOTA, PELAJAR, "children", loan_days=3),
    "library+category": rule(KOTA, PELAJAR, loan_days=4),
    "library+type": rule(KOTA, None, "children", loan_days=5),
    "library": rule(KOTA, loan_days=6),
    "category+type": rule(None, PELAJAR, "children", loan_days=7),
    "category": rule(None, PELAJAR, loan_days=8),
    "type": rule(None, None, "children", loan_days=9),
    "network default": rule(loan_days=14),
}
ORDER = list(MATRIX)


@pytest.mark.parametrize("winner", ORDER)
def test_the_most_specific_rule_wins_over_every_less_specific_one(winner):
    candidates = [MATRIX[name] for name in ORDER[ORDER.index(winner) :]]
    chosen = policy.choose_rule(reversed(candidates), KOTA, PELAJAR, "children")
    assert chosen is MATRIX[winner]


def test_rules_of_another_library_category_or_type_never_apply():
    rules = [rule(SMAN1, loan_days=1), rule(None, GURU, loan_days=2), rule(None, None, "serial")]
    assert policy.choose_rule(rules, KOTA, PELAJAR, "book") is None


def test_a_library_rule_beats_a_network_rule_for_the_category_and_type():
    network_specific = rule(None, PELAJAR, "children", loan_days=7)
    library_wide = rule(KOTA, loan_days=21)
    assert policy.choose_rule([network_specific, library_wide], KOTA, PELAJAR, "children") is (
        library_wide
    )


def test_a_member_without_category_gets_the_rules_for_anyone():
    default, pelajar = rule(loan_days=14), rule(None, PELAJAR, loan_days=8)
    assert policy.choose_rule([default, pelajar], KOTA, None, "book") is default


WEEKENDS = ClosedDays(weekdays=frozenset({5, 6}))


@pytest.mark.parametrize(
    ("start", "days", "closed", "due"),
    [
        (date(2026, 8, 5), 14, ClosedDays(), date(2026, 8, 19)),  # open every day
        (date(2026, 8, 1), 14, WEEKENDS, date(2026, 8, 17)),  # Saturday + 14 = Saturday -> Mon
        (date(2026, 8, 3), 13, WEEKENDS, date(2026, 8, 17)),  # Sunday -> Monday
        (  # Monday the 17th is a national holiday too: Tuesday
            date(2026, 8, 1), 14, ClosedDays(frozenset({5, 6}), frozenset({date(2026, 8, 17)})),
            date(2026, 8, 18),
        ),
        (  # Idul Fitri on Saturday and Sunday, Monday closed for stocktaking: Tuesday
            date(2026, 3, 7), 14,
            ClosedDays(dates=frozenset({date(2026, 3, 21), date(2026, 3, 22), date(2026, 3, 23)})),
            date(2026, 3, 24),
        ),
        # A mobile library open Tuesday, Thursday and Saturday only.
        (date(2026, 8, 4), 7, ClosedDays(weekdays=frozenset({0, 2, 4, 6})), date(2026, 8, 11)),
        (date(2026, 8, 4), 6, ClosedDays(weekdays=frozenset({0, 2, 4, 6})), date(2026, 8, 11)),
    ],
)  # fmt: skip
def test_a_due_date_on_a_closed_day_moves_to_the_next_open_day(start, days, closed, due):
    assert policy.due_date(start, days, closed) == due


def test_a_library_without_opening_hours_is_not_closed_every_day():
    never_open = ClosedDays(weekdays=frozenset(range(7)))
    assert policy.due_date(date(2026, 8, 3), 14, never_open) == date(2026, 8, 17)


def test_a_due_date_is_kept_when_no_open_day_follows_within_a_year():
    every_day = frozenset(date.fromordinal(date(2026, 8, 1).toordinal() + n) for n in range(800))
    assert policy.due_date(date(2026, 8, 1), 7, ClosedDays(dates=every_day)) == date(2026, 8, 8)


FINES = rule(fine_per_day=500, grace_days=2, fine_cap=5000)


@pytest.mark.parametrize(
    ("returned", "fine"),
    [
        (date(2026, 8, 17), 0),  # on the due date
        (date(2026, 8, 10), 0),  # early
        (date(2026, 8, 18), 0),  # one day late: within the grace days
        (date(2026, 8, 19), 0),  # two days late: still within
        (date(2026, 8, 20), 1500),  # three days late: every late day counts
        (date(2026, 8, 26), 4500),
        (date(2026, 8, 27), 5000),  # ten days would be Rp 5.000: the cap
        (date(2026, 12, 25), 5000),  # and never more
    ],
)
def test_overdue_fines_start_after_the_grace_days_and_stop_at_the_cap(returned, fine):
    assert policy.overdue_fine(date(2026, 8, 17), returned, FINES) == fine


def test_a_cap_of_zero_means_no_cap_and_no_rule_means_no_fine():
    uncapped = rule(fine_per_day=1000, grace_days=0, fine_cap=0)
    assert policy.overdue_fine(date(2026, 8, 1), date(2026, 8, 31), uncapped) == 30_000
    assert policy.overdue_fine(date(2026, 8, 1), date(2026, 8, 31), None) == 0


TODAY = date(2026, 8, 3)
GOOD = Standing(status="active", expires_on=date(2027, 1, 1))


def codes(blocks: list[Block]) -> list[str]:
    return [block.code for block in blocks]


def test_a_member_in_good_standing_has_no_blocks():
    assert policy.member_blocks(GOOD, TODAY, 10_000) == []


@pytest.mark.parametrize(
    ("standing", "code", "words"),
    [
        (Standing("pending", None), "MEMBER_NOT_ACTIVE", "menunggu persetujuan"),
        (Standing("suspended", None), "MEMBER_NOT_ACTIVE", "dibekukan"),
        (Standing("active", date(2026, 8, 2)), "MEMBER_EXPIRED", "berakhir 2 Agustus 2026"),
        (Standing("active", None, overdue_loans=2), "OVERDUE_ITEMS", "2 eksemplar"),
        (Standing("active", None, unpaid=12_500), "UNPAID_FINES", "Rp 12.500"),
    ],
)
def test_each_block_says_why_in_words(standing, code, words):
    blocks = policy.member_blocks(standing, TODAY, 10_000)
    assert codes(blocks) == [code]
    assert words in blocks[0].reason


def test_fines_up_to_the_limit_do_not_block_and_a_membership_ending_today_is_still_valid():
    standing = Standing("active", TODAY, unpaid=10_000)
    assert policy.member_blocks(standing, TODAY, 10_000) == []


def test_every_block_is_reported_at_once():
    standing = Standing("suspended", date(2026, 1, 1), overdue_loans=1, unpaid=50_000)
    assert codes(policy.member_blocks(standing, TODAY, 10_000)) == [
        "MEMBER_NOT_ACTIVE", "MEMBER_EXPIRED", "OVERDUE_ITEMS", "UNPAID_FINES",
    ]  # fmt: skip


def test_the_loan_limit_and_types_that_are_not_lent():
    three = rule(max_items=3)
    assert policy.limit_blocks(three, 2) == []
    assert codes(policy.limit_blocks(three, 3)) == ["TOO_MANY_ITEMS"]
    assert "3 dari paling banyak 3" in policy.limit_blocks(three, 3)[0].reason
    assert codes(policy.limit_blocks(rule(max_items=0), 0)) == ["NOT_LOANABLE"]
    assert codes(policy.limit_blocks(None, 0)) == ["NOT_LOANABLE"]


def test_renewals_are_blocked_by_a_waiting_hold_and_by_used_up_renewals():
    once = rule(renewals=1)
    assert policy.renewal_blocks(once, 0, others_waiting=False) == []
    assert codes(policy.renewal_blocks(once, 0, others_waiting=True)) == ["HOLD_WAITING"]
    assert codes(policy.renewal_blocks(once, 1, others_waiting=False)) == ["NO_RENEWALS_LEFT"]
    assert codes(policy.renewal_blocks(once, 1, others_waiting=True)) == [
        "HOLD_WAITING", "NO_RENEWALS_LEFT",
    ]  # fmt: skip


def test_a_library_that_does_not_lend_to_the_network_lends_to_its_own_members_only():
    assert policy.lending_blocks("SMA N 2", lends_to_network=False, own_member=True) == []
    assert policy.lending_blocks("SMA N 2", lends_to_network=True, own_member=False) == []
    [block] = policy.lending_blocks("SMA N 2", lends_to_network=False, own_member=False)
    assert block.code == "HOME_MEMBERS_ONLY"
    assert "SMA N 2" in block.reason


@pytest.mark.parametrize(
    ("amount", "text"),
    [(0, "Rp 0"), (500, "Rp 500"), (12500, "Rp 12.500"), ("1250000", "Rp 1.250.000"),
     (None, "Rp 0"), (-2000, "Rp -2.000")],
)  # fmt: skip
def test_rupiah_are_written_the_indonesian_way(amount, text):
    assert rupiah(amount) == text


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("12500", 12500), ("12.500", 12500), ("Rp 12.500", 12500), ("rp12.500,00", 12500),
     ("12.500,50", None), ("dua ribu", None), ("", None)],
)  # fmt: skip
def test_amounts_typed_at_the_desk_are_read_as_whole_rupiah(typed, amount):
    assert parse_rupiah(typed) == amount
