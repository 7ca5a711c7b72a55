"""Members, circulation and holds in the browser: a desk session typed like a barcode scanner,
and a hold placed on a phone that becomes ready when the copy comes back at another library.

The staff are the demo personas (Budi works the desk of the city library, KOTA); members are
registered here through the members' own service, as a desk would register them.
"""

from __future__ import annotations

import time
from datetime import date
from email.header import decode_header, make_header
from email.message import Message
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from simpul.catalog.choices import ItemStatus
from simpul.catalog.marc.writer import SimpleRecord
from simpul.catalog.models import Item, Record
from simpul.catalog.services import add_item, create_record
from simpul.circulation import rules, services
from simpul.circulation.choices import HoldStatus, NoticeKind, NoticeOutcome
from simpul.circulation.models import Hold, Loan, LoanRule, Notice
from simpul.demo.personas import DEMO_PASSWORD
from simpul.members.models import Member, MemberCategory
from simpul.members.services import register_at_desk
from tests.browser.seeded import network_default

pytestmark = pytest.mark.browser

DESK = "/staf/perpustakaan/KOTA/sirkulasi/"
MEMBER_PASSWORD = "baca-terus-2026"


def category(code: str, name: str) -> MemberCategory:
    found, _created = MemberCategory.objects.get_or_create(code=code, defaults={"name": name})
    return found


def register(
    library: Any, by: Any, name: str, email: str, cat: MemberCategory, with_account: bool = False
) -> Member:
    """An ACTIVE, numbered member registered at ``library``'s desk (an account if asked)."""
    fields = {
        "full_name": name, "birth_date": date(2000, 5, 17), "gender": "",
        "address": "Jl. Kenanga 3", "city": "Kota Metro", "phone": "", "email": email,
        "school_or_work": "", "nik": "", "guardian_name": "", "guardian_phone": "",
        "category": cat, "language": "id", "keep_history": False,
    }  # fmt: skip
    return register_at_desk(fields, library=library, by=by, with_account=with_account)


def book(title: str, library: Any, barcode: str) -> Item:
    record = create_record(SimpleRecord(title=title, authors=["Andrea Hirata"]), library)
    return add_item(record, library, barcode=barcode)


def sign_in(page: Page, base_url: str, username: str, password: str, next_path: str) -> None:
    page.add_init_script(HTMX_TROUBLE)
    page.goto(f"{base_url}/masuk/?next={next_path}")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(f"**{next_path}")


def scan(page: Page, code: str) -> None:
    """What a USB scanner does: type the code into the focused field and press Enter."""
    page.keyboard.type(code)
    page.keyboard.press("Enter")


# htmx drops a request quietly when it halts it: say so on the console, where WatchedPage looks.
HTMX_TROUBLE = """
for (const name of ["htmx:validation:halted", "htmx:sendError", "htmx:responseError"]) {
  document.addEventListener(name, () => console.error(name));
}
"""


def desk_line(view: Any, barcode: str) -> Any:
    """The line the desk shows for ``barcode``, once the scan's answer has arrived."""
    line = view.page.locator('ol.desk-lines[role="log"] > li.desk-line', has_text=barcode)
    try:
        line.wait_for(timeout=10_000)
    except PlaywrightTimeout:
        desk = " ".join(view.page.locator("#desk").inner_text().split())
        raise AssertionError(
            f"no desk line for {barcode}; the desk shows: {desk!r}; errors: {view.errors}"
        ) from None
    return line


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_desk_session_typed_like_a_scanner_lends_two_and_explains_the_third(
    open_page, network, kota, budi, size
):
    network_default()
    pupil = category("pelajar", "Pelajar")
    LoanRule.objects.update_or_create(
        library=kota, category=pupil, item_type="", defaults={"loan_days": 7, "max_items": 2}
    )
    fajar = register(kota, budi, "Fajar Nugroho", "fajar@contoh.example", pupil)
    book("Laskar Pelangi", kota, "KOTA-0001")
    book("Bumi Manusia", kota, "KOTA-0002")
    book("Ronggeng Dukuh Paruk", kota, "KOTA-0003")
    due = rules.due_on(kota, timezone.localdate(), 7)

    view = open_page(size)
    page = view.page
    sign_in(page, view.base_url, "budi", DEMO_PASSWORD, DESK)
    assert "Layanan sirkulasi" in page.locator("h1").inner_text()
    assert page.evaluate("document.activeElement && document.activeElement.id") == "id_kode"
    view.shot("desk-waiting")

    # Card and three books, one after the other without waiting, as a scanner sends them.
    for code in [fajar.number, "KOTA-0001", "KOTA-0002", "KOTA-0003"]:
        scan(page, code)

    refused = desk_line(view, "KOTA-0003")
    assert "desk-line-error" in (refused.get_attribute("class") or "")
    assert "Sudah meminjam 2 dari paling banyak 2 eksemplar." in refused.inner_text()
    assert "Fajar Nugroho" in page.locator("#member-name").inner_text()
    for barcode, title in [("KOTA-0001", "Laskar Pelangi"), ("KOTA-0002", "Bumi Manusia")]:
        lent = desk_line(view, barcode)
        assert "desk-line-error" not in (lent.get_attribute("class") or "")
        assert title in lent.inner_text()
        assert "Dipinjamkan." in lent.inner_text()
        assert "jatuh tempo" in lent.inner_text()
        assert lent.locator("time").get_attribute("datetime") == due.isoformat()
    # The newest line is first, and repeated right under the scan field (no scrolling to see a
    # refusal); the field is empty and focused for the next member.
    assert "KOTA-0003" in page.locator('ol.desk-lines[role="log"] > li').first.inner_text()
    latest = page.get_by_role("list", name="Pindaian terakhir")
    assert "Sudah meminjam 2 dari paling banyak 2" in latest.inner_text()
    box = latest.bounding_box()
    assert box["y"] + box["height"] <= page.viewport_size["height"]  # in the first screen
    assert (
        page.get_by_label("Pindai kartu anggota, lalu barkode setiap eksemplar").input_value() == ""
    )
    assert page.evaluate("document.activeElement && document.activeElement.id") == "id_kode"
    assert "Sedang meminjam 2 eksemplar" in page.locator(".member-panel").inner_text()
    assert not view.has_horizontal_scroll(), f"the desk scrolls sideways at {size}"
    view.shot("desk-session")

    loans = Loan.objects.filter(member=fajar, returned_at__isnull=True)
    assert sorted(loans.values_list("item__barcode", flat=True)) == ["KOTA-0001", "KOTA-0002"]
    assert {loan.due_on for loan in loans} == {due}
    assert not Loan.objects.filter(item__barcode="KOTA-0003").exists()
    assert Item.objects.get(barcode="KOTA-0003").status == ItemStatus.AVAILABLE
    assert view.errors == []


