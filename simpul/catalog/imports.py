"""Web imports: a file is saved as an ImportJob, the worker runs it, the page shows progress."""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Iterator

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from simpul.accounts.models import User
from simpul.catalog.choices import ImportStatus
from simpul.catalog.importer import ImportReport, import_file
from simpul.catalog.models import ImportJob
from simpul.libraries.models import Library

log = logging.getLogger(__name__)
MAX_PROBLEMS_KEPT = 10_000


def start_import(
    upload: UploadedFile, library: Library, by: User, fmt: str = "auto", encoding: str = "auto"
) -> ImportJob:
    """Keep the uploaded file and queue it for the worker."""
    job = ImportJob(
        library=library,
        created_by=by,
        original_name=(upload.name or "upload")[:255],
        format=fmt,
        encoding=encoding,
        size=upload.size or 0,
    )
    job.file.save(f"{timezone.now():%Y%m%d-%H%M%S}-{library.code}.dat", upload, save=False)
    job.save()
    return job


def claim_next_import() -> ImportJob | None:
    """Take the oldest queued import; a conditional UPDATE makes two workers never share one."""
    for job_id in (
        ImportJob.objects.filter(status=ImportStatus.QUEUED)
        .order_by("pk")
        .values_list("pk", flat=True)[:5]
    ):
        claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
            status=ImportStatus.RUNNING, started_at=timezone.now()
        )
        if claimed:
            return ImportJob.objects.get(pk=job_id)
    return None


def run_import(job: ImportJob) -> ImportJob:
    """Run a claimed job to the end, recording progress after every batch."""

    def progress(report: ImportReport, position: int) -> None:
        _save_counts(job, report, position)

    try:
        with job.file.open("rb") as stream:
            report = import_file(
                stream, job.library, fmt=job.format, encoding=job.encoding, progress=progress
            )
    except Exception as error:  # the job must end in a state people can read
        log.exception("import %s failed", job.pk)
        job.status = ImportStatus.FAILED
        job.error = _("Impor berhenti: {reason}").format(reason=error)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return job
    _save_counts(job, report, job.size)
    job.status = ImportStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at"])
    return job


def _save_counts(job: ImportJob, report: ImportReport, position: int) -> None:
    job.processed_bytes = min(position, job.size) if job.size else position
    job.records_read = report.read
    job.records_created = report.created
    job.records_updated = report.updated
    job.records_unchanged = report.unchanged
    job.items_created = report.items_created
    job.problems = [p.as_dict() for p in report.problems[:MAX_PROBLEMS_KEPT]]
    with transaction.atomic():
        job.save(
            update_fields=[
                "processed_bytes",
                "records_read",
                "records_created",
                "records_updated",
                "records_unchanged",
                "items_created",
                "problems",
            ]
        )


def report_csv(job: ImportJob) -> Iterator[str]:
    """The problems of an import as CSV rows, for download."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("rekaman ke-"), _("offset byte"), _("baris"), _("tingkat"), _("alasan")])
    for problem in job.problems:
        writer.writerow(
            [
                problem["position"],
                problem.get("offset") or "",
                problem.get("line") or "",
                problem.get("severity", "error"),
                problem["reason"],
            ]
        )
    yield buffer.getvalue()
