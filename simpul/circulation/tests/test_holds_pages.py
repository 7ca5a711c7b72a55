"""Holds on the web: "Pesan" on the record page, cancelling, and the staff pull list."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse

from simpul.catalog.choices import ItemStatus
from simpul.circulation import holds
from simpul.circulation.choices import HoldStatus
from simpul.circulation.models import Hold
from simpul.circulation.tests.hold_world import MONDAY, TODAY, book, copy, lend


@pytest.fixture(autouse=True)
def _monday(time_machine: Any) -> None:
    time_machine.move_to(MONDAY, tick=False)


@pytest.fixture
def laskar(kota: Any, sman1: Any) -> Any:
    return book("Laskar Pelangi", (kota, "K-001"), (sman1, "S-001"))


def record_page(client: Any, record: Any) -> str:
    response = client.get(reverse("catalog:record", args=[record.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_get_a_link_to_sign_in_and_come_back(client, laskar):
    page = record_page(client, laskar)

    assert f'href="/masuk/?next=/katalog/{laskar.pk}/"' in page
    assert 'name="pickup"' not in page


def test_a_member_sees_pesan_with_their_own_library_chosen(client_as, siti, siti_member, laskar):
    page = record_page(client_as(siti), laskar)

    assert ">Pesan</button>" in page
    assert f'<option value="{siti_member.home_library_id}" selected>' in page
    assert (
        "Perpustakaan SMA Negeri 2 Metro"
        not in page.split('name="pickup"')[1].split("</select>")[0]
    )


def test_the_record_page_asks_a_few_queries_for_the_hold_panel(
    client_as, siti, siti_member, laskar, django_assert_max_num_queries
):
    client = client_as(siti)
    with django_assert_max_num_queries(14):
        record_page(client, laskar)


def test_placing_a_hold_queues_the_member_and_says_where(
    client_as, siti, siti_member, laskar, kota
):
    client = client_as(siti)
    url = reverse("member_circulation:hold-place", args=[laskar.pk])

    response = client.post(url, {"pickup": kota.pk}, follow=True)

    hold = Hold.objects.get()
    assert (hold.member, hold.pickup_library, hold.status) == (siti_member, kota, "waiting")
    page = response.content.decode()
    assert "Anda urutan ke-1 di antrean" in page
    assert "Perpustakaan Daerah Kota Metro" in page
    assert "Anda sudah memesan buku ini" in page  # the panel now says so instead of the form

    again = client.post(url, {"pickup": kota.pk}, follow=True).content.decode()
    assert "Anda sudah memesan “Laskar Pelangi”" in again
    assert Hold.objects.count() == 1


def test_a_member_whose_card_expired_sees_why_and_cannot_hold(
    client_as, siti, siti_member, laskar, sman1
):
    siti_member.expires_on = TODAY - timedelta(days=3)
    siti_member.save()
    client = client_as(siti)

    assert "Keanggotaan Anda berakhir pada 27 Februari 2026" in record_page(client, laskar)
    client.post(reverse("member_circulation:hold-place", args=[laskar.pk]), {"pickup": sman1.pk})
    assert not Hold.objects.exists()


def test_a_pickup_library_outside_the_offer_is_not_accepted(
    client_as, siti, siti_member, laskar, sman2
):
    response = client_as(siti).post(
        reverse("member_circulation:hold-place", args=[laskar.pk]), {"pickup": sman2.pk}
    )

    assert response.status_code == 200  # the form again, with the error
    assert not Hold.objects.exists()


def test_an_anonymous_post_goes_to_the_login_page(client, laskar, sman1):
    response = client.post(
        reverse("member_circulation:hold-place", args=[laskar.pk]), {"pickup": sman1.pk}
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/masuk/")


def test_a_member_cancels_their_hold_but_not_someone_elses(
    client_as, siti, siti_member, yoga_member, laskar, sman1, kota
):
    mine = holds.place_hold(laskar, siti_member, sman1)
    theirs = holds.place_hold(laskar, yoga_member, kota)
    client = client_as(siti)

    other = client.post(reverse("member_circulation:hold-cancel", args=[theirs.pk]))
    response = client.post(reverse("member_circulation:hold-cancel", args=[mine.pk]), follow=True)

    assert other.status_code == 404
    assert Hold.objects.get(pk=theirs.pk).status == HoldStatus.WAITING
    assert Hold.objects.get(pk=mine.pk).status == HoldStatus.CANCELLED
    assert "Reservasi “Laskar Pelangi” dibatalkan." in response.content.decode()


def test_the_pull_list_shows_waiting_holds_a_copy_on_this_shelf_can_fill(
    client_as, budi, siti_member, yoga_member, laskar, sman1, kota, django_assert_max_num_queries
):
    holds.place_hold(laskar, siti_member, sman1)
    other = book("Bumi Manusia", (sman1, "S-900"))
    holds.place_hold(other, yoga_member, kota)  # its only copy is at SMA N 1, not here
    client = client_as(budi)
    url = reverse("member_circulation:pull-list", args=["KOTA"])

    with django_assert_max_num_queries(20):
        page = client.get(url).content.decode()

    assert "K-001" in page
    assert "Siti Rahmawati (M-0001)" in page
    assert "Bumi Manusia" not in page


def test_staff_set_a_copy_aside_from_the_pull_list(
    client_as, budi, siti_member, laskar, sman1, kota
):
    hold = holds.place_hold(laskar, siti_member, sman1)
    client = client_as(budi)

    response = client.post(
        reverse("member_circulation:pull", args=["KOTA"]), {"barcode": "K-001"}, follow=True
    )

    hold.refresh_from_db()
    assert (hold.status, hold.item.barcode) == (HoldStatus.IN_TRANSIT, "K-001")
    assert copy("K-001").status == ItemStatus.IN_TRANSIT
    assert "kirim ke Perpustakaan SMA Negeri 1 Metro" in response.content.decode()


def test_the_hold_shelf_lists_what_waits_for_collection_with_its_last_day(
    client_as, budi, yoga_member, laskar, kota
):
    holds.place_hold(laskar, yoga_member, kota)
    holds.pull(copy("K-001"), kota)

    page = client_as(budi).get(reverse("member_circulation:pull-list", args=["KOTA"]))

    assert "Senin, 9 Maret 2026" in page.content.decode()


def test_the_pull_list_is_for_desk_staff_of_that_library(client_as, rina, budi, sman1):
    assert (
        client_as(rina).get(reverse("member_circulation:pull-list", args=["SMAN1"])).status_code
        == 403
    )
    assert (
        client_as(budi).get(reverse("member_circulation:pull-list", args=["SMAN1"])).status_code
        == 404
    )


def test_a_copy_not_on_the_shelf_cannot_be_pulled(client_as, budi, yoga_member, laskar, kota):
    lend(copy("K-001"), yoga_member, TODAY)

    response = client_as(budi).post(
        reverse("member_circulation:pull", args=["KOTA"]), {"barcode": "K-001"}, follow=True
    )

    assert "tidak ada di rak" in response.content.decode()
