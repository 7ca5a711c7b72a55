from django.utils.translation import gettext_lazy as _

from simpul.lib.errors import SimpulError


class BarcodeTaken(SimpulError):
    code = "BARCODE_TAKEN"
    template = _("Barkode {barcode} sudah dipakai eksemplar lain ({library}).")
    status = 409


class StatusChangeNotAllowed(SimpulError):
    code = "ITEM_STATUS_CHANGE_NOT_ALLOWED"
    template = _("Eksemplar {barcode} tidak dapat berubah dari {old} menjadi {new}.")
    status = 409


class UnreadableFile(SimpulError):
    code = "IMPORT_UNREADABLE"
    template = _("Berkas {name} tidak dapat dibaca: {reason}")


class RecordHasHistory(SimpulError):
    code = "RECORD_HAS_HISTORY"
    template = _(
        "Rekaman “{title}” tidak dapat dihapus: eksemplar {barcodes} punya riwayat peminjaman "
        "yang harus tetap tersimpan. Biarkan eksemplar itu berstatus ditarik atau hilang."
    )
    status = 409


class RecordHasCopies(SimpulError):
    code = "RECORD_HAS_COPIES"
    template = _(
        "Rekaman “{title}” masih punya {count} eksemplar yang belum ditarik atau hilang "
        "({barcodes}). Tarik eksemplar itu dulu, lalu hapus rekamannya."
    )
    status = 409
