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
