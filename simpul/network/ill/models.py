"""Interlibrary loan requests, their history, the ISO 18626 peers and the message logs.

Inside one Simpul a request is one row with both libraries set. Between two servers each
side keeps its own row: the requesting side names the supplier's ``supplier_peer``, the
supplying side names the requester's ``requester_peer``; ``request_id`` (ISO 18626
requestingAgencyRequestId) ties the two rows together.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.catalog.models import Item, Record
from simpul.libraries.models import Library
from simpul.members.models import Member
from simpul.network.ill.choices import (
    RENEWABLE,
    IllAction,
    IllStatus,
    MessageKind,
    OutboxState,
    Renewal,
)


class IllPeer(models.Model):
    """Another ISO 18626 server (a Simpul or any peer) and how to reach one of its agencies."""

    name = models.CharField(_("nama"), max_length=200)
    agency_id_type = models.CharField(_("jenis ID lembaga"), max_length=50, default="ISIL")
    agency_id_value = models.CharField(_("ID lembaga"), max_length=100)
    endpoint_url = models.URLField(_("alamat ISO 18626"), max_length=500)
    shared_secret = models.CharField(
        _("kode rahasia bersama"),
        max_length=200,
        blank=True,
        help_text=_("Dikirim dan diperiksa di requestingAgencyAuthentication; kosong: tanpa."),
    )
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mitra ISO 18626")
        verbose_name_plural = _("mitra ISO 18626")
        constraints = [
            models.UniqueConstraint(
                fields=["agency_id_type", "agency_id_value"],
                name="ill_peer_agency_unique",
                violation_error_message=_("Mitra dengan ID lembaga ini sudah terdaftar."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency_id_type}:{self.agency_id_value})"


class IllRequest(models.Model):
    """One interlibrary loan of one title: who asks, who supplies, and where it stands.

    ``status`` is the supplier's ISO 18626 status; ``received_at`` and ``returned_at`` are
    the requesting library's Received and ShippedReturn; ``due_on`` is the date the lender set
    when it shipped (moved by a renewal or a recall, ISO 18626 statusInfo/dueDate) and
    ``renewal`` where the last Renew stands. Changed only by services.py and due_dates.py, by
    conditional UPDATEs, each with an IllEvent in the same transaction.
    """

    request_id = models.CharField(_("nomor permintaan"), max_length=100)
    requester_agency = models.CharField(max_length=160)  # "type:value" of the requesting agency
    requester_library = models.ForeignKey(
        Library,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ill_requested",
        verbose_name=_("perpustakaan peminjam"),
    )
    requester_peer = models.ForeignKey(
        IllPeer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supplier_library = models.ForeignKey(
        Library,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ill_supplied",
        verbose_name=_("perpustakaan pemilik"),
    )
    supplier_peer = models.ForeignKey(
        IllPeer, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supplier_request_id = models.CharField(max_length=100, blank=True)
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="ill_requests"
    )
    patron_name = models.CharField(max_length=200, blank=True)
    record = models.ForeignKey(
        Record, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    supplier_record_id = models.CharField(max_length=100, blank=True)
    item = models.ForeignKey(
        Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="ill_requests"
    )
    item_label = models.CharField(max_length=100, blank=True)  # itemId the supplier sent
    title = models.CharField(_("judul"), max_length=500)
    author = models.CharField(_("pengarang"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=IllStatus.choices, default=IllStatus.REQUEST_RECEIVED
    )
    last_action = models.CharField(max_length=20, choices=IllAction.choices, blank=True)
    reason = models.CharField(_("alasan"), max_length=500, blank=True)
    due_on = models.DateField(_("jatuh tempo pemilik"), null=True, blank=True)
    renewal = models.CharField(
        _("perpanjangan"), max_length=10, choices=Renewal.choices, blank=True
    )
    renewal_note = models.CharField(max_length=500, blank=True)  # the lender's answer
    renewals = models.PositiveSmallIntegerField(_("perpanjangan disetujui"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    received_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    messages_queued = models.PositiveIntegerField(default=0)  # the outbox sequence

    class Meta:
        verbose_name = _("permintaan pinjam antarperpustakaan")
        verbose_name_plural = _("permintaan pinjam antarperpustakaan")
        constraints = [
            models.UniqueConstraint(
                fields=["requester_agency", "request_id"], name="ill_request_id_per_agency"
            ),
            models.CheckConstraint(
                condition=Q(requester_library__isnull=False) | Q(requester_peer__isnull=False),
                name="ill_request_has_requester",
            ),
            models.CheckConstraint(
                condition=Q(supplier_library__isnull=False) | Q(supplier_peer__isnull=False),
                name="ill_request_has_supplier",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.request_id

    @property
    def is_local(self) -> bool:
        return self.requester_peer_id is None and self.supplier_peer_id is None

    @property
    def has_stand_in(self) -> bool:
        """The requesting side of a peer's loan, with the temporary copy made here when the
        book arrived (stand_in.py): ``item`` is ours, standing for the peer's book."""
        return (
            self.supplier_peer_id is not None
            and self.requester_library_id is not None
            and self.item_id is not None
        )

    @property
    def renewable(self) -> bool:
        """A renewal may be asked for now: out on loan and not recalled, not shipped back,
        no renewal waiting for its answer."""
        return (
            self.status in RENEWABLE
            and self.returned_at is None
            and self.renewal != Renewal.REQUESTED
        )


class IllEvent(models.Model):
    """One change of a request: who, when, where, what it became and the message with it."""

    request = models.ForeignKey(IllRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    library = models.ForeignKey(Library, on_delete=models.SET_NULL, null=True, blank=True)
    peer = models.ForeignKey(IllPeer, on_delete=models.SET_NULL, null=True, blank=True)
    status = models.CharField(max_length=30, choices=IllStatus.choices, blank=True)
    action = models.CharField(max_length=20, choices=IllAction.choices, blank=True)
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.status or self.action} {self.at:%Y-%m-%d %H:%M}"


class OutgoingMessage(models.Model):
    """An ISO 18626 message waiting for (or given) its confirmation; the worker retries it.

    ``key`` (requestingAgencyRequestId, kind, sequence) is unique, and ``body`` is fixed when
    queued, so every retry sends the same bytes and the receiver recognises a repeat.
    """

    request = models.ForeignKey(IllRequest, on_delete=models.CASCADE, related_name="outbox")
    peer = models.ForeignKey(IllPeer, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=MessageKind.choices)
    key = models.CharField(max_length=200, unique=True)
    body = models.TextField()
    state = models.CharField(
        max_length=10, choices=OutboxState.choices, default=OutboxState.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.TextField(blank=True)
    confirmation = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return self.key


class ReceivedMessage(models.Model):
    """A message already applied, with the confirmation it got: a repeat gets the same one."""

    key = models.CharField(max_length=64, unique=True)  # sha256 of the message's identity
    kind = models.CharField(max_length=30, choices=MessageKind.choices)
    request = models.ForeignKey(IllRequest, on_delete=models.SET_NULL, null=True, blank=True)
    confirmation = models.TextField()
    received_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.key[:12]}"
