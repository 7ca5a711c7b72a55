from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    BOOK = "book", _("Buku")
    REFERENCE = "reference", _("Referensi")
    CHILDREN = "children", _("Buku anak")
    SERIAL = "serial", _("Terbitan berkala")
    EBOOK = "ebook", _("E-book")
    AUDIOVISUAL = "audiovisual", _("Audio-visual")
    MAP = "map", _("Peta")
    THESIS = "thesis", _("Skripsi/tesis")


class ItemStatus(models.TextChoices):
    AVAILABLE = "available", _("Tersedia")
    ON_LOAN = "on_loan", _("Dipinjam")
    IN_TRANSIT = "in_transit", _("Dalam perjalanan")
    ON_HOLD_SHELF = "on_hold_shelf", _("Di rak pesanan")
    LOST = "lost", _("Hilang")
    DAMAGED = "damaged", _("Rusak")
    WITHDRAWN = "withdrawn", _("Ditarik")
    ON_ORDER = "on_order", _("Dipesan")


S = ItemStatus
# Which status may follow which; one function (services.set_item_status) applies them.
ITEM_TRANSITIONS: dict[str, frozenset[str]] = {
    S.ON_ORDER: frozenset({S.AVAILABLE, S.WITHDRAWN}),
    S.AVAILABLE: frozenset(
        {S.ON_LOAN, S.IN_TRANSIT, S.ON_HOLD_SHELF, S.LOST, S.DAMAGED, S.WITHDRAWN}
    ),
    S.ON_LOAN: frozenset({S.AVAILABLE, S.IN_TRANSIT, S.ON_HOLD_SHELF, S.LOST, S.DAMAGED}),
    S.IN_TRANSIT: frozenset({S.AVAILABLE, S.ON_HOLD_SHELF, S.LOST}),
    S.ON_HOLD_SHELF: frozenset({S.AVAILABLE, S.ON_LOAN, S.IN_TRANSIT}),
    S.LOST: frozenset({S.AVAILABLE, S.WITHDRAWN}),
    S.DAMAGED: frozenset({S.AVAILABLE, S.WITHDRAWN}),
    S.WITHDRAWN: frozenset({S.AVAILABLE}),
}


class Acquisition(models.TextChoices):
    PURCHASE = "purchase", _("Pembelian")
    DONATION = "donation", _("Hibah/sumbangan")
    EXCHANGE = "exchange", _("Tukar-menukar")
    PARTNER_DEPOSIT = "partner_deposit", _("Titipan mitra")


class MaterialType(models.TextChoices):
    BOOK = "book", _("Buku")
    SERIAL = "serial", _("Terbitan berkala")
    MAP = "map", _("Peta")
    MUSIC = "music", _("Partitur musik")
    SOUND = "sound", _("Rekaman suara")
    VIDEO = "video", _("Video")
    VISUAL = "visual", _("Bahan visual")
    COMPUTER = "computer", _("Berkas elektronik")
    MIXED = "mixed", _("Bahan campuran")
    ARCHIVE = "archive", _("Arsip")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    RUNNING = "running", _("Berjalan")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


# MARC language codes people meet in Metro's collections, for display; others show the code.
LANGUAGES = {
    "ind": _("Indonesia"), "eng": _("Inggris"), "jav": _("Jawa"), "ara": _("Arab"),
    "may": _("Melayu"), "chi": _("Tionghoa"), "jpn": _("Jepang"), "fre": _("Prancis"),
    "ger": _("Jerman"), "dut": _("Belanda"), "spa": _("Spanyol"), "rus": _("Rusia"),
    "heb": _("Ibrani"), "lat": _("Latin"), "und": _("Tidak diketahui"),
}  # fmt: skip
