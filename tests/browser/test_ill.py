"""Interlibrary loan in the browser, inside one Simpul: Siti (SMA N 1) asks on her phone for a
title only the city library holds; Budi at the city library ships it; Rina of SMA N 1
receives it and lends it to Siti; Siti asks for more time and Budi renews it; Siti returns
it, Rina sends it back and Budi checks it in. Siti can also ask from the OPAC record page.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page

from simpul.catalog.choices import ItemStatus
from simpul.catalog.models import Item
from simpul.circulation.services import checkin
from simpul.demo.personas import DEMO_PASSWORD
from simpul.network.ill.choices import IllStatus
from simpul.network.ill.models import IllRequest
from simpul.network.ill.tests.world import book, membership
from tests.browser.seeded import network_default

pytestmark = pytest.mark.browser

MINE = "/akun/pinjam-antarperpustakaan/"


def sign_in(page: Page, base_url: str, username: str, next_path: str) -> None:
    page.goto(f"{base_url}/masuk/?next={next_path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**{next_path}")


def press(page: Page, label: str) -> None:
    """Click a form's button and wait for the page its POST leads to (a click returns before
    the request is sent; waiting for the load state alone can see the old page)."""
    with page.expect_navigation():
        page.get_by_role("button", name=label).click()


def test_an_ill_request_from_the_members_phone_to_the_lenders_check_in(
    open_page: Any, network: Any, kota: Any, sman1: Any, siti: Any, budi: Any, rina: Any
) -> None:
    network_default()  # an earlier live-server test may have flushed the seeded rules
    member = membership(siti, sman1, "M-ILL-B1")
    book("Sang Pemimpi", (kota, "K-ILL-B1"))

    phone = open_page("phone")
    sign_in(phone.page, phone.base_url, "siti", MINE)
    page = phone.open(MINE + "?q=pemimpi")
    page.get_by_role("link", name="Minta dari perpustakaan lain").click()
    press(page, "Kirim permintaan")
    assert page.locator(".status", has_text="Permintaan diterima").count() == 1
    assert not phone.has_horizontal_scroll()
    phone.shot("ill-member-asked")
    ill = IllRequest.objects.get(member=member)
    staff_path = "/staf/perpustakaan/{code}/pinjam-antarperpustakaan/" + f"{ill.pk}/"

    lender = open_page("desktop")
    sign_in(lender.page, lender.base_url, "budi", staff_path.format(code="KOTA"))
    press(lender.page, "Kirim eksemplar")
    assert "Dikirim/dipinjamkan" in lender.page.locator("#ill-status").inner_text()
    lender.shot("ill-lender-shipped")

    borrower = open_page("desktop")
    sign_in(borrower.page, borrower.base_url, "rina", staff_path.format(code="SMAN1"))
    press(borrower.page, "Terima kiriman")
    press(borrower.page, "Pinjamkan ke anggota")
    assert Item.objects.get(barcode="K-ILL-B1").status == ItemStatus.ON_LOAN

    page = phone.open(MINE)  # Siti wants more time, and KOTA gives it
    press(page, "Minta perpanjangan")
    assert page.locator(".ill-renewal", has_text="Perpanjangan diminta").count() == 1
    lender.open(staff_path.format(code="KOTA"))
    old_due = lender.page.locator("#ill-due").inner_text()
    press(lender.page, "Setujui perpanjangan")
    assert "Perpanjangan disetujui" in lender.page.locator("#ill-renewal").inner_text()
    assert lender.page.locator("#ill-due").inner_text() != old_due
    lender.shot("ill-lender-renewed")
    checkin("K-ILL-B1", sman1, rina)  # Siti brings it back to her school's desk
    press(borrower.page, "Kirim kembali ke pemilik")
    borrower.shot("ill-borrower-returned")

    lender.open(staff_path.format(code="KOTA"))
    press(lender.page, "Terima kembali (check-in)")
    assert "Selesai (sudah kembali)" in lender.page.locator("#ill-status").inner_text()
    lender.shot("ill-lender-checked-in")

    page = phone.open(MINE)
    assert page.locator(".status", has_text="Selesai (sudah kembali)").count() == 1
    assert not phone.has_horizontal_scroll()
    phone.shot("ill-member-done")
    ill.refresh_from_db()
    assert ill.status == IllStatus.LOAN_COMPLETED
    assert Item.objects.get(barcode="K-ILL-B1").status == ItemStatus.AVAILABLE
    for watched in (phone, lender, borrower):
        assert watched.errors == []


def test_a_member_asks_from_the_opac_record_page(
    open_page: Any, network: Any, kota: Any, sman1: Any, siti: Any
) -> None:
    member = membership(siti, sman1, "M-ILL-B2")
    record = book("Edensor", (kota, "K-ILL-B2"))
    phone = open_page("phone")
    record_path = f"/katalog/{record.pk}/"
    sign_in(phone.page, phone.base_url, "siti", record_path)
    page = phone.open(record_path)
    press(page, "Minta dari perpustakaan lain")
    assert page.locator(".status", has_text="Permintaan diterima").count() == 1
    assert IllRequest.objects.filter(member=member, record=record).count() == 1
    page = phone.open(record_path)
    assert page.get_by_role("button", name="Minta dari perpustakaan lain").count() == 0
    assert not phone.has_horizontal_scroll()
    phone.shot("ill-member-asked-from-record")
    assert phone.errors == []
