"""An interlibrary loan inside one Simpul, from the member's request to the lender's check-in."""

from __future__ import annotations

from typing import Any

import pytest

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item
from simpul.circulation.models import Loan
from simpul.circulation.services import checkin
from simpul.network.ill import errors, services
from simpul.network.ill.choices import IllAction, IllStatus
from simpul.network.ill.models import IllEvent, IllRequest
from simpul.network.ill.tests.world import book

pytestmark = pytest.mark.django_db


def _status(barcode: str) -> str:
    return Item.objects.get(barcode=barcode).status


def test_a_member_asks_and_the_title_travels_there_and_back(
    siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=siti_member.user)
    assert (ill.requester_library, ill.supplier_library) == (sman1, kota)
    assert ill.status == IllStatus.REQUEST_RECEIVED

    services.accept(ill, budi, kota)
    services.ship(ill, budi, kota)
    assert ill.status == IllStatus.LOANED
    assert _status("K-ILL-1") == ItemStatus.IN_TRANSIT

    services.receive(ill, rina, sman1)
    assert _status("K-ILL-1") == ItemStatus.ON_HOLD_SHELF
    result = services.lend_to_member(ill, rina, sman1)
    assert result.loan.library == sman1
    assert _status("K-ILL-1") == ItemStatus.ON_LOAN

    checkin("K-ILL-1", sman1, rina)  # the member brings it back to her school's desk
    assert _status("K-ILL-1") == ItemStatus.IN_TRANSIT  # circulation sends it home
    services.ship_return(ill, rina, sman1)
    services.check_in_return(ill, budi, kota)

    ill.refresh_from_db()
    assert ill.status == IllStatus.LOAN_COMPLETED
    assert ill.closed_at is not None
    assert _status("K-ILL-1") == ItemStatus.AVAILABLE
    assert Loan.objects.get(item__barcode="K-ILL-1").returned_at is not None
    assert list(ill.events.values_list("status", "action")) == [
        (IllStatus.REQUEST_RECEIVED, ""),
        (IllStatus.WILL_SUPPLY, ""),
        (IllStatus.LOANED, ""),
        ("", IllAction.RECEIVED),
        ("", ""),
        ("", IllAction.SHIPPED_RETURN),
        (IllStatus.LOAN_COMPLETED, ""),
    ]


def test_the_lender_declines_with_a_reason(
    siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    with pytest.raises(errors.ReasonNeeded):
        services.decline(ill, budi, kota, "  ")
    services.decline(ill, budi, kota, "Koleksi referensi, tidak dipinjamkan")
    ill.refresh_from_db()
    assert ill.status == IllStatus.UNFILLED
    assert ill.reason.startswith("Koleksi referensi")


def test_a_double_click_moves_the_request_once(
    siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    stale = IllRequest.objects.get(pk=ill.pk)
    services.accept(ill, budi, kota)
    with pytest.raises(errors.RequestChanged):
        services.accept(stale, budi, kota)  # the second click saw the old status
    assert IllEvent.objects.filter(request=ill, status=IllStatus.WILL_SUPPLY).count() == 1


def test_received_twice_is_recorded_once(
    siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    services.ship(ill, budi, kota)
    services.receive(ill, rina, sman1)
    services.receive(IllRequest.objects.get(pk=ill.pk), rina, sman1)
    assert IllEvent.objects.filter(request=ill, action=IllAction.RECEIVED).count() == 1


def test_a_title_on_the_members_own_shelf_is_not_requested(
    siti_member: Any, sman1: Any, kota: Any
) -> None:
    record = book("Edensor", (sman1, "S-ILL-9"), (kota, "K-ILL-9"))
    with pytest.raises(errors.AvailableHere):
        services.request_title(siti_member, record, by=None)


def test_a_title_nobody_lends_is_refused(siti_member: Any, sman2: Any) -> None:
    record = book("Maryamah Karpov", (sman2, "S2-ILL-1"))  # SMA N 2 does not lend out
    with pytest.raises(errors.NoSupplier):
        services.request_title(siti_member, record, by=None)


def test_the_same_member_cannot_ask_twice(siti_member: Any, sang_pemimpi: Any) -> None:
    services.request_title(siti_member, sang_pemimpi, by=None)
    with pytest.raises(errors.AlreadyRequested):
        services.request_title(siti_member, sang_pemimpi, by=None)


def test_the_copy_cannot_go_back_while_the_member_has_it(
    siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    services.ship(ill, budi, kota)
    services.receive(ill, rina, sman1)
    services.lend_to_member(ill, rina, sman1)
    with pytest.raises(errors.StillOnLoan):
        services.ship_return(ill, rina, sman1)


def test_a_member_cancels_before_shipping(
    siti_member: Any, sang_pemimpi: Any, budi: Any, kota: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    services.cancel(ill, siti_member.user, ill.requester_library)
    assert ill.status == IllStatus.CANCELLED
    with pytest.raises(errors.StatusNotAllowed):
        services.ship(ill, budi, kota)
    assert _status("K-ILL-1") == ItemStatus.AVAILABLE


def test_the_lender_cannot_check_in_a_copy_the_member_still_has(
    siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    services.ship(ill, budi, kota)
    services.receive(ill, rina, sman1)
    services.lend_to_member(ill, rina, sman1)
    with pytest.raises(errors.ActionNotAllowed):
        services.check_in_return(ill, budi, kota)
    assert _status("K-ILL-1") == ItemStatus.ON_LOAN


def test_a_copy_the_desk_already_checked_in_completes_the_loan(
    siti_member: Any, sang_pemimpi: Any, budi: Any, rina: Any, kota: Any, sman1: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    services.ship(ill, budi, kota)
    services.receive(ill, rina, sman1)
    services.ship_return(ill, rina, sman1)  # never collected: straight back in transit
    assert _status("K-ILL-1") == ItemStatus.IN_TRANSIT
    checkin("K-ILL-1", kota, budi)  # scanned at KOTA's desk, not on the ILL screen
    services.check_in_return(ill, budi, kota)
    assert ill.status == IllStatus.LOAN_COMPLETED
    assert _status("K-ILL-1") == ItemStatus.AVAILABLE
