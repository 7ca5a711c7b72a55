"""The union catalog's vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchMethod(models.TextChoices):
    ISBN = "isbn", _("ISBN sama")
    NUMBER = "number", _("nomor sistem sama")
    SIMILAR = "similar", _("judul, pengarang dan tahun mirip")
    NEW = "new", _("rekaman baru")
    REVIEWED = "reviewed", _("disetujui petugas")
    UNMERGED = "unmerged", _("dipisahkan petugas")


class Origin(models.TextChoices):
    HARVEST = "harvest", _("panen OAI-PMH")
    SLIMS = "slims", _("kiriman SLiMS (UCS)")
    UPLOAD = "upload", _("unggahan berkas")


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("menunggu")
    ACCEPTED = "accepted", _("digabung")
    REJECTED = "rejected", _("tetap terpisah")


class MetadataPrefix(models.TextChoices):
    MARC21 = "marc21", "MARC21 (marc21)"
    OAI_DC = "oai_dc", "Dublin Core (oai_dc)"


class RunStatus(models.TextChoices):
    RUNNING = "running", _("berjalan")
    DONE = "done", _("selesai")
    FAILED = "failed", _("gagal")
