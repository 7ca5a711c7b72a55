"""No login or account form input produces a server error, on either database."""

import pytest
from django.urls import reverse

ODD = ["a\x00b", "x" * 5000, "' OR 1=1 --", "😀" * 40, ""]


@pytest.mark.parametrize("username", ODD)
def test_odd_usernames_at_login_are_refused_politely(client, network, username):
    response = client.post("/masuk/", {"username": username, "password": "p\x00"})
    assert response.status_code in (200, 429)


@pytest.mark.parametrize("email", ODD)
def test_odd_addresses_for_password_reset_are_refused_politely(client, network, email):
    response = client.post(reverse("accounts:password-reset"), {"email": email})
    assert response.status_code in (200, 302)


def test_a_login_without_fields_is_explained(client, db):
    html = client.post("/masuk/", {}).content.decode()
    assert html.count('class="error"') == 2
