"""The member's own page: the card on the phone, and changing their contact data."""

from __future__ import annotations

from django.urls import reverse

from simpul.accounts.models import User
from simpul.members.choices import MemberEventKind, MemberStatus

OWN = reverse("members:own")
EDIT = reverse("members:own-edit")


def profile(**overrides):
    data = {
        "phone": "0813 9999 0000",
        "email": "siti@contoh.example",
        "domicile": "metro",
        "city": "",
        "address": "Jl. Cendana 7, Yosomulyo",
        "language": "id",
        "keep_history": "",
    }
    data.update(overrides)
    return data


def test_the_card_on_the_phone_has_the_number_a_barcode_and_a_qr_code(client_as, siti, siti_member):
    html = client_as(siti).get(OWN).content.decode()
    assert "MTR2026000007" in html
    assert 'aria-label="MTR2026000007"' in html  # the Code128 barcode
    assert 'class="segno"' in html  # the QR code
    assert "Berlaku s.d. 12 Desember 2027" in html
    assert "Perpustakaan SMA Negeri 1 Metro" in html


def test_the_page_leaves_a_place_for_loans(client_as, siti, siti_member):
    from django.template.loader import get_template

    source = get_template("members/own.html").template.source
    assert "{% block member_circulation %}" in source
    assert client_as(siti).get(OWN).status_code == 200


def test_a_pending_registration_shows_its_state_and_no_card(client_as, siti, siti_member):
    siti_member.status = MemberStatus.PENDING
    siti_member.number = ""
    siti_member.save()
    html = client_as(siti).get(OWN).content.decode()
    assert "sedang diperiksa petugas" in html
    assert 'class="segno"' not in html


def test_an_account_without_membership_is_invited_to_register(client_as, yoga):
    html = client_as(yoga).get(OWN).content.decode()
    assert reverse("members:register") in html


def test_the_page_is_for_signed_in_people(client, network):
    assert client.get(OWN).status_code == 302


def test_members_change_their_contact_data_and_the_change_is_recorded(client_as, siti, siti_member):
    response = client_as(siti).post(
        EDIT, profile(domicile="elsewhere", city="Lampung Timur", language="en", keep_history="on")
    )
    assert response.status_code == 302
    siti_member.refresh_from_db()
    assert siti_member.phone == "0813 9999 0000"
    assert siti_member.city == "Lampung Timur"
    assert siti_member.language == "en"
    assert siti_member.keep_history
    event = siti_member.events.get()
    assert event.kind == MemberEventKind.CHANGED
    assert event.by == siti
    assert set(event.data["fields"]) == {"phone", "city", "address", "language", "keep_history"}


def test_a_new_email_follows_to_the_account(client_as, siti, siti_member):
    client_as(siti).post(EDIT, profile(email="Siti.Baru@contoh.example"))
    siti.refresh_from_db()
    siti_member.refresh_from_db()
    assert siti.email == siti_member.email == "siti.baru@contoh.example"


def test_an_email_of_another_account_is_refused(client_as, siti, siti_member, budi):
    response = client_as(siti).post(EDIT, profile(email=budi.email))
    assert "sudah dipakai akun lain" in response.content.decode()
    assert User.objects.get(pk=siti.pk).email == "siti@contoh.example"


def test_name_birth_date_and_nik_are_not_on_the_members_form(client_as, siti, siti_member):
    html = client_as(siti).get(EDIT).content.decode()
    assert 'name="full_name"' not in html
    assert 'name="nik"' not in html
    client_as(siti).post(EDIT, {**profile(), "full_name": "Orang Lain", "nik": "1"})
    siti_member.refresh_from_db()
    assert siti_member.full_name == "Siti Rahmawati"


def test_a_members_photo_is_theirs_alone(client_as, siti, siti_member, yoga):
    from simpul.members import services
    from simpul.members.tests.test_desk_registration import photo_upload

    services.set_photo(siti_member, photo_upload())
    assert client_as(siti).get(reverse("members:own-photo")).status_code == 200
    assert client_as(yoga).get(reverse("members:own-photo")).status_code == 404


def test_the_page_reads_in_english(client, siti, siti_member):
    client.force_login(siti)
    client.cookies["simpul_bahasa"] = "en"
    html = client.get(OWN).content.decode()
    assert "Membership card" in html
    assert "Valid until 12 December 2027" in html
