"""The union catalog: what libraries that do not run Simpul contribute, and how it merged."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from simpul.catalog.models import Record
from simpul.libraries.models import Library
from simpul.network.union.choices import (
    MatchMethod,
    MetadataPrefix,
    Origin,
    ReviewStatus,
    RunStatus,
)


class Contribution(models.Model):
    """One record of a contributing library and the union record it is merged into.

    It stands for that library's holdings of the work (they have no items in Simpul).
    ``marc`` keeps the record as received, so a wrong merge can be split back into a record
    of its own. A deletion at the source keeps the row (``deleted``, no record) so the same
    local identifier coming back later is recognised.
    """

    library = models.ForeignKey(
        Library,
        on_delete=models.CASCADE,
        related_name="union_contributions",
        verbose_name=_("perpustakaan"),
    )
    local_id = models.CharField(_("identitas lokal"), max_length=255)
    # Kept on a deleted contribution: it tells whether the union created that record.
    record = models.ForeignKey(
        Record,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("rekaman katalog induk"),
    )
    marc = models.JSONField(_("rekaman MARC kiriman"))
    call_number = models.CharField(_("nomor panggil"), max_length=200, blank=True)
    copies = models.PositiveIntegerField(_("jumlah eksemplar"), default=1)
    opac_url = models.URLField(_("tautan OPAC"), max_length=500, blank=True)
    deleted = models.BooleanField(_("dihapus di sumber"), default=False)
    origin = models.CharField(_("asal"), max_length=10, choices=Origin.choices)
    method = models.CharField(_("cara cocok"), max_length=10, choices=MatchMethod.choices)
    score = models.PositiveSmallIntegerField(_("skor"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kontribusi katalog induk")
        verbose_name_plural = _("kontribusi katalog induk")
        constraints = [
            models.UniqueConstraint(
                fields=["library", "local_id"], name="union_contribution_unique_local_id"
            )
        ]

    def __str__(self) -> str:
        return f"{self.library_id}:{self.local_id}"


class MatchKey(models.Model):
    """A lookup key of a catalog record for candidate search (``keys.keys_of``: ISBN, system
    number, title with author or year, author with year). Derived: ``keys.refresh_keys`` adds
    the keys of records that have none, so it can be rebuilt from the catalog at any time."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=160)

    class Meta:
        # Covering: a batch's key query reads (key, record) from the index alone; measured
        # a third faster than the key index with a row lookup each (decision 0012).
        indexes = [models.Index(fields=["key", "record"], name="union_matchkey_key_record")]

    def __str__(self) -> str:
        return f"{self.key} -> {self.record_id}"


class MatchProfile(models.Model):
    """A catalog record's folded matching profile (``matcher.profile_text``), stored beside its
    keys so that scoring a candidate needs neither its Record row nor folding. Derived like
    MatchKey; a keyed record without one (keyed before profiles were stored) gets it the
    first time it is a candidate."""

    record = models.OneToOneField(
        Record, on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    data = models.TextField()

    def __str__(self) -> str:
        return f"profile of {self.record_id}"


class KeySweep(models.Model):
    """One row: catalog records with ids above ``record_id`` may lack match keys yet."""

    record_id = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"keys swept up to record {self.record_id}"


class Review(models.Model):
    """An uncertain match waiting for staff: the contribution stays in a record of its own
    until someone accepts the merge into ``candidate``."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="reviews")
    candidate = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("skor"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tinjauan penggabungan")
        verbose_name_plural = _("tinjauan penggabungan")
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "candidate"],
                condition=Q(status="pending"),
                name="union_review_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution_id} ~ {self.candidate_id} ({self.score})"


class HarvestSource(models.Model):
    """An OAI-PMH server the union catalog harvests for one contributing library."""

    library = models.ForeignKey(
        Library,
        on_delete=models.CASCADE,
        related_name="harvest_sources",
        verbose_name=_("perpustakaan"),
    )
    base_url = models.URLField(_("alamat OAI-PMH"), max_length=500)
    metadata_prefix = models.CharField(
        _("format metadata"),
        max_length=10,
        choices=MetadataPrefix.choices,
        default=MetadataPrefix.MARC21,
    )
    set_spec = models.CharField(_("set (opsional)"), max_length=200, blank=True)
    interval_hours = models.PositiveIntegerField(_("dipanen setiap (jam)"), default=24)
    record_url = models.CharField(
        _("tautan rekaman di OPAC mereka"),
        max_length=500,
        blank=True,
        help_text=_("Misalnya https://opac.sekolah.sch.id/?p=show_detail&id={id}"),
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    last_datestamp = models.DateTimeField(_("datestamp panen terakhir"), null=True, blank=True)
    last_run_at = models.DateTimeField(_("panen terakhir"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("sumber panen")
        verbose_name_plural = _("sumber panen")

    def __str__(self) -> str:
        return self.base_url


class HarvestRun(models.Model):
    """One harvest of a source: what it asked for, what it did and what went wrong."""

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="runs")
    status = models.CharField(
        _("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.RUNNING
    )
    from_datestamp = models.DateTimeField(_("sejak"), null=True, blank=True)
    records = models.PositiveIntegerField(_("rekaman diterima"), default=0)
    merged = models.PositiveIntegerField(_("digabung"), default=0)
    created = models.PositiveIntegerField(_("rekaman baru"), default=0)
    reviews = models.PositiveIntegerField(_("perlu ditinjau"), default=0)
    deleted = models.PositiveIntegerField(_("dihapus"), default=0)
    error = models.TextField(_("galat"), blank=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.source_id} {self.started_at:%Y-%m-%d %H:%M}"


class SlimsNode(models.Model):
    """A SLiMS library that pushes its catalog with SLiMS's union-catalog client (UCS)."""

    library = models.OneToOneField(
        Library,
        on_delete=models.CASCADE,
        related_name="slims_node",
        verbose_name=_("perpustakaan"),
    )
    node_id = models.CharField(_("ID simpul (node ID)"), max_length=64, unique=True)
    password = models.CharField(_("kata sandi (tersandi)"), max_length=128)
    record_url = models.CharField(_("tautan rekaman di OPAC mereka"), max_length=500, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    last_push_at = models.DateTimeField(_("kiriman terakhir"), null=True, blank=True)

    class Meta:
        verbose_name = _("simpul SLiMS")
        verbose_name_plural = _("simpul SLiMS")

    def __str__(self) -> str:
        return self.node_id
