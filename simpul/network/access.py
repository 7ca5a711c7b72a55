"""Fetch-and-authorize for the partner and agreement screens.

Network administrators see every partner; a library administrator sees the partners linked to
their libraries and the agreements those partners or libraries signed. A partner outside the
person's scope answers 404; one they may see but not change (a city official reads) 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from simpul.libraries.access import ACTIONS, StaffRequest, can
from simpul.libraries.models import StaffRole
from simpul.network.models import Agreement, AgreementQuerySet, Partner, PartnerQuerySet

VIEW = "partners.view"
MANAGE = "partners.manage"


def partners_for_staff(request: StaffRequest, action: str = VIEW) -> PartnerQuerySet:
    return Partner.objects.for_staff(request.user, ACTIONS[action])


def agreements_for_staff(request: StaffRequest, action: str = VIEW) -> AgreementQuerySet:
    return Agreement.objects.for_staff(request.user, ACTIONS[action])


def network_wide(request: StaffRequest, action: str) -> bool:
    """Whether the person holds a network-wide role granting ``action``."""
    roles = ACTIONS[action]
    return StaffRole.objects.filter(
        user=request.user, role__in=roles, library__isnull=True
    ).exists()


def require(request: StaffRequest, action: str) -> None:
    """For the lists and the create forms: the person's roles grant ``action`` somewhere."""
    if not can(request.user, action):
        raise PermissionDenied(_("Peran Anda tidak mengizinkan tindakan ini untuk mitra."))


def get_partner_for_staff(request: StaffRequest, slug: str, action: str = VIEW) -> Partner:
    partner = partners_for_staff(request).filter(slug=slug).first()
    if partner is None:
        raise Http404(_("Mitra tidak ditemukan."))
    if action != VIEW and not partners_for_staff(request, action).filter(pk=partner.pk).exists():
        raise PermissionDenied(
            _("Peran Anda tidak mengizinkan mengubah data mitra {name}.").format(name=partner.name)
        )
    return partner


def get_agreement_for_staff(request: StaffRequest, pk: int, action: str = VIEW) -> Agreement:
    found = agreements_for_staff(request).filter(pk=pk).select_related("library", "responsible")
    agreement = found.first()
    if agreement is None:
        raise Http404(_("Perjanjian tidak ditemukan."))
    if action != VIEW and not agreements_for_staff(request, action).filter(pk=pk).exists():
        raise PermissionDenied(
            _("Peran Anda tidak mengizinkan mengubah perjanjian {number}.").format(
                number=agreement.number
            )
        )
    return agreement
