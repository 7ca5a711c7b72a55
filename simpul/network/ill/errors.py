"""Refusals of the interlibrary loan use cases: code, translated message, values."""

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class IllError(SimpulError):
    code = "ILL_ERROR"


class NoSupplier(IllError):
    code = "ILL_NO_SUPPLIER"
    template = _(
        "Tidak ada perpustakaan lain di jaringan yang dapat meminjamkan “{title}” saat ini."
    )


class AvailableHere(IllError):
    code = "ILL_AVAILABLE_HERE"
    template = _("“{title}” tersedia di {library}. Pinjam langsung atau pesan lewat reservasi.")


class AlreadyRequested(IllError):
    code = "ILL_ALREADY_REQUESTED"
    template = _("Anda sudah punya permintaan pinjam antarperpustakaan untuk “{title}”.")
    status = 409


class NotAMember(IllError):
    code = "ILL_NOT_A_MEMBER"
    template = _("Hanya anggota aktif yang dapat meminta pinjam antarperpustakaan.")
    status = 403


class StatusNotAllowed(IllError):
    code = "ILL_STATUS_NOT_ALLOWED"
    template = _("Permintaan {number} tidak dapat berubah dari “{old}” menjadi “{new}”.")
    status = 409


class ActionNotAllowed(IllError):
    code = "ILL_ACTION_NOT_ALLOWED"
    template = _("“{action}” tidak dapat dilakukan pada permintaan {number} (status “{status}”).")
    status = 409


class RequestChanged(IllError):
    code = "ILL_REQUEST_CHANGED"
    template = _(
        "Permintaan {number} baru saja diubah (atau tombolnya tertekan dua kali): sekarang "
        "“{status}”. Muat ulang halaman dan periksa lagi."
    )
    status = 409


class NoCopyToShip(IllError):
    code = "ILL_NO_COPY"
    template = _("Tidak ada eksemplar “{title}” yang tersedia di {library} untuk dikirim.")


class StillOnLoan(IllError):
    code = "ILL_STILL_ON_LOAN"
    template = _(
        "Eksemplar {barcode} masih dipinjam anggota. Terima pengembaliannya di meja sirkulasi dulu."
    )


class UnknownPeer(IllError):
    code = "ILL_UNKNOWN_PEER"
    template = _("Mitra ISO 18626 “{agency}” tidak dikenal.")


class ReasonNeeded(IllError):
    code = "ILL_REASON_NEEDED"
    template = _("Tulis alasan untuk “{step}”.")


class DueDateInvalid(IllError):
    code = "ILL_DUE_DATE_INVALID"
    template = _("“{value}” bukan tanggal jatuh tempo yang valid (tulis tahun-bulan-tanggal).")


class DueDateTooEarly(IllError):
    code = "ILL_DUE_DATE_TOO_EARLY"
    template = _("Jatuh tempo harus sesudah {date}.")


class NoRenewalAsked(IllError):
    code = "ILL_NO_RENEWAL_ASKED"
    template = _("Permintaan {number} tidak sedang menunggu jawaban perpanjangan.")
    status = 409
