"""The tenancy anchor: the network's libraries, their hours and closures, and who works where."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.lib.rawsql import one, rows, table
from simpul.libraries.choices import NETWORK_ROLES, ClosureKind, LibraryKind, Role, Weekday

if TYPE_CHECKING:
    from simpul.accounts.models import User


# Codes are upper case in the database; URLs accept any case and find nothing for the rest.
LIBRARY_CODE_PATTERN = r"[A-Za-z0-9][A-Za-z0-9-]{0,19}"


class LibraryQuerySet(models.QuerySet["Library"]):
    def public(self) -> LibraryQuerySet:
        return self.filter(is_active=True)

    def for_staff(self, user: User, roles: frozenset[str]) -> LibraryQuerySet:
        """The libraries in which ``user`` holds one of ``roles`` (all, for a network-wide role)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        places = {where for role, where in roles_of(user) if role in roles}
        if None in places:
            return self.all()
        return self.filter(pk__in=places)


class Library(models.Model):
    """One member of the network: a city, school, university or community library."""

    code = models.CharField(
        _("kode"),
        max_length=20,
        unique=True,
        validators=[
            RegexValidator(
                r"^[A-Z0-9][A-Z0-9-]*$",
                _("Gunakan huruf besar, angka dan tanda hubung saja, misalnya SMAN1-METRO."),
            )
        ],
        help_text=_("Kode singkat yang unik di jaringan, misalnya SMAN1."),
    )
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=LibraryKind.choices)
    description = models.TextField(_("keterangan"), blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    district = models.CharField(_("kecamatan"), max_length=100, blank=True)
    city = models.CharField(_("kota/kabupaten"), max_length=100, default="Kota Metro")
    province = models.CharField(_("provinsi"), max_length=100, default="Lampung")
    postal_code = models.CharField(_("kode pos"), max_length=10, blank=True)
    latitude = models.DecimalField(
        _("lintang"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("bujur"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    phone = models.CharField(_("telepon"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    lends_to_network = models.BooleanField(
        _("meminjamkan ke seluruh jaringan"),
        default=False,
        help_text=_("Anggota perpustakaan lain di jaringan boleh meminjam koleksinya."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    is_demo = models.BooleanField(
        _("data demo"), default=False, help_text=_("Dibuat oleh data demo, bukan data asli.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LibraryQuerySet.as_manager()

    class Meta:
        verbose_name = _("perpustakaan")
        verbose_name_plural = _("perpustakaan")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="library_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="library_longitude_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OpeningHours(models.Model):
    """One opening session on a weekday; a day may have two (morning and afternoon)."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    opens = models.TimeField(_("buka"))
    closes = models.TimeField(_("tutup"))

    class Meta:
        verbose_name = _("jam buka")
        verbose_name_plural = _("jam buka")
        ordering = ["library", "weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="hours_order"),
            models.UniqueConstraint(
                fields=["library", "weekday", "opens"], name="hours_unique_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H.%M}-{self.closes:%H.%M}"


class ClosureQuerySet(models.QuerySet["Closure"]):
    def affecting(self, library: Library) -> ClosureQuerySet:
        """Closures of this library and the network-wide ones (national holidays)."""
        return self.filter(Q(library=library) | Q(library__isnull=True))


class Closure(models.Model):
    """A day a library is closed; with no library, a day the whole network is closed."""

    library = models.ForeignKey(
        Library,
        on_delete=models.CASCADE,
        related_name="closures",
        null=True,
        blank=True,
        verbose_name=_("perpustakaan"),
    )
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=ClosureKind.choices)
    note = models.CharField(_("catatan"), max_length=200, blank=True)

    objects = ClosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("hari tutup")
        verbose_name_plural = _("hari tutup")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["library", "date"],
                condition=Q(library__isnull=False),
                name="closure_one_per_library_day",
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(library__isnull=True),
                name="closure_one_per_network_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class StaffRole(models.Model):
    """A role a person holds: at one library, or for the whole network."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    library = models.ForeignKey(
        Library,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        null=True,
        blank=True,
        verbose_name=_("perpustakaan"),
    )
    role = models.CharField(_("peran"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("peran")
        verbose_name_plural = _("peran")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "library", "role"],
                condition=Q(library__isnull=False),
                name="role_once_per_library",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(library__isnull=True),
                name="role_once_network_wide",
            ),
            models.CheckConstraint(
                condition=(
                    Q(role__in=sorted(NETWORK_ROLES), library__isnull=True)
                    | (~Q(role__in=sorted(NETWORK_ROLES)) & Q(library__isnull=False))
                ),
                name="role_scope_matches_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.library.code if self.library else "*"
        return f"{self.user} {self.role}@{where}"


ROLES_ATTR = "_simpul_roles"


def roles_of(user: User) -> tuple[tuple[str, int | None], ...]:
    """``(role, library_id)`` for each of ``user``'s roles, read once per user object.

    The auth middleware loads a fresh user for every request, so this is one query per request
    however many checks a page makes. grant_role and revoke_role forget it (``forget_roles``).
    """
    cached = getattr(user, ROLES_ATTR, None)
    if cached is None:
        sql = f"SELECT role, library_id FROM {table(StaffRole)} WHERE user_id = %s"
        cached = tuple((role, where) for role, where in rows(sql, [user.pk]))
        setattr(user, ROLES_ATTR, cached)
    return cached


def forget_roles(user: User) -> None:
    user.__dict__.pop(ROLES_ATTR, None)


def library_with_code(code: str) -> Library | None:
    """The library with ``code``: every staff request starts here, so in plain SQL (the ORM's
    compiler costs more than the query for this wide table; docs/benchmarks.md)."""
    return one(Library, f"SELECT * FROM {table(Library)} WHERE code = %s", [code])
