def test_djangos_admin_is_for_network_admins_only(client_as, admin, agus, hendra, siti):
    assert client_as(admin).get("/admin-jaringan/").status_code == 200
    for person in (agus, hendra, siti):
        response = client_as(person).get("/admin-jaringan/")
        assert response.status_code == 302
        assert "/admin-jaringan/login/" in response["Location"]


def test_a_superuser_flag_alone_does_not_open_the_admin(client_as, agus):
    agus.is_staff = agus.is_superuser = True
    agus.save()
    assert client_as(agus).get("/admin-jaringan/").status_code == 302


def test_a_network_admin_can_open_every_model_page(client_as, admin):
    # The role alone (no hand-given permissions) opens the models, not just the index.
    admin.refresh_from_db()
    assert admin.is_superuser
    client = client_as(admin)
    for url in ("/admin-jaringan/libraries/library/", "/admin-jaringan/members/member/"):
        assert client.get(url).status_code == 200, url


def test_losing_the_role_closes_the_admin(client_as, admin):
    from simpul.libraries.choices import Role
    from simpul.libraries.services import revoke_role

    revoke_role(admin, Role.NETWORK_ADMIN)
    admin.refresh_from_db()
    assert (admin.is_staff, admin.is_superuser) == (False, False)
    assert client_as(admin).get("/admin-jaringan/").status_code == 302
