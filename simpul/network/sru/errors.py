"""What can go wrong when a cataloguer searches another library's SRU server."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class RemoteUnreachable(SimpulError):
    code = "SRU_UNREACHABLE"
    template = _("Server SRU {name} tidak dapat dihubungi ({reason}). Coba lagi nanti.")
    status = 502


class RemoteTimeout(SimpulError):
    code = "SRU_TIMEOUT"
    template = _("Server SRU {name} tidak menjawab dalam {seconds} detik. Coba lagi nanti.")
    status = 504


class RemoteHttpError(SimpulError):
    code = "SRU_HTTP_ERROR"
    template = _("Server SRU {name} menjawab dengan galat HTTP {status_code}.")
    status = 502


class RemoteNotSru(SimpulError):
    code = "SRU_NOT_SRU"
    template = _("Jawaban server {name} bukan jawaban SRU yang dapat dibaca ({reason}).")
    status = 502


class RemoteDiagnostic(SimpulError):
    code = "SRU_DIAGNOSTIC"
    template = _("Server SRU {name} menolak pencarian ini: {message} ({uri}).")
    status = 502


class UnknownTarget(SimpulError):
    code = "SRU_UNKNOWN_TARGET"
    template = _("Server SRU “{name}” tidak ada dalam daftar server yang diatur.")
    status = 404


class ExpiredChoice(SimpulError):
    code = "SRU_EXPIRED_CHOICE"
    template = _("Pilihan rekaman ini sudah kedaluwarsa atau rusak. Cari sekali lagi.")
    status = 400


class AlreadyCatalogued(SimpulError):
    code = "SRU_ALREADY_CATALOGUED"
    template = _(
        "Rekaman dengan nomor kendali {control_number} ({control_source}) sudah ada di katalog: "
        "“{title}”."
    )
    status = 409
