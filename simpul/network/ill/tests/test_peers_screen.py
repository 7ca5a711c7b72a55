"""The ISO 18626 peers screen: the network administrator lists, adds and edits peers; bad
input is answered on the form (in the reader's language), never with an error page; nobody
else gets in."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from simpul.network.ill.models import IllPeer

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Perpustakaan Kota Lain",
    "agency_id_type": "ISIL",
    "agency_id_value": "ID-LAIN",
    "endpoint_url": "https://simpul.lain.example/iso18626",
    "shared_secret": "s3kr1t-xyz",
    "active": "on",
}


def test_the_network_admin_adds_a_peer_and_finds_it_listed(client: Any, admin: Any) -> None:
    client.force_login(admin)
    assert client.get(reverse("ill:peer-add")).status_code == 200
    response = client.post(reverse("ill:peer-add"), GOOD, follow=True)
    assert "Mitra Perpustakaan Kota Lain disimpan." in response.text
    peer = IllPeer.objects.get()
    assert (peer.agency_id_type, peer.agency_id_value, peer.shared_secret) == (
        "ISIL",
        "ID-LAIN",
        "s3kr1t-xyz",
    )
    assert "ISIL:ID-LAIN" in response.text
    assert "s3kr1t-xyz" not in response.text  # the secret is never shown


def test_editing_keeps_the_secret_unless_told_otherwise(client: Any, admin: Any) -> None:
    peer = IllPeer.objects.create(
        name="Lain", agency_id_value="ID-LAIN", endpoint_url="https://a.example/iso18626",
        shared_secret="old-s3kr1t",
    )  # fmt: skip
    client.force_login(admin)
    edit = reverse("ill:peer-edit", args=[peer.pk])
    assert "old-s3kr1t" not in client.get(edit).text
    client.post(edit, {**GOOD, "shared_secret": "", "name": "Nama baru"})
    peer.refresh_from_db()
    assert (peer.name, peer.shared_secret) == ("Nama baru", "old-s3kr1t")
    client.post(edit, {**GOOD, "shared_secret": "", "clear_secret": "on", "active": ""})
    peer.refresh_from_db()
    assert (peer.shared_secret, peer.active) == ("", False)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"endpoint_url": "ftp://lain.example/iso18626"}, "URL"),
        ({"endpoint_url": "bukan alamat"}, "URL"),
        ({"agency_id_type": "IS IL"}, "tanpa spasi"),
        ({"agency_id_value": "ID LAIN"}, "tidak boleh berisi spasi"),
        ({"agency_id_value": ""}, "tidak boleh kosong"),
        ({"agency_id_type": "SIMPUL", "agency_id_value": "KOTA"}, "perpustakaan di server ini"),
        ({"name": "x" * 300}, "200"),
    ],
)
def test_bad_input_is_answered_on_the_form(
    client: Any, admin: Any, changes: dict[str, str], message: str
) -> None:
    client.force_login(admin)
    response = client.post(reverse("ill:peer-add"), {**GOOD, **changes})
    assert response.status_code == 200
    assert message in response.text
    assert not IllPeer.objects.exists()


def test_a_second_peer_with_the_same_agency_is_refused(client: Any, admin: Any) -> None:
    client.force_login(admin)
    client.post(reverse("ill:peer-add"), GOOD)
    response = client.post(reverse("ill:peer-add"), {**GOOD, "name": "Lagi"})
    assert "sudah terdaftar" in response.text
    assert IllPeer.objects.count() == 1


def test_the_errors_speak_english_to_an_english_reader(client: Any, admin: Any) -> None:
    from django.conf import settings

    client.force_login(admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("ill:peer-add"), {**GOOD, "agency_id_value": ""})
    assert response.status_code == 200
    assert 'lang="en"' in response.text
    assert "This field is required." in response.text


def test_only_network_admins_get_in(client: Any, budi: Any, siti: Any) -> None:
    peer = IllPeer.objects.create(
        name="Lain", agency_id_value="ID-LAIN", endpoint_url="https://a.example/iso18626"
    )
    client.force_login(budi)
    for url in (reverse("ill:peers"), reverse("ill:peer-edit", args=[peer.pk])):
        assert client.get(url).status_code == 302
    assert client.post(reverse("ill:peer-add"), GOOD).status_code == 302
    client.force_login(siti)
    assert client.get(reverse("ill:peers")).status_code == 403
    assert IllPeer.objects.count() == 1


def test_an_unknown_peer_is_not_found(client: Any, admin: Any) -> None:
    client.force_login(admin)
    assert client.get(reverse("ill:peer-edit", args=[999999])).status_code == 404


def test_the_list_has_a_query_ceiling(
    client: Any, admin: Any, django_assert_max_num_queries: Any
) -> None:
    for number in range(5):
        IllPeer.objects.create(
            name=f"Mitra {number}",
            agency_id_value=f"ID-{number}",
            endpoint_url="https://a.example/iso18626",
        )
    client.force_login(admin)
    client.get(reverse("ill:peers"))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("ill:peers"))
    assert page.text.count("Mitra ") >= 5
