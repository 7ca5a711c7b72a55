from django.urls import reverse

from simpul.demo.personas import DEMO_PASSWORD

LOGIN = "/masuk/"


def test_staff_land_in_their_workspace_and_members_in_their_own_area(client, rina, siti):
    response = client.post(LOGIN, {"username": "rina", "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("libraries:staff-home")
    client.post(reverse("accounts:logout"))
    response = client.post(LOGIN, {"username": "siti", "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:home")


def test_a_wrong_password_is_explained_in_indonesian(client, rina):
    response = client.post(LOGIN, {"username": "rina", "password": "salah"})
    assert response.status_code == 200
    assert "Nama pengguna atau kata sandi salah" in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client_as, rina):
    client = client_as(rina)
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:home")).status_code == 302


def test_a_member_edits_their_profile(client_as, siti):
    client = client_as(siti)
    client.post(reverse("accounts:home"), {"full_name": "Siti R.", "email": "siti@baru.example"})
    siti.refresh_from_db()
    assert (siti.full_name, siti.email) == ("Siti R.", "siti@baru.example")


def test_an_email_already_used_by_another_account_is_refused(client_as, siti, rina):
    response = client_as(siti).post(
        reverse("accounts:home"), {"full_name": "Siti", "email": rina.email.upper()}
    )
    assert "sudah dipakai akun lain" in response.content.decode()
    siti.refresh_from_db()
    assert siti.email != rina.email


def test_a_member_changes_their_password(client_as, siti):
    client = client_as(siti)
    response = client.post(
        reverse("accounts:password-change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "buku-baru-metro-77",
            "new_password2": "buku-baru-metro-77",
        },
    )
    assert response.status_code == 302
    siti.refresh_from_db()
    assert siti.check_password("buku-baru-metro-77")
