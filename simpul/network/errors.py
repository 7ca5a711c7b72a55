"""Refusals of the partner and agreement use cases: code, message, values."""

from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class DuplicateAgreementNumber(SimpulError):
    code = "AGREEMENT_NUMBER_TAKEN"
    template = _("Nomor {number} sudah dipakai perjanjian lain dengan {partner}.")
    status = 409


class AgreementDates(SimpulError):
    code = "AGREEMENT_DATES"
    template = _("Tanggal berakhir ({end}) tidak boleh sebelum tanggal mulai ({start}).")


class AgreementWithoutPartner(SimpulError):
    code = "AGREEMENT_NO_PARTNER"
    template = _("Pilih paling sedikit satu mitra untuk perjanjian ini.")


class StatusChangeNotAllowed(SimpulError):
    code = "AGREEMENT_STATUS_CHANGE_NOT_ALLOWED"
    template = _("Perjanjian {number} tidak dapat berubah dari “{old}” menjadi “{new}”.")
    status = 409


class AgreementChanged(SimpulError):
    code = "AGREEMENT_CHANGED"
    template = _(
        "Status perjanjian {number} baru saja diubah (atau formulirnya terkirim dua kali): "
        "sekarang “{status}”. Muat ulang halaman dan periksa lagi."
    )
    status = 409


class NotSignedYet(SimpulError):
    code = "AGREEMENT_NOT_SIGNED"
    template = _("Perjanjian {number} belum punya tanggal tanda tangan: isi dulu lewat “Ubah”.")


class AlreadyEnded(SimpulError):
    code = "AGREEMENT_ALREADY_ENDED"
    template = _(
        "Perjanjian {number} sudah berakhir pada {end}: perpanjang dulu tanggal berakhirnya."
    )


class NotAPdf(SimpulError):
    code = "AGREEMENT_DOCUMENT_NOT_PDF"
    template = _(
        "Berkas “{name}” bukan PDF. Unggah hasil pindaian dokumen yang sudah ditandatangani "
        "dalam format PDF."
    )


class DocumentTooLarge(SimpulError):
    code = "AGREEMENT_DOCUMENT_TOO_LARGE"
    template = _("Berkas “{name}” berukuran {size} MB; paling besar {limit} MB.")
    status = 413
