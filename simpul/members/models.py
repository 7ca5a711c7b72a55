"""Members of the network's libraries: categories with their validity, the members, the history
of each membership, and the yearly counter that numbers them."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.libraries.models import Library
from simpul.members.choices import Gender, MemberEventKind, MemberStatus
from simpul.members.nik import normalize_nik
from simpul.members.validity import GUARDIAN_AGE, age_on


class MemberCategory(models.Model):
    """Pelajar, mahasiswa, guru, umum, anak, staf mitra: who a member is, for the loan rules."""

    code = models.SlugField(_("kode"), max_length=32, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    validity_months = models.PositiveSmallIntegerField(_("masa berlaku (bulan)"), default=12)
    needs_guardian = models.BooleanField(_("perlu wali (anak)"), default=False)
    max_age = models.PositiveSmallIntegerField(_("usia maksimum"), null=True, blank=True)
    sort = models.PositiveSmallIntegerField(default=0)
    self_service = models.BooleanField(
        _("boleh dipilih saat mendaftar daring"),
        default=True,
        help_text=_("Matikan untuk kategori yang harus diperiksa petugas, misalnya staf mitra."),
    )

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("kategori anggota")
        verbose_name_plural = _("kategori anggota")

    def __str__(self) -> str:
        return self.name


class MemberQuerySet(models.QuerySet["Member"]):
    def find(self, query: str) -> MemberQuerySet:
        """What the desk looks for: a number exactly (a scanned card), a NIK, or part of a name."""
        query = " ".join(query.split())
        if not query:
            return self.none()
        match = Q(number=query.upper()) | Q(full_name__icontains=query)
        digits = normalize_nik(query)
        if digits.isdigit() and len(digits) == 16:
            match |= Q(nik=digits)
        return self.filter(match)


class Member(models.Model):
    """One member of the network: a card valid in every library, registered at one of them.

    ``number`` stays empty until the registration is approved (services.approve_member); from
    then on it is unique in the network and printed on the card as a barcode and a QR code.
    """

    number = models.CharField(_("nomor anggota"), max_length=20, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member",
        verbose_name=_("akun"),
    )
    category = models.ForeignKey(
        MemberCategory, on_delete=models.PROTECT, verbose_name=_("kategori")
    )
    home_library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="members", verbose_name=_("terdaftar di")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=MemberStatus.choices, default=MemberStatus.PENDING
    )
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    birth_date = models.DateField(_("tanggal lahir"))
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    address = models.CharField(_("alamat"), max_length=300)
    city = models.CharField(_("kota/kabupaten"), max_length=100, default="Kota Metro")
    phone = models.CharField(_("nomor telepon"), max_length=32, blank=True)
    email = models.EmailField(_("alamat e-mail"), blank=True)
    school_or_work = models.CharField(_("sekolah/tempat kerja"), max_length=200, blank=True)
    nik = models.CharField(_("NIK"), max_length=16, blank=True)
    guardian_name = models.CharField(_("nama wali"), max_length=150, blank=True)
    guardian_phone = models.CharField(_("telepon wali"), max_length=32, blank=True)
    photo = models.ImageField(_("foto"), upload_to="members/", blank=True)
    language = models.CharField(
        _("bahasa pemberitahuan"), max_length=8, choices=settings.LANGUAGES, default="id"
    )
    keep_history = models.BooleanField(_("simpan riwayat bacaan"), default=False)
    joined_on = models.DateField(_("tanggal daftar"), default=date.today)
    expires_on = models.DateField(_("berlaku sampai"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("anggota")
        verbose_name_plural = _("anggota")
        indexes = [
            models.Index(fields=["full_name"]),
            models.Index(fields=["status"]),
            # SQLite cannot use the partial unique index below for ``number = ?``.
            models.Index(fields=["number"], name="member_number_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["nik"],
                condition=~Q(nik=""),
                name="member_nik_unique",
                violation_error_message=_("NIK ini sudah terdaftar untuk anggota lain."),
            ),
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="member_number_unique",
                violation_error_message=_("Nomor anggota ini sudah dipakai."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.number or self.get_status_display()})"

    def is_expired(self, today: date) -> bool:
        return self.expires_on is not None and self.expires_on < today

    def age_on(self, today: date) -> int:
        return age_on(self.birth_date, today)

    def needs_guardian(self, today: date) -> bool:
        """Children: the category says so, or the member is younger than GUARDIAN_AGE."""
        return self.category.needs_guardian or self.age_on(today) < GUARDIAN_AGE

    def may_borrow(self, today: date) -> bool:
        """Active and not expired: the card works at every desk of the network."""
        return self.status == MemberStatus.ACTIVE and not self.is_expired(today)


class MemberEvent(models.Model):
    """One step in a membership's history: who did what, when, and the values that changed."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kejadian"), max_length=16, choices=MemberEventKind.choices)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    library = models.ForeignKey(
        Library,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("di perpustakaan"),
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("riwayat keanggotaan")
        verbose_name_plural = _("riwayat keanggotaan")
        indexes = [models.Index(fields=["member", "at"])]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.at:%Y-%m-%d}"

    def dates(self) -> dict[str, date]:
        """The dates kept in ``data`` (a renewal's old and new expiry), as dates."""
        return {
            key: date.fromisoformat(value)
            for key, value in self.data.items()
            if key in ("old", "new") and isinstance(value, str) and len(value) == 10
        }

    def field_labels(self) -> list[str]:
        """The names people know for the fields a change touched."""
        names = self.data.get("fields", [])
        return [str(getattr(Member._meta.get_field(n), "verbose_name", n)) for n in names]


class MemberNumberSequence(models.Model):
    """The last member number given out in a year; advanced by a conditional UPDATE, which
    the database serializes, so two desks approving at once never get the same number."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("urutan nomor anggota")
        verbose_name_plural = _("urutan nomor anggota")

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"
