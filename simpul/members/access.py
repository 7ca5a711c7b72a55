"""Fetch-and-authorize for the membership screens.

Members belong to the whole network: staff who may manage members at one library find any
member there (to lend to them, renew them or print a card), while approving a registration is
left to the library the person chose.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.libraries.access import StaffRequest, get_library_for_staff
from simpul.libraries.models import Library
from simpul.members.models import Member, MemberQuerySet

ACTION = "members.manage"


def members_for_staff() -> MemberQuerySet:
    return Member.objects.select_related("category", "home_library")


def get_member_for_staff(request: StaffRequest, code: str, number: str) -> tuple[Library, Member]:
    """The library (checked for members.manage) and the numbered member; 404 if none."""
    library = get_library_for_staff(request, code, ACTION)
    member = members_for_staff().filter(number=number).exclude(number="").first()
    if member is None:
        raise Http404(_("Anggota tidak ditemukan."))
    return library, member


def get_registration_for_staff(request: StaffRequest, code: str, pk: int) -> tuple[Library, Member]:
    """A registration made at this library, for approval or rejection (whether that is still
    possible is the service's to say, so a second click hears why)."""
    library = get_library_for_staff(request, code, ACTION)
    member = members_for_staff().filter(pk=pk, home_library=library).first()
    if member is None:
        raise Http404(_("Pendaftaran tidak ditemukan."))
    return library, member


def own_member(user: User | AnonymousUser) -> Member | None:
    """The membership tied to the signed-in account, if there is one."""
    if not user.is_authenticated:
        return None
    return members_for_staff().filter(user=user).first()
