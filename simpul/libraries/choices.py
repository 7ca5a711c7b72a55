from django.db import models
from django.utils.translation import gettext_lazy as _


class LibraryKind(models.TextChoices):
    CITY = "city", _("Perpustakaan kota")
    BRANCH = "branch", _("Perpustakaan cabang")
    MOBILE = "mobile", _("Perpustakaan keliling")
    SCHOOL = "school", _("Perpustakaan sekolah")
    UNIVERSITY = "university", _("Perpustakaan perguruan tinggi")
    COMMUNITY = "community", _("Taman Bacaan Masyarakat (TBM)")
    SPECIAL = "special", _("Perpustakaan khusus")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Senin")
    TUESDAY = 1, _("Selasa")
    WEDNESDAY = 2, _("Rabu")
    THURSDAY = 3, _("Kamis")
    FRIDAY = 4, _("Jumat")
    SATURDAY = 5, _("Sabtu")
    SUNDAY = 6, _("Minggu")


class ClosureKind(models.TextChoices):
    NATIONAL_HOLIDAY = "national_holiday", _("Hari libur nasional")
    COLLECTIVE_LEAVE = "collective_leave", _("Cuti bersama")
    LOCAL = "local", _("Tutup khusus perpustakaan ini")


class Role(models.TextChoices):
    NETWORK_ADMIN = "network_admin", _("Administrator jaringan")
    LIBRARY_ADMIN = "library_admin", _("Administrator perpustakaan")
    LIBRARIAN = "librarian", _("Pustakawan (katalogisasi)")
    DESK = "desk", _("Petugas layanan")
    PROGRAM_COORDINATOR = "program_coordinator", _("Koordinator program")
    CITY_OFFICIAL = "city_official", _("Pejabat pemerintah kota (laporan)")
    MEMBER = "member", _("Anggota")


# Roles held for the whole network, never for one library.
NETWORK_ROLES = frozenset({Role.NETWORK_ADMIN, Role.CITY_OFFICIAL})
STAFF_ROLES = frozenset(set(Role) - {Role.MEMBER})
