"""The scoping rule: staff see and change only their own libraries, through every URL."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.urls import reverse

from simpul.libraries import services
from simpul.libraries.models import Closure, Library, OpeningHours

OTHER_LIBRARY_PAGES = [
    ("libraries:staff-library", "get"),
    ("libraries:staff-edit", "get"),
    ("libraries:staff-edit", "post"),
    ("libraries:staff-hours", "get"),
    ("libraries:staff-hours", "post"),
    ("libraries:staff-closures", "get"),
    ("libraries:staff-closures", "post"),
]

HOSTILE_POSTS = {
    "libraries:staff-edit": {"name": "Diretas", "kind": "school", "city": "X", "province": "Y"},
    "libraries:staff-hours": {"d0_0_opens": "01:00", "d0_0_closes": "02:00"},
    "libraries:staff-closures": {"date": "2026-12-01", "name": "Diretas", "kind": "local"},
}


def _snapshot(library: Library) -> tuple[object, ...]:
    library.refresh_from_db()
    return (
        library.name,
        library.kind,
        list(library.opening_hours.values_list("weekday", "opens", "closes")),
        list(library.closures.values_list("date", "name")),
    )


@pytest.mark.parametrize(("url_name", "method"), OTHER_LIBRARY_PAGES)
@pytest.mark.parametrize(
    ("persona", "other_code"),
    [("rina", "SMAN2"), ("agus", "KOTA"), ("dewi", "SMAN1"), ("budi", "UMMETRO")],
    ids=["librarian", "library-admin", "admin-of-two", "desk"],
)
def test_staff_get_404_for_another_librarys_pages_and_change_nothing(
    request, client_as, persona, other_code, url_name, method
):
    person = request.getfixturevalue(persona)
    other = Library.objects.get(code=other_code)
    before = _snapshot(other)
    client = client_as(person)
    url = reverse(url_name, args=[other.code])
    if method == "post":
        response = client.post(url, HOSTILE_POSTS.get(url_name, {}))
    else:
        response = client.get(url)
    assert response.status_code == 404
    assert _snapshot(other) == before


def test_deleting_another_librarys_closure_through_its_own_url_is_refused(client_as, rina, sman2):
    closure = services.add_closure(sman2, date(2026, 12, 3), "Stok opname")
    client = client_as(rina)
    # Through the other library: it does not exist for her. Through her own: she may not change it.
    for code, status in ((sman2.code, 404), ("SMAN1", 403)):
        url = reverse("libraries:staff-closure-delete", args=[code, closure.pk])
        assert client.post(url).status_code == status
    assert Closure.objects.filter(pk=closure.pk).exists()


def test_a_library_admin_cannot_delete_another_librarys_closure_through_their_own_library(
    client_as, agus, sman1, sman2
):
    closure = services.add_closure(sman2, date(2026, 12, 3), "Stok opname")
    url = reverse("libraries:staff-closure-delete", args=[sman1.code, closure.pk])
    assert client_as(agus).post(url).status_code == 404
    assert Closure.objects.filter(pk=closure.pk).exists()


def test_a_librarian_sees_her_own_library_but_may_not_change_it(client_as, rina, sman1):
    client = client_as(rina)
    assert client.get(reverse("libraries:staff-library", args=[sman1.code])).status_code == 200
    before = _snapshot(sman1)
    for url_name, data in HOSTILE_POSTS.items():
        response = client.post(reverse(url_name, args=[sman1.code]), data)
        assert response.status_code == 403
        assert "Peran Anda tidak mengizinkan" in response.content.decode()
    assert _snapshot(sman1) == before


def test_the_staff_home_lists_only_the_staff_members_libraries(client_as, rina):
    page = client_as(rina).get(reverse("libraries:staff-home")).content.decode()
    assert "Perpustakaan SMA Negeri 1 Metro" in page
    assert "Perpustakaan SMA Negeri 2 Metro" not in page
    assert "Perpustakaan Daerah Kota Metro" not in page


def test_a_library_admin_changes_their_own_library(client_as, agus, sman1):
    client = client_as(agus)
    response = client.post(
        reverse("libraries:staff-edit", args=[sman1.code]),
        {
            "name": "Perpustakaan SMAN 1 Metro",
            "kind": "school",
            "city": "Kota Metro",
            "province": "Lampung",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    sman1.refresh_from_db()
    assert sman1.name == "Perpustakaan SMAN 1 Metro"


def test_the_network_admin_and_the_city_official_see_every_library(client_as, admin, hendra):
    for person in (admin, hendra):
        page = client_as(person).get(reverse("libraries:staff-home")).content.decode()
        for library in Library.objects.all():
            assert reverse("libraries:staff-library", args=[library.code]) in page


def test_a_city_official_reads_but_changes_nothing(client_as, hendra, sman2):
    client = client_as(hendra)
    assert client.get(reverse("libraries:staff-library", args=[sman2.code])).status_code == 200
    assert client.get(reverse("libraries:staff-edit", args=[sman2.code])).status_code == 403


def test_members_and_visitors_are_kept_out_of_the_staff_workspace(client, client_as, siti):
    url = reverse("libraries:staff-home")
    assert client.get(url).status_code == 302  # to the login page
    assert client_as(siti).get(url).status_code == 403


def test_only_network_admins_edit_national_holidays(client_as, agus, admin):
    holiday = Closure.objects.filter(library__isnull=True).first()
    assert client_as(agus).get(reverse("libraries:holidays")).status_code == 403
    response = client_as(agus).post(reverse("libraries:holiday-delete", args=[holiday.pk]))
    assert response.status_code == 403
    assert Closure.objects.filter(pk=holiday.pk).exists()
    assert client_as(admin).get(reverse("libraries:holidays")).status_code == 200


def test_only_network_admins_create_libraries(client_as, agus, admin):
    data = {
        "code": "SMAN9",
        "name": "Perpustakaan SMA Negeri 9",
        "kind": "school",
        "city": "Kota Metro",
        "province": "Lampung",
        "is_active": "on",
    }
    assert client_as(agus).post(reverse("libraries:staff-library-new"), data).status_code == 403
    assert not Library.objects.filter(code="SMAN9").exists()
    response = client_as(admin).post(reverse("libraries:staff-library-new"), data)
    assert response.status_code == 302
    assert Library.objects.filter(code="SMAN9").exists()


def test_hours_of_another_library_are_untouched_when_an_admin_edits_their_own(
    client_as, agus, sman1, sman2
):
    other = list(OpeningHours.objects.filter(library=sman2).values_list("opens", "closes"))
    response = client_as(agus).post(
        reverse("libraries:staff-hours", args=[sman1.code]),
        {"d0_0_opens": "07:00", "d0_0_closes": "15:00"},
    )
    assert response.status_code == 302
    assert list(sman1.opening_hours.values_list("weekday", "opens", "closes")) == [
        (0, time(7), time(15))
    ]
    assert list(OpeningHours.objects.filter(library=sman2).values_list("opens", "closes")) == other
