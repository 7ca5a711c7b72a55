"""Home, directory, login and the staff home, at phone and desktop size, as people use them."""

from __future__ import annotations

import pytest

from simpul.demo.personas import DEMO_PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_the_public_pages_login_and_staff_home_fit_the_screen_without_errors(
    open_page, network, size
):
    view = open_page(size)
    for path, name, heading in [
        ("/", "home", "Satu simpul untuk semua perpustakaan"),
        ("/perpustakaan/", "directory", "Perpustakaan di jaringan Kota Metro"),
        ("/perpustakaan/KOTA/", "library", "Perpustakaan Daerah Kota Metro"),
        ("/masuk/", "login", "Masuk ke Simpul"),
    ]:
        page = view.open(path)
        assert heading in page.locator("h1").inner_text()
        assert not view.has_horizontal_scroll(), f"{path} scrolls sideways at {size}"
        view.shot(name)

    page = view.page
    page.get_by_label("Nama pengguna").fill("agus")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/staf/")
    assert "Selamat bekerja, Agus Prasetyo" in page.locator("h1").inner_text()
    assert "Perpustakaan SMA Negeri 1 Metro" in page.locator("main").inner_text()
    assert not view.has_horizontal_scroll(), f"staff home scrolls sideways at {size}"
    view.shot("staff-home")

    page.get_by_role("link", name="Perpustakaan SMA Negeri 1 Metro").click()
    page.get_by_role("link", name="Atur hari tutup").click()
    assert not view.has_horizontal_scroll()
    view.shot("staff-closures")
    assert view.errors == []


def test_the_directory_filters_in_place_with_htmx_on_a_phone(open_page, network):
    view = open_page("phone")
    page = view.open("/perpustakaan/")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Jenis perpustakaan").select_option("community")
    page.wait_for_function(
        "!document.querySelector('#directory-list').innerText.includes('SMA Negeri')"
    )
    assert page.evaluate("window.notReloaded") is True  # the list changed, the page did not reload
    assert "jenis=community" in page.url
    names = page.locator(".library-card h2").all_inner_texts()
    assert names == ["TBM Cahaya Ilmu", "TBM Pelangi Margorejo"]
    assert view.errors == []


def test_a_closure_is_added_in_place_and_a_duplicate_is_explained(open_page, network):
    view = open_page("desktop")
    page = view.open("/masuk/?next=/staf/perpustakaan/SMAN1/hari-tutup/")
    page.get_by_label("Nama pengguna").fill("agus")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/hari-tutup/")
    page.evaluate("window.notReloaded = true")
    for name, outcome in [
        ("Stok opname", "tbody tr:has-text('Stok opname')"),
        ("Rapat", "p.error:has-text('Sudah ada hari tutup pada 7 Desember 2026: Stok opname.')"),
    ]:
        page.get_by_label("Tanggal").fill("2026-12-07")
        page.get_by_label("Nama atau alasan").fill(name)
        page.get_by_role("button", name="Tambah hari tutup").click()
        page.locator(outcome).wait_for()  # htmx swapped the panel in place
    assert page.locator("tbody tr").count() == 1
    assert page.evaluate("window.notReloaded") is True
    view.shot("staff-closure-duplicate")
    assert view.errors == []


def test_the_language_switch_works_from_any_page(open_page, network):
    view = open_page("phone")
    page = view.open("/perpustakaan/KOTA/")
    page.get_by_role("button", name="English").click()
    page.wait_for_url("**/perpustakaan/KOTA/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Opening hours" in page.locator("main").inner_text()
    view.shot("library-english")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    assert page.locator("html").get_attribute("lang") == "id"
    assert view.errors == []


def test_reading_and_filtering_work_without_javascript(browser, live_server, network):
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/perpustakaan/")
    page.get_by_label("Jenis perpustakaan").select_option("university")
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url("**jenis=university**")
    assert page.locator(".library-card h2").all_inner_texts() == [
        "Perpustakaan Universitas Muhammadiyah Metro"
    ]
    page.get_by_role("link", name="Perpustakaan Universitas Muhammadiyah Metro").click()
    assert "Jam buka" in page.locator("main").inner_text()
    context.close()
