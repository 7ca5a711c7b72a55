"""Registering someone in person at the desk: active and numbered at once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from simpul.accounts.models import User
from simpul.members.choices import MemberEventKind, MemberStatus
from simpul.members.models import Member
from simpul.members.tests.conftest import NIK_RUDI, form_data

URL = reverse("members:staff-register", args=["KOTA"])


def desk_form(**overrides):
    data = form_data(
        full_name="Rudi Hartono",
        birth_date="1990-01-03",
        nik=NIK_RUDI,
        email="rudi@contoh.example",
        category=_category("umum"),
    )
    for key in ("home_library", "password1", "password2", "consent"):
        data.pop(key)
    data.update(overrides)
    return data


def photo_upload(name="rudi.jpg", size=(300, 400)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (180, 140, 110)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


@pytest.fixture
def ready(network, categories):
    return network


def test_the_desk_registers_an_active_member_with_number_and_expiry(client_as, budi, ready):
    response = client_as(budi).post(URL, desk_form())
    member = Member.objects.get(nik=NIK_RUDI)
    assert response.status_code == 302
    assert response["Location"] == reverse("members:staff-member", args=["KOTA", member.number])
    assert member.status == MemberStatus.ACTIVE
    assert member.number.startswith(f"MTR{date.today().year}")
    assert member.expires_on is not None
    assert member.expires_on.year == date.today().year + 2
    assert member.home_library.code == "KOTA"
    assert member.approved_by == budi
    assert member.user is None
    event = member.events.get()
    assert (event.kind, event.by, event.data) == (
        MemberEventKind.REGISTERED,
        budi,
        {"at_desk": True},
    )


def test_staff_only_categories_are_offered_at_the_desk(client_as, budi, ready):
    assert "Staf mitra" in client_as(budi).get(URL).content.decode()


def test_an_account_made_at_the_desk_sends_a_link_to_choose_a_password(
    client_as, budi, ready, smtp_inbox, client
):
    client_as(budi).post(URL, desk_form(with_account="on"))
    member = Member.objects.get(nik=NIK_RUDI)
    assert member.user.email == "rudi@contoh.example"
    [mail] = smtp_inbox.messages
    body = mail.get_payload(decode=True).decode()
    link = next(line for line in body.splitlines() if "/masuk/sandi-baru/" in line)
    client.logout()
    response = client.get(link[link.index("/masuk/") :], follow=True)
    assert response.status_code == 200
    assert "new_password1" in response.content.decode()


def test_an_account_needs_an_email_address(client_as, budi, ready):
    response = client_as(budi).post(URL, desk_form(with_account="on", email=""))
    assert "Akun daring memerlukan alamat e-mail" in response.content.decode()
    assert not Member.objects.exists()


def test_the_same_email_may_serve_a_family_without_accounts(client_as, budi, ready, make_member):
    make_member(full_name="Ibu Rudi", email="rudi@contoh.example")
    client_as(budi).post(URL, desk_form())
    assert Member.objects.filter(email="rudi@contoh.example").count() == 2
    assert not User.objects.filter(email="rudi@contoh.example").exists()


def test_a_photo_is_stored_redrawn_and_shown_only_to_staff(client_as, budi, ready, client):
    client_as(budi).post(URL, {**desk_form(), "photo": photo_upload()})
    member = Member.objects.get(nik=NIK_RUDI)
    assert member.photo.name.startswith("members/")
    assert member.photo.name.endswith(".jpg")
    url = reverse("members:staff-photo", args=["KOTA", member.number])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    client.logout()
    assert client.get(url).status_code == 302


def test_a_file_that_is_no_picture_is_refused_and_nothing_is_registered(client_as, budi, ready):
    fake = SimpleUploadedFile("rudi.jpg", b"not a picture", content_type="image/jpeg")
    response = client_as(budi).post(URL, {**desk_form(), "photo": fake})
    assert response.status_code == 200
    assert not Member.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("rina", 404), ("budi", 200), ("admin", 200)])
def test_who_may_register_at_the_city_library(request, client_as, ready, persona, status):
    assert client_as(request.getfixturevalue(persona)).get(URL).status_code == status


def _category(code):
    from simpul.members.models import MemberCategory

    return MemberCategory.objects.get(code=code).pk
