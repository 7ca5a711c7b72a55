"""The desk screen: scan a card, scan books, return anywhere, renew, take money, print.

It answers htmx with the panel and plain browsers with a redirect to the same screen."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from simpul.catalog.choices import ItemStatus, ItemType
from simpul.catalog.models import Item
from simpul.circulation import services
from simpul.circulation.choices import FineKind, NoticeKind, NoticeOutcome
from simpul.circulation.models import Fine, Loan, LoanRule, Notice, Payment
from simpul.circulation.tests.desk_world import MONDAY, copy, member

HX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _monday_morning(time_machine: Any) -> None:
    time_machine.move_to(datetime.combine(MONDAY, time(10), ZoneInfo("Asia/Jakarta")))


@pytest.fixture
def siti_member(sman1: Any) -> Any:
    return member(sman1, "MTR2026000001", email="siti@contoh.example")


@pytest.fixture
def shelf(kota: Any) -> list[Item]:
    return [
        copy(kota, "KOTA-0001", title="Laskar Pelangi", price=85_000),
        copy(kota, "KOTA-0002", title="Bumi Manusia"),
        copy(kota, "KOTA-REF1", title="Kamus Besar", item_type=ItemType.REFERENCE),
    ]


def url(name: str, *args: Any) -> str:
    return reverse(f"circulation:{name}", args=["KOTA", *args])


def scan(client: Client, code: str, **headers: str) -> Any:
    return client.post(url("scan"), {"kode": code}, headers=headers)


@pytest.fixture
def at_desk(client_as: Any, budi: Any, siti_member: Any, shelf: Any) -> Client:
    """Budi at the city library's desk, serving Siti."""
    client = client_as(budi)
    scan(client, siti_member.number)
    return client


def test_the_desk_waits_for_a_member_card(client_as, budi, kota):
    html = client_as(budi).get(url("desk")).content.decode()
    assert 'name="kode"' in html
    assert "autofocus" in html
    assert "Pindai kartu anggota untuk mulai" in html


def test_scanning_a_card_shows_the_member_and_scanning_a_book_lends_it(at_desk, siti_member):
    response = scan(at_desk, "KOTA-0001")
    assert response.status_code == 302
    assert response["Location"] == url("desk")

    html = at_desk.get(url("desk")).content.decode()
    assert "Siti Rahmawati" in html
    assert "MTR2026000001" in html
    assert "Laskar Pelangi" in html
    assert "Dipinjamkan." in html
    assert 'datetime="2026-08-18"' in html
    assert Loan.objects.get().member == siti_member


