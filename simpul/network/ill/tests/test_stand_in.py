"""A peer server's book lent to a member here: SMA N 1 borrows “Ayat-Ayat Cinta” for Siti from
Perpustakaan Kota Lain (another ISO 18626 server). When Rina records Received a stand-in copy
is made at SMA N 1, once; the desk lends it to Siti never past the lender's date, the peer's
renewal and recall move her loan, she returns it, and Rina ships it back: the stand-in leaves
the collection with its history. Nobody else may hold or borrow it meanwhile."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.catalog.choices import ItemStatus
from simpul.catalog.indexing import documents
from simpul.catalog.models import Item, ItemStatusChange
from simpul.circulation.errors import Blocked, NoCopyForHold
from simpul.circulation.holds import place_hold
from simpul.circulation.models import Loan
from simpul.circulation.services import checkin, checkout
from simpul.network.ill import due_dates, errors, services, stand_in
from simpul.network.ill.choices import IllAction, IllStatus
from simpul.network.ill.models import IllPeer, IllRequest, OutgoingMessage
from simpul.network.ill.tests.world import a_peer, deliver, from_peer, membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def peer(network: Any) -> IllPeer:
    return a_peer()


@pytest.fixture
def shipped(client: Any, peer: IllPeer, siti_member: Any) -> IllRequest:
    """Siti's request to the peer, which shipped the book due back in twenty days."""
    ill = services.request_from_peer(
        siti_member, peer, title="Ayat-Ayat Cinta", author="Habiburrahman El Shirazy"
    )
    deliver(client, from_peer(ill, "Loaned", due=timezone.localdate() + timedelta(days=20)))
    ill.refresh_from_db()
    return ill


@pytest.fixture
def received(shipped: IllRequest, rina: Any, sman1: Any) -> IllRequest:
    services.receive(shipped, rina, sman1)
    shipped.refresh_from_db()
    return shipped


@pytest.fixture
def siti_has_the_stand_in(received: IllRequest, rina: Any, sman1: Any) -> Loan:
    loan: Loan = services.lend_to_member(received, rina, sman1).loan
    return loan


def _sent(ill: IllRequest, action: str) -> int:
    return OutgoingMessage.objects.filter(request=ill, body__contains=f">{action}<").count()


def test_receiving_the_peers_book_makes_one_stand_in_on_the_hold_shelf(
    shipped: IllRequest, rina: Any, sman1: Any
) -> None:
    stale = IllRequest.objects.get(pk=shipped.pk)
    services.receive(shipped, rina, sman1)
    services.receive(stale, rina, sman1)  # the double click
    services.receive(shipped, rina, sman1)  # and a retry

    item = Item.objects.get(barcode=f"ILL-{shipped.request_id}")
    shipped.refresh_from_db()
    assert shipped.item == item
    assert shipped.has_stand_in
    assert (item.library, item.status) == (sman1, ItemStatus.ON_HOLD_SHELF)
    assert shipped.request_id in item.location
    assert "Perpustakaan Kota Lain" in item.location
    record = item.record
    assert (shipped.record, record.library) == (record, None)  # nobody's holding
    assert (record.title, record.authors) == ("Ayat-Ayat Cinta", ["Habiburrahman El Shirazy"])
    assert "Eksemplar sementara pinjam antarperpustakaan" in record.notes[0]
    assert Item.objects.filter(record=record).count() == 1
    assert _sent(shipped, IllAction.RECEIVED) == 1
    assert shipped.events.filter(message__contains="Eksemplar sementara").count() == 1


def test_a_request_received_before_stand_ins_existed_gets_one_when_received_again(
    shipped: IllRequest, rina: Any, sman1: Any
) -> None:
    services.record_action(shipped, IllAction.RECEIVED, by=rina, library=sman1)
    assert shipped.item is None
    services.receive(shipped, rina, sman1)
    services.receive(shipped, rina, sman1)
    assert Item.objects.filter(barcode__startswith="ILL-").count() == 1
    assert _sent(shipped, IllAction.RECEIVED) == 1


def test_the_desk_lends_it_to_siti_for_no_longer_than_the_lender_allows(
    client: Any, peer: IllPeer, siti_member: Any, rina: Any, agus: Any, sman1: Any
) -> None:
    ill = services.request_from_peer(siti_member, peer, title="Ayat-Ayat Cinta")
    soon = timezone.localdate() + timedelta(days=5)  # sooner than SMA N 1's 14 days
    deliver(client, from_peer(ill, "Loaned", due=soon))
    ill.refresh_from_db()
    services.receive(ill, rina, sman1)
    ill.refresh_from_db()
    assert ill.item is not None

    client.force_login(rina)
    page = client.get(reverse("ill:staff-request", args=["SMAN1", ill.pk])).text
    assert "Pinjamkan ke anggota" in page
    assert f"ILL-{ill.request_id}" in page
    # The desk scans the stand-in's barcode for Siti, as for any book.
    loan = checkout(ill.item.barcode, siti_member, sman1, agus).loan
    assert loan.due_on == soon
    assert services.lend_to_member(ill, rina, sman1).created is False  # already hers


