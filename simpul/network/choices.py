"""Kinds of partner and agreement, the scope of an agreement, and its status pipeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerKind(models.TextChoices):
    SCHOOL = "school", _("Sekolah")
    UNIVERSITY = "university", _("Perguruan tinggi")
    NGO = "ngo", _("LSM / organisasi nirlaba")
    COMPANY = "company", _("Perusahaan")
    GOVERNMENT = "government", _("Instansi pemerintah")
    COMMUNITY = "community", _("Komunitas")
    LIBRARY_DOMESTIC = "library_domestic", _("Perpustakaan di Indonesia")
    LIBRARY_ABROAD = "library_abroad", _("Perpustakaan luar negeri")


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Nota Kesepahaman (MoU)")
    PKS = "pks", _("Perjanjian Kerja Sama (PKS)")
    OTHER = "other", _("Lainnya")


class AgreementScope(models.TextChoices):
    RESOURCE_SHARING = "resource_sharing", _("Berbagi sumber daya")
    EVENTS = "events", _("Kegiatan bersama")
    TRAINING = "training", _("Pelatihan")
    RESEARCH = "research", _("Penelitian")
    FUNDING = "funding", _("Pendanaan")
    DONATION = "donation", _("Hibah / donasi")


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    ACTIVE = "active", _("Berlaku")
    EXPIRED = "expired", _("Berakhir")
    TERMINATED = "terminated", _("Diakhiri")


S = AgreementStatus
# The only status changes there are; services.set_status refuses every other one. An expired
# agreement comes back to life when it is extended (a new end date, then "active" again);
# a terminated one is final.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.ACTIVE, S.TERMINATED}),
    S.ACTIVE: frozenset({S.EXPIRED, S.TERMINATED}),
    S.EXPIRED: frozenset({S.ACTIVE, S.TERMINATED}),
    S.TERMINATED: frozenset(),
}

# Days before the end date on which the responsible staff member is reminded.
REMINDER_DAYS = (90, 30, 7)
