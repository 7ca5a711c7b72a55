"""The network administrators' admin lists members, categories and the history."""

from __future__ import annotations

from django.urls import reverse


def test_the_admin_lists_members_and_categories(client_as, admin, make_member):
    # Model permissions are not tied to the network-admin role yet (project-wide): a superuser.
    admin.is_superuser = True
    admin.save(update_fields=["is_superuser"])
    make_member(full_name="Rudi Hartono")
    client = client_as(admin)
    assert "Rudi Hartono" in client.get(reverse("admin:members_member_changelist")).content.decode()
    assert (
        "Staf mitra"
        in client.get(reverse("admin:members_membercategory_changelist")).content.decode()
    )
    member_page = client.get(
        reverse("admin:members_member_change", args=[make_member(full_name="Ayu").pk])
    )
    assert member_page.status_code == 200


def test_desk_staff_do_not_get_into_the_admin(client_as, budi):
    response = client_as(budi).get(reverse("admin:members_member_changelist"))
    assert response.status_code == 302
