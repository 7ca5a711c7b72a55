"""Finding members at the desk: by name, by number, by a scanned card, live with htmx."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from simpul.members.choices import MemberStatus
from simpul.members.tests.conftest import NIK_SITI

URL = reverse("members:staff-search", args=["KOTA"])
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(make_member, network):
    return {
        "siti": make_member(
            full_name="Siti Rahmawati", number="MTR2026000007", nik=NIK_SITI, gender="f",
            birth_date=date(2008, 5, 12), home_library=network.libraries["SMAN1"],
        ),
        "sitti": make_member(full_name="Sitti Nurhaliza", number="MTR2026000008"),
        "rudi": make_member(full_name="Rudi Hartono", number="MTR2026000009"),
        "pending": make_member(full_name="Siti Menunggu", status=MemberStatus.PENDING),
    }  # fmt: skip


def test_part_of_a_name_finds_members_whatever_the_case(client_as, budi, people):
    page = client_as(budi).get(URL, {"q": "sIT"}).content.decode()
    assert "Siti Rahmawati" in page
    assert "Sitti Nurhaliza" in page
    assert "Siti Menunggu" in page
    assert "Rudi Hartono" not in page


def test_members_of_every_library_are_found(client_as, budi, people):
    page = client_as(budi).get(URL, {"q": "rahma"}).content.decode()
    assert "Perpustakaan SMA Negeri 1 Metro" in page


def test_a_scanned_card_opens_the_member(client_as, budi, people):
    response = client_as(budi).get(URL, {"q": "MTR2026000007"})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:staff-member", args=["KOTA", "MTR2026000007"])


def test_a_number_typed_in_lower_case_is_found_too(client_as, budi, people):
    response = client_as(budi).get(URL, {"q": " mtr2026000009 "})
    assert response["Location"].endswith("/MTR2026000009/")


def test_a_number_is_matched_exactly_not_in_part(client_as, budi, people):
    page = client_as(budi).get(URL, {"q": "MTR202600000"}).content.decode()
    assert "Tidak ada anggota yang cocok" in page


def test_a_nik_finds_its_member(client_as, budi, people):
    page = client_as(budi).get(URL, {"q": NIK_SITI}, **HTMX).content.decode()
    assert "Siti Rahmawati" in page
    assert "Sitti" not in page


def test_htmx_gets_only_the_results_and_no_redirect(client_as, budi, people):
    response = client_as(budi).get(URL, {"q": "MTR2026000007"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert "Siti Rahmawati" in html


def test_the_search_page_works_without_javascript_and_lists_recent_approvals(
    client_as, budi, people
):
    html = client_as(budi).get(URL).content.decode()
    assert 'name="q"' in html
    assert 'hx-get="' in html
    assert "Sitti Nurhaliza" in html  # approved here; Siti belongs to SMAN1
    assert "Siti Rahmawati" not in html
    assert "1 pendaftaran menunggu persetujuan" in html


def test_only_own_active_members_can_be_ticked_for_printing(client_as, budi, people):
    html = client_as(budi).get(URL, {"q": "sit"}, **HTMX).content.decode()
    assert 'value="MTR2026000008"' in html
    assert 'value="MTR2026000007"' not in html  # SMAN1's member: printed there


def test_search_costs_a_fixed_number_of_queries(
    client_as, budi, make_member, django_assert_max_num_queries
):
    for n in range(30):
        make_member(full_name=f"Siti {n:02d}")
    client = client_as(budi)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"q": "siti"}, **HTMX)
    assert response.content.decode().count("<tr>") == 31


def test_the_member_page_shows_status_expiry_category_and_contact(client_as, budi, people):
    html = (
        client_as(budi)
        .get(reverse("members:staff-member", args=["KOTA", "MTR2026000007"]))
        .content.decode()
    )
    expected = ("Siti Rahmawati", "Aktif", "30 Juni 2027", "Umum", "081234567890",
                "Perpustakaan SMA Negeri 1 Metro", "Riwayat keanggotaan")  # fmt: skip
    for text in expected:
        assert text in html, text


def test_an_expired_membership_is_marked(client_as, budi, make_member):
    member = make_member(expires_on=date(2020, 1, 1))
    html = (
        client_as(budi)
        .get(reverse("members:staff-member", args=["KOTA", member.number]))
        .content.decode()
    )
    assert "Kedaluwarsa" in html


@pytest.mark.parametrize(("persona", "status"), [("rina", 403), ("hendra", 403), ("siti", 403)])
def test_people_without_the_desk_role_cannot_search(request, client_as, network, persona, status):
    person = request.getfixturevalue(persona)
    code = "SMAN1" if persona == "rina" else "KOTA"
    url = reverse("members:staff-search", args=[code])
    assert client_as(person).get(url, {"q": "a"}).status_code == status


def test_an_unknown_number_is_404(client_as, budi, network):
    url = reverse("members:staff-member", args=["KOTA", "MTR0000000000"])
    assert client_as(budi).get(url).status_code == 404
