"""Who may edit which record and import where."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.catalog.models import ImportJob, Record
from simpul.libraries.access import StaffRequest, can, is_network_admin, staff_libraries
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


def get_record_for_deletion(request: StaffRequest, pk: int) -> Record:
    """A record the person may delete: they may edit it (get_record_for_staff) and edit the
    catalog of the library that catalogued it. Holding a copy of it is not enough: the record
    serves every library of the network."""
    record = get_record_for_staff(request, pk)
    if not can_delete(request.user, record):
        raise PermissionDenied(
            _("Hanya perpustakaan yang mengkatalog rekaman ini yang dapat menghapusnya.")
        )
    return record


def can_delete(user: User, record: Record) -> bool:
    """Whether ``user`` may delete ``record`` (see get_record_for_deletion)."""
    if record.library is None:  # its library is gone: only the network's administrators
        return is_network_admin(user)
    return can(user, "catalog.edit", record.library)


def get_import_for_staff(request: StaffRequest, pk: int) -> ImportJob:
    job = ImportJob.objects.select_related("library").filter(pk=pk).first()
    if (
        job is None
        or not staff_libraries(request.user, "catalog.import").filter(pk=job.library_id).exists()
    ):
        raise Http404(_("Impor tidak ditemukan."))
    return job
