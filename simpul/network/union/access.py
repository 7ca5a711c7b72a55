"""Fetch-and-authorize for the union catalog's staff screens: network administrators see every
contributing library, a library administrator their own (action ``union.review``)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from simpul.libraries.access import StaffRequest, can, staff_libraries
from simpul.libraries.models import LibraryQuerySet
from simpul.network.union.models import Contribution, HarvestSource, Review

ACTION = "union.review"


def union_libraries(request: StaffRequest) -> LibraryQuerySet:
    return staff_libraries(request.user, ACTION)


def require_union(request: StaffRequest) -> None:
    if not can(request.user, ACTION):
        raise PermissionDenied(_("Peran Anda tidak mengizinkan mengelola katalog induk."))


def get_source_for_staff(request: StaffRequest, pk: int) -> HarvestSource:
    require_union(request)
    source = (
        HarvestSource.objects.filter(pk=pk, library__in=union_libraries(request))
        .select_related("library")
        .first()
    )
    if source is None:
        raise Http404(_("Sumber panen tidak ditemukan."))
    return source


def get_review_for_staff(request: StaffRequest, pk: int) -> Review:
    require_union(request)
    review = (
        Review.objects.filter(pk=pk, contribution__library__in=union_libraries(request))
        .select_related("contribution__library", "candidate")
        .first()
    )
    if review is None:
        raise Http404(_("Tinjauan tidak ditemukan."))
    return review


def get_contribution_for_staff(request: StaffRequest, pk: int) -> Contribution:
    require_union(request)
    found = (
        Contribution.objects.filter(pk=pk, library__in=union_libraries(request))
        .select_related("library")
        .first()
    )
    if found is None:
        raise Http404(_("Kontribusi tidak ditemukan."))
    return found
