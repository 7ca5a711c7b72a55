"""Rina imports spreadsheets: the SLiMS and INLISLite samples, and one saved by Excel."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from simpul.catalog.marc.csvformat import HEADERS, fold
from simpul.catalog.marc.csvrecord import list_cell, parse_price, split_list
from simpul.catalog.marc.mapping import bib_fields, holdings
from simpul.catalog.marc.reader import read_records

FIXTURES = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "marc"


def read(relative: str) -> list:
    with (FIXTURES / relative).open("rb") as stream:
        return list(read_records(stream))


def read_text(text: str, encoding: str = "utf-8") -> list:
    return list(read_records(io.BytesIO(text.encode(encoding)), "csv"))


def test_the_slims_sample_reads_as_fifteen_records_with_their_copies():
    results = read("indonesian/slims_sample_biblio.csv")
    assert [r.line for r in results] == list(range(2, 17))
    assert all(r.record is not None for r in results)
    linux = bib_fields(results[1].record)
    assert (linux.title, linux.edition, linux.year) == (
        "Linux In a Nutshell",
        "Fifth Edition",
        2005,
    )
    assert linux.authors[:2] == ["Siever, Ellen", "Love, Robert"]
    assert linux.subjects == ["Operating System", "Linux", "Computer"]
    assert (linux.place, linux.publisher, linux.language) == ("Sebastopol, CA", "OReilly", "eng")
    assert (linux.series, linux.ddc, linux.isbns) == (
        ["In a Nutshell"],
        "005.432",
        ["9780596009304"],
    )
    copies = holdings(results[1].record)
    assert [(c.barcode, c.call_number) for c in copies] == [
        ("B00009", "005.4/32-22 Ell l"), ("B00010", "005.4/32-22 Ell l"),
    ]  # fmt: skip
    assert holdings(results[0].record) == []  # no item codes, no copies
    assert results[0].record["035"]["a"] == "(SLiMS)1"


def test_slims_title_and_subtitle_in_one_column_are_split():
    producing = bib_fields(read("indonesian/slims_sample_biblio.csv")[4].record)
    assert producing.title == "Producing open source software"
    assert producing.subtitle == "how to run a successful free software project"


def test_slims_double_encoded_text_is_repaired_with_a_warning():
    result = read("indonesian/slims_sample_biblio.csv")[5]
    assert bib_fields(result.record).series == ["Developer’s library"]
    assert any("series_title" in warning for warning in result.warnings)


def test_the_inlislite_template_reads_with_copies_and_placeholder_isbns_warned():
    first, second = read("indonesian/inlislite_import_template_sample_AACR.csv")
    fields = bib_fields(first.record)
    assert (fields.title, fields.authors, fields.subjects) == (
        "Mahligai Biru", ["Pradana, Mamik"], ["Rumah Tangga"],
    )  # fmt: skip
    assert (fields.place, fields.publisher, fields.year, fields.language) == (
        "Jakarta", "Grafika", 2015, "ind",
    )  # fmt: skip
    assert (fields.physical, fields.pages, fields.isbns) == ("120 hlm. ; 25 cm.", 120, [])
    assert first.record["020"]["z"] == "978-222-666-444"
    assert any("ISBN" in warning and "12 angka" in warning for warning in first.warnings)
    (copy,) = holdings(first.record)
    assert (copy.barcode, copy.library_code, copy.location, copy.call_number) == (
        "X0022/2016", "Pusat", "0101", "123 PRA m",
    )  # fmt: skip
    assert (copy.acquired_on, copy.acquisition, copy.price, copy.item_type) == (
        date(2015, 2, 14), "donation", Decimal("0"), "Buku",
    )  # fmt: skip
    assert holdings(second.record)[0].acquisition == "purchase"


def test_an_excel_csv_with_semicolons_and_windows_1252_is_read_row_by_row():
    results = read("messy/katalog_excel_cp1252.csv")
    assert [(r.position, r.line, r.record is not None) for r in results] == [
        (1, 2, True), (2, 3, False), (3, 4, True), (4, 5, True),
    ]  # fmt: skip
    assert "Windows-1252" in results[0].warnings[0]
    assert any("Kolom Aneh" in warning for warning in results[0].warnings)
    ronggeng = results[0].record
    assert bib_fields(ronggeng).subjects == ["Novel Indonesia", "Banyumas"]
    assert [(c.barcode, c.price, c.acquired_on) for c in holdings(ronggeng)] == [
        ("RDP-001", Decimal("65000"), date(2019, 7, 3)),
        ("RDP-002", Decimal("65000"), date(2019, 7, 3)),
    ]
    cafe = results[2].record
    assert bib_fields(cafe).title == "Café di Kota Metro"
    assert holdings(cafe)[0].price == Decimal("75000.50")
    assert bib_fields(results[3].record).title == "Catatan “Harian” Guru"


def test_a_row_without_a_title_is_an_error_naming_line_and_column():
    missing = read("messy/katalog_excel_cp1252.csv")[1]
    assert missing.error == "Kolom Judul kosong: judul wajib diisi."
    assert missing.line == 3


def test_bad_values_are_dropped_with_a_warning_naming_the_column():
    cafe, guru = read("messy/katalog_excel_cp1252.csv")[2:]
    assert any("Tanggal Perolehan" in w and "31-02-2021" in w for w in cafe.warnings)
    assert any("ISBN" in w and "seharusnya 8" in w for w in cafe.warnings)
    assert any("Tahun Terbit" in w for w in guru.warnings)
    assert bib_fields(guru.record).language == "jav"


def test_a_file_without_a_title_column_is_one_error():
    (result,) = read_text("pengarang,penerbit\nAndrea Hirata,Bentang\n")
    assert (result.record, result.line) == (None, 1)
    assert "judul" in result.error


def test_an_unclosed_quote_stops_the_file_with_the_line():
    results = read_text('judul,pengarang\nLaskar Pelangi,Andrea Hirata\n"Bumi Manusia,Pramoedya\n')
    assert results[0].record is not None
    assert len(results) <= 2


def test_tab_separated_files_with_a_bom_and_english_headers_are_read():
    (result,) = read_text(
        "\ufefftitle\tauthors\tyear\tbarcode\r\nSang Pemimpi\tHirata, Andrea\t2006\tK-1\r\n"
    )
    fields = bib_fields(result.record)
    assert (fields.title, fields.authors, fields.year) == ("Sang Pemimpi", ["Hirata, Andrea"], 2006)
    assert holdings(result.record)[0].barcode == "K-1"


def test_copy_columns_pair_up_by_position():
    text = "judul,barkode,lokasi,harga,status\nBumi Manusia,A1 | A2,Anak | Dewasa,50000,| hilang\n"
    (result,) = read_text(text)
    copies = holdings(result.record)
    assert [(c.barcode, c.location, c.price, c.status_hint) for c in copies] == [
        ("A1", "Anak", Decimal("50000"), ""), ("A2", "Dewasa", Decimal("50000"), "lost"),
    ]  # fmt: skip


def test_rows_without_a_control_number_get_a_stable_one_so_reimports_match():
    text = "judul,pengarang\nLaskar Pelangi,Andrea Hirata\n"
    (first,), (second,) = read_text(text), read_text(text)
    assert first.record["001"].data == second.record["001"].data
    assert first.record["001"].data.startswith("csv")


@pytest.mark.parametrize(
    ("text", "price"),
    [("Rp 75.000", "75000"), ("75.000,00", "75000.00"), ("75000", "75000"), ("12.50", "12.50"),
     ("1.250.000", "1250000"), ("IDR 1,250,000.50", "1250000.50"), ("gratis", None)],
)  # fmt: skip
def test_prices_are_read_the_way_they_are_written_in_indonesia(text, price):
    assert parse_price(text) == (Decimal(price) if price else None)


def test_list_cells_keep_semicolons_inside_values():
    assert split_list("Siever, Ellen; Love, Robert") == ["Siever, Ellen", "Love, Robert"]
    assert split_list("Her Waste ; pt. 1") == ["Her Waste ; pt. 1"]
    for values in (["Industrial workers; life style"], ["A", "B;C"], ["Everyman&apos;s library"]):
        assert split_list(list_cell(values)) == values


def test_the_header_names_of_all_three_systems_are_in_the_grepable_mapping():
    for name in ("JUDUL UTAMA", "TAJUK PENGARANG", "NO. BARCODE", "KODE LOKASI RUANG", "judul",
                 "pengarang", "title", "isbn", "item_codes", "series_title", "gmd"):  # fmt: skip
        assert fold(name) in HEADERS
