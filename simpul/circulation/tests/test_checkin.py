"""Returns anywhere in the network: the loan closes, a late return is fined, and the copy goes
to the shelf, the hold shelf, or in transit with a routing slip."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item
from simpul.circulation import services
from simpul.circulation.choices import Action, FineKind, HoldStatus
from simpul.circulation.errors import ItemNotFound
from simpul.circulation.models import Fine, Hold
from simpul.circulation.tests.desk_world import MONDAY, copy, events, member

DUE = date(2026, 8, 18)  # a loan made at KOTA on MONDAY


@pytest.fixture
def siti_member(sman1: Any) -> Any:
    return member(sman1, "MTR2026000001")


@pytest.fixture
def lent(siti_member: Any, kota: Any, budi: Any) -> Any:
    """Laskar Pelangi of the city library, lent to Siti on Monday 3 August (due the 18th)."""
    copy(kota, "KOTA-0001")
    return services.checkout("KOTA-0001", siti_member, kota, budi, today=MONDAY).loan


def status(barcode: str) -> str:
    return Item.objects.get(barcode=barcode).status


def test_a_return_at_home_on_time_puts_the_copy_back_on_the_shelf(lent, kota, budi):
    result = services.checkin("KOTA-0001", kota, budi, today=DUE)

    lent.refresh_from_db()
    assert lent.returned_at is not None
    assert (lent.returned_library, lent.checked_in_by) == (kota, budi)
    assert status("KOTA-0001") == ItemStatus.AVAILABLE
    assert (result.loan, result.fine, result.send_to, result.slip) == (lent, None, None, None)
    event = events(Action.CHECKIN).get()
    assert (event.by, event.library, event.member, event.loan) == (budi, kota, lent.member, lent)
    assert not Fine.objects.exists()


def test_a_late_return_is_fined_per_day_after_the_grace_day(lent, kota, budi):
    result = services.checkin("KOTA-0001", kota, budi, today=DUE + timedelta(days=10))

    fine = Fine.objects.get()
    assert (fine.kind, fine.amount, fine.loan, fine.member) == (
        FineKind.OVERDUE, 5000, lent, lent.member,
    )  # fmt: skip
    assert fine.note == "Terlambat 10 hari"
    assert result.fine == fine
    assert events(Action.FINE).get().detail["amount"] == 5000


def test_a_very_late_return_is_fined_no_more_than_the_cap(lent, kota, budi):
    services.checkin("KOTA-0001", kota, budi, today=DUE + timedelta(days=200))
    assert Fine.objects.get().amount == 20_000


def test_a_return_within_the_grace_day_is_not_fined(lent, kota, budi):
    services.checkin("KOTA-0001", kota, budi, today=DUE + timedelta(days=1))
    assert not Fine.objects.exists()


def test_a_copy_returned_at_another_library_travels_home_with_a_routing_slip(
    lent, kota, sman1, rina
):
    result = services.checkin("KOTA-0001", sman1, rina, today=DUE)

    assert status("KOTA-0001") == ItemStatus.IN_TRANSIT
    assert result.send_to == kota
    transit = events(Action.TRANSIT).get()
    assert result.slip == transit
    assert (transit.library, transit.detail["to"]) == (sman1, "KOTA")

    # Scanned again on its way it travels on as it is; at home it is back on the shelf.
    again = services.checkin("KOTA-0001", sman1, rina, today=DUE)
    assert not again.changed
    assert (again.send_to, again.slip) == (kota, transit)
    arrived = services.checkin("KOTA-0001", kota, rina, today=DUE + timedelta(days=1))
    assert arrived.changed
    assert arrived.send_to is None
    assert status("KOTA-0001") == ItemStatus.AVAILABLE
    assert events(Action.CHECKIN).count() == 2


def test_a_second_scan_of_a_returned_copy_changes_nothing(lent, kota, budi):
    services.checkin("KOTA-0001", kota, budi, today=DUE)
    again = services.checkin("KOTA-0001", kota, budi, today=DUE)

    assert not again.changed
    assert again.note == "Eksemplar ini tidak sedang dipinjam."
    assert events(Action.CHECKIN).count() == 1


def _waiting_hold(lent: Any, pickup: Any, number: str) -> Hold:
    yoga = member(pickup, number, name="Yoga Pratama")
    return Hold.objects.create(
        record=lent.item.record, member=yoga, pickup_library=pickup,
        placed_at=lent.checked_out_at,
    )  # fmt: skip


def test_a_return_at_the_pickup_library_of_a_waiting_hold_goes_to_the_hold_shelf(lent, kota, budi):
    hold = _waiting_hold(lent, kota, "MTR2026000002")

    result = services.checkin("KOTA-0001", kota, budi, today=DUE)

    hold.refresh_from_db()
    assert (hold.status, hold.item) == (HoldStatus.READY, lent.item)
    assert status("KOTA-0001") == ItemStatus.ON_HOLD_SHELF
    assert result.hold == hold
    assert result.send_to is None
    assert result.slip is not None
    assert result.slip.action == Action.HOLD_TRAPPED


def test_a_return_elsewhere_travels_to_the_holds_pickup_library_and_waits_there(
    lent, kota, sman1, rina, budi
):
    hold = _waiting_hold(lent, sman1, "MTR2026000003")

    on_the_way = services.checkin("KOTA-0001", kota, budi, today=DUE)

    hold.refresh_from_db()
    assert hold.status == HoldStatus.IN_TRANSIT
    assert status("KOTA-0001") == ItemStatus.IN_TRANSIT
    assert on_the_way.send_to == sman1
    assert on_the_way.slip.detail == {"to": "SMAN1", "hold": hold.pk}

    services.checkin("KOTA-0001", sman1, rina, today=DUE + timedelta(days=1))
    hold.refresh_from_db()
    assert hold.status == HoldStatus.READY
    assert status("KOTA-0001") == ItemStatus.ON_HOLD_SHELF


def test_a_copy_declared_lost_that_turns_up_is_back_on_the_shelf(lent, kota, budi):
    services.mark_lost(lent, budi, kota)
    assert status("KOTA-0001") == ItemStatus.LOST

    found = services.checkin("KOTA-0001", kota, budi, today=DUE)
    assert found.changed
    assert found.loan is None
    assert status("KOTA-0001") == ItemStatus.AVAILABLE


def test_a_damaged_copy_scanned_at_the_desk_keeps_its_status(kota, budi):
    damaged = copy(kota, "KOTA-0009")
    damaged.status = ItemStatus.DAMAGED
    damaged.save()

    result = services.checkin("KOTA-0009", kota, budi)
    assert result.note == "Eksemplar ini berstatus Rusak; statusnya tidak diubah."
    assert not events(Action.CHECKIN).exists()


def test_an_unknown_barcode_is_refused(kota, budi, network):
    with pytest.raises(ItemNotFound):
        services.checkin("TIDAK-ADA", kota, budi)


def test_a_record_whose_withdrawn_copy_was_lent_is_not_deleted_and_says_why(
    lent, kota, budi, network, client_as
):
    """Loans are history: the copy stays (withdrawn) and the record with it; a 409 with the
    reason instead of the database's refusal (it was a 500)."""
    from django.urls import reverse

    from simpul.catalog.models import Record
    from simpul.catalog.services import set_item_status

    services.checkin("KOTA-0001", kota, budi, today=DUE)
    item = Item.objects.get(barcode="KOTA-0001")
    set_item_status(item, ItemStatus.WITHDRAWN, by=budi, reason="rusak")
    admin = network.people["admin"]
    response = client_as(admin).post(reverse("catalog:record-delete", args=[item.record_id]))
    assert response.status_code == 409
    assert "punya riwayat peminjaman" in response.content.decode()
    assert "KOTA-0001" in response.content.decode()
    assert Record.objects.filter(pk=item.record_id).exists()
    assert Item.objects.filter(barcode="KOTA-0001").exists()
