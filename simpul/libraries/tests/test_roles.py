import pytest
from django.db import IntegrityError, transaction

from simpul.libraries import services
from simpul.libraries.choices import Role
from simpul.libraries.errors import RoleScopeMismatch
from simpul.libraries.models import StaffRole


def test_a_network_role_is_never_tied_to_one_library(siti, sman1):
    with pytest.raises(RoleScopeMismatch) as raised:
        services.grant_role(siti, Role.NETWORK_ADMIN, sman1)
    assert raised.value.code == "ROLE_SCOPE_MISMATCH"
    assert "seluruh jaringan" in raised.value.message


def test_a_library_role_needs_a_library(siti):
    with pytest.raises(RoleScopeMismatch):
        services.grant_role(siti, Role.DESK, None)


def test_granting_twice_keeps_one_role(rina, sman1):
    services.grant_role(rina, Role.LIBRARIAN, sman1)
    assert StaffRole.objects.filter(user=rina, role=Role.LIBRARIAN).count() == 1


def test_the_database_refuses_a_duplicate_network_role_even_without_the_service(admin):
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=admin, role=Role.NETWORK_ADMIN, library=None)


def test_the_database_refuses_a_library_role_without_a_library(siti):
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffRole.objects.create(user=siti, role=Role.DESK, library=None)


def test_the_admin_flag_follows_the_network_admin_role(siti):
    services.grant_role(siti, Role.NETWORK_ADMIN)
    siti.refresh_from_db()
    assert siti.is_staff
    services.revoke_role(siti, Role.NETWORK_ADMIN)
    siti.refresh_from_db()
    assert not siti.is_staff


def test_staff_can_belong_to_several_libraries(dewi):
    assert set(dewi.roles.values_list("library__code", flat=True)) == {"KOTA", "KELILING"}
