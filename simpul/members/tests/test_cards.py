"""Member cards: the codes as SVG, one card at bank-card size, and batches on A4 sheets."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest
from barcode import Code128
from django.urls import reverse

from simpul.members.cards import QUIET_MODULES, barcode_svg, qr_svg
from simpul.members.choices import MemberStatus

MM = 72 / 25.4  # PDF points per millimetre


def pdf_info(pdf: bytes, tmp_path) -> dict[str, str]:
    path = tmp_path / "cards.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return dict(line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "cards.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_the_barcode_svg_draws_exactly_the_code128_modules():
    svg = str(barcode_svg("MTR2026000007"))
    modules = Code128("MTR2026000007").build()[0]
    width = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    assert width == len(modules) + 2 * QUIET_MODULES
    drawn = ["0"] * width
    for x, w in re.findall(r"M(\d+) 0h(\d+)", svg):
        for i in range(int(x), int(x) + int(w)):
            drawn[i] = "1"
    assert "".join(drawn[QUIET_MODULES:-QUIET_MODULES]) == modules
    assert 'aria-label="MTR2026000007"' in svg


def test_the_qr_code_is_a_full_qr_code_that_scales():
    svg = str(qr_svg("MTR2026000007"))
    assert svg.startswith("<svg")
    assert "viewBox" in svg
    assert "width=" not in svg.split(">")[0]
    side = int(re.search(r'viewBox="0 0 (\d+) ', svg).group(1))
    assert side == 21 + 2 * 2  # version 1 (21 modules), not a Micro QR, and the border


def test_one_card_is_a_page_of_bank_card_size_in_indonesian(client_as, budi, make_member, tmp_path):
    member = make_member(
        full_name="Rudi Hartono", number="MTR2026000042", expires_on=date(2027, 12, 12)
    )
    client = client_as(budi)
    client.cookies["simpul_bahasa"] = "en"  # the staff screen is in English; the card is not
    response = client.get(reverse("members:staff-card", args=["KOTA", member.number]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    info = pdf_info(response.content, tmp_path)
    assert info["Pages"].strip() == "1"
    width, height = (float(v) for v in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert width == pytest.approx(85.6 * MM, abs=0.5)
    assert height == pytest.approx(54 * MM, abs=0.5)
    text = pdf_text(response.content, tmp_path)
    assert "Rudi Hartono" in text
    assert "MTR2026000042" in text
    assert "Berlaku s.d. 12 Desember 2027" in text
    assert "Jaringan Perpustakaan Kota Metro" in text


def test_a_card_carries_the_photo_when_there_is_one(client_as, budi, make_member, tmp_path):
    from simpul.members import services
    from simpul.members.tests.test_desk_registration import photo_upload

    member = make_member()
    services.set_photo(member, photo_upload())
    response = client_as(budi).get(reverse("members:staff-card", args=["KOTA", member.number]))
    path = tmp_path / "card.pdf"
    path.write_bytes(response.content)
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True)
    assert len(images.stdout.strip().splitlines()) == 3  # two header lines, one picture


def test_no_card_for_a_suspended_member(client_as, budi, make_member):
    member = make_member(status=MemberStatus.SUSPENDED)
    response = client_as(budi).get(reverse("members:staff-card", args=["KOTA", member.number]))
    assert response.status_code == 409


def test_a_batch_prints_eight_cards_to_an_a4_sheet(client_as, budi, make_member, tmp_path):
    members = [make_member(full_name=f"Anggota {n:02d}") for n in range(9)]
    query = "&".join(f"nomor={m.number}" for m in members)
    response = client_as(budi).get(reverse("members:staff-cards", args=["KOTA"]) + "?" + query)
    assert response.status_code == 200
    info = pdf_info(response.content, tmp_path)
    assert info["Pages"].strip() == "2"
    assert "A4" in info["Page size"]
    text = pdf_text(response.content, tmp_path)
    assert all(m.number in text for m in members)


def test_a_batch_holds_only_this_librarys_active_members(
    client_as, budi, make_member, network, tmp_path
):
    ours = make_member(full_name="Milik Kota")
    theirs = make_member(full_name="Milik SMAN1", home_library=network.libraries["SMAN1"])
    frozen = make_member(full_name="Dibekukan", status=MemberStatus.SUSPENDED)
    numbers = "&".join(f"nomor={m.number}" for m in (ours, theirs, frozen))
    response = client_as(budi).get(reverse("members:staff-cards", args=["KOTA"]) + "?" + numbers)
    text = pdf_text(response.content, tmp_path)
    assert "Milik Kota" in text
    assert "Milik SMAN1" not in text
    assert "Dibekukan" not in text


def test_a_batch_of_everyone_approved_since_a_date(client_as, budi, make_member, tmp_path):
    from django.utils import timezone

    make_member(full_name="Baru Disetujui", approved_at=timezone.now())
    make_member(full_name="Lama Sekali", approved_at=timezone.now().replace(year=2020))
    url = reverse("members:staff-cards", args=["KOTA"]) + f"?sejak={date.today().isoformat()}"
    text = pdf_text(client_as(budi).get(url).content, tmp_path)
    assert "Baru Disetujui" in text
    assert "Lama Sekali" not in text


def test_a_batch_needs_a_choice(client_as, budi, network):
    url = reverse("members:staff-cards", args=["KOTA"])
    assert client_as(budi).get(url).status_code == 400
    assert client_as(budi).get(url + "?nomor=MTR0000").status_code == 404
