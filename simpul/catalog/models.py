"""Bibliographic records, their copies, the search outbox and import jobs."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.catalog.choices import (
    LANGUAGES,
    Acquisition,
    ImportStatus,
    ItemStatus,
    ItemType,
    MaterialType,
)
from simpul.catalog.covers import THUMB_SIZE, scaled
from simpul.libraries.models import Library


class RecordQuerySet(models.QuerySet["Record"]):
    def public(self) -> RecordQuerySet:
        """What the public catalog, its exports and browses show: no suppressed record."""
        return self.filter(suppressed=False)


class Record(models.Model):
    """One bibliographic record of the union catalog.

    ``marc`` keeps the complete MARC21 record as MARC-in-JSON, so nothing a cataloguer entered
    is ever lost; the other fields are derived from it on every save (services.save_record)
    for display and search.
    """

    marc = models.JSONField(_("rekaman MARC"))
    control_number = models.CharField(_("nomor kendali (001)"), max_length=64, blank=True)
    control_source = models.CharField(_("sumber nomor kendali (003)"), max_length=64, blank=True)
    isbn = models.CharField(_("ISBN"), max_length=13, blank=True, db_index=True)
    # SHA-1 of the MARC record without 005: finds a record again when it has no 001 or ISBN.
    fingerprint = models.CharField(max_length=40, blank=True)
    isbns = models.JSONField(default=list, blank=True)
    title = models.CharField(_("judul"), max_length=1000)
    subtitle = models.CharField(_("anak judul"), max_length=1000, blank=True)
    title_sort = models.CharField(max_length=255, blank=True)
    authors = models.JSONField(_("pengarang"), default=list, blank=True)
    subjects = models.JSONField(_("subjek"), default=list, blank=True)
    series = models.JSONField(_("seri"), default=list, blank=True)
    notes = models.JSONField(_("catatan"), default=list, blank=True)
    publisher = models.CharField(_("penerbit"), max_length=500, blank=True)
    place = models.CharField(_("tempat terbit"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("tahun terbit"), null=True, blank=True)
    language = models.CharField(_("bahasa"), max_length=3, blank=True)
    material_type = models.CharField(
        _("jenis bahan"), max_length=20, choices=MaterialType.choices, default=MaterialType.BOOK
    )
    ddc = models.CharField(_("nomor klasifikasi (DDC)"), max_length=64, blank=True)
    edition = models.CharField(_("edisi"), max_length=255, blank=True)
    physical = models.CharField(_("deskripsi fisik"), max_length=500, blank=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    # A JPEG at most COVER_SIZE pixels on its long side, and a thumbnail for search hits; both
    # written by services.set_cover, which also keeps the cover's size for width/height.
    cover = models.FileField(_("sampul"), upload_to="covers/", blank=True)
    # The database default lets set-based INSERTs that name their columns (synth.py) leave it out.
    cover_thumb = models.FileField(
        _("sampul kecil"), upload_to="covers/thumbs/", blank=True, db_default=""
    )
    cover_width = models.PositiveSmallIntegerField(null=True, blank=True)
    cover_height = models.PositiveSmallIntegerField(null=True, blank=True)
    library = models.ForeignKey(
        Library,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("dikatalog oleh"),
    )
    # A record that is nobody's holding (an interlibrary loan's stand-in, network/ill): staff
    # screens show it, the public ones and the protocols do not. The database default lets
    # set-based INSERTs leave it out (synth.py) and the column be added in place (migration
    # 0008); the Python default is what the import's row builders take (get_default).
    suppressed = models.BooleanField(
        _("disembunyikan dari katalog publik"),
        default=False,
        db_default=False,
        help_text=_("Tidak tampil di OPAC, SRU, dan OAI-PMH; staf tetap melihatnya."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("rekaman bibliografis")
        verbose_name_plural = _("rekaman bibliografis")
        # New arrivals and title order come from the search index; the database needs the
        # DDC browse (a prefix of ddc, in title order) and the import's matching keys.
        indexes = [
            models.Index(fields=["ddc", "title_sort"], name="record_ddc_browse"),
            # Content matching is for records without a 001 (identical content with a 001 is
            # found by 001+003 first), so only they need the fingerprint looked up.
            models.Index(
                fields=["fingerprint"],
                condition=Q(control_number=""),
                name="record_fingerprint_no_001",
            ),
            # OAI-PMH pages through (datestamp, id), whole or by set: each page is one range
            # of one of these. New rows append at their end, so imports pay little for them.
            models.Index(fields=["updated_at", "id"], name="record_oai_datestamp"),
            models.Index(fields=["library", "updated_at", "id"], name="record_oai_library"),
            models.Index(fields=["material_type", "updated_at", "id"], name="record_oai_type"),
        ]
        constraints = [
            models.UniqueConstraint(
                # 001 first: the import's matching looks records up by 001 alone.
                fields=["control_number", "control_source"],
                condition=~Q(control_number=""),
                name="record_unique_control_number",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def language_label(self) -> str:
        return str(LANGUAGES.get(self.language, self.language or "—"))

    @property
    def main_author(self) -> str:
        return self.authors[0] if self.authors else ""

    @property
    def thumb_size(self) -> tuple[int, int] | None:
        """Width and height of ``cover_thumb``: the cover scaled as covers.prepare_cover does."""
        if not (self.cover_thumb and self.cover_width and self.cover_height):
            return None
        return scaled((self.cover_width, self.cover_height), THUMB_SIZE)


class Item(models.Model):
    """One physical (or electronic) copy, owned by one library of the network."""

    # No index of its own: the (record, library, status) index below starts with it.
    record = models.ForeignKey(
        Record, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    library = models.ForeignKey(
        Library, on_delete=models.PROTECT, related_name="items", verbose_name=_("perpustakaan")
    )
    barcode = models.CharField(_("barkode"), max_length=64, unique=True)
    location = models.CharField(_("lokasi/rak"), max_length=200, blank=True)
    call_number = models.CharField(_("nomor panggil"), max_length=200, blank=True)
    item_type = models.CharField(
        _("jenis eksemplar"), max_length=20, choices=ItemType.choices, default=ItemType.BOOK
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.AVAILABLE
    )
    acquisition = models.CharField(
        _("cara pengadaan"), max_length=20, choices=Acquisition.choices, blank=True
    )
    price = models.DecimalField(
        _("harga (Rp)"),
        max_digits=14,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    acquired_on = models.DateField(_("tanggal pengadaan"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("eksemplar")
        verbose_name_plural = _("eksemplar")
        indexes = [models.Index(fields=["record", "library", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__isnull=True) | Q(price__gte=0), name="item_price_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.barcode


class ItemStatusChange(models.Model):
    """History: every status change of an item, who made it and why."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(max_length=20, choices=ItemStatus.choices, blank=True)
    new_status = models.CharField(max_length=20, choices=ItemStatus.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    reason = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.item_id}: {self.old_status} -> {self.new_status}"


