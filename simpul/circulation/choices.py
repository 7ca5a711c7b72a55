from django.db import models
from django.utils.translation import gettext_lazy as _


class FineKind(models.TextChoices):
    OVERDUE = "overdue", _("Denda keterlambatan")
    LOST = "lost", _("Penggantian eksemplar hilang")
    DAMAGED = "damaged", _("Penggantian eksemplar rusak")
    OTHER = "other", _("Lainnya")


class HoldStatus(models.TextChoices):
    WAITING = "waiting", _("Dalam antrean")
    IN_TRANSIT = "in_transit", _("Dalam perjalanan ke perpustakaan pengambilan")
    READY = "ready", _("Siap diambil")
    FULFILLED = "fulfilled", _("Sudah dipinjam")
    CANCELLED = "cancelled", _("Dibatalkan")
    EXPIRED = "expired", _("Kedaluwarsa")


OPEN_HOLDS = (HoldStatus.WAITING, HoldStatus.IN_TRANSIT, HoldStatus.READY)


class Action(models.TextChoices):
    CHECKOUT = "checkout", _("Peminjaman")
    CHECKIN = "checkin", _("Pengembalian")
    RENEW = "renew", _("Perpanjangan")
    OVERRIDE = "override", _("Pengecualian blokir")
    FINE = "fine", _("Denda")
    PAYMENT = "payment", _("Pembayaran")
    WAIVER = "waiver", _("Penghapusan denda")
    LOST = "lost", _("Dinyatakan hilang")
    DAMAGED = "damaged", _("Dinyatakan rusak")
    HOLD_PLACED = "hold_placed", _("Reservasi dibuat")
    HOLD_TRAPPED = "hold_trapped", _("Eksemplar disisihkan untuk reservasi")
    HOLD_CANCELLED = "hold_cancelled", _("Reservasi dibatalkan")
    HOLD_EXPIRED = "hold_expired", _("Reservasi kedaluwarsa")
    TRANSIT = "transit", _("Dikirim ke perpustakaan pemilik")
    DUE_CHANGED = "due_changed", _("Jatuh tempo diubah")


class NoticeKind(models.TextChoices):
    DUE_SOON = "due_soon", _("Jatuh tempo dua hari lagi")
    OVERDUE_1 = "overdue_1", _("Terlambat 1 hari")
    OVERDUE_7 = "overdue_7", _("Terlambat 7 hari")
    OVERDUE_14 = "overdue_14", _("Terlambat 14 hari")
    HOLD_READY = "hold_ready", _("Reservasi siap diambil")
    EXPIRING = "expiring", _("Keanggotaan segera berakhir")
    RECEIPT = "receipt", _("Bukti transaksi")


class NoticeOutcome(models.TextChoices):
    SENT = "sent", _("Terkirim")
    FAILED = "failed", _("Gagal")
    NO_ADDRESS = "no_address", _("Tidak ada alamat e-mail")
