"""The public partner pages: who the network works with, their agreements in force and the
libraries they work with; never contacts, drafts or signed documents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simpul.network import services
from simpul.network.choices import AgreementStatus
from simpul.network.tests.partner_world import World, agreement, build, partner


@pytest.fixture
def world(network) -> World:
    return build(network)


def test_the_partner_list_shows_active_partners(client, world):
    services.change_partner(
        world.company,
        {"name": world.company.name, "kind": world.company.kind, "is_active": False},
        libraries=world.company.libraries.all(),
    )
    page = client.get("/mitra/").content.decode()
    assert "SMA Negeri 1 Metro" in page
    assert "PT Tani Makmur" not in page
    assert client.get(reverse("partners:detail", args=[world.company.slug])).status_code == 404


def test_the_partner_list_filters_by_kind(client, world):
    page = client.get("/mitra/", {"jenis": "company"}).content.decode()
    assert "PT Tani Makmur" in page
    assert "SMA Negeri 1 Metro" not in page


def test_a_partner_page_lists_its_agreements_in_force_and_its_libraries(client, world, network):
    services.add_contact(
        world.school, {"name": "Drs. Suharto", "position": "", "email": "s@x.example", "phone": ""}
    )
    agreement("DRAF-01", world.school, library=network.libraries["KOTA"], title="Rancangan rahasia")
    agreement(
        "LAMA-2020",
        world.school,
        library=network.libraries["KOTA"],
        title="Kerja sama lama",
        status=AgreementStatus.TERMINATED,
    )
    page = client.get(f"/mitra/{world.school.slug}/").content.decode()
    assert "045/PKS/SMAN1/2025" in page
    assert "Berbagi sumber daya, Pelatihan" in page
    assert "1 Juli 2025" in page
    assert "30 Juni 2027" in page
    assert "Perpustakaan SMA Negeri 1 Metro" in page
    assert "Rancangan rahasia" not in page
    assert "Kerja sama lama" not in page
    assert "Drs. Suharto" not in page
    assert ".pdf" not in page
    assert "dokumen" not in page.lower()


def test_a_partner_without_agreements_or_programs_shows_no_empty_sections(client, network):
    community = partner("Komunitas Pecinta Buku Metro", kind="community")
    response = client.get(f"/mitra/{community.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Saat ini tidak ada perjanjian yang berlaku." in page
    assert "program" not in page.lower()
    assert "Perpustakaan yang bekerja sama" not in page


def test_the_public_pages_cost_a_fixed_number_of_queries(
    client, world, network, django_assert_max_num_queries
):
    for n in range(6):
        extra = partner(f"Sekolah Mitra {n}", network.libraries["SMAN2"])
        agreement(f"SM-{n}", extra, library=network.libraries["KOTA"], status="active")
    with django_assert_max_num_queries(6):
        client.get("/mitra/")
    with django_assert_max_num_queries(6):
        client.get(f"/mitra/{world.school.slug}/")
