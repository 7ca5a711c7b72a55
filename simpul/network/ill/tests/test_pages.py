"""The member's and the staff's interlibrary loan pages, and the dashboard."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from simpul.network.ill import services
from simpul.network.ill.choices import IllStatus
from simpul.network.ill.models import IllRequest
from simpul.network.ill.stats import dashboard

pytestmark = pytest.mark.django_db


def test_a_member_finds_a_title_and_asks_for_it(
    client_as: Any, siti: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    client = client_as(siti)
    page = client.get(reverse("ill:mine"), {"q": "pemimpi"})
    assert reverse("ill:ask", args=[sang_pemimpi.pk]) in page.text
    ask = client.get(reverse("ill:ask", args=[sang_pemimpi.pk]))
    assert "Perpustakaan Daerah Kota Metro" in ask.text
    response = client.post(reverse("ill:ask", args=[sang_pemimpi.pk]), follow=True)
    ill = IllRequest.objects.get(member=siti_member)
    assert ill.request_id in response.text
    assert "Permintaan diterima" in response.text


def test_asking_twice_shows_a_clear_error(
    client_as: Any, siti: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    client = client_as(siti)
    client.post(reverse("ill:ask", args=[sang_pemimpi.pk]))
    response = client.post(reverse("ill:ask", args=[sang_pemimpi.pk]))
    assert response.status_code == 200
    assert "sudah punya permintaan" in response.text
    assert IllRequest.objects.count() == 1


def test_a_member_cancels_from_their_page(
    client_as: Any, siti: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    client_as(siti).post(reverse("ill:cancel", args=[ill.pk]))
    ill.refresh_from_db()
    assert ill.status == IllStatus.CANCELLED


def test_staff_move_a_request_with_the_buttons(
    client: Any, budi: Any, rina: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    client.force_login(budi)
    page = client.get(reverse("ill:staff-request", args=["KOTA", ill.pk]))
    assert "Kirim eksemplar" in page.text
    client.post(reverse("ill:staff-act", args=["KOTA", ill.pk, "ship"]))
    client.post(reverse("ill:staff-act", args=["KOTA", ill.pk, "ship"]))  # a double click
    ill.refresh_from_db()
    assert ill.status == IllStatus.LOANED
    assert ill.events.filter(status=IllStatus.LOANED).count() == 1
    client.force_login(rina)
    response = client.post(reverse("ill:staff-act", args=["SMAN1", ill.pk, "receive"]), follow=True)
    assert "Terima kiriman: selesai." in response.text
    assert "Pinjamkan ke anggota" in response.text


def test_a_step_not_offered_is_refused_with_a_message(
    client: Any, rina: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    client.force_login(rina)  # SMA N 1 asked; only the lender ships
    response = client.post(reverse("ill:staff-act", args=["SMAN1", ill.pk, "ship"]), follow=True)
    assert "tidak dapat dilakukan sekarang" in response.text
    ill.refresh_from_db()
    assert ill.status == IllStatus.REQUEST_RECEIVED


def test_another_librarys_staff_do_not_see_the_request(
    client: Any, rina: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    ill = services.request_title(siti_member, sang_pemimpi, by=None)
    client.force_login(rina)
    assert client.get(reverse("ill:staff-request", args=["KOTA", ill.pk])).status_code == 404


def test_the_list_page_has_a_query_ceiling(
    client: Any, budi: Any, siti_member: Any, kota: Any, django_assert_max_num_queries: Any
) -> None:
    from simpul.network.ill.tests.world import book

    for number in range(5):
        record = book(f"Judul {number}", (kota, f"K-LIST-{number}"))
        services.request_title(siti_member, record, by=None)
    client.force_login(budi)
    client.get(reverse("ill:staff-list", args=["KOTA"]))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("ill:staff-list", args=["KOTA"]))
    assert page.text.count("Judul ") >= 5


def test_the_dashboard_counts_fill_rate_and_turnaround(
    client: Any, admin: Any, budi: Any, rina: Any, siti_member: Any, kota: Any, sman1: Any
) -> None:
    from simpul.network.ill.tests.world import book

    filled = services.request_title(siti_member, book("A", (kota, "K-D-1")), by=None)
    declined = services.request_title(siti_member, book("B", (kota, "K-D-2")), by=None)
    services.request_title(siti_member, book("C", (kota, "K-D-3")), by=None)
    services.ship(filled, budi, kota)
    services.receive(filled, rina, sman1)
    services.decline(declined, budi, kota, "Rusak")
    board = dashboard(IllRequest.objects.all())
    assert (board.total, board.filled, board.unfilled, board.fill_rate) == (3, 1, 1, 0.5)
    assert board.days_to_receive == 0.0
    assert dict(board.open_by_status) == {"Permintaan diterima": 1, "Dikirim/dipinjamkan": 1}
    client.force_login(budi)
    assert "50%" in client.get(reverse("ill:dashboard", args=["KOTA"])).text
    client.force_login(admin)
    assert "50%" in client.get(reverse("ill:network-dashboard")).text
