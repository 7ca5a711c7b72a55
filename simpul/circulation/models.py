"""Loans, the rules that shape them, fines, holds, notices and the audit trail.

The database itself forbids a double loan: at most one open loan per item (a partial unique
index), so two desks checking out the last copy at once cannot both succeed, whatever the
application does.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from simpul.catalog.choices import ItemType
from simpul.catalog.models import Item, Record
from simpul.circulation.choices import Action, FineKind, HoldStatus, NoticeKind, NoticeOutcome
from simpul.libraries.models import Library
from simpul.members.models import Member, MemberCategory


class LoanRule(models.Model):
    """One cell of the rules matrix. Blank library, category or item type means "any"; the
    most specific rule wins (library before category before item type, see policy.py)."""

    library = models.ForeignKey(
        Library, on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("perpustakaan")
    )
    category = models.ForeignKey(
        MemberCategory,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("kategori anggota"),
    )
    item_type = models.CharField(
        _("jenis eksemplar"), max_length=20, choices=ItemType.choices, blank=True
    )
    loan_days = models.PositiveSmallIntegerField(_("lama pinjam (hari)"), default=14)
    renewals = models.PositiveSmallIntegerField(_("perpanjangan"), default=1)
    max_items = models.PositiveSmallIntegerField(_("maksimum eksemplar"), default=3)
    fine_per_day = models.DecimalField(
        _("denda per hari (Rp)"), default=500, max_digits=12, decimal_places=0
    )
    grace_days = models.PositiveSmallIntegerField(_("hari toleransi"), default=0)
    fine_cap = models.DecimalField(
        _("denda maksimum (Rp)"), default=20000, max_digits=12, decimal_places=0
    )

    class Meta:
        verbose_name = _("aturan peminjaman")
        verbose_name_plural = _("aturan peminjaman")
        constraints = [
            # "Any" is NULL, and NULLs are distinct in unique indexes: coalesce them.
            models.UniqueConstraint(
                Coalesce("library", Value(0)),
                Coalesce("category", Value(0)),
                "item_type",
                name="loan_rule_one_per_cell",
                violation_error_message=_("Aturan untuk kombinasi ini sudah ada."),
            )
        ]

    def __str__(self) -> str:
        parts = [str(self.library or "*"), str(self.category or "*"), self.item_type or "*"]
        return " / ".join(parts)


class Loan(models.Model):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="loans")
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="loans")
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="+", verbose_name=_("dipinjam di")
    )
    rule = models.ForeignKey(LoanRule, on_delete=models.SET_NULL, null=True, related_name="+")
    checked_out_at = models.DateTimeField(_("dipinjam"))
    due_on = models.DateField(_("jatuh tempo"))
    renewals_used = models.PositiveSmallIntegerField(_("perpanjangan dipakai"), default=0)
    returned_at = models.DateTimeField(_("dikembalikan"), null=True, blank=True)
    returned_library = models.ForeignKey(
        Library, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Reading history is kept only for members who turned it on; others lose the link here.
    history_hidden = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("peminjaman")
        verbose_name_plural = _("peminjaman")
        indexes = [
            models.Index(fields=["member", "returned_at"]),
            models.Index(
                fields=["due_on"], condition=Q(returned_at__isnull=True), name="open_loan_due"
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(returned_at__isnull=True),
                name="one_open_loan_per_item",
                violation_error_message=_("Eksemplar ini sedang dipinjam."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.item_id} → {self.member_id} ({self.due_on})"


class Fine(models.Model):
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="fines")
    loan = models.ForeignKey(
        Loan, on_delete=models.PROTECT, null=True, blank=True, related_name="fines"
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=FineKind.choices)
    amount = models.DecimalField(_("jumlah (Rp)"), max_digits=12, decimal_places=0)
    note = models.CharField(_("keterangan"), max_length=300, blank=True)
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("denda")
        verbose_name_plural = _("denda")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="fine_amount_positive"),
            models.UniqueConstraint(
                fields=["loan", "kind"],
                condition=Q(kind="overdue"),
                name="one_overdue_fine_per_loan",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} Rp{self.amount}"


class Payment(models.Model):
    """Money received from a member (``waiver`` False) or a fine forgiven (``waiver`` True)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="payments")
    fine = models.ForeignKey(
        Fine, on_delete=models.PROTECT, null=True, blank=True, related_name="payments"
    )
    amount = models.DecimalField(_("jumlah (Rp)"), max_digits=12, decimal_places=0)
    waiver = models.BooleanField(_("penghapusan"), default=False)
    reason = models.CharField(_("alasan"), max_length=300, blank=True)
    library = models.ForeignKey(Library, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"Rp{self.amount}"


class Hold(models.Model):
    """A member's reservation of a title, picked up at a library of their choice."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="holds")
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="holds")
    pickup_library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="+", verbose_name=_("ambil di")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=HoldStatus.choices, default=HoldStatus.WAITING
    )
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="holds"
    )
    placed_at = models.DateTimeField(_("dibuat"))
    ready_at = models.DateTimeField(null=True, blank=True)
    ready_until = models.DateField(_("ambil sebelum"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["placed_at", "pk"]
        verbose_name = _("reservasi")
        verbose_name_plural = _("reservasi")
        indexes = [models.Index(fields=["record", "status", "placed_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "member"],
                condition=Q(status__in=["waiting", "in_transit", "ready"]),
                name="one_open_hold_per_member_and_title",
                violation_error_message=_("Anda sudah memesan judul ini."),
            ),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status__in=["in_transit", "ready"]),
                name="one_hold_per_trapped_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_id} ← {self.member_id} ({self.status})"


class Event(models.Model):
    """The audit trail: every circulation action, who did it, when and where."""

    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    library = models.ForeignKey(Library, on_delete=models.PROTECT, null=True, related_name="+")
    member = models.ForeignKey(Member, on_delete=models.SET_NULL, null=True, related_name="+")
    item = models.ForeignKey(Item, on_delete=models.SET_NULL, null=True, related_name="+")
    loan = models.ForeignKey(Loan, on_delete=models.SET_NULL, null=True, related_name="+")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("catatan sirkulasi")
        verbose_name_plural = _("catatan sirkulasi")

    def __str__(self) -> str:
        return f"{self.action} {self.at:%Y-%m-%d %H:%M}"


class Notice(models.Model):
    """One e-mail to a member and what became of it."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=16, choices=NoticeKind.choices)
    loan = models.ForeignKey(
        Loan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hold = models.ForeignKey(
        Hold, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # What the notice is about, so a notice is sent once: e.g. "loan:17:overdue_7".
    key = models.CharField(max_length=100, unique=True)
    address = models.CharField(max_length=254, blank=True)
    language = models.CharField(max_length=8)
    subject = models.CharField(max_length=300)
    outcome = models.CharField(max_length=16, choices=NoticeOutcome.choices)
    error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("pemberitahuan")
        verbose_name_plural = _("pemberitahuan")

    def __str__(self) -> str:
        return self.key
