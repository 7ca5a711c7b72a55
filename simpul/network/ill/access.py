"""Fetch-and-authorize helpers of the interlibrary loan pages."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from simpul.libraries.access import StaffRequest, get_library_for_staff
from simpul.libraries.models import Library
from simpul.network.ill.models import IllRequest


def requests_of(library: Library):  # type: ignore[no-untyped-def]
    """Requests this library asks for or supplies."""
    return IllRequest.objects.filter(Q(requester_library=library) | Q(supplier_library=library))


def get_request_for_staff(
    request: StaffRequest, code: str, pk: int, action: str = "ill.manage"
) -> tuple[Library, IllRequest]:
    """The library (checked for ``action``) and one of its requests; 404 for another's."""
    library = get_library_for_staff(request, code, action)
    ill = get_object_or_404(
        requests_of(library).select_related(
            "requester_library",
            "supplier_library",
            "requester_peer",
            "supplier_peer",
            "member",
            "item",
            "item__library",
            "record",
        ),
        pk=pk,
    )
    if ill is None:
        raise Http404(_("Permintaan tidak ditemukan."))
    return library, ill
