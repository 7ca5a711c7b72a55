"""Who sees and changes which partner: network administrators everything, a library
administrator the partners of their own library (404 elsewhere), a city official reads
(403 on changes), a librarian has no partner screens (403)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simpul.network.models import Partner
from simpul.network.tests.partner_world import World, build


@pytest.fixture
def world(network) -> World:
    return build(network)


def test_the_network_administrator_sees_every_partner(client_as, admin, world):
    page = client_as(admin).get(reverse("partners:staff-list")).content.decode()
    assert "SMA Negeri 1 Metro" in page
    assert "PT Tani Makmur (CSR)" in page


def test_a_library_administrator_sees_only_the_partners_of_their_library(client_as, agus, world):
    page = client_as(agus).get(reverse("partners:staff-list")).content.decode()
    assert "SMA Negeri 1 Metro" in page
    assert "PT Tani Makmur" not in page


def test_a_partner_outside_the_library_administrators_scope_answers_404(client_as, agus, world):
    client = client_as(agus)
    slug = world.company.slug
    assert client.get(reverse("partners:staff-partner", args=[slug])).status_code == 404
    assert client.get(reverse("partners:staff-edit", args=[slug])).status_code == 404
    assert client.post(reverse("partners:contact-new", args=[slug]), {}).status_code == 404
    assert client.get(reverse("partners:agreement", args=[world.company_mou.pk])).status_code == 404
    document = reverse("partners:agreement-document", args=[world.company_mou.pk])
    assert client.get(document).status_code == 404


def test_a_library_administrator_manages_their_own_partner(client_as, agus, world):
    client = client_as(agus)
    assert client.get(reverse("partners:staff-edit", args=[world.school.slug])).status_code == 200
    page = client.get(reverse("partners:agreement", args=[world.school_pks.pk])).content.decode()
    assert reverse("partners:agreement-edit", args=[world.school_pks.pk]) in page


def test_the_city_official_reads_partners_but_may_not_change_them(client_as, hendra, world):
    client = client_as(hendra)
    slug = world.school.slug
    assert client.get(reverse("partners:staff-partner", args=[slug])).status_code == 200
    assert client.get(reverse("partners:staff-edit", args=[slug])).status_code == 403
    assert client.get(reverse("partners:staff-new")).status_code == 403
    assert client.get(reverse("partners:agreement-new")).status_code == 403
    status = reverse("partners:agreement-status", args=[world.school_pks.pk])
    assert client.post(status, {"status": "terminated", "expected": "active"}).status_code == 403
    page = client.get(reverse("partners:staff-partner", args=[slug])).content.decode()
    assert reverse("partners:staff-edit", args=[slug]) not in page


def test_a_librarian_has_no_partner_screens(client_as, rina, world):
    client = client_as(rina)
    assert client.get(reverse("partners:staff-list")).status_code == 403
    assert client.get(reverse("partners:agreements")).status_code == 403
    assert (
        client.get(reverse("partners:staff-partner", args=[world.school.slug])).status_code == 404
    )


def test_people_who_are_not_signed_in_are_sent_to_the_login_page(client, world):
    response = client.get(reverse("partners:staff-list"))
    assert response.status_code == 302
    assert "/masuk/" in response["Location"] or "login" in response["Location"]


def test_the_staff_navigation_links_the_partner_area_only_for_those_who_may_see_it(
    client_as, agus, rina, network
):
    link = reverse("partners:staff-list")
    assert link in client_as(agus).get(reverse("libraries:staff-home")).content.decode()
    assert link not in client_as(rina).get(reverse("libraries:staff-home")).content.decode()


def test_a_library_administrator_must_link_a_new_partner_to_their_own_library(
    client_as, agus, sman1, kota, network
):
    client = client_as(agus)
    page = client.get(reverse("partners:staff-new")).content.decode()
    assert f'value="{sman1.pk}"' in page
    assert f'value="{kota.pk}"' not in page
    form = {"name": "SMP Negeri 3 Metro", "kind": "school", "country": "Indonesia", "token": "t1"}
    response = client.post(reverse("partners:staff-new"), form)
    assert response.status_code == 200
    assert "Pilih paling sedikit satu perpustakaan Anda" in response.content.decode()
    response = client.post(reverse("partners:staff-new"), {**form, "libraries": [kota.pk]})
    assert response.status_code == 200  # not a choice they are offered
    assert not Partner.objects.filter(name="SMP Negeri 3 Metro").exists()


def test_editing_keeps_the_links_to_libraries_outside_the_editors_scope(
    client_as, agus, sman1, kota, world
):
    world.school.libraries.add(kota)
    form = {
        "name": "SMA Negeri 1 Metro",
        "kind": "school",
        "city": "Kota Metro",
        "country": "Indonesia",
        "is_active": "on",
        "libraries": [sman1.pk],
        "notes": "Kepala sekolah baru sejak Januari.",
    }
    response = client_as(agus).post(reverse("partners:staff-edit", args=[world.school.slug]), form)
    assert response.status_code == 302
    world.school.refresh_from_db()
    assert set(world.school.libraries.all()) == {sman1, kota}
    assert world.school.notes == "Kepala sekolah baru sejak Januari."
