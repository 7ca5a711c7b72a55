"""A borrowed copy is renewed through interlibrary loan only. At SMA N 1's desk (Agus) and on
Siti's own loans page the ordinary renewal of the city library's copy she borrowed (or of a
peer's book's stand-in) is refused with the reason, so the lender's date is never exceeded;
asking the lender, on her interlibrary loan page or by staff, still extends her loan. Back home
at the city library, the loan over, the copy renews like any other."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from simpul.circulation import borrowed
from simpul.circulation import services as circulation
from simpul.circulation.choices import Action
from simpul.circulation.errors import RenewThroughInterlibraryLoan
from simpul.circulation.locks import lock_item
from simpul.circulation.models import Event, Loan
from simpul.circulation.tests.hold_world import book, copy, lend
from simpul.network.ill import due_dates, services
from simpul.network.ill.models import IllRequest
from simpul.network.ill.tests.world import a_peer, deliver, from_peer, membership

pytestmark = pytest.mark.django_db
REASON = "Minta perpanjangan lewat pinjam antarperpustakaan"


def _loan(ill: IllRequest) -> Loan:
    return Loan.objects.get(item=ill.item, returned_at__isnull=True)


@pytest.fixture
def at_sman1_desk(client_as: Any, agus: Any, siti_member: Any) -> Client:
    """Agus (SMA N 1's administrator, who may override) at its desk, serving Siti."""
    client: Client = client_as(agus)
    client.post(reverse("circulation:scan", args=["SMAN1"]), {"kode": siti_member.number})
    return client


def test_the_desk_refuses_to_renew_a_borrowed_copy_and_says_why(
    at_sman1_desk: Client, siti_has_it: IllRequest
) -> None:
    loan = _loan(siti_has_it)
    page = at_sman1_desk.post(
        reverse("circulation:renew", args=["SMAN1", loan.pk]), {"override": "1"}, follow=True
    )
    assert page.status_code == 200
    assert REASON in page.text
    assert siti_has_it.request_id in page.text
    fresh = Loan.objects.get(pk=loan.pk)
    assert (fresh.due_on, fresh.renewals_used) == (loan.due_on, 0)
    assert not Event.objects.filter(action=Action.RENEW).exists()


def test_siti_cannot_renew_it_on_her_loans_page(
    client_as: Any, siti: Any, siti_has_it: IllRequest
) -> None:
    loan = _loan(siti_has_it)
    page = client_as(siti).post(reverse("member_circulation:renew", args=[loan.pk]), follow=True)
    assert page.status_code == 200
    assert REASON in page.text
    assert Loan.objects.get(pk=loan.pk).due_on == loan.due_on


def test_her_loans_page_offers_no_renewal_of_it_but_says_where_to_ask(
    client_as: Any, siti: Any, siti_member: Any, siti_has_it: IllRequest, sman1: Any
) -> None:
    book("Laskar Pelangi", (sman1, "S-900"))
    own = lend(copy("S-900"), siti_member, timezone.localdate() + timedelta(days=3))
    borrowed = _loan(siti_has_it)
    page = client_as(siti).get(reverse("member_circulation:loans")).text
    card = page.split(f'id="pinjaman-{borrowed.pk}"')[1].split("</li>")[0]
    assert siti_has_it.request_id in card
    assert "perpanjangan diminta kepada pemiliknya" in card
    assert reverse("ill:mine") in card
    assert reverse("member_circulation:renew", args=[borrowed.pk]) not in page
    assert reverse("member_circulation:renew", args=[own.pk]) in page


def test_the_stand_in_of_a_peers_book_is_refused_too(
    client: Any, siti_member: Any, rina: Any, agus: Any, sman1: Any
) -> None:
    ill = services.request_from_peer(siti_member, a_peer(), title="Ayat-Ayat Cinta")
    deliver(client, from_peer(ill, "Loaned", due=timezone.localdate() + timedelta(days=30)))
    ill.refresh_from_db()
    services.receive(ill, rina, sman1)
    loan = services.lend_to_member(ill, rina, sman1).loan
    with pytest.raises(RenewThroughInterlibraryLoan, match="Perpustakaan Kota Lain"):
        circulation.renew(loan, agus, sman1, override=True, today=loan.due_on)


def test_renewing_through_interlibrary_loan_still_extends_the_loan(
    at_sman1_desk: Client, siti_has_it: IllRequest, rina: Any, budi: Any, sman1: Any, kota: Any
) -> None:
    ill = siti_has_it
    due_dates.ask_renewal(ill, rina, sman1)
    new_due = timezone.localdate() + timedelta(days=50)
    due_dates.answer_renewal(ill, budi, kota, yes=True, due=new_due)
    assert _loan(ill).due_on == new_due
    page = at_sman1_desk.post(reverse("circulation:renew", args=["SMAN1", _loan(ill).pk]))
    assert page.status_code == 302
    assert _loan(ill).due_on == new_due  # the desk still may not go past it


def test_once_home_the_copy_renews_like_any_other(
    siti_has_it: IllRequest, rina: Any, budi: Any, dewi: Any, sman1: Any, kota: Any
) -> None:
    ill = siti_has_it
    assert ill.item is not None
    circulation.checkin(ill.item.barcode, sman1, rina)
    services.ship_return(ill, rina, sman1)
    services.check_in_return(ill, budi, kota)
    yoga = membership(None, kota, "M-KOTA-1")
    today = timezone.localdate()
    loan = circulation.checkout(ill.item.barcode, yoga, kota, budi, today=today).loan
    renewed = circulation.renew(loan, dewi, kota, override=True, today=today + timedelta(days=7))
    assert renewed.due_on > loan.due_on


def test_the_desk_item_read_flags_a_copy_an_interlibrary_loan_lends(
    siti_has_it: IllRequest, kota: Any
) -> None:
    """locks.lock_item's ``lent``: true while the loan is out, so checkout, renewal and
    check-in ask for it; false for a copy of the library's own, so they make no such query."""
    book("Negeri 5 Menara", (kota, "K-OWN-1"))
    own = copy("K-OWN-1")

    assert lock_item(siti_has_it.item.barcode).lent
    assert not lock_item(own.barcode).lent
    with CaptureQueriesContext(connection) as queries:
        assert borrowed.borrowing(lock_item(own.barcode)) is None
    assert len(queries) == 1  # the item read alone
