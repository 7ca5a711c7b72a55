"""Copies borrowed through interlibrary loan, as circulation treats them whoever registered
them (borrowed.py): lent only to their member and never past the lender's date, never renewed
at the desk, never set aside for a hold; a stand-in goes back in transit, never to the shelf.

Here a stand-in registry plays interlibrary loan: SMA N 1 holds a stand-in (S-ILL-1) for a
book a peer server lent to Siti, due back to the lender on the 10th of August."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.db.models import QuerySet

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item
from simpul.circulation import borrowed, services
from simpul.circulation.borrowed import Borrowing
from simpul.circulation.choices import Action
from simpul.circulation.errors import Blocked, NoCopyForHold, RenewThroughInterlibraryLoan
from simpul.circulation.holds import place_hold
from simpul.circulation.tests.desk_world import MONDAY, copy, events, member

LENDER_DUE = date(2026, 8, 10)  # sooner than SMA N 1's fourteen days from MONDAY


class StandIns:
    """A registry of the copies in ``lent``: barcode -> the member they were borrowed for."""

    def __init__(self) -> None:
        self.lent: dict[str, int] = {}

    def borrowing(self, item: Item) -> Borrowing | None:
        if item.barcode not in self.lent:
            return None
        return Borrowing(
            "SMAN1-ILL1", "Perpustakaan Kota Lain", self.lent[item.barcode], LENDER_DUE, True
        )

    def stand_ins(self) -> QuerySet[Any, int]:
        return Item.objects.filter(barcode__in=list(self.lent)).values_list("pk", flat=True)

    def lent_condition(self, item_id: str) -> str:
        barcodes = ", ".join(f"'{barcode}'" for barcode in self.lent) or "NULL"
        return (
            f"EXISTS (SELECT 1 FROM {Item._meta.db_table} lent WHERE lent.id = {item_id}"
            f" AND lent.barcode IN ({barcodes}))"
        )


@pytest.fixture
def stand_ins(monkeypatch: pytest.MonkeyPatch) -> StandIns:
    registry = StandIns()
    monkeypatch.setattr(borrowed, "PROVIDERS", {"test": registry})
    return registry


@pytest.fixture
def siti_member(sman1: Any) -> Any:
    return member(sman1, "MTR2026000001")


@pytest.fixture
def stand_in(stand_ins: StandIns, sman1: Any, siti_member: Any) -> Item:
    item = copy(sman1, "S-ILL-1", title="Ayat-Ayat Cinta")
    Item.objects.filter(pk=item.pk).update(status=ItemStatus.ON_HOLD_SHELF)
    stand_ins.lent[item.barcode] = siti_member.pk
    return item


def test_a_borrowed_copy_is_lent_no_longer_than_the_lenders_date(
    stand_in, siti_member, sman1, rina
):
    loan = services.checkout("S-ILL-1", siti_member, sman1, rina, today=MONDAY).loan

    assert loan.due_on == LENDER_DUE
    assert events(Action.CHECKOUT).get().detail["ill"] == "SMAN1-ILL1"


def test_a_lender_date_already_past_makes_a_loan_due_today(stand_in, siti_member, sman1, rina):
    late = LENDER_DUE + timedelta(days=3)
    loan = services.checkout("S-ILL-1", siti_member, sman1, rina, today=late).loan
    assert loan.due_on == late


def test_a_borrowed_copy_is_lent_only_to_its_member_unless_staff_override(stand_in, sman1, rina):
    dewi = member(sman1, "MTR2026000002", name="Dewi Lestari")
    with pytest.raises(Blocked, match="untuk anggota lain") as refused:
        services.checkout("S-ILL-1", dewi, sman1, rina, today=MONDAY)
    assert refused.value.data["codes"] == "BORROWED_FOR_ANOTHER_MEMBER"


def test_a_borrowed_copy_is_never_renewed_at_the_desk_even_with_an_override(
    stand_in, siti_member, sman1, rina
):
    loan = services.checkout("S-ILL-1", siti_member, sman1, rina, today=MONDAY).loan
    with pytest.raises(RenewThroughInterlibraryLoan, match="lewat pinjam antarperpustakaan"):
        services.renew(loan, rina, sman1, override=True, today=MONDAY + timedelta(days=5))
    loan.refresh_from_db()
    assert (loan.due_on, loan.renewals_used) == (LENDER_DUE, 0)
    assert not events(Action.RENEW).exists()


def test_an_ordinary_copy_still_renews(stand_ins, siti_member, kota, budi):
    copy(kota, "KOTA-0001")
    loan = services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY).loan
    renewed = services.renew(loan, budi, kota, today=date(2026, 8, 14))
    assert renewed.due_on == date(2026, 8, 28)


def test_a_stand_in_returned_at_home_waits_in_transit_for_its_lender(
    stand_in, siti_member, sman1, rina
):
    services.checkout("S-ILL-1", siti_member, sman1, rina, today=MONDAY)

    result = services.checkin("S-ILL-1", sman1, rina, today=MONDAY + timedelta(days=2))

    stand_in.refresh_from_db()
    assert stand_in.status == ItemStatus.IN_TRANSIT
    assert result.borrowing is not None
    assert result.borrowing.number == "SMAN1-ILL1"
    assert (result.send_to, result.hold) == (None, None)
    again = services.checkin("S-ILL-1", sman1, rina, today=MONDAY + timedelta(days=2))
    assert "kirim kembali ke Perpustakaan Kota Lain" in again.note
    assert not again.changed
    assert events(Action.CHECKIN).count() == 1


def test_no_hold_counts_on_a_stand_in(stand_in, sman1):
    yoga = member(sman1, "MTR2026000003", name="Yoga Pratama")
    with pytest.raises(NoCopyForHold):
        place_hold(stand_in.record, yoga, sman1)
