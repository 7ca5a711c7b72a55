"""A library administrator keeps the library's hours and closures; the admin keeps holidays."""

from datetime import date, time

from django.urls import reverse

from simpul.libraries import services
from simpul.libraries.models import Closure

HOURS_URL = "libraries:staff-hours"


def test_hours_with_a_closing_time_before_the_opening_time_are_refused_in_indonesian(
    client_as, agus, sman1
):
    before = list(sman1.opening_hours.values_list("weekday", "opens", "closes"))
    response = client_as(agus).post(
        reverse(HOURS_URL, args=[sman1.code]), {"d2_0_opens": "14:00", "d2_0_closes": "08:00"}
    )
    assert response.status_code == 200
    assert "Jam buka hari Rabu: jam tutup 08.00 harus setelah jam buka 14.00." in (
        response.content.decode()
    )
    assert list(sman1.opening_hours.values_list("weekday", "opens", "closes")) == before


def test_overlapping_sessions_are_refused_and_nothing_is_saved(client_as, agus, sman1):
    before = sman1.opening_hours.count()
    response = client_as(agus).post(
        reverse(HOURS_URL, args=[sman1.code]),
        {
            "d0_0_opens": "08:00",
            "d0_0_closes": "12:00",
            "d0_1_opens": "11:00",
            "d0_1_closes": "15:00",
        },
    )
    assert "bertumpuk" in response.content.decode()
    assert sman1.opening_hours.count() == before


def test_half_a_session_and_a_garbled_time_are_explained_per_field(client_as, agus, sman1):
    response = client_as(agus).post(
        reverse(HOURS_URL, args=[sman1.code]), {"d0_0_opens": "08:00", "d1_0_opens": "jam 8"}
    )
    html = response.content.decode()
    assert "Isi jam buka dan jam tutup, atau kosongkan keduanya." in html
    assert "Masukkan waktu yang valid." in html  # Django's own Indonesian message


def test_two_sessions_a_day_are_saved(client_as, agus, sman1):
    client_as(agus).post(
        reverse(HOURS_URL, args=[sman1.code]),
        {
            "d5_0_opens": "08:00",
            "d5_0_closes": "11:00",
            "d5_1_opens": "13:00",
            "d5_1_closes": "15:30",
        },
    )
    assert list(sman1.opening_hours.values_list("weekday", "opens", "closes")) == [
        (5, time(8), time(11)),
        (5, time(13), time(15, 30)),
    ]


def test_a_closure_is_added_with_htmx_and_a_duplicate_is_explained(client_as, agus, sman1):
    client = client_as(agus)
    url = reverse("libraries:staff-closures", args=[sman1.code])
    data = {"date": "2026-12-07", "name": "Stok opname", "kind": "local"}
    first = client.post(url, data, headers={"HX-Request": "true"})
    assert first.status_code == 200
    assert "<html" not in first.content.decode()
    assert "Stok opname" in first.content.decode()
    second = client.post(url, {**data, "name": "Rapat guru"})
    assert "Sudah ada hari tutup pada 7 Desember 2026: Stok opname." in second.content.decode()
    assert list(sman1.closures.values_list("name", flat=True)) == ["Stok opname"]


def test_a_closure_cannot_pose_as_a_national_holiday(client_as, agus, sman1):
    url = reverse("libraries:staff-closures", args=[sman1.code])
    client_as(agus).post(url, {"date": "2026-12-07", "name": "X", "kind": "national_holiday"})
    assert not sman1.closures.exists()


def test_a_library_admin_deletes_a_closure(client_as, agus, sman1):
    closure = services.add_closure(sman1, date(2026, 12, 7), "Stok opname")
    response = client_as(agus).post(
        reverse("libraries:staff-closure-delete", args=[sman1.code, closure.pk])
    )
    assert response.status_code == 302
    assert not Closure.objects.filter(pk=closure.pk).exists()


def test_deleting_needs_post(client_as, agus, sman1):
    closure = services.add_closure(sman1, date(2026, 12, 7), "Stok opname")
    url = reverse("libraries:staff-closure-delete", args=[sman1.code, closure.pk])
    assert client_as(agus).get(url).status_code == 405


def test_the_network_admin_moves_an_estimated_holiday(client_as, admin):
    holiday = Closure.objects.get(library__isnull=True, date=date(2027, 3, 10))
    assert "perkiraan" in holiday.note
    response = client_as(admin).post(
        reverse("libraries:holiday-edit", args=[holiday.pk]),
        {"date": "2027-03-11", "name": holiday.name, "kind": "national_holiday", "note": ""},
    )
    # 2027-03-11 already holds the second day of Idul Fitri: refused, named.
    assert "Sudah ada hari tutup pada 11 Maret 2027" in response.content.decode()
    response = client_as(admin).post(
        reverse("libraries:holiday-edit", args=[holiday.pk]),
        {"date": "2027-03-09", "name": holiday.name, "kind": "national_holiday", "note": ""},
    )
    assert response.status_code == 302
    holiday.refresh_from_db()
    assert (holiday.date, holiday.note) == (date(2027, 3, 9), "")


def test_the_network_admin_adds_a_collective_leave_day(client_as, admin):
    client_as(admin).post(
        reverse("libraries:holidays"),
        {"date": "2026-12-24", "name": "Cuti bersama Natal", "kind": "collective_leave"},
    )
    assert Closure.objects.get(library__isnull=True, date=date(2026, 12, 24)).kind == (
        "collective_leave"
    )


def test_an_invalid_library_form_says_what_is_wrong(client_as, agus, sman1):
    response = client_as(agus).post(
        reverse("libraries:staff-edit", args=[sman1.code]),
        {"name": "", "kind": "kapal", "latitude": "123", "email": "bukan-email"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="error"') >= 4
