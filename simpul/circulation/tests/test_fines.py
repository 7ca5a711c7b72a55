"""Money at the desk: payments settle the oldest fines first, waivers need a reason, lost and
damaged copies are charged at their price."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from simpul.catalog.choices import ItemStatus
from simpul.circulation import services
from simpul.circulation.choices import Action, FineKind
from simpul.circulation.errors import BadAmount, LoanClosed, ReasonRequired
from simpul.circulation.models import Fine, Payment
from simpul.circulation.standing import unpaid_fines, unpaid_total
from simpul.circulation.tests.desk_world import MONDAY, copy, events, member


@pytest.fixture
def siti_member(sman1: Any) -> Any:
    return member(sman1, "MTR2026000001")


@pytest.fixture
def two_fines(siti_member: Any, kota: Any, budi: Any) -> list[Fine]:
    """Rp 3.000 from July, then Rp 5.000 from August."""
    return [
        Fine.objects.create(member=siti_member, kind=FineKind.OVERDUE, amount=amount,
                            library=kota, created_by=budi)
        for amount in (3000, 5000)
    ]  # fmt: skip


def test_a_payment_settles_the_oldest_fines_first(siti_member, two_fines, kota, budi):
    payments = services.pay(siti_member, 4000, budi, kota)

    assert [(p.fine, p.amount) for p in payments] == [(two_fines[0], 3000), (two_fines[1], 1000)]
    assert unpaid_total(siti_member) == 4000
    assert [fine.balance for fine in unpaid_fines(siti_member)] == [4000]
    event = events(Action.PAYMENT).get()
    assert (event.by, event.library, event.member) == (budi, kota, siti_member)
    assert event.detail == {"amount": 4000, "fines": [two_fines[0].pk, two_fines[1].pk]}


def test_more_than_is_owed_or_nothing_is_not_taken(siti_member, two_fines, kota, budi):
    with pytest.raises(BadAmount, match=r"lebih dari denda yang belum dibayar \(Rp 8.000\)"):
        services.pay(siti_member, 8500, budi, kota)
    with pytest.raises(BadAmount, match="harus lebih dari nol"):
        services.pay(siti_member, 0, budi, kota)
    assert not Payment.objects.exists()


def test_a_waiver_forgives_part_of_a_fine_with_its_reason(siti_member, two_fines, kota, dewi):
    payment = services.waive(two_fines[1], 2000, dewi, "Buku basah karena banjir", kota)

    assert (payment.waiver, payment.amount, payment.reason) == (
        True, 2000, "Buku basah karena banjir",
    )  # fmt: skip
    assert unpaid_total(siti_member) == 6000
    event = events(Action.WAIVER).get()
    assert (event.by, event.detail["reason"], event.detail["amount"]) == (
        dewi, "Buku basah karena banjir", 2000,
    )  # fmt: skip


def test_a_waiver_needs_a_reason_and_no_more_than_is_left(two_fines, kota, dewi):
    with pytest.raises(ReasonRequired):
        services.waive(two_fines[0], 1000, dewi, "  ", kota)
    with pytest.raises(BadAmount, match=r"sisa denda \(Rp 3.000\)"):
        services.waive(two_fines[0], 3500, dewi, "Salah catat", kota)
    assert not Payment.objects.exists()


@pytest.fixture
def lent(siti_member: Any, kota: Any, budi: Any) -> Any:
    copy(kota, "KOTA-0001", price=85_000)
    return services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY).loan


def test_a_lost_copy_closes_the_loan_and_charges_its_price(lent, kota, budi):
    fine = services.mark_lost(lent, budi, kota)

    lent.refresh_from_db()
    lent.item.refresh_from_db()
    assert lent.returned_at is not None
    assert lent.item.status == ItemStatus.LOST
    assert (fine.kind, fine.amount, fine.member) == (FineKind.LOST, 85_000, lent.member)
    assert events(Action.LOST).get().detail == {"replacement": 85_000}
    assert events(Action.FINE).get().detail["kind"] == "lost"
    with pytest.raises(LoanClosed):
        services.mark_lost(lent, budi, kota)


def test_a_lost_copy_can_be_charged_another_amount(lent, kota, budi):
    assert services.mark_lost(lent, budi, kota, amount=60_000).amount == 60_000


def test_a_damaged_return_charges_the_repair_and_the_late_days(lent, kota, budi):
    late = lent.due_on + timedelta(days=4)

    fine = services.mark_damaged(lent, budi, kota, 25_000, "Sampul sobek", today=late)

    lent.item.refresh_from_db()
    assert lent.item.status == ItemStatus.DAMAGED
    assert (fine.kind, fine.amount, fine.note) == (FineKind.DAMAGED, 25_000, "Sampul sobek")
    kinds = sorted(Fine.objects.values_list("kind", "amount"))
    assert kinds == [("damaged", 25_000), ("overdue", 2000)]
    assert events(Action.DAMAGED).get().detail["note"] == "Sampul sobek"


def test_damage_found_after_the_return_is_charged_to_the_last_borrower(lent, kota, budi):
    services.checkin("KOTA-0001", kota, budi, today=lent.due_on)
    fine = services.mark_damaged(lent, budi, kota)
    assert (fine.amount, fine.member) == (85_000, lent.member)
    assert Fine.objects.count() == 1
