"""Staff approve or reject registrations from their library's pending list."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from simpul.members import services
from simpul.members.choices import MemberEventKind, MemberStatus
from simpul.members.errors import MemberChanged, StatusChangeNotAllowed, WrongLibrary
from simpul.members.models import Member, MemberNumberSequence
from simpul.members.tests.conftest import needs_real_concurrency

NUMBER = re.compile(r"^MTR\d{4}\d{6}$")


@pytest.fixture
def dimas(make_member):
    return make_member(
        full_name="Dimas Saputra",
        status=MemberStatus.PENDING,
        category="pelajar",
        email="dimas@contoh.example",
    )


def pending_url(code="KOTA"):
    return reverse("members:staff-pending", args=[code])


def test_the_pending_list_shows_this_librarys_registrations_only(
    client_as, budi, dimas, make_member
):
    make_member(full_name="Ayu Lestari", status=MemberStatus.PENDING, home_library=_lib("SMAN1"))
    page = client_as(budi).get(pending_url()).content.decode()
    assert "Dimas Saputra" in page
    assert "Ayu Lestari" not in page


def test_approval_numbers_the_member_and_sets_the_expiry_from_the_category(budi, kota, dimas):
    services.approve_member(dimas, by=budi, library=kota, today=date(2026, 11, 24))
    dimas.refresh_from_db()
    assert dimas.status == MemberStatus.ACTIVE
    assert dimas.number == "MTR2026000001"
    assert dimas.expires_on == date(2027, 11, 24)  # pelajar: 12 months
    assert dimas.approved_by == budi
    assert dimas.approved_at is not None
    event = dimas.events.get(kind=MemberEventKind.APPROVED)
    assert event.by == budi
    assert event.library == kota
    assert event.data == {"old": "pending", "new": "active"}


def test_numbers_follow_each_other_and_start_again_each_year(budi, kota, make_member):
    first, second, third = (
        make_member(full_name=name, status=MemberStatus.PENDING) for name in ("A", "B", "C")
    )
    services.approve_member(first, by=budi, library=kota, today=date(2026, 12, 31))
    services.approve_member(second, by=budi, library=kota, today=date(2026, 12, 31))
    services.approve_member(third, by=budi, library=kota, today=date(2027, 1, 2))
    assert [first.number, second.number, third.number] == [
        "MTR2026000001",
        "MTR2026000002",
        "MTR2027000001",
    ]


def test_a_number_already_taken_by_hand_is_skipped(budi, kota, make_member, dimas):
    make_member(full_name="Lama", number="MTR2026000001")
    services.approve_member(dimas, by=budi, library=kota, today=date(2026, 5, 1))
    assert dimas.number == "MTR2026000002"


def test_approving_through_the_page_and_the_email_tells_the_number(
    client_as, budi, dimas, smtp_inbox
):
    url = reverse("members:staff-approve", args=["KOTA", dimas.pk])
    response = client_as(budi).post(url, {"notify": "on"}, follow=True)
    dimas.refresh_from_db()
    assert NUMBER.match(dimas.number)
    assert dimas.number in response.content.decode()
    [mail] = smtp_inbox.messages
    assert mail["To"] == "dimas@contoh.example"
    assert dimas.number in mail["Subject"]
    body = mail.get_payload(decode=True).decode()
    assert "Perpustakaan Daerah Kota Metro" in body
    assert "Berlaku sampai" in body


def test_the_email_is_optional(client_as, budi, dimas, smtp_inbox):
    client_as(budi).post(reverse("members:staff-approve", args=["KOTA", dimas.pk]))
    assert smtp_inbox.messages == []
    assert Member.objects.get(pk=dimas.pk).status == MemberStatus.ACTIVE


def test_a_second_click_on_approve_changes_nothing_and_says_why(client_as, budi, dimas):
    client = client_as(budi)
    url = reverse("members:staff-approve", args=["KOTA", dimas.pk])
    client.post(url)
    number = Member.objects.get(pk=dimas.pk).number
    response = client.post(url, follow=True)
    assert "sudah disetujui, dengan nomor anggota" in response.content.decode()
    assert Member.objects.get(pk=dimas.pk).number == number
    assert MemberNumberSequence.objects.get().last == 1


def test_a_stale_copy_loses_the_race_and_gives_its_number_back(budi, kota, dimas):
    stale = Member.objects.get(pk=dimas.pk)
    services.approve_member(dimas, by=budi, library=kota, today=date(2026, 5, 1))
    with pytest.raises(MemberChanged):
        services.approve_member(stale, by=budi, library=kota, today=date(2026, 5, 1))
    assert MemberNumberSequence.objects.get(year=2026).last == 1


def test_rejection_keeps_the_reason_and_a_rejected_registration_can_be_approved_later(
    client_as, budi, kota, dimas
):
    client_as(budi).post(
        reverse("members:staff-reject", args=["KOTA", dimas.pk]), {"reason": "KTP tidak cocok"}
    )
    dimas.refresh_from_db()
    assert dimas.status == MemberStatus.REJECTED
    assert dimas.number == ""
    assert dimas.events.get(kind=MemberEventKind.REJECTED).note == "KTP tidak cocok"
    services.approve_member(dimas, by=budi, library=kota)
    assert dimas.status == MemberStatus.ACTIVE


def test_an_active_member_cannot_be_rejected(budi, kota, make_member):
    member = make_member()
    with pytest.raises(StatusChangeNotAllowed):
        services.reject_member(member, by=budi, library=kota)


def test_only_the_chosen_library_approves(admin, sman1, dimas):
    with pytest.raises(WrongLibrary):
        services.approve_member(dimas, by=admin, library=sman1)


@pytest.mark.parametrize(
    ("persona", "code", "status"),
    [("budi", "SMAN1", 404), ("rina", "SMAN1", 403), ("sari", "KOTA", 403), ("dewi", "KOTA", 200)],
    ids=["desk-elsewhere", "librarian", "programs", "library-admin"],
)
def test_who_may_see_the_pending_list(request, client_as, persona, code, status):
    person = request.getfixturevalue(persona)
    assert client_as(person).get(pending_url(code)).status_code == status


def test_desk_staff_of_another_library_cannot_approve_through_their_own(
    client_as, network, agus, dimas
):
    url = reverse("members:staff-approve", args=["SMAN1", dimas.pk])
    assert client_as(agus).post(url).status_code == 404
    assert Member.objects.get(pk=dimas.pk).status == MemberStatus.PENDING


def test_a_member_cannot_open_staff_pages(client_as, siti, client):
    assert client_as(siti).get(pending_url()).status_code == 403
    client.logout()
    assert client.get(pending_url()).status_code == 302  # to the login page


@needs_real_concurrency
@pytest.mark.django_db(transaction=True)
def test_desks_approving_at_the_same_moment_get_different_numbers(network, categories, budi):
    from simpul.members.tests.conftest import person

    kota = network.libraries["KOTA"]
    members = [
        Member.objects.create(
            **person(categories, full_name=f"Anggota {n}", email=""), home_library=kota
        )
        for n in range(8)
    ]

    def approve(member: Member) -> str:
        try:
            services.approve_member(member, by=budi, library=kota, today=date(2026, 5, 1))
            return member.number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        numbers = list(pool.map(approve, members))
    assert sorted(numbers) == [f"MTR2026{n:06d}" for n in range(1, 9)]


def _lib(code):
    from simpul.libraries.models import Library

    return Library.objects.get(code=code)
