"""Partners of the network and the agreements (MoU, PKS) signed with them.

A partner is linked to the network libraries it works with; a library administrator sees and
manages only the partners linked to their own libraries (``PartnerQuerySet.for_staff``).
"""

from __future__ import annotations

import secrets
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from simpul.circulation.choices import NoticeOutcome
from simpul.libraries.models import Library, StaffRole
from simpul.network.choices import (
    AgreementKind,
    AgreementScope,
    AgreementStatus,
    PartnerKind,
)

if TYPE_CHECKING:
    from simpul.accounts.models import User


def number_key(number: str) -> str:
    """How agreement numbers are compared: case and spacing do not make a new number."""
    return " ".join(number.split()).upper()


def _has_network_grant(user: User, roles: frozenset[str]) -> bool:
    return StaffRole.objects.filter(user=user, role__in=roles, library__isnull=True).exists()


class PartnerQuerySet(models.QuerySet["Partner"]):
    def public(self) -> PartnerQuerySet:
        return self.filter(is_active=True)

    def for_staff(self, user: User, roles: frozenset[str]) -> PartnerQuerySet:
        """Every partner for a network-wide role; otherwise those linked to a library in which
        ``user`` holds one of ``roles``."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if _has_network_grant(user, roles):
            return self.all()
        libraries = Library.objects.for_staff(user, roles).values("pk")
        linked = Partner.libraries.through.objects.filter(library_id__in=libraries)
        return self.filter(pk__in=linked.values("partner_id"))


class Partner(models.Model):
    """An institution the network works with: a school, a campus, a company, a library abroad."""

    slug = models.SlugField(_("alamat halaman"), max_length=80, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=20, choices=PartnerKind.choices)
    city = models.CharField(_("kota"), max_length=100, blank=True)
    country = models.CharField(_("negara"), max_length=100, default="Indonesia")
    website = models.URLField(_("situs web"), blank=True)
    address = models.CharField(_("alamat"), max_length=300, blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    libraries = models.ManyToManyField(
        Library, blank=True, related_name="partners", verbose_name=_("perpustakaan jaringan")
    )
    # The create form's one-time token: the same form sent twice creates one partner.
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")

    def __str__(self) -> str:
        return self.name

    @property
    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.country) if part)


class Contact(models.Model):
    """A person to talk to at a partner."""

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("mitra")
    )
    name = models.CharField(_("nama"), max_length=150)
    position = models.CharField(_("jabatan"), max_length=150, blank=True)
    email = models.EmailField(_("alamat e-mail"), blank=True)
    phone = models.CharField(_("nomor telepon"), max_length=32, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("kontak mitra")
        verbose_name_plural = _("kontak mitra")

    def __str__(self) -> str:
        return self.name


def document_path(instance: Any, filename: str) -> str:
    """A random name: the signed document's own name is kept in ``document_name`` only."""
    return f"agreements/{secrets.token_hex(16)}.pdf"


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def for_staff(self, user: User, roles: frozenset[str]) -> AgreementQuerySet:
        """Agreements signed by one of the person's libraries or with one of their partners."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if _has_network_grant(user, roles):
            return self.all()
        libraries = Library.objects.for_staff(user, roles).values("pk")
        partners = Partner.objects.for_staff(user, roles).values("pk")
        parties = AgreementParty.objects.filter(partner_id__in=partners).values("agreement_id")
        return self.filter(Q(library_id__in=libraries) | Q(pk__in=parties))

    def expiring(self, today: date, days: int = 90) -> AgreementQuerySet:
        """Active agreements that end within ``days`` from ``today``."""
        return self.filter(
            status=AgreementStatus.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=date.fromordinal(today.toordinal() + days),
        )


class Agreement(models.Model):
    """A memorandum of understanding (MoU) or cooperation agreement (PKS) between one or more
    partners and a library of the network, with its signed document.

    The number is unique per partner (``AgreementParty``'s constraint, whatever the case and
    spacing); the end date is never before the start date (a check constraint). The status
    changes only through ``services.set_status``, which writes an ``AgreementStatusChange``.
    """

    kind = models.CharField(_("jenis"), max_length=8, choices=AgreementKind.choices)
    number = models.CharField(_("nomor"), max_length=100)
    title = models.CharField(_("judul"), max_length=300)
    partners: models.ManyToManyField[Partner, AgreementParty] = models.ManyToManyField(
        Partner,
        through="AgreementParty",
        related_name="agreements",
        verbose_name=_("mitra"),
    )
    library = models.ForeignKey(
        Library,
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("pihak perpustakaan"),
    )
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    starts_on = models.DateField(_("berlaku mulai"))
    ends_on = models.DateField(_("berlaku sampai"))
    scope = models.JSONField(_("ruang lingkup"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penanggung jawab"),
    )
    document = models.FileField(
        _("dokumen bertanda tangan (PDF)"), upload_to=document_path, blank=True
    )
    document_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    form_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("perjanjian kerja sama")
        verbose_name_plural = _("perjanjian kerja sama")
        indexes = [models.Index(fields=["status", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_start",
                violation_error_message=_("Tanggal berakhir tidak boleh sebelum tanggal mulai."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def scope_labels(self) -> list[str]:
        labels = dict(AgreementScope.choices)
        return [str(labels[code]) for code in self.scope if code in labels]

    def days_left(self, today: date) -> int:
        return (self.ends_on - today).days


class AgreementParty(models.Model):
    """A partner's side of an agreement; carries the number so that the database itself keeps
    it unique per partner."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="parties")
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="parties")
    number_key = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("pihak perjanjian")
        verbose_name_plural = _("pihak perjanjian")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "partner"], name="agreement_party_once"),
            models.UniqueConstraint(
                fields=["partner", "number_key"], name="agreement_number_unique_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number_key} / {self.partner_id}"


class AgreementStatusChange(models.Model):
    """One step in an agreement's life: from which status to which, who, when and why."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="status_changes"
    )
    old = models.CharField(_("dari"), max_length=12, choices=AgreementStatus.choices, blank=True)
    new = models.CharField(_("menjadi"), max_length=12, choices=AgreementStatus.choices)
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("riwayat status perjanjian")
        verbose_name_plural = _("riwayat status perjanjian")

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.old} -> {self.new}"


class AgreementReminder(models.Model):
    """One reminder e-mail about an agreement's end and what became of it. ``key`` names the
    agreement, the step (90, 30 or 7 days) and the end date, so each is sent once."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="reminders")
    days = models.PositiveSmallIntegerField(_("hari sebelum berakhir"))
    key = models.CharField(max_length=100, unique=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penerima"),
    )
    address = models.CharField(max_length=254, blank=True)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=300)
    outcome = models.CharField(_("hasil"), max_length=16, choices=NoticeOutcome.choices)
    error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(_("waktu"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pengingat perjanjian")
        verbose_name_plural = _("pengingat perjanjian")

    def __str__(self) -> str:
        return self.key
