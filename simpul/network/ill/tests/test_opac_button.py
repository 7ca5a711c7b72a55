"""The OPAC record page's "Minta dari perpustakaan lain": shown to a signed-in member when the
title is not on their home library's shelf but another network library lends it; a POST with
CSRF; each refusal comes back to the record page as a translated message."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from simpul.members.choices import MemberStatus
from simpul.network.ill import services
from simpul.network.ill.models import IllRequest
from simpul.network.ill.tests.world import book

pytestmark = pytest.mark.django_db
BUTTON = "Minta dari perpustakaan lain"


def _page(client: Any, record: Any) -> str:
    return str(client.get(reverse("catalog:record", args=[record.pk])).text)


def test_siti_asks_from_the_record_page(
    client_as: Any, siti: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    client = client_as(siti)
    page = _page(client, sang_pemimpi)
    assert BUTTON in page
    assert "csrfmiddlewaretoken" in page
    response = client.post(
        reverse("ill:ask", args=[sang_pemimpi.pk]), {"from": "record"}, follow=True
    )
    ill = IllRequest.objects.get(member=siti_member)
    assert ill.request_id in response.text
    again = _page(client, sang_pemimpi)
    assert BUTTON not in again
    assert "Anda sudah meminta judul ini" in again


def test_the_button_needs_a_csrf_token(siti: Any, siti_member: Any, sang_pemimpi: Any) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(siti)
    response = strict.post(reverse("ill:ask", args=[sang_pemimpi.pk]), {"from": "record"})
    assert response.status_code == 403
    assert not IllRequest.objects.exists()


def test_no_button_for_visitors_nor_for_a_title_on_the_home_shelf(
    client: Any,
    siti: Any,
    siti_member: Any,
    sman1: Any,
    sman2: Any,
    kota: Any,
    sang_pemimpi: Any,
) -> None:
    assert BUTTON not in _page(client, sang_pemimpi)  # not signed in
    at_home = book("Edensor", (sman1, "S-OPAC-1"), (kota, "K-OPAC-1"))
    client.force_login(siti)
    assert BUTTON not in _page(client, at_home)
    nobody_lends = book("Maryamah Karpov", (sman2, "S2-OPAC-0"))  # SMA N 2 lends to no one
    assert BUTTON not in _page(client, nobody_lends)


@pytest.mark.parametrize("refusal", ["AvailableHere", "AlreadyRequested", "NoSupplier"])
def test_each_refusal_comes_back_to_the_record_page_with_its_message(
    client_as: Any,
    siti: Any,
    siti_member: Any,
    sang_pemimpi: Any,
    sman1: Any,
    sman2: Any,
    refusal: str,
) -> None:
    client = client_as(siti)
    record, message = sang_pemimpi, ""
    if refusal == "AvailableHere":
        record = book("Edensor", (sman1, "S-OPAC-2"))
        message = "tersedia di"
    elif refusal == "AlreadyRequested":
        services.request_title(siti_member, record, by=None)
        message = "sudah punya permintaan"
    else:
        record = book("Maryamah Karpov", (sman2, "S2-OPAC-1"))
        message = "Tidak ada perpustakaan lain"
    response = client.post(reverse("ill:ask", args=[record.pk]), {"from": "record"})
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:record", args=[record.pk])
    page = client.get(response["Location"]).text
    assert message in page


def test_a_suspended_member_sees_why_and_is_refused(
    client_as: Any, siti: Any, siti_member: Any, sang_pemimpi: Any
) -> None:
    siti_member.status = MemberStatus.SUSPENDED
    siti_member.save(update_fields=["status"])
    client = client_as(siti)
    page = _page(client, sang_pemimpi)
    assert "Hanya anggota aktif" in page
    assert BUTTON not in page
    response = client.post(
        reverse("ill:ask", args=[sang_pemimpi.pk]), {"from": "record"}, follow=True
    )
    assert "Hanya anggota aktif" in response.text
    assert not IllRequest.objects.exists()


def test_an_account_without_membership_is_told_so(
    client_as: Any, hendra: Any, sang_pemimpi: Any
) -> None:
    client = client_as(hendra)
    response = client.post(
        reverse("ill:ask", args=[sang_pemimpi.pk]), {"from": "record"}, follow=True
    )
    assert response.status_code == 200
    assert "Hanya anggota aktif" in response.text
