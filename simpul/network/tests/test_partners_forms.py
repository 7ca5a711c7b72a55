"""Partners and contacts made and changed in the staff screens: one row per form however often
it is sent, clear errors on the field that is wrong, public addresses that never collide."""

from __future__ import annotations

import pytest
from django.urls import reverse

from simpul.network import services
from simpul.network.forms import new_token
from simpul.network.models import Contact, Partner
from simpul.network.tests.partner_world import World, build, partner


@pytest.fixture
def world(network) -> World:
    return build(network)


def partner_form(**fields):
    return {
        "name": "Universitas Muhammadiyah Metro",
        "kind": "university",
        "city": "Kota Metro",
        "country": "Indonesia",
        "website": "https://ummetro.example",
        "address": "Jl. Ki Hajar Dewantara No. 116",
        "is_active": "on",
        "token": new_token(),
        **fields,
    }


def test_the_network_administrator_adds_a_partner_linked_to_a_library(client_as, admin, network):
    library = network.libraries["UMMETRO"]
    response = client_as(admin).post(
        reverse("partners:staff-new"), partner_form(libraries=[library.pk])
    )
    made = Partner.objects.get(name="Universitas Muhammadiyah Metro")
    assert response["Location"] == reverse("partners:staff-partner", args=[made.slug])
    assert made.slug == "universitas-muhammadiyah-metro"
    assert list(made.libraries.all()) == [library]
    assert made.website == "https://ummetro.example"


def test_a_partner_form_sent_twice_makes_one_partner(client_as, admin, network):
    client = client_as(admin)
    form = partner_form()
    first = client.post(reverse("partners:staff-new"), form)
    second = client.post(reverse("partners:staff-new"), form)
    assert first["Location"] == second["Location"]
    assert Partner.objects.filter(name="Universitas Muhammadiyah Metro").count() == 1


def test_partners_of_the_same_name_get_their_own_addresses(network):
    first = partner("Komunitas Baca Metro", kind="community")
    second = partner("Komunitas Baca Metro", kind="community")
    reserved = partner("Baru", kind="community")
    assert (first.slug, second.slug, reserved.slug) == (
        "komunitas-baca-metro",
        "komunitas-baca-metro-2",
        "baru-2",
    )


def test_a_partner_form_with_mistakes_names_the_fields(client_as, admin, network):
    form = partner_form(name="", kind="castle", website="not a website")
    response = client_as(admin).post(reverse("partners:staff-new"), form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"name", "kind", "website"}
    assert not Partner.objects.exists()


def test_contacts_are_added_changed_and_removed(client_as, admin, world):
    client = client_as(admin)
    slug = world.school.slug
    form = {"name": "Drs. Suharto", "position": "Kepala Sekolah", "email": "kepsek@sman1.example"}
    client.post(reverse("partners:contact-new", args=[slug]), form)
    client.post(reverse("partners:contact-new", args=[slug]), form)  # a double click
    contact = Contact.objects.get(partner=world.school)
    client.post(
        reverse("partners:contact-new", args=[slug]), {"name": "Bu Wati", "phone": "0812 7200 1101"}
    )
    assert world.school.contacts.count() == 2

    edit = reverse("partners:contact-edit", args=[slug, contact.pk])
    response = client.post(edit, {**form, "position": "Kepala SMA Negeri 1 Metro"})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.position == "Kepala SMA Negeri 1 Metro"

    page = client.get(reverse("partners:staff-partner", args=[slug])).content.decode()
    assert "Kepala SMA Negeri 1 Metro" in page
    assert "Bu Wati" in page
    delete = reverse("partners:contact-delete", args=[slug, contact.pk])
    assert client.post(delete).status_code == 302
    assert client.post(delete).status_code == 302  # the second click finds it gone
    assert list(world.school.contacts.values_list("name", flat=True)) == ["Bu Wati"]


def test_a_contact_needs_a_way_to_reach_them_and_a_phone_number_that_is_one(
    client_as, admin, world
):
    url = reverse("partners:contact-new", args=[world.school.slug])
    client = client_as(admin)
    errors = client.post(url, {"name": "Pak Joko"}).context["form"].errors
    assert errors == {"email": ["Isi alamat e-mail atau nomor telepon (atau keduanya)."]}
    errors = client.post(url, {"name": "Pak Joko", "phone": "telepon saja"}).context["form"].errors
    assert list(errors) == ["phone"]
    errors = client.post(url, {"name": "Pak Joko", "email": "joko@"}).context["form"].errors
    assert list(errors) == ["email"]
    assert not Contact.objects.exists()


def test_a_contact_of_another_partner_is_not_found(client_as, admin, world):
    contact = services.add_contact(
        world.company, {"name": "Maya", "position": "", "email": "m@x.example", "phone": ""}
    )
    url = reverse("partners:contact-edit", args=[world.school.slug, contact.pk])
    assert client_as(admin).get(url).status_code == 404


def test_the_partner_list_filters_by_kind_and_name_within_a_query_ceiling(
    client_as, admin, world, django_assert_max_num_queries
):
    for n in range(8):
        partner(f"TBM Harapan {n}", kind="community")
    client = client_as(admin)
    url = reverse("partners:staff-list")
    with django_assert_max_num_queries(12):
        page = client.get(url, {"kind": "community"}).content.decode()
    assert page.count("TBM Harapan") == 8
    assert "SMA Negeri 1 Metro" not in page
    page = client.get(url, {"q": "tani"}).content.decode()
    assert "PT Tani Makmur" in page
    assert "TBM Harapan" not in page
