"""Renewal, suspension and reactivation, each recorded with who and when."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from simpul.members import services
from simpul.members.choices import MemberEventKind, MemberStatus
from simpul.members.errors import MemberChanged, NotRenewable, StatusChangeNotAllowed


def page(member, action="staff-member", code="KOTA"):
    return reverse(f"members:{action}", args=[code, member.number])


def test_renewal_before_expiry_extends_from_the_expiry(budi, kota, make_member):
    member = make_member(expires_on=date(2027, 1, 31), category="umum")
    new = services.renew_membership(member, by=budi, library=kota, today=date(2026, 12, 1))
    assert new == date(2029, 1, 31)  # umum: 24 months from the old expiry
    event = member.events.get(kind=MemberEventKind.RENEWED)
    assert event.by == budi
    assert event.data == {"old": "2027-01-31", "new": "2029-01-31"}


def test_renewal_after_expiry_extends_from_today(budi, kota, make_member):
    member = make_member(expires_on=date(2025, 3, 1), category="pelajar")
    new = services.renew_membership(member, by=budi, library=kota, today=date(2026, 6, 10))
    assert new == date(2027, 6, 10)


def test_the_renew_button_sent_twice_renews_once(client_as, budi, make_member):
    member = make_member(expires_on=date(2027, 1, 31), category="pelajar")
    client = client_as(budi)
    form = {"seen": "2027-01-31"}
    client.post(page(member, "staff-renew"), form)
    response = client.post(page(member, "staff-renew"), form, follow=True)
    member.refresh_from_db()
    assert member.expires_on == date(2028, 1, 31)
    assert "baru saja diubah" in response.content.decode()
    assert member.events.filter(kind=MemberEventKind.RENEWED).count() == 1


def test_a_stale_copy_cannot_renew_again(budi, kota, make_member):
    member = make_member(expires_on=date(2027, 1, 31))
    services.renew_membership(member, by=budi, library=kota, seen_expires_on=date(2027, 1, 31))
    with pytest.raises(MemberChanged):
        services.renew_membership(member, by=budi, library=kota, seen_expires_on=date(2027, 1, 31))


def test_a_pending_registration_is_not_renewed(budi, kota, make_member):
    member = make_member(status=MemberStatus.PENDING)
    with pytest.raises(NotRenewable):
        services.renew_membership(member, by=budi, library=kota)


def test_any_library_of_the_network_may_renew(client_as, agus, make_member):
    member = make_member(expires_on=date(2027, 1, 31), category="pelajar")  # of KOTA
    client_as(agus).post(page(member, "staff-renew", "SMAN1"), {"seen": "2027-01-31"})
    member.refresh_from_db()
    assert member.expires_on == date(2028, 1, 31)
    assert member.events.get().library.code == "SMAN1"


def test_suspension_needs_a_reason_and_is_recorded(client_as, budi, make_member):
    member = make_member()
    client = client_as(budi)
    response = client.post(page(member, "staff-suspend"), {"reason": ""}, follow=True)
    assert "Tulis alasan pembekuan" in response.content.decode()
    client.post(page(member, "staff-suspend"), {"reason": "Buku hilang belum diganti"})
    member.refresh_from_db()
    assert member.status == MemberStatus.SUSPENDED
    event = member.events.get(kind=MemberEventKind.SUSPENDED)
    assert (event.by, event.note) == (budi, "Buku hilang belum diganti")
    assert not member.may_borrow(date(2026, 1, 1))


def test_reactivation_is_recorded(client_as, budi, make_member):
    member = make_member(status=MemberStatus.SUSPENDED)
    client_as(budi).post(page(member, "staff-reactivate"))
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert member.events.get().kind == MemberEventKind.REACTIVATED


def test_a_suspended_member_is_not_suspended_twice(budi, kota, make_member):
    member = make_member(status=MemberStatus.SUSPENDED)
    with pytest.raises(StatusChangeNotAllowed):
        services.suspend_member(member, by=budi, library=kota, reason="lagi")


def test_the_history_shows_on_the_member_page(client_as, budi, kota, make_member):
    member = make_member(expires_on=date(2027, 1, 31), category="pelajar")
    services.renew_membership(member, by=budi, library=kota, today=date(2026, 12, 1))
    services.suspend_member(member, by=budi, library=kota, reason="Terlambat 3 bulan")
    html = client_as(budi).get(page(member)).content.decode()
    assert "Diperpanjang" in html
    assert "31 Jan 2027 → 31 Jan 2028" in html
    assert "Terlambat 3 bulan" in html
    assert "Budi Santoso" in html


def test_staff_edit_changes_data_and_records_the_field_names(client_as, budi, make_member):
    member = make_member(nik="", email="lama@contoh.example")
    data = {
        "full_name": "Rudi Hartono", "birth_date": "1990-01-03", "gender": "m",
        "nik": "1872010301900002", "domicile": "elsewhere", "city": "Lampung Timur",
        "address": "Jl. Kenanga 5, Metro Pusat", "phone": "081234567890",
        "email": "baru@contoh.example",
        "school_or_work": "", "category": member.category_id, "guardian_name": "",
        "guardian_phone": "", "language": "en",
    }  # fmt: skip
    response = client_as(budi).post(page(member, "staff-edit"), data)
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.nik, member.city, member.email, member.language) == (
        "1872010301900002", "Lampung Timur", "baru@contoh.example", "en",
    )  # fmt: skip
    assert member.events.get().data["fields"] == ["city", "email", "language", "nik"]