def test_nobody_else_may_hold_or_borrow_the_stand_in(
    received: IllRequest, agus: Any, sman1: Any, client_as: Any, siti: Any
) -> None:
    dewi = membership(None, sman1, "M-ILL-OTHER")
    assert received.item is not None
    with pytest.raises(NoCopyForHold):
        place_hold(received.item.record, dewi, sman1)
    with pytest.raises(Blocked, match="untuk anggota lain"):
        checkout(received.item.barcode, dewi, sman1, agus)
    page = client_as(siti).get(reverse("catalog:record", args=[received.item.record_id]))
    assert page.status_code == 200
    assert "hold-panel" not in page.text  # no "Pesan buku ini" for a stand-in
    assert documents([received.item.record]) == []  # suppressed: not in the search at all


def test_the_peers_yes_extends_sitis_loan_and_its_recall_shortens_it(
    client: Any, received: IllRequest, siti_has_the_stand_in: Loan, rina: Any, sman1: Any
) -> None:
    today, loan = timezone.localdate(), siti_has_the_stand_in
    due_dates.ask_renewal(received, rina, sman1)
    later = today + timedelta(days=40)
    deliver(
        client,
        from_peer(received, "Loaned", due=later, reason_for_message="RenewResponse", answer="Y"),
    )
    loan.refresh_from_db()
    assert loan.due_on == later

    deliver(client, from_peer(received, "Recalled", due=today + timedelta(days=2), note="Pameran"))
    loan.refresh_from_db()
    assert loan.due_on <= today + timedelta(days=2)


def test_returned_and_shipped_back_the_stand_in_leaves_the_collection_with_its_history(
    client: Any, received: IllRequest, siti_has_the_stand_in: Loan, rina: Any, sman1: Any
) -> None:
    ill, loan = received, siti_has_the_stand_in
    assert ill.item is not None
    with pytest.raises(errors.StillOnLoan):
        services.ship_return(ill, rina, sman1)

    back = checkin(ill.item.barcode, sman1, rina)  # Siti brings it back to the desk
    assert back.borrowing is not None
    assert back.borrowing.stand_in
    ill.item.refresh_from_db()
    assert ill.item.status == ItemStatus.IN_TRANSIT  # not the shelf: it goes to its lender

    services.ship_return(ill, rina, sman1)
    services.ship_return(IllRequest.objects.get(pk=ill.pk), rina, sman1)  # pressed twice
    ill.refresh_from_db()
    assert ill.returned_at is not None
    item = Item.objects.get(pk=ill.item_id)
    assert item.status == ItemStatus.WITHDRAWN
    assert _sent(ill, IllAction.SHIPPED_RETURN) == 1
    loan.refresh_from_db()
    assert (loan.item_id, loan.returned_library) == (item.pk, sman1)  # history kept
    last = ItemStatusChange.objects.filter(item=item).order_by("pk").last()
    assert last is not None
    assert (last.old_status, last.new_status) == (ItemStatus.AVAILABLE, ItemStatus.WITHDRAWN)
    assert checkin(item.barcode, sman1, rina).note  # scanned again: nothing moves
    assert documents([item.record]) == []  # its record is suppressed: in no search at all

    deliver(client, from_peer(ill, "LoanCompleted"))
    ill.refresh_from_db()
    assert ill.status == IllStatus.LOAN_COMPLETED


def test_the_lender_closing_the_loan_withdraws_a_stand_in_nobody_collected(
    client: Any, received: IllRequest
) -> None:
    deliver(client, from_peer(received, "CompletedWithoutReturn", note="Ditutup pemilik"))
    received.refresh_from_db()
    assert received.status == IllStatus.COMPLETED_WITHOUT_RETURN
    assert received.item is not None
    assert received.item.status == ItemStatus.WITHDRAWN


def test_staff_take_the_stand_in_through_the_buttons(
    client: Any, shipped: IllRequest, rina: Any, sman1: Any
) -> None:
    client.force_login(rina)
    for verb in ("receive", "lend"):
        done = client.post(reverse("ill:staff-act", args=["SMAN1", shipped.pk, verb]), follow=True)
        assert done.status_code == 200
    shipped.refresh_from_db()
    assert shipped.item is not None
    assert Loan.objects.get(item=shipped.item, returned_at__isnull=True).member == shipped.member
    assert stand_in.retire(shipped, rina) is False  # on loan: the desk takes it back first


def test_shipping_back_loses_to_a_desk_that_lent_the_stand_in_a_moment_before(
    monkeypatch: pytest.MonkeyPatch, received: IllRequest, siti_member: Any, rina: Any, sman1: Any
) -> None:
    real_retire = stand_in.retire

    def desk_first(ill: IllRequest, by: Any) -> bool:  # the desk's checkout commits in between
        assert ill.item is not None
        checkout(ill.item.barcode, siti_member, sman1, rina)
        return real_retire(ill, by)

    monkeypatch.setattr(stand_in, "retire", desk_first)
    with pytest.raises(errors.StillOnLoan):
        services.ship_return(received, rina, sman1)
    received.refresh_from_db()
    assert received.returned_at is None
    assert _sent(received, IllAction.SHIPPED_RETURN) == 0
