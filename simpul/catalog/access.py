"""Who may edit which record and import where."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from simpul.catalog.models import ImportJob, Record
from simpul.libraries.access import StaffRequest, staff_libraries
from simpul.libraries.models import LibraryQuerySet


def editable_libraries(request: StaffRequest) -> LibraryQuerySet:
    return staff_libraries(request.user, "catalog.edit")


def get_record_for_staff(request: StaffRequest, pk: int) -> Record:
    """A record the person may edit: catalogued by, or held by, one of their libraries."""
    record = get_object_or_404(Record, pk=pk)
    libraries = editable_libraries(request)
    catalogued_here = record.library_id is not None and (
        libraries.filter(pk=record.library_id).exists()
    )
    mine = catalogued_here or libraries.filter(items__record=record).exists()
    if not mine:
        raise PermissionDenied(
            _("Rekaman ini dikatalog dan dimiliki perpustakaan lain; Anda tidak dapat mengubahnya.")
        )
    return record


def get_import_for_staff(request: StaffRequest, pk: int) -> ImportJob:
    job = ImportJob.objects.select_related("library").filter(pk=pk).first()
    if (
        job is None
        or not staff_libraries(request.user, "catalog.import").filter(pk=job.library_id).exists()
    ):
        raise Http404(_("Impor tidak ditemukan."))
    return job