def test_with_htmx_a_scan_answers_with_the_panel_only(at_desk):
    response = scan(at_desk, "KOTA-0002", **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<div id="desk"')
    assert "Bumi Manusia" in html
    assert "<html" not in html


def test_a_book_scanned_before_any_card_is_refused_kindly(client_as, budi, shelf):
    html = scan(client_as(budi), "KOTA-0001", **HX).content.decode()
    assert "KOTA-0001 bukan nomor anggota yang dikenal. Pindai kartu anggota dulu." in html
    assert not Loan.objects.exists()


def test_a_blocked_loan_shows_why_and_only_admins_get_the_override_button(
    at_desk, client_as, dewi, siti_member
):
    html = scan(at_desk, "KOTA-REF1", **HX).content.decode()
    assert "tidak dipinjamkan (baca di tempat)" in html
    refused = html.split('<li class="desk-line', 1)[1].split("</li>", 1)[0]
    assert "<strong>Kamus Besar</strong>" in refused  # the title, not only the barcode
    assert "Tetap pinjamkan" not in html
    assert at_desk.post(url("override"), {"barcode": "KOTA-REF1"}).status_code == 403

    admin_desk = client_as(dewi)
    scan(admin_desk, siti_member.number)
    html = scan(admin_desk, "KOTA-REF1", **HX).content.decode()
    assert "Tetap pinjamkan" in html
    html = admin_desk.post(url("override"), {"barcode": "KOTA-REF1"}, headers=HX).content.decode()
    assert "Dipinjamkan dengan pengecualian" in html
    assert Loan.objects.get().item.barcode == "KOTA-REF1"


def test_returns_at_another_library_print_a_routing_slip(client_as, at_desk, rina, agus, sman1):
    scan(at_desk, "KOTA-0001")
    returns = reverse("circulation:checkin", args=["SMAN1"])
    html = client_as(agus).post(returns, {"kode": "KOTA-0001"}, headers=HX).content.decode()

    assert "Kirim ke Perpustakaan Daerah Kota Metro." in html
    slip_url = html.split('href="')[1].split('"')[0]
    assert slip_url.startswith("/staf/perpustakaan/SMAN1/sirkulasi/slip/")
    slip = client_as(agus).get(slip_url).content.decode()
    assert "Kirim ke" in slip
    assert "Perpustakaan Daerah Kota Metro" in slip
    assert Item.objects.get(barcode="KOTA-0001").status == ItemStatus.IN_TRANSIT


def test_the_desk_renews_takes_payments_and_only_admins_waive(at_desk, client_as, dewi, kota):
    scan(at_desk, "KOTA-0001")
    loan = Loan.objects.get()
    html = at_desk.post(url("renew", loan.pk), headers=HX).content.decode()
    assert "sudah paling lama" in html  # renewing on the day of the loan gains nothing

    fine = Fine.objects.create(
        member=loan.member, kind=FineKind.OVERDUE, amount=7500, library=kota, loan=loan
    )
    html = at_desk.post(url("pay"), {"jumlah": "Rp 2.500"}, headers=HX).content.decode()
    assert "Pembayaran Rp 2.500 dicatat." in html
    assert "Rp 5.000" in html
    assert at_desk.post(url("waive", fine.pk), {"jumlah": "5000", "alasan": "x"}).status_code == (
        403
    )

    admin_desk = client_as(dewi)
    scan(admin_desk, loan.member.number)
    waiver = {"jumlah": "5.000", "alasan": "Sakit, ada surat dokter"}
    html = admin_desk.post(url("waive", fine.pk), waiver, headers=HX).content.decode()
    assert "Denda Rp 5.000 dihapus." in html
    assert "Tidak ada denda." in html
    assert list(Payment.objects.order_by("pk").values_list("waiver", "amount")) == [
        (False, 2500),
        (True, 5000),
    ]


def test_a_lost_book_is_charged_at_its_price_from_the_desk(at_desk):
    scan(at_desk, "KOTA-0001")
    loan = Loan.objects.get()
    html = at_desk.post(url("lost", loan.pk), {"jumlah": ""}, headers=HX).content.decode()
    assert "Dinyatakan hilang. Biaya penggantian Rp 85.000." in html
    assert Fine.objects.get().amount == 85_000


def test_the_desk_acts_only_on_the_member_it_serves(at_desk, kota, budi):
    other = member(kota, "MTR2026000009", name="Yoga Pratama")
    copy(kota, "KOTA-0005")
    loan = services.checkout("KOTA-0005", other, kota, budi).loan
    assert at_desk.post(url("renew", loan.pk)).status_code == 404
    assert at_desk.post(url("lost", loan.pk)).status_code == 404


def test_the_receipt_prints_and_goes_by_e_mail_as_a_notice(at_desk, smtp_inbox, siti_member):
    scan(at_desk, "KOTA-0001")
    printed = at_desk.get(url("receipt")).content.decode()
    assert "Bukti transaksi" in printed
    assert "Laskar Pelangi" in printed
    assert "18 Agu 2026" in printed

    html = at_desk.post(url("receipt-send"), headers=HX).content.decode()

    assert "Bukti transaksi dikirim ke siti@contoh.example." in html
    notice = Notice.objects.get()
    assert (notice.kind, notice.outcome, notice.member) == (
        NoticeKind.RECEIPT, NoticeOutcome.SENT, siti_member,
    )  # fmt: skip
    [mail] = smtp_inbox.messages
    assert mail["To"] == "siti@contoh.example"
    body = mail.get_payload(decode=True).decode()
    assert "Laskar Pelangi (KOTA-0001), jatuh tempo 18 Agustus 2026" in body


def test_a_member_without_e_mail_gets_a_printed_receipt(client_as, budi, kota, shelf):
    walk_in = member(kota, "MTR2026000020", name="Pak Darto")
    client = client_as(budi)
    scan(client, walk_in.number)
    html = client.post(url("receipt-send"), headers=HX).content.decode()
    assert "tidak punya alamat e-mail" in html
    assert Notice.objects.get().outcome == NoticeOutcome.NO_ADDRESS


@pytest.mark.parametrize(("persona", "status"), [("budi", 404), ("rina", 403)])
def test_the_desk_of_another_library_or_without_the_role_is_closed(
    request, client_as, persona, status
):
    client = client_as(request.getfixturevalue(persona))
    assert client.get(reverse("circulation:desk", args=["SMAN1"])).status_code == status


def test_the_desk_page_costs_the_same_queries_for_one_loan_or_ten(at_desk, kota):
    LoanRule.objects.filter(library=None, item_type="").update(max_items=20)
    scan(at_desk, "KOTA-0001")
    with CaptureQueriesContext(connection) as one:
        at_desk.get(url("desk"))
    for n in range(9):
        copy(kota, f"KOTA-1{n:03d}", title=f"Buku {n}")
        scan(at_desk, f"KOTA-1{n:03d}")
    assert Loan.objects.count() == 10
    with CaptureQueriesContext(connection) as ten:
        html = at_desk.get(url("desk")).content.decode()
    assert "Buku 8" in html
    assert len(ten) == len(one) <= 20


def test_every_link_of_the_member_panel_leads_to_its_action(
    client_as, dewi, siti_member, shelf, kota
):
    """The panel's links are reversed in Python, not by {% url %} tags (decision 0013): each
    one is the action's own address, for this member's loan and fine at this desk."""
    desk = client_as(dewi)  # an administrator: the waive form is shown too
    scan(desk, siti_member.number)
    scan(desk, "KOTA-0001")
    loan = Loan.objects.get()
    fine = Fine.objects.create(
        member=siti_member, kind=FineKind.OVERDUE, amount=2500, library=kota, loan=loan
    )

    html = desk.post(url("scan"), {"kode": siti_member.number}, headers=HX).content.decode()

    targets = set(re.findall(r'(?:action|hx-post|formaction)="([^"]+)"', html))
    assert targets >= {
        url("finish"), url("pay"), url("receipt-send"),
        url("renew", loan.pk), url("lost", loan.pk), url("damaged", loan.pk),
        url("waive", fine.pk),
    }  # fmt: skip
    assert f'href="{url("receipt")}"' in html
    # The renew link reaches the renewal, which explains that today gives no later date.
    renewed = desk.post(url("renew", loan.pk), headers=HX).content.decode()
    assert "sudah paling lama" in renewed
