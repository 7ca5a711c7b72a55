"""Refusals of the union catalog's use cases: code, message, values."""

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class ReviewAlreadyDecided(SimpulError):
    code = "UNION_REVIEW_DECIDED"
    template = _("Tinjauan ini sudah diputuskan ({status}).")
    status = 409


class NothingToUnmerge(SimpulError):
    code = "UNION_NOTHING_TO_UNMERGE"
    template = _("Kontribusi {local_id} dari {library} sudah berdiri sebagai rekaman sendiri.")
    status = 409


class HarvestFailed(SimpulError):
    code = "UNION_HARVEST_FAILED"
    template = _("Panen dari {url} gagal: {reason}")
    status = 502


class BadSourceUrl(SimpulError):
    code = "UNION_BAD_SOURCE_URL"
    template = _("Alamat {url} bukan alamat http:// atau https:// yang dapat dipanen.")


class UploadNotMarc(SimpulError):
    code = "UNION_UPLOAD_UNREADABLE"
    template = _("Berkas {name} tidak dapat dibaca sebagai MARC atau CSV: {reason}")


class NodeIdTaken(SimpulError):
    code = "UNION_NODE_ID_TAKEN"
    template = _("ID simpul {node_id} sudah dipakai perpustakaan lain.")
    status = 409
