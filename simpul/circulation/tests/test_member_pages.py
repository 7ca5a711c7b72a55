"""The member's own page: loans, renewing online, holds, fines and reading history."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from simpul.circulation import holds
from simpul.circulation.choices import FineKind
from simpul.circulation.models import Fine, Loan, Payment
from simpul.circulation.tests.hold_world import MONDAY, TODAY, book, copy, lend

LOANS = reverse("member_circulation:loans")
HISTORY = reverse("member_circulation:history")


@pytest.fixture(autouse=True)
def _monday(time_machine: Any) -> None:
    time_machine.move_to(MONDAY, tick=False)


@pytest.fixture
def shelf(kota: Any, sman1: Any) -> Any:
    book("Laskar Pelangi", (kota, "K-001"), (sman1, "S-001"))
    book("Bumi Manusia", (sman1, "S-002"))
    return book("Sejarah Kota Metro", (kota, "K-003"))


def test_the_account_page_links_to_loans_and_holds(client_as, siti, siti_member):
    page = client_as(siti).get(reverse("accounts:home")).content.decode()

    assert f'href="{LOANS}"' in page


def test_current_loans_show_their_due_dates_and_the_overdue_ones_stand_out(
    client_as, siti, siti_member, shelf
):
    lend(copy("S-001"), siti_member, TODAY + timedelta(days=5))
    lend(copy("S-002"), siti_member, TODAY - timedelta(days=3))

    page = client_as(siti).get(LOANS).content.decode()

    assert "Laskar Pelangi" in page
    assert "Kembalikan paling lambat Sabtu, 7 Maret 2026" in page
    assert 'class="card overdue"' in page
    assert "Terlambat 3 hari" in page
    assert page.index("Bumi Manusia") < page.index("Laskar Pelangi")  # the earliest due first


def test_holds_show_status_place_in_the_queue_pickup_and_last_day(
    client_as, time_machine, siti, siti_member, yoga_member, shelf, kota, sman1
):
    laskar = copy("K-001").record
    holds.place_hold(laskar, yoga_member, kota)
    time_machine.shift(timedelta(minutes=1))
    holds.place_hold(laskar, siti_member, sman1)
    holds.place_hold(shelf, siti_member, kota)
    holds.pull(copy("K-003"), kota)

    page = client_as(siti).get(LOANS).content.decode()

    assert "urutan ke-2" in page
    assert "ambil di Perpustakaan SMA Negeri 1 Metro" in page
    assert "Siap diambil" in page
    assert "ambil paling lambat Senin, 9 Maret 2026" in page


def test_fines_and_payments_add_up_to_what_is_still_owed(
    client_as, siti, siti_member, budi, shelf, sman1
):
    loan = lend(copy("S-001"), siti_member, TODAY - timedelta(days=30))
    fine = Fine.objects.create(
        member=siti_member, loan=loan, kind=FineKind.OVERDUE, amount=15000, library=sman1
    )
    Payment.objects.create(member=siti_member, fine=fine, amount=5000, library=sman1, by=budi)

    page = client_as(siti).get(LOANS).content.decode()

    assert "Sisa yang harus dibayar: Rp 10.000" in page
    assert "Rp 15.000" in page
    assert "Rp 5.000" in page


def test_the_loans_page_costs_the_same_few_queries_for_many_loans(
    client_as, siti, siti_member, sman1, django_assert_max_num_queries
):
    for n in range(8):
        title = book(f"Buku {n}", (sman1, f"X-{n}"))
        lend(copy(f"X-{n}"), siti_member, TODAY + timedelta(days=n))
        holds.place_hold(book(f"Pesanan {n}", (sman1, f"Y-{n}")), siti_member, sman1)
        assert title
    client = client_as(siti)

    with django_assert_max_num_queries(16):
        response = client.get(LOANS)

    assert response.content.decode().count('class="card') == 16


def test_a_member_renews_a_loan_online(client_as, siti, siti_member, shelf):
    loan = lend(copy("S-001"), siti_member, TODAY + timedelta(days=1))

    response = client_as(siti).post(
        reverse("member_circulation:renew", args=[loan.pk]), follow=True
    )

    loan.refresh_from_db()
    assert loan.due_on > TODAY + timedelta(days=1)
    assert loan.renewals_used == 1
    assert "diperpanjang sampai" in response.content.decode()


def test_a_loan_someone_waits_for_is_not_renewed_and_the_member_hears_why(
    client_as, siti, siti_member, yoga_member, shelf, kota
):
    loan = lend(copy("S-002"), siti_member, TODAY + timedelta(days=1))
    holds.place_hold(loan.item.record, yoga_member, kota)

    response = client_as(siti).post(
        reverse("member_circulation:renew", args=[loan.pk]), follow=True
    )

    assert Loan.objects.get(pk=loan.pk).due_on == TODAY + timedelta(days=1)
    assert "tidak dapat diperpanjang" in response.content.decode()


def test_nobody_renews_someone_elses_loan(client_as, siti, siti_member, yoga_member, shelf):
    theirs = lend(copy("K-001"), yoga_member, TODAY + timedelta(days=1))

    response = client_as(siti).post(reverse("member_circulation:renew", args=[theirs.pk]))

    assert response.status_code == 404
    assert Loan.objects.get(pk=theirs.pk).renewals_used == 0


def test_reading_history_is_shown_only_to_members_who_keep_it(
    client_as, siti, siti_member, shelf, sman1
):
    loan = lend(copy("S-001"), siti_member, TODAY - timedelta(days=3))
    Loan.objects.filter(pk=loan.pk).update(returned_at=timezone.now(), returned_library=sman1)
    client = client_as(siti)

    hidden = client.get(HISTORY).content.decode()
    assert "Riwayat bacaan Anda tidak disimpan" in hidden
    assert "Laskar Pelangi" not in hidden

    siti_member.keep_history = True
    siti_member.save()
    shown = client.get(HISTORY).content.decode()
    assert "Laskar Pelangi" in shown


def test_history_left_behind_before_the_choice_stays_hidden(
    client_as, siti, siti_member, shelf, sman1
):
    siti_member.keep_history = True
    siti_member.save()
    loan = lend(copy("S-001"), siti_member, TODAY - timedelta(days=3))
    Loan.objects.filter(pk=loan.pk).update(returned_at=timezone.now(), history_hidden=True)

    assert "Laskar Pelangi" not in client_as(siti).get(HISTORY).content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(LOANS)

    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_an_account_without_membership_hears_how_to_join(client_as, hendra):
    response = client_as(hendra).get(LOANS)

    assert response.status_code == 404
    assert "belum terhubung dengan keanggotaan" in response.content.decode()


def test_the_page_reads_in_english_too(client_as, siti, siti_member, shelf):
    lend(copy("S-001"), siti_member, TODAY + timedelta(days=5))
    client = client_as(siti)
    client.cookies["simpul_bahasa"] = "en"

    page = client.get(LOANS).content.decode()

    assert "My loans and holds" in page
    assert "Return by Saturday, 7 March 2026" in page


def test_a_membership_about_to_end_is_pointed_out(client_as, siti, siti_member):
    siti_member.expires_on = TODAY + timedelta(days=10)
    siti_member.save()

    page = client_as(siti).get(LOANS).content.decode()

    assert "Keanggotaan Anda berakhir pada 12 Maret 2026" in page
