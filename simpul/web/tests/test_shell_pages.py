import re

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

PUBLIC_PAGES = [
    "/",
    "/perpustakaan/",
    "/perpustakaan/KOTA/",
    "/tentang/",
    "/masuk/",
    "/masuk/lupa-sandi/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_have_landmarks_and_load_nothing_from_other_hosts(client, network, url):
    html = client.get(url).content.decode()
    for landmark in ("<header", "<nav", '<main id="isi"', "<footer", 'class="skip-link"'):
        assert landmark in html
    assert not re.search(r'<(script|link|img)[^>]+(src|href)="(https?:)?//', html)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_every_input_on_public_pages_has_a_label(client, network, url):
    html = client.get(url).content.decode()
    for field_id in re.findall(
        r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*id="([^"]+)"', html
    ):
        assert f'for="{field_id}"' in html, f"{url}: #{field_id} has no label"


def test_the_home_page_counts_the_libraries_open_now(client, network):
    html = client.get("/").content.decode()
    assert "dari 10 perpustakaan di jaringan sedang buka" in html


def test_htmx_is_served_by_simpul_itself(client, db):
    html = client.get("/").content.decode()
    src = re.search(r'<script src="([^"]*htmx[^"]*)"', html).group(1)
    assert src.startswith(settings.STATIC_URL)


@override_settings(DEBUG=False)
def test_an_unknown_address_gets_the_friendly_404_page(client, db):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_after_login_without_a_session_goes_to_the_login_page(client, db):
    response = client.get(reverse("web:after-login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
