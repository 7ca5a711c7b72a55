"""Today's status ("Buka" / "Tutup") in the public directory, with holidays and closures."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from simpul.libraries import services
from simpul.libraries.models import Library

WIB = ZoneInfo("Asia/Jakarta")


def _card(page: str, name: str) -> str:
    start = page.index(name)
    return page[start : page.index("</li>", start)]


@time_machine.travel(datetime(2026, 11, 24, 9, 30, tzinfo=WIB), tick=False)  # a Tuesday
def test_the_directory_shows_which_libraries_are_open_now(client, network):
    page = client.get(reverse("libraries:directory")).content.decode()
    assert "Buka" in _card(page, "Perpustakaan Daerah Kota Metro")
    assert "sampai pukul 12.00" in _card(page, "Perpustakaan Daerah Kota Metro")
    # TBM Cahaya Ilmu opens in the afternoon on weekdays.
    assert "buka pukul 15.00" in _card(page, "TBM Cahaya Ilmu")
    assert "Tutup" in _card(page, "TBM Pelangi Margorejo")


@time_machine.travel(datetime(2026, 12, 25, 10, 0, tzinfo=WIB), tick=False)
def test_a_national_holiday_closes_every_library_with_its_name(client, network):
    page = client.get(reverse("libraries:directory")).content.decode()
    for library in Library.objects.all():
        card = _card(page, library.name)
        assert "Tutup" in card
        assert "Hari Raya Natal" in card
    assert "status-open" not in page


@time_machine.travel(datetime(2026, 11, 24, 9, 30, tzinfo=WIB), tick=False)
def test_a_local_closure_closes_only_that_library(client, sman1):
    services.add_closure(sman1, date(2026, 11, 24), "Ujian akhir semester")
    page = client.get(reverse("libraries:directory")).content.decode()
    assert "Ujian akhir semester" in _card(page, "Perpustakaan SMA Negeri 1 Metro")
    assert "status-open" in _card(page, "Perpustakaan SMA Negeri 2 Metro")


def test_the_directory_filters_by_kind_and_words(client, network):
    page = client.get(reverse("libraries:directory"), {"jenis": "community"}).content.decode()
    assert "TBM Cahaya Ilmu" in page
    assert "SMA Negeri 1" not in page
    page = client.get(reverse("libraries:directory"), {"q": "margorejo"}).content.decode()
    assert "TBM Pelangi Margorejo" in page
    assert "TBM Cahaya Ilmu" not in page


def test_an_unknown_filter_value_is_ignored_not_an_error(client, network):
    response = client.get(reverse("libraries:directory"), {"jenis": "kapal-selam", "x": "1"})
    assert response.status_code == 200
    assert "TBM Cahaya Ilmu" in response.content.decode()


def test_htmx_gets_only_the_list(client, network):
    response = client.get(
        reverse("libraries:directory"), {"jenis": "school"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "SMA Negeri 2" in html


def test_the_directory_query_count_does_not_grow_with_the_network(
    client, network, django_assert_max_num_queries
):
    with django_assert_max_num_queries(4):
        client.get(reverse("libraries:directory"))
    for n in range(10):
        Library.objects.create(code=f"EXTRA{n}", name=f"Perpustakaan tambahan {n}", kind="school")
    with django_assert_max_num_queries(4):
        client.get(reverse("libraries:directory"))


@time_machine.travel(datetime(2026, 11, 23, 19, 0, tzinfo=WIB), tick=False)
def test_a_library_page_shows_week_hours_and_upcoming_closures(client, kota):
    services.add_closure(kota, date(2026, 12, 1), "Stok opname tahunan")
    page = client.get(reverse("libraries:detail", args=["KOTA"])).content.decode()
    assert "08.00–12.00, 13.00–18.00" in page
    assert "Stok opname tahunan" in page
    assert "Hari Raya Natal" in page  # within 60 days
    assert "tidak buka lagi hari ini" in page


def test_an_unknown_or_inactive_library_is_404(client, sman2):
    assert client.get(reverse("libraries:detail", args=["TIDAK-ADA"])).status_code == 404
    Library.objects.filter(pk=sman2.pk).update(is_active=False)
    assert client.get(reverse("libraries:detail", args=[sman2.code])).status_code == 404


@pytest.mark.parametrize(
    "code", ["%00", "A%00B", "A" * 300, "..%2Fetc", "%3Cscript%3E", "%E2%80%AE"]
)
def test_odd_library_codes_are_404_not_500(client, client_as, admin, code):
    assert client.get(f"/perpustakaan/{code}/").status_code == 404
    assert client_as(admin).get(f"/staf/perpustakaan/{code}/").status_code == 404


def test_odd_characters_in_the_directory_search_are_harmless(client, network):
    for words in ["\x00", "a\x00b", "%", "_", "' OR 1=1 --", "ñ" * 100]:
        assert client.get(reverse("libraries:directory"), {"q": words}).status_code == 200
