from django.db import models
from django.utils.translation import gettext_lazy as _


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan")
    ACTIVE = "active", _("Aktif")
    SUSPENDED = "suspended", _("Dibekukan")
    REJECTED = "rejected", _("Ditolak")


# The only status changes there are; services.change_status refuses every other one.
# A rejected registration can still be approved later (the papers arrived after all).
TRANSITIONS: dict[str, frozenset[str]] = {
    MemberStatus.PENDING: frozenset({MemberStatus.ACTIVE, MemberStatus.REJECTED}),
    MemberStatus.ACTIVE: frozenset({MemberStatus.SUSPENDED}),
    MemberStatus.SUSPENDED: frozenset({MemberStatus.ACTIVE}),
    MemberStatus.REJECTED: frozenset({MemberStatus.ACTIVE}),
}


class Gender(models.TextChoices):
    FEMALE = "f", _("Perempuan")
    MALE = "m", _("Laki-laki")


class MemberEventKind(models.TextChoices):
    REGISTERED = "registered", _("Mendaftar")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")
    RENEWED = "renewed", _("Diperpanjang")
    SUSPENDED = "suspended", _("Dibekukan")
    REACTIVATED = "reactivated", _("Diaktifkan kembali")
    CHANGED = "changed", _("Data diubah")


class Domicile(models.TextChoices):
    METRO = "metro", _("Kota Metro")
    ELSEWHERE = "elsewhere", _("Di luar Kota Metro")
