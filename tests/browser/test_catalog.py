"""The OPAC on a phone, and the web import with its progress bar and error report."""

from __future__ import annotations

import time

import pytest

from simpul.catalog.indexing import drain_outbox
from simpul.catalog.services import add_item, create_record
from simpul.catalog.tests.conftest import SHELF
from simpul.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def indexed_shelf(network):
    kota, sman1 = network.libraries["KOTA"], network.libraries["SMAN1"]
    for number, data in enumerate(SHELF):
        record = create_record(data, kota)
        add_item(record, kota, barcode=f"B{number:02d}K")
        if number % 2:
            add_item(record, sman1, barcode=f"B{number:02d}S")
    drain_outbox()


def test_search_narrow_open_a_record_and_see_where_it_is_available_on_a_phone(
    open_page, indexed_shelf
):
    view = open_page("phone")
    page = view.open("/")
    page.get_by_label("Cari buku di semua perpustakaan").fill("novel")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**/katalog/?q=novel")
    assert "Laskar Pelangi" in page.locator(".hit-list").inner_text()
    assert not view.has_horizontal_scroll()
    view.shot("opac-results")

    page.locator(".facets").get_by_role("link", name="Perpustakaan SMA Negeri 1 Metro").click()
    page.wait_for_url("**perpustakaan=SMAN1**")
    titles = page.locator(".hit h3").all_inner_texts()
    assert titles == ["Bumi Manusia"]
    view.shot("opac-facet")

    page.get_by_role("link", name="Bumi Manusia").click()
    assert page.locator("h1").inner_text() == "Bumi Manusia"
    holdings = page.locator("section", has_text="Di mana tersedia").inner_text()
    assert "Perpustakaan SMA Negeri 1 Metro" in holdings
    assert "Tersedia" in holdings
    assert not view.has_horizontal_scroll()
    view.shot("opac-record")
    assert view.errors == []


def test_the_web_import_shows_progress_and_the_error_report(open_page, network, live_server):
    from simpul.jobs.worker import run_once

    view = open_page("desktop")
    page = view.open("/masuk/?next=/staf/perpustakaan/SMAN1/impor/")
    page.get_by_label("Nama pengguna").fill("agus")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/impor/")
    rows = ["judul,pengarang,tahun,barkode"]
    rows += [f"Buku uji {n},Penulis {n},2020,SMAN1-U{n:04d}" for n in range(1, 1200)]
    rows.insert(5, ",Tanpa judul,2020,SMAN1-X")
    page.get_by_label("Berkas katalog").set_input_files(
        {"name": "koleksi.csv", "mimeType": "text/csv", "buffer": "\n".join(rows).encode()}
    )
    page.get_by_role("button", name="Unggah dan impor").click()
    page.wait_for_url("**/staf/impor/*/")
    assert page.locator("progress").count() == 1
    view.shot("import-queued")

    run_once()  # the worker's round, in this thread: it shares the test database
    page.locator("text=Selesai").first.wait_for(timeout=15_000)
    assert page.locator(".percent").inner_text() == "100%"
    problems = page.locator("table.problems").inner_text()
    assert "baris 6" in problems
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh laporan (CSV)").click()
    assert download.value.suggested_filename.startswith("laporan-impor-")
    view.shot("import-done")
    time.sleep(0.1)
    assert view.errors == []
