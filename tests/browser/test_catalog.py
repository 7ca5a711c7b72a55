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


def _cover_for(title: str) -> None:
    import io

    from PIL import Image

    from simpul.catalog.covers import prepare_cover
    from simpul.catalog.models import Record
    from simpul.catalog.services import set_cover

    picture = Image.new("RGB", (900, 1350), (11, 93, 75))
    picture.paste((244, 185, 66), (0, 0, 900, 300))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")
    buffer.seek(0)
    set_cover(Record.objects.get(title=title), prepare_cover(buffer))


def test_subjects_a_to_z_lead_to_hits_with_covers_on_a_phone(
    open_page, indexed_shelf, settings, tmp_path
):
    from simpul.catalog.subjects import refresh_headings

    settings.MEDIA_ROOT = tmp_path / "media"
    refresh_headings()
    _cover_for("Laskar Pelangi")
    view = open_page("phone")
    page = view.open("/katalog/subjek/")
    page.get_by_role("link", name="N", exact=True).click()
    page.wait_for_url("**huruf=n**")
    assert "Novel Indonesia" in page.locator(".subject-list").inner_text()
    assert not view.has_horizontal_scroll()
    view.shot("subjects")

    page.get_by_role("link", name="Novel Indonesia").click()
    page.wait_for_url("**subjek=Novel**")
    assert sorted(page.locator(".hit h3").all_inner_texts()) == ["Bumi Manusia", "Laskar Pelangi"]
    thumb = page.locator("img.thumb")
    assert thumb.count() == 1
    assert thumb.evaluate("img => img.complete && img.naturalWidth") == 107
    assert not view.has_horizontal_scroll()
    view.shot("hits-with-cover")

    page.get_by_role("link", name="Laskar Pelangi").click()
    cover = page.locator("img.cover")
    cover.scroll_into_view_if_needed()
    assert cover.evaluate("img => img.complete && img.naturalWidth") == 400
    assert cover.bounding_box()["width"] < 200  # shown small beside the title on a phone
    assert not view.has_horizontal_scroll()
    view.shot("record-with-cover")
    assert view.errors == []


def test_the_subject_browse_works_without_javascript(browser, live_server, indexed_shelf):
    from simpul.catalog.subjects import refresh_headings

    refresh_headings()
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/katalog/subjek/")
    page.get_by_role("link", name="P", exact=True).click()
    page.wait_for_url("**huruf=p**")
    page.get_by_role("link", name="Pendidikan -- Belitung").click()
    page.wait_for_url("**subjek=Pendidikan**")
    assert page.locator(".hit h3").all_inner_texts() == ["Laskar Pelangi"]
    context.close()