def _text_of(message: Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload.decode(part.get_content_charset() or "utf-8")
    raise AssertionError("no text/plain part")


def _wait_for_mail(inbox: Any, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not inbox.messages and time.monotonic() < deadline:
        time.sleep(0.05)


def test_a_hold_placed_on_a_phone_is_ready_at_the_pickup_library_and_the_member_is_emailed(
    open_page, network, smtp_inbox, kota, sman1, sman2, rina, budi
):
    network_default()
    adults = category("umum", "Umum")
    reader = register(sman1, rina, "Rudi Hartono", "rudi@contoh.example", adults)
    copy = book("Sang Pemimpi", sman1, "SMAN1-0042")
    services.checkout(copy.barcode, reader, sman1, rina)
    record = Record.objects.get(pk=copy.record_id)
    # Registered at SMA N 2 (which lends only to its own), she collects at the city library.
    dian = register(sman2, budi, "Dian Puspita", "dian@contoh.example", adults, with_account=True)
    dian.user.set_password(MEMBER_PASSWORD)
    dian.user.save(update_fields=["password"])

    phone = open_page("phone")
    page = phone.page
    sign_in(page, phone.base_url, dian.user.username, MEMBER_PASSWORD, f"/katalog/{record.pk}/")
    assert page.locator("h1").inner_text() == "Sang Pemimpi"
    panel = page.locator("section.hold-panel")
    assert "Pesan buku ini" in panel.inner_text()
    pickup = page.get_by_label("Ambil di")
    assert pickup.locator("option:checked").inner_text() == sman2.name  # her own by default
    pickup.select_option(label=kota.name)
    assert not phone.has_horizontal_scroll()
    phone.shot("hold-form")
    page.get_by_role("button", name="Pesan", exact=True).click()
    page.wait_for_url(f"**/katalog/{record.pk}/")
    placed = page.locator(".messages").inner_text()
    assert "Pesanan dicatat: Anda urutan ke-1 di antrean." in placed
    assert kota.name in placed
    assert "ambil di Perpustakaan Daerah Kota Metro" in panel.inner_text()
    phone.shot("hold-placed")
    hold = Hold.objects.get(member=dian, record=record)
    assert (hold.status, hold.pickup_library) == (HoldStatus.WAITING, kota)

    page.get_by_role("link", name="Lihat reservasi saya").click()
    page.wait_for_url("**/akun/pinjaman/**")
    waiting = page.locator(f"#reservasi-{hold.pk}")
    assert "Dalam antrean" in waiting.inner_text()
    assert "urutan ke-1" in waiting.inner_text()
    assert not phone.has_horizontal_scroll()
    phone.shot("member-hold-waiting")

    # Rudi returns the copy of SMA N 1 at the city library's desk: it stays there for Dian.
    desk = open_page("desktop")
    sign_in(desk.page, desk.base_url, "budi", DEMO_PASSWORD, DESK + "kembali/")
    assert smtp_inbox.messages == []
    scan(desk.page, copy.barcode)
    returned = desk_line(desk, copy.barcode)
    assert "Dikembalikan." in returned.inner_text()
    assert "Taruh di rak pesanan untuk Dian Puspita" in returned.inner_text()
    desk.shot("desk-return-for-hold")

    hold.refresh_from_db()
    assert (hold.status, hold.pickup_library, hold.item_id) == (HoldStatus.READY, kota, copy.pk)
    assert Item.objects.get(pk=copy.pk).status == ItemStatus.ON_HOLD_SHELF
    assert Loan.objects.get(item=copy).returned_library == kota

    _wait_for_mail(smtp_inbox)
    assert len(smtp_inbox.messages) == 1
    mail = smtp_inbox.messages[0]
    assert mail["To"] == "dian@contoh.example"
    subject = str(make_header(decode_header(mail["Subject"])))
    assert subject == "Pesanan Anda siap diambil: “Sang Pemimpi”"
    body = " ".join(_text_of(mail).split())
    assert "Halo Dian Puspita," in body
    assert f"Buku “Sang Pemimpi” yang Anda pesan sudah siap diambil di {kota.name}." in body
    notice = Notice.objects.get(hold=hold)
    assert (notice.kind, notice.outcome, notice.language) == (
        NoticeKind.HOLD_READY, NoticeOutcome.SENT, "id",
    )  # fmt: skip

    page.reload()
    ready = page.locator(f"#reservasi-{hold.pk}")
    assert "Siap diambil" in ready.inner_text()
    assert f"di {kota.name}, ambil paling lambat" in " ".join(ready.inner_text().split())
    assert not phone.has_horizontal_scroll()
    phone.shot("member-hold-ready")
    assert phone.errors == []
    assert desk.errors == []
