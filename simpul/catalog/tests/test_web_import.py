"""Import from the web: upload, the worker runs it, progress and a downloadable report."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from simpul.catalog.choices import ImportStatus
from simpul.catalog.models import ImportJob, Record
from simpul.catalog.tests.conftest import SHARED
from simpul.jobs.worker import run_once

CSV = (
    b"judul,pengarang,penerbit,tahun,isbn,barkode\n"
    b"Laskar Pelangi,Andrea Hirata,Bentang Pustaka,2005,,KOTA-0001\n"
    b",Tanpa Judul,,2001,,KOTA-0002\n"
    b"Bumi Manusia,Pramoedya Ananta Toer,Hasta Mitra,1980,,KOTA-0003\n"
)


def _upload(client, library_code="SMAN1", content=CSV, name="koleksi.csv"):
    return client.post(
        reverse("catalog:import", args=[library_code]),
        {"file": SimpleUploadedFile(name, content), "format": "auto"},
    )


def test_a_librarian_uploads_a_file_and_the_worker_imports_it(client_as, rina):
    client = client_as(rina)
    response = _upload(client)
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("catalog:import-status", args=[job.pk])
    assert job.status == ImportStatus.QUEUED
    assert "Menunggu" in client.get(response["Location"]).content.decode()

    run_once()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    assert (job.records_created, job.items_created) == (2, 2)
    page = client.get(reverse("catalog:import-status", args=[job.pk])).content.decode()
    assert "100%" in page
    assert "baris 3" in page  # the row without a title, with its line number
    report = b"".join(client.get(reverse("catalog:import-report", args=[job.pk])).streaming_content)
    assert b"245" in report or b"judul" in report
    assert Record.objects.filter(title="Laskar Pelangi").exists()


def test_the_progress_fragment_polls_only_while_running(client_as, rina):
    client = client_as(rina)
    _upload(client)
    job = ImportJob.objects.get()
    url = reverse("catalog:import-status", args=[job.pk])
    assert (
        'hx-trigger="every 1s"' in client.get(url, headers={"HX-Request": "true"}).content.decode()
    )
    run_once()
    assert (
        'hx-trigger="every 1s"'
        not in client.get(url, headers={"HX-Request": "true"}).content.decode()
    )


def test_a_file_that_is_no_catalogue_fails_with_a_readable_message(client_as, rina):
    client = client_as(rina)
    _upload(client, content=b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, name="foto.png")
    run_once()
    job = ImportJob.objects.get()
    page = client.get(reverse("catalog:import-status", args=[job.pk])).content.decode()
    assert job.status in (ImportStatus.DONE, ImportStatus.FAILED)
    assert job.error or job.problems
    assert "Traceback" not in page


def test_an_empty_file_is_refused_at_upload(client_as, rina):
    response = _upload(client_as(rina), content=b"")
    assert response.status_code == 200
    assert "Berkas kosong" in response.content.decode() or "kosong" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_nobody_imports_into_another_library(client_as, rina, budi):
    assert _upload(client_as(rina), library_code="SMAN2").status_code == 404
    assert _upload(client_as(budi), library_code="KOTA").status_code == 403  # desk staff
    assert not ImportJob.objects.exists()


def test_import_pages_of_another_library_are_404(client_as, rina, agus, dewi):
    _upload(client_as(agus))
    job = ImportJob.objects.get()
    assert client_as(dewi).get(reverse("catalog:import-status", args=[job.pk])).status_code == 404


def test_a_real_marc_file_uploads_and_imports(client_as, rina):
    path = SHARED / "marc" / "binary" / "pymarc" / "test.dat"
    if not path.exists():
        return
    _upload(client_as(rina), content=path.read_bytes(), name="test.dat")
    run_once()
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.DONE
    assert job.records_created >= 1


def test_the_same_csv_imported_again_another_day_changes_nothing(network):
    import io
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from simpul.catalog.importer import import_file

    library = network.libraries["SMAN1"]
    with time_machine.travel(datetime(2026, 11, 1, 9, tzinfo=ZoneInfo("Asia/Jakarta"))):
        first = import_file(io.BytesIO(CSV), library)
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Jakarta"))):
        again = import_file(io.BytesIO(CSV), library)
    assert first.created == 2
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_record_changed_by_a_later_import_gets_that_day_as_its_datestamp(network):
    """OAI-PMH harvesters ask for records changed since a date: Record.updated_at."""
    import io
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    from simpul.catalog.importer import import_file

    library = network.libraries["SMAN1"]
    jakarta = ZoneInfo("Asia/Jakarta")
    with time_machine.travel(datetime(2026, 11, 1, 9, tzinfo=jakarta)):
        import_file(io.BytesIO(CSV), library)
    changed = CSV.replace(b"Bentang Pustaka,2005,,", b"Bentang Pustaka,2005,9789793062792,")
    with time_machine.travel(datetime(2026, 11, 20, 9, tzinfo=jakarta)):
        again = import_file(io.BytesIO(changed), library)
    assert (again.updated, again.unchanged) == (1, 1)
    laskar = Record.objects.get(title__startswith="Laskar Pelangi")
    bumi = Record.objects.get(title__startswith="Bumi Manusia")
    assert laskar.updated_at.astimezone(jakarta).date() == datetime(2026, 11, 20).date()
    assert bumi.updated_at.astimezone(jakarta).date() == datetime(2026, 11, 1).date()