class DeletedRecord(models.Model):
    """What is left of a deleted record: enough for its page to answer 410 Gone and for OAI-PMH
    to report the deletion (``deletedRecord=persistent``). Written by services.delete_record
    in the transaction that deletes the record; never deleted itself."""

    record_id = models.BigIntegerField(_("nomor rekaman"), unique=True)
    control_number = models.CharField(_("nomor kendali (001)"), max_length=64, blank=True)
    control_source = models.CharField(_("sumber nomor kendali (003)"), max_length=64, blank=True)
    library = models.ForeignKey(
        Library,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deleted_records",
        verbose_name=_("dikatalog oleh"),
    )
    title = models.CharField(_("judul"), max_length=1000)
    deleted_at = models.DateTimeField(_("dihapus pada"), auto_now_add=True, db_index=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("dihapus oleh"),
    )

    class Meta:
        verbose_name = _("rekaman terhapus")
        verbose_name_plural = _("rekaman terhapus")
        # OAI-PMH pages through deletions by (datestamp, id) as through records.
        indexes = [models.Index(fields=["deleted_at", "record_id"], name="deleted_record_oai")]

    def __str__(self) -> str:
        return f"{self.record_id}: {self.title}"


class SubjectHeading(models.Model):
    """A subject heading of the catalog and how many records carry it, for the A-Z browse.

    Derived from ``Record.subjects`` by subjects.refresh_headings (the worker runs it after the
    catalog changed); nothing else writes it, and it can always be rebuilt from the records.
    """

    heading = models.CharField(max_length=500, unique=True)  # as written, what the OPAC filters
    sort_key = models.CharField(max_length=500)  # folded: no case, accents or punctuation
    letter = models.CharField(max_length=1)  # "a"-"z", or "#" for everything else
    records = models.PositiveIntegerField(default=0)

    class Meta:
        # Covers the browse query entirely: a page is read from the index alone.
        indexes = [
            models.Index(
                fields=["letter", "sort_key", "heading", "records"], name="subject_heading_browse"
            )
        ]

    def __str__(self) -> str:
        return self.heading


class SearchOutbox(models.Model):
    """A record whose search document must be rewritten; written in the same transaction as
    the change, drained in order (by id) by the one index writer."""

    record_id = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"outbox {self.pk}: record {self.record_id}"


class ImportJob(models.Model):
    """A catalogue file being imported into one library, with its progress and report."""

    library = models.ForeignKey(Library, on_delete=models.CASCADE, related_name="imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    file = models.FileField(upload_to="imports/")
    original_name = models.CharField(max_length=255)
    format = models.CharField(max_length=10, default="auto")
    encoding = models.CharField(max_length=20, default="auto")
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    size = models.BigIntegerField(default=0)
    processed_bytes = models.BigIntegerField(default=0)
    records_read = models.PositiveIntegerField(default=0)
    records_created = models.PositiveIntegerField(default=0)
    records_updated = models.PositiveIntegerField(default=0)
    records_unchanged = models.PositiveIntegerField(default=0)
    items_created = models.PositiveIntegerField(default=0)
    problems = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} -> {self.library_id}"

    @property
    def percent(self) -> int:
        if self.status == ImportStatus.DONE:
            return 100
        return min(99, int(100 * self.processed_bytes / self.size)) if self.size else 0
